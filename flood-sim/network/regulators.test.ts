import { describe, expect, it } from 'vitest';
import { parseInp } from './parse-inp.ts';
import { runSwmm } from './run-swmm.ts';

/**
 * Storage unit (tabular) drained by a side orifice and a surcharging transverse weir, a flooding inlet node,
 * a closed rectangular pipe into a tidal (time-series) outfall; SWMM's default options (DYNWAVE, partial
 * inertial damping, variable step 0.75). Reference: EPA SWMM 5.2.4 (Build 5.2.4) run on this exact text.
 */
const MODEL = `
[OPTIONS]
FLOW_UNITS           CFS
FLOW_ROUTING         DYNWAVE
START_DATE           01/01/2020
START_TIME           00:00:00
END_DATE             01/01/2020
END_TIME             08:00:00
REPORT_STEP          00:05:00
WET_STEP             00:05:00
ROUTING_STEP         0:00:05
[JUNCTIONS]
A    100   8  0  0  0
C    95    8  0  0  0
D    94    8  0  0  0
[STORAGE]
S    96    10  0  TABULAR  SC  0  0
[OUTFALLS]
O1   90    TIMESERIES  tide  NO
O2   93    FREE   NO
[CONDUITS]
P1   A    S    400   0.013  0  0  0  0
P2   C    D    300   0.013  0  0  0  0
P3   D    O1   300   0.013  0  0  0  0
[ORIFICES]
OR1  S    C    SIDE   0.5   0.65  NO  0
[WEIRS]
W1   S    O2   TRANSVERSE  4  3.33  NO  0  0  YES
[XSECTIONS]
P1   CIRCULAR     2  0 0 0 1
P2   CIRCULAR     1.5  0 0 0 1
P3   RECT_CLOSED  1.5  2 0 0 1
OR1  CIRCULAR     1  0 0 0
W1   RECT_OPEN    2  6 0 0
[CURVES]
SC   Storage  0  500
SC            4  1500
SC            10 3000
[INFLOWS]
A  FLOW  hyd  FLOW  1.0  1.0  0.5
[TIMESERIES]
hyd   0  0
hyd   1  30
hyd   2  60
hyd   3  20
hyd   8  0
tide  0  91
tide  3  95
tide  8  91
`;

describe('weirs, orifices, storage and time-series outfalls', () => {
  it('match EPA SWMM 5.2.4', () => {
    const report = runSwmm(parseInp(MODEL, { file: 'regulators.inp' }));
    const depth = Object.fromEntries(report.nodeDepth.map((n) => [n.node, n.maxDepth]));
    const refDepth: [string, number][] = [['A', 8.0], ['C', 2.06], ['D', 1.33], ['S', 5.05], ['O1', 5.0]];
    for (const [node, d] of refDepth) expect(Math.abs(depth[node] - d), node).toBeLessThanOrEqual(0.02);
    const flow = Object.fromEntries(report.linkFlow.map((l) => [l.link, l]));
    const refFlow: [string, number, string][] = [['P1', 29.83, 'CONDUIT'], ['P2', 8.24, 'CONDUIT'], ['P3', 8.2, 'CONDUIT'], ['OR1', 8.24, 'ORIFICE'], ['W1', 21.62, 'WEIR']];
    for (const [link, q, type] of refFlow) {
      expect(Math.abs(flow[link].maxFlow / q - 1), link).toBeLessThanOrEqual(0.01);
      expect(flow[link].type).toBe(type);
    }
    expect(report.nodeFlooding.map((f) => f.node)).toEqual(['A']);
    expect(report.nodeFlooding[0].hoursFlooded).toBeCloseTo(1.79, 1);
    expect(Math.abs(report.nodeFlooding[0].maxRate - 30.67)).toBeLessThanOrEqual(0.05 * 30.67);
    expect(Math.abs(report.nodeFlooding[0].totalVolume - 0.74)).toBeLessThanOrEqual(0.01 * 0.74);
    expect(Math.abs(report.routingContinuity.errorPct - -0.015)).toBeLessThanOrEqual(0.1);
  });
});

/** The model above for 1 day from Friday 01/03/2020 with dry-weather flows and a patterned baseline (EPA SWMM 5.2.4). */
const DWF_MODEL = `
[OPTIONS]
FLOW_UNITS           CFS
FLOW_ROUTING         DYNWAVE
START_DATE           01/03/2020
START_TIME           00:00:00
END_DATE             01/04/2020
END_TIME             00:00:00
REPORT_STEP          00:05:00
WET_STEP             00:05:00
ROUTING_STEP         0:00:20
[JUNCTIONS]
A    100   8  0  0  0
C    95    8  0  0  0
D    94    8  0  0  0
[STORAGE]
S    96    10  0  TABULAR  SC  0  0
[OUTFALLS]
O1   90    TIMESERIES  tide  NO
O2   93    FREE   NO
[CONDUITS]
P1   A    S    400   0.013  0  0  0  0
P2   C    D    300   0.013  0  0  0  0
P3   D    O1   300   0.013  0  0  0  0
[ORIFICES]
OR1  S    C    SIDE   0.5   0.65  NO  0
[WEIRS]
W1   S    O2   TRANSVERSE  4  3.33  NO  0  0  YES
[XSECTIONS]
P1   CIRCULAR     2  0 0 0 1
P2   CIRCULAR     1.5  0 0 0 1
P3   RECT_CLOSED  1.5  2 0 0 1
OR1  CIRCULAR     1  0 0 0
W1   RECT_OPEN    2  6 0 0
[CURVES]
SC   Storage  0  500
SC            4  1500
SC            10 3000
[INFLOWS]
A  FLOW  hyd  FLOW  1.0  1.0  0.5  hp
[TIMESERIES]
hyd   01/03/2020 00:00  0
hyd   1  30
hyd   2  60
hyd   3  20
hyd   8  0
tide  0  91
tide  3  95
tide  8  91
[DWF]
C  FLOW  2.5  mp  dp  hp  wp
D  FLOW  1.0  ""  ""  hp
[PATTERNS]
mp  MONTHLY  1.2 1 1 1 1 1 1 1 1 1 1 1
dp  DAILY    0.8 1 1 1.1 1 1 0.7
hp  HOURLY   0.5 0.4 0.4 0.4 0.5 0.8 1.2 1.5 1.4 1.2 1.1 1.0 1.0 1.0 1.0 1.1 1.2 1.4 1.5 1.3 1.1 0.9 0.7 0.6
wp  WEEKEND  0.6 0.5 0.5 0.5 0.5 0.6 0.8 1.0 1.2 1.3 1.3 1.2 1.2 1.2 1.2 1.2 1.3 1.3 1.2 1.1 1.0 0.9 0.8 0.7
`;

describe('dry-weather flows and time patterns', () => {
  it('give the dry-weather and external volumes of EPA SWMM 5.2.4', () => {
    const report = runSwmm(parseInp(DWF_MODEL, { file: 'dwf.inp' }));
    const c = report.routingContinuity;
    expect(Math.abs(c.dryWeatherInflow / 7.67 - 1)).toBeLessThan(0.002);
    expect(Math.abs(c.externalInflow / 13.354 - 1)).toBeLessThan(0.002);
    expect(Math.abs(c.externalOutflow / 18.777 - 1)).toBeLessThan(0.002);
    expect(Math.abs(c.errorPct - -0.017)).toBeLessThan(0.1);
  });
});
