import { describe, expect, it } from 'vitest';
import { modelFrom, runAll, syntheticRaster } from './testing.ts';
import { FloodInstabilityError } from './simulate.ts';
import type { ScenarioInput } from './scenario.ts';

/** Rough ground (sin·cos bumps of ±0.3 m on 2 m cells) with a 9 x 14-cell building. */
const dem = syntheticRaster('dem', 60, 40, 2, (x, y) => 10 + 0.3 * Math.sin(x) * Math.cos(1.3 * y));
const buildings = syntheticRaster('buildings', 60, 40, 2, (_x, _y, i, j) => (i > 10 && i < 20 && j > 10 && j < 25 ? 1 : 0));
const rasters = { dem, buildings };

describe('conservation and well-balancing', () => {
  it('keeps a lake at rest over rough ground with buildings at rest (|u| < 1e-6 m/s)', async () => {
    const m = modelFrom({ dem: 'dem', manning: 0.05, buildings: { raster: 'buildings' }, initialWater: { level: 10.2 }, duration: 600, outputInterval: 300, solver: { hMin: 1e-4 } }, rasters);
    const { last } = await runAll(m);
    let uMax = 0, dh = 0;
    for (let c = 0; c < last.u.length; c++) {
      uMax = Math.max(uMax, Math.hypot(last.u[c], last.v[c]));
      dh = Math.max(dh, Math.abs(last.depth[c] - m.h0[c]));
    }
    expect(last.steps).toBeGreaterThan(100);
    expect(uMax).toBeLessThan(1e-6);
    expect(dh).toBeLessThan(1e-6);
    // The lake is partly dry (bumps above 10.2 m): wet/dry fronts must not move either.
    expect(last.wetCells).toBeGreaterThan(0);
    expect(last.wetCells).toBeLessThan(60 * 40 - 126);
  });

  it('stores exactly the rain that falls into a closed box (relative error < 1e-6)', async () => {
    const m = modelFrom({
      dem: 'dem', manning: 0.05, buildings: { raster: 'buildings' },
      rain: { type: 'uniform', hyetograph: [[0, 50], [1800, 10], [2400, 0]] }, duration: 3600, outputInterval: 600,
    }, rasters);
    const { last } = await runAll(m);
    const openArea = (60 * 40 - 9 * 14) * 4;
    const rain = openArea * (0.05 * 0.5 + 0.01 * (600 / 3600));
    expect(last.balance.rain).toBeCloseTo(rain, 6);
    expect(last.balance.outflow).toBe(0);
    expect(Math.abs(last.balance.stored - rain) / rain).toBeLessThan(1e-6);
    expect(Math.abs(last.balance.relativeError)).toBeLessThan(1e-6);
  });

  it('balances rain, free outflow and runoff-coefficient losses', async () => {
    const slope = syntheticRaster('dem', 40, 20, 5, (x) => 20 - 0.01 * x);
    const m = modelFrom({
      dem: 'dem', manning: 0.03, boundaries: { default: 'closed', edges: [{ edge: 'east', type: 'free' }] },
      rain: { type: 'uniform', hyetograph: [[0, 60], [900, 0]] }, losses: { type: 'runoff-coefficient', coefficient: 0.7 },
      duration: 1800, outputInterval: 600,
    }, { dem: slope });
    const { last } = await runAll(m);
    const b = last.balance;
    expect(b.rain).toBeCloseTo(40 * 20 * 25 * 0.06 * 0.25, 6);
    expect(b.losses / b.rain).toBeCloseTo(0.3, 6);
    expect(b.outflow).toBeGreaterThan(0.1 * b.rain);
    expect(Math.abs(b.relativeError)).toBeLessThan(1e-6);
  });

  it('stops an unstable run with a diagnostic naming where, when and what, not NaN frames', async () => {
    // Frictionless deep water over ±3 m bumps with a 50 m³/s inflow, run at Courant number 6 (stable limit ~0.7).
    const bumps = syntheticRaster('dem', 30, 30, 1, (x, y) => 3 * Math.sin(x) * Math.sin(y));
    const s: ScenarioInput = {
      dem: 'dem', manning: 0, initialWater: { level: 5 }, inflows: [{ point: [5, 5], hydrograph: [[0, 50], [100, 50]] }],
      duration: 120, outputInterval: 30, solver: { cfl: 6, theta: 1, advection: false },
    };
    const m = modelFrom(s, { dem: bumps });
    const err = await runAll(m).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FloodInstabilityError);
    const e = err as FloodInstabilityError;
    expect(e.message).toMatch(/unstable at t = [\d.]+ s in cell column \d+, row \d+ .*speed [\d.]+ m\/s/);
    expect(e.cell.column).toBeGreaterThanOrEqual(0);
    expect(e.time).toBeGreaterThan(0);
  });
});

describe('outputs', () => {
  it('times first wetting, ponding duration and hazard on a flat closed box filling at 600 mm/h', async () => {
    // h(t) = r t with r = 600 mm/h: wet (> 0.01 m) at 60 s, above 0.15 m from 900 s, 0.3 m at 1800 s.
    const flat = syntheticRaster('dem', 10, 10, 2, () => 0);
    const m = modelFrom({ dem: 'dem', manning: 0.03, rain: { type: 'uniform', hyetograph: [[0, 600], [1800, 0]] }, duration: 1800, outputInterval: 600, solver: { dtMax: 5 } }, { dem: flat });
    const { last, frames } = await runAll(m);
    expect(frames.map((f) => f.time)).toEqual([0, 600, 1200, 1800]);
    const c = 55;
    expect(last.depth[c]).toBeCloseTo(0.3, 5);
    expect(last.maxima.depth[c]).toBeCloseTo(0.3, 5);
    expect(Math.abs(last.maxima.firstWet[c] - 60)).toBeLessThanOrEqual(5); // within one time step (dtMax 5 s)
    expect(Math.abs(last.maxima.durationAbove[c] - 900)).toBeLessThanOrEqual(5);
    // Still water: HR = d (0 + 0.5) + DF, DF = 1 above 0.25 m.
    expect(last.maxima.hazard[c]).toBeCloseTo(0.3 * 0.5 + 1, 4);
    expect(last.maxima.speed[c]).toBeLessThan(1e-6);
  });

  it('accounts Horton infiltration as losses', async () => {
    const flat = syntheticRaster('dem', 10, 10, 2, () => 0);
    // f0 = 60 mm/h decaying to fc = 10 mm/h at k = 4 /h, under 100 mm/h for an hour.
    const m = modelFrom({ dem: 'dem', manning: 0.03, rain: { type: 'uniform', hyetograph: [[0, 100], [3600, 0]] }, losses: { type: 'horton', f0: 60, fc: 10, k: 4 }, duration: 3600, outputInterval: 3600, solver: { dtMax: 5 } }, { dem: flat });
    const { last } = await runAll(m);
    // Capacity never exceeds the supply here, so infiltration = ∫ f dt = fc T + (f0 − fc)(1 − e^(−kT))/k.
    const loss = (10 + ((60 - 10) * (1 - Math.exp(-4))) / 4) / 1000 * 400;
    expect(Math.abs(last.balance.losses - loss) / loss).toBeLessThan(1e-3);
    expect(Math.abs(last.balance.relativeError)).toBeLessThan(1e-6);
  });
});

describe('parallel workers', () => {
  it('gives bit-identical results with 0 (in-thread), 1 and 2 worker threads', async () => {
    const m = modelFrom({
      dem: 'dem', manning: 0.04, buildings: { raster: 'buildings' },
      boundaries: { default: 'free', edges: [{ edge: 'north', type: 'stage', stage: [[0, 10.4], [300, 10.6]] }] },
      inflows: [{ point: [30, 10], hydrograph: [[0, 0], [120, 2], [300, 0]] }],
      rain: { type: 'gauges', gauges: [{ x: 0, y: 0, hyetograph: [[0, 80], [200, 0]] }, { x: 120, y: 80, hyetograph: [[0, 20], [300, 0]] }] },
      duration: 300, outputInterval: 100,
    }, rasters);
    const inThread = await runAll(m, { workers: 0 });
    const one = await runAll(m, { workers: 1 });
    const two = await runAll(m, { workers: 2 });
    expect(two.last.steps).toBe(inThread.last.steps);
    expect(one.last.steps).toBe(inThread.last.steps);
    expect(two.last.wetCells).toBeGreaterThan(100);
    for (const r of [one, two]) {
      for (let k = 0; k < inThread.frames.length; k++) {
        expect(Buffer.from(r.frames[k].depth.buffer).equals(Buffer.from(inThread.frames[k].depth.buffer))).toBe(true);
        expect(Buffer.from(r.frames[k].u.buffer).equals(Buffer.from(inThread.frames[k].u.buffer))).toBe(true);
      }
      expect(Buffer.from(r.last.maxima.hazard.buffer).equals(Buffer.from(inThread.last.maxima.hazard.buffer))).toBe(true);
      expect(r.last.balance.stored).toBe(inThread.last.balance.stored);
      expect(r.last.balance.inflow).toBe(inThread.last.balance.inflow);
    }
    expect(Math.abs(two.last.balance.relativeError)).toBeLessThan(1e-5);
  }, 60_000);

  it('skips inactive dry blocks without rain and stays bit-identical with 0 and 2 workers', async () => {
    // A dry 200 x 40 slope with one inflow: most 64-cell blocks stay dry, and without rain the second pass skips them.
    const slope = syntheticRaster('dem', 200, 40, 2, (x, y) => 0.01 * x + 0.002 * y + 0.05 * Math.sin(x / 3));
    const m = modelFrom({
      dem: 'dem', manning: 0.03, boundaries: { default: 'free' },
      inflows: [{ point: [30, 60], hydrograph: [[0, 1], [200, 1]] }], duration: 200, outputInterval: 100,
    }, { dem: slope });
    const inThread = await runAll(m, { workers: 0 });
    const two = await runAll(m, { workers: 2 });
    expect(inThread.last.wetCells).toBeGreaterThan(20);
    expect(inThread.last.wetCells).toBeLessThan(200 * 40 / 4);
    expect(two.last.steps).toBe(inThread.last.steps);
    expect(Buffer.from(two.last.depth.buffer).equals(Buffer.from(inThread.last.depth.buffer))).toBe(true);
    expect(Math.abs(inThread.last.balance.relativeError)).toBeLessThan(1e-6);
  }, 60_000);

  it('lets a stage boundary flood dry edge cells without rain (no block is skipped that a boundary can wet)', async () => {
    const slope = syntheticRaster('dem', 200, 40, 2, (x) => 0.01 * x);
    const m = modelFrom({
      dem: 'dem', manning: 0.03, boundaries: { default: 'closed', edges: [{ edge: 'west', type: 'stage', stage: [[0, 0.3], [200, 0.3]] }] },
      duration: 200, outputInterval: 100,
    }, { dem: slope });
    const inThread = await runAll(m, { workers: 0 });
    const two = await runAll(m, { workers: 2 });
    expect(inThread.last.balance.inflow).toBeGreaterThan(10);
    expect(inThread.last.wetCells).toBeGreaterThan(40);
    expect(Math.abs(inThread.last.balance.relativeError)).toBeLessThan(1e-6);
    expect(Buffer.from(two.last.depth.buffer).equals(Buffer.from(inThread.last.depth.buffer))).toBe(true);
  }, 60_000);
});
