/**
 * Verification against EPA SWMM 5.2.4 status reports (../shared/data/flood): node max depth within 5 % or
 * 2 cm, link peak flow within 5 %, flooding volumes within 1 %, continuity errors within 1 percentage point.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { parseInp } from './parse-inp.ts';
import { parseRpt, type RptTables } from './parse-rpt.ts';
import { runSwmm, type SwmmReport } from './run-swmm.ts';

function run(dir: string, inp: string, rpt: string): { report: SwmmReport; ref: RptTables } {
  const file = sharedDataPath('flood', dir, inp);
  const report = runSwmm(parseInp(readFileSync(file, 'utf8'), { file }));
  const ref = parseRpt(readFileSync(sharedDataPath('flood', dir, rpt), 'latin1'));
  return { report, ref };
}

/** Compare node depths, link flows, flooding and routing continuity with the reference report. */
function compareTables(report: SwmmReport, ref: RptTables, twoCm: number): void {
  expect(ref.nodeDepth.size).toBe(report.nodeDepth.length);
  for (const n of report.nodeDepth) {
    const r = ref.nodeDepth.get(n.node)!;
    const tol = Math.max(0.05 * r.max, twoCm);
    expect(Math.abs(n.maxDepth - r.max), `node ${n.node} max depth ${n.maxDepth} vs ${r.max}`).toBeLessThanOrEqual(tol + 0.005);
  }
  expect(ref.linkFlow.size).toBe(report.linkFlow.length);
  for (const l of report.linkFlow) {
    const r = ref.linkFlow.get(l.link)!;
    expect(Math.abs(l.maxFlow - r.flow), `link ${l.link} peak flow ${l.maxFlow} vs ${r.flow}`).toBeLessThanOrEqual(0.05 * r.flow + 0.005);
  }
  const flooded = new Map(report.nodeFlooding.map((f) => [f.node, f]));
  for (const [node, r] of ref.nodeFlooding) {
    const f = flooded.get(node);
    expect(f, `node ${node} floods in the reference`).toBeDefined();
    expect(Math.abs(f!.totalVolume - r.volume), `node ${node} flood volume ${f!.totalVolume} vs ${r.volume}`).toBeLessThanOrEqual(0.01 * r.volume + 0.0005);
  }
  for (const f of report.nodeFlooding) expect(ref.nodeFlooding.has(f.node), `node ${f.node} floods only here`).toBe(true);
  expect(Math.abs(report.routingContinuity.errorPct - ref.routing.get('Continuity Error (%)')!)).toBeLessThanOrEqual(1);
}

describe.skipIf(!hasSharedData())('runSwmm against EPA SWMM 5.2.4', () => {
  it('Example1 (KINWAVE, nonlinear-reservoir runoff, Horton): node 10 floods', () => {
    const { report, ref } = run('swmm-networks', 'Example1.inp', 'Example1.rpt');
    compareTables(report, ref, 0.02 / 0.3048);
    const n10 = report.nodeFlooding.find((f) => f.node === '10')!;
    expect(n10.hoursFlooded).toBeCloseTo(2.8, 1);
    expect(Math.abs(n10.maxRate - 4.54)).toBeLessThanOrEqual(0.05 * 4.54);
    expect(Math.abs(report.runoffContinuity!.errorPct - ref.runoff.get('Continuity Error (%)')!)).toBeLessThanOrEqual(1);
    expect(Math.abs(report.runoffContinuity!.runoff - ref.runoff.get('Surface Runoff')!)).toBeLessThanOrEqual(0.01 * ref.runoff.get('Surface Runoff')!);
  });

  it('extran1 (DYNWAVE, surcharge and flooding)', () => {
    const { report, ref } = run('swmm-networks', 'extran1.inp', 'extran1.rpt');
    compareTables(report, ref, 0.02 / 0.3048);
  });

  it('EA test 8B network alone (CMS, variable step, ponding): J1 overflow', () => {
    const { report, ref } = run('ea-test8b-1d', 'test8b_drainage_ponding.inp', 'swmm524_standalone_test8b.rpt');
    const j1 = report.nodeFlooding.find((f) => f.node === 'J1')!;
    expect(j1.hoursFlooded).toBeCloseTo(1.32, 1);
    expect(Math.abs(j1.totalVolume - 1.495)).toBeLessThanOrEqual(0.01 * 1.495);
    expect(Math.abs(j1.timeOfMax - (3600 + 45 * 60))).toBeLessThanOrEqual(60);
    expect(report.nodeFlooding.map((f) => f.node)).toEqual(['J1']);
    const r = ref.nodeDepth;
    expect(Math.abs(j1.maxRate - 1.085)).toBeLessThanOrEqual(0.05 * 1.085);
    for (const n of report.nodeDepth) {
      expect(Math.abs(n.maxDepth - r.get(n.node)!.max), n.node).toBeLessThanOrEqual(Math.max(0.05 * r.get(n.node)!.max, 0.02));
    }
    for (const l of report.linkFlow) expect(Math.abs(l.maxFlow / ref.linkFlow.get(l.link)!.flow - 1), l.link).toBeLessThanOrEqual(0.05);
    expect(Math.abs(report.routingContinuity.errorPct - ref.routing.get('Continuity Error (%)')!)).toBeLessThanOrEqual(1);
  });

  it('swmmio full-features model (storage, Type 4 pump, transverse weir), first 11 h', () => {
    // Reference: EPA SWMM 5.2.4 (Build 5.2.4) run on ../shared/data/cim/swmm-inp/model_full_features_network_xy.inp
    // with END_DATE 11/01/2015, END_TIME 11:00:00 (values from its status report).
    const file = sharedDataPath('cim', 'swmm-inp', 'model_full_features_network_xy.inp');
    const model = parseInp(readFileSync(file, 'utf8'), { file });
    for (const o of model.options) {
      if (o.key === 'END_DATE') o.value = '11/01/2015';
      if (o.key === 'END_TIME') o.value = '11:00:00';
    }
    const report = runSwmm(model);
    const depth = new Map(report.nodeDepth.map((n) => [n.node, n.maxDepth]));
    const refDepth: [string, number][] = [['J3', 1.49], ['1', 0.95], ['2', 0.41], ['3', 0.37], ['4', 0.84], ['5', 1.0], ['J1', 2.26]];
    for (const [node, d] of refDepth) expect(Math.abs(depth.get(node)! - d), node).toBeLessThanOrEqual(Math.max(0.05 * d, 0.02 / 0.3048));
    const flow = new Map(report.linkFlow.map((l) => [l.link, l.maxFlow]));
    const refFlow: [string, number][] = [['C1:C2', 2.49], ['1:4', 2.56], ['4:5', 2.32], ['5:J1', 2.2], ['3:4', 0.15], ['2:5', 1.18], ['C2', 3.49], ['C3', 6.04]];
    for (const [link, q] of refFlow) expect(Math.abs(flow.get(link)! / q - 1), link).toBeLessThanOrEqual(0.05);
    expect(report.nodeFlooding.map((f) => f.node)).toEqual(['5']);
    expect(report.nodeFlooding[0].hoursFlooded).toBeCloseTo(0.42, 1);
    expect(Math.abs(report.nodeFlooding[0].totalVolume - 0.01)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(report.routingContinuity.errorPct - 0.143)).toBeLessThanOrEqual(1);
    expect(Math.abs(report.runoffContinuity!.errorPct - -0.282)).toBeLessThanOrEqual(1);
  });

  it('user4 (DYNWAVE 24 h, runoff): no flooding, outfall peak 172.2 cfs', () => {
    const { report, ref } = run('swmm-networks', 'user4.inp', 'user4.rpt');
    compareTables(report, ref, 0.02 / 0.3048);
    expect(report.nodeFlooding).toEqual([]);
    const peak = Math.max(...report.outfalls.map((o) => o.maxFlow));
    expect(Math.abs(peak - 172.2)).toBeLessThanOrEqual(0.05 * 172.2);
    expect(Math.abs(report.runoffContinuity!.errorPct - ref.runoff.get('Continuity Error (%)')!)).toBeLessThanOrEqual(1);
  }, 120_000);
});
