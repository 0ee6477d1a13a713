import { describe, expect, it } from 'vitest';
import { parseInp } from './parse-inp.ts';
import { runSwmm } from './run-swmm.ts';

/**
 * A river reach of natural (irregular) cross-sections with overbank roughness and a meander factor, fixed-stage
 * outfall, CMS units. Reference values: EPA SWMM 5.2.4 (Build 5.2.4) run on this exact text.
 */
const RIVER = `[OPTIONS]
FLOW_UNITS           CMS
FLOW_ROUTING         DYNWAVE
START_DATE           01/01/2020
START_TIME           00:00:00
END_DATE             01/01/2020
END_TIME             12:00:00
REPORT_STEP          00:05:00
WET_STEP             00:05:00
ROUTING_STEP         0:00:10
INERTIAL_DAMPING     PARTIAL
NORMAL_FLOW_LIMITED  BOTH
VARIABLE_STEP        0.75
[JUNCTIONS]
R1  20    6  0  0  0
R2  19.4  6  0  0  0
R3  18.9  6  0  0  0
[OUTFALLS]
OUT 18.5 FIXED 19.6 NO
[CONDUITS]
L1  R1  R2   1200  0.035  0  0  0  0
L2  R2  R3   1000  0.035  0  0  0  0
L3  R3  OUT  800   0.035  0  0  0  0
[XSECTIONS]
L1  IRREGULAR  T1  0  0  0  1
L2  IRREGULAR  T1  0  0  0  1
L3  IRREGULAR  T2  0  0  0  1
[TRANSECTS]
NC 0.06 0.06 0.035
X1 T1 7 20 60 0.0 0.0 1.2 0.0 0.0
GR 6 0 4 10 2.5 20 0 30 0.3 45 2.5 60 6 80
NC 0.05 0.07 0.03
X1 T2 6 15 50 0.0 0.0 0.0 0.0 0.0
GR 5 0 2 15 0 25 0.5 40 2 50 5 70
[INFLOWS]
R1  FLOW  hydro  FLOW  1.0  1.0  2
[TIMESERIES]
hydro  0   0
hydro  2   60
hydro  4   120
hydro  6   40
hydro  12  0
`;

describe('irregular cross-sections (transects)', () => {
  it('routes a natural river reach as EPA SWMM 5.2.4 does', () => {
    const report = runSwmm(parseInp(RIVER, { file: 'river.inp' }));
    const depth = Object.fromEntries(report.nodeDepth.map((n) => [n.node, n.maxDepth]));
    expect(depth.R1).toBeCloseTo(3.48, 1);
    expect(depth.R2).toBeCloseTo(3.37, 1);
    expect(depth.R3).toBeCloseTo(3.11, 1);
    expect(depth.OUT).toBeCloseTo(1.75, 1);
    const flow = Object.fromEntries(report.linkFlow.map((l) => [l.link, l]));
    for (const [link, q] of [['L1', 119.81], ['L2', 116.992], ['L3', 116.331]] as const) {
      expect(Math.abs(flow[link].maxFlow / q - 1), link).toBeLessThan(0.01);
      expect(flow[link].type).toBe('CHANNEL');
    }
    expect(flow.L1.maxVelocity).toBeCloseTo(1.33, 1);
    expect(report.routingContinuity.errorPct).toBeCloseTo(0.229, 1);
  });
});
