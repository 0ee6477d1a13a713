/**
 * The demo town under the 50-year design storm with its storm drains (dual drainage): a 1 km town generated
 * like the demo city (same generator), DEM coarsened to 8 m, 2.5 h (2 h storm + 0.5 h after).
 * Pipes surcharge onto the streets, water ponds at the underpass and the depressions, drains away after
 * the storm, and one volume balance closes over both domains.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCity } from '../../scripts/demo-city/generate-demo-city.ts';
import { parseDemoCityOptions } from '../../scripts/demo-city/demo-city-options.ts';
import { simulateCoupled, type CoupledFrame } from './coupled-run.ts';
import { loadDemoCityCase, type DemoCityCase } from './demo-city.test-support.ts';

let dir: string;
let demo: DemoCityCase;
const frames: CoupledFrame[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dual-drainage-'));
  const town = path.join(dir, 'town');
  await generateDemoCity(parseDemoCityOptions({ output: town, size: 1000, seed: 1 }));
  demo = await loadDemoCityCase(town, { cell: 8, duration: 2.5 * 3600, outputInterval: 600 });
  for await (const f of simulateCoupled(demo.model, demo.network, { workers: 0 })) frames.push(f);
}, 600_000); // ~60 s alone on 2 cores; CI runs it beside the browser tests

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('demo town, 50-year storm, dual drainage', () => {
  it('surcharges the pipes and takes street water in', () => {
    const last = frames[frames.length - 1];
    const ns = demo.network.nodeStats;
    let surcharged = 0;
    for (let n = 0; n < ns.timeSurcharged.length; n++) if (ns.timeSurcharged[n] > 0) surcharged++;
    console.log(JSON.stringify({ surcharged, nodes: ns.timeSurcharged.length, exchange: last.drainage.exchange, links: demo.network.net.nodeIds.length }));
    // Measured: 46 of 390 nodes surcharged (head above the crown); 14 000 m³ in through the inlets, which
    // the outfalls give to the river cells; only ~7 m³ spill onto streets (the outfalls' first minutes, when
    // the river stage fills the pipes): the 3-year pipes run full, the inlets limit what reaches them.
    expect(surcharged).toBeGreaterThan(10);
    expect(last.drainage.exchange.toNetwork).toBeGreaterThan(5000);
    expect(last.drainage.exchange.outfallToSurface).toBeGreaterThan(5000);
  });

  it('ponds at the underpass and the depressions, and drains away after the storm', () => {
    const m = demo.model;
    const last = frames[frames.length - 1];
    const stormEnd = frames.find((f) => f.time >= demo.stormEnd)!;
    const cellOf = ([x, y]: [number, number]) => Math.floor((x - m.x0) / m.dx) + Math.floor((m.y0 - y) / m.dx) * m.nx;
    const figures = demo.hotspots.map((h) => {
      const c = cellOf(h.at);
      // the deepest water within one cell of the hotspot's point
      let max = 0, end = 0;
      for (let dj = -1; dj <= 1; dj++) {
        for (let di = -1; di <= 1; di++) {
          const k = c + di + dj * m.nx;
          max = Math.max(max, last.maxima.depth[k]);
          end = Math.max(end, last.depth[k]);
        }
      }
      return { id: h.id, kind: h.kind, max, end };
    });
    const peakStored = Math.max(...frames.map((f) => f.balance.stored));
    console.log(JSON.stringify({ figures, peakStored, storedAtStormEnd: stormEnd.balance.stored, storedAtEnd: last.balance.stored, balance: last.drainage.balance, network: last.drainage.network.relativeError, wall: last.wallSeconds, wall1d: last.drainage.wallSeconds, steps: last.steps }));
    // Measured: underpass 0.09 m (0.19 m at 1 h without the drains), old-town depression 0.28 m; the north
    // and west depressions are too small for 8 m cells (~0.01 m, with or without drains).
    const underpass = figures.find((f) => f.kind === 'underpass')!;
    expect(underpass.max).toBeGreaterThan(0.05);
    expect(figures.find((f) => f.id === 'depression-old-town')!.max).toBeGreaterThan(0.15);
    for (const f of figures) expect(f.end, f.id).toBeLessThanOrEqual(f.max);
    // half an hour after the storm the streets hold less than half their peak
    expect(last.balance.stored).toBeLessThan(0.5 * peakStored);
  });

  it('closes one volume balance over the surface and the network (< 0.5 %)', () => {
    const last = frames[frames.length - 1];
    expect(Math.abs(last.balance.relativeError)).toBeLessThan(1e-5);
    expect(Math.abs(last.drainage.balance.relativeError)).toBeLessThan(0.005);
  });
});
