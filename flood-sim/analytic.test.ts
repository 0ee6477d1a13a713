/**
 * Analytic verification on ../shared/data/flood (SWASHES solutions, Itzi's MacDonald cases).
 * Tolerances are stated per case; what the local inertial scheme cannot do is marked `it.fails`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../data/index.ts';
import { parseEsriAscii, type Raster } from './raster.ts';
import { modelFrom, runAll, syntheticRaster } from './testing.ts';
import { simulate } from './simulate.ts';

function csv(...parts: string[]): number[][] {
  return readFileSync(sharedDataPath('flood', ...parts), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
}

/** Exact h interpolated at x from a csv sampled every 0.01 m. */
function exactAt(rows: number[][], x: number): number {
  const k = Math.min(rows.length - 2, Math.max(0, Math.floor(x / (rows[1][0] - rows[0][0]))));
  const w = (x - rows[k][0]) / (rows[k + 1][0] - rows[k][0]);
  return rows[k][1] + w * (rows[k + 1][1] - rows[k][1]);
}

/** Dam break on a 10 m flat frictionless channel (one row of cells), run to t = 6 s. */
async function dambreak(file: string, hr: number, dx: number) {
  const rows = csv('analytic', file);
  const nx = Math.round(10 / dx);
  const dem = syntheticRaster('dem', nx, 1, dx, () => 0);
  const h0 = syntheticRaster('h0', nx, 1, dx, (x) => (x < 5 ? 0.005 : hr));
  const m = modelFrom({
    dem: 'dem', manning: 0, initialWater: { depth: { raster: 'h0' } }, duration: 6, outputInterval: 6,
    solver: { hMin: 1e-7, theta: 1, cfl: 0.7, advection: true, hAdvection: 1e-5 },
  }, { dem, h0 });
  const { last } = await runAll(m);
  let l1 = 0, front = 0, frontExact = 0;
  for (let i = 0; i < nx; i++) {
    const x = (i + 0.5) * dx;
    const he = exactAt(rows, x);
    l1 += Math.abs(last.depth[i] - he) * dx;
    if (last.depth[i] > hr + 1e-5) front = x;
    if (he > hr + 1e-5) frontExact = x;
  }
  return { l1, front, frontExact, balance: last.balance };
}

describe.skipIf(!hasSharedData())('dam breaks (SWASHES, t = 6 s)', () => {
  it('Ritter (dry bed): conserves volume and the L1 error of h falls with the cell size', async () => {
    const r = [await dambreak('ritter_dry_dambreak_t6.csv', 0, 0.04), await dambreak('ritter_dry_dambreak_t6.csv', 0, 0.02), await dambreak('ritter_dry_dambreak_t6.csv', 0, 0.01)];
    for (const x of r) expect(Math.abs(x.balance.relativeError)).toBeLessThan(1e-6);
    expect(r[1].l1).toBeLessThan(r[0].l1);
    expect(r[2].l1).toBeLessThan(r[1].l1);
    // Measured 2.4e-3, 2.25e-3, 2.14e-3 m²: the volume is 0.025 m², the error ~9 % and barely first order.
    expect(r[2].l1).toBeLessThan(2.5e-3);
  });

  // Known limitation: a dry-bed front is supercritical (Fr → ∞), where the local inertial scheme has no
  // convective acceleration; the front lags the exact 7.66 m by ~1.5 m (measured front 6.1–6.2 m).
  it.fails('Ritter: front within 2 cells of the exact one', async () => {
    const r = await dambreak('ritter_dry_dambreak_t6.csv', 0, 0.02);
    expect(Math.abs(r.front - r.frontExact)).toBeLessThanOrEqual(2 * 0.02);
  });

  it('Stoker (wet bed): conserves volume; L1 error bounded', async () => {
    const r = [await dambreak('stoker_wet_dambreak_t6.csv', 0.001, 0.04), await dambreak('stoker_wet_dambreak_t6.csv', 0.001, 0.02)];
    for (const x of r) expect(Math.abs(x.balance.relativeError)).toBeLessThan(1e-6);
    expect(r[1].l1).toBeLessThan(r[0].l1);
    expect(r[1].l1).toBeLessThan(2.5e-3);
  });

  it.fails('Stoker: shock within 2 cells of the exact one', async () => {
    const r = await dambreak('stoker_wet_dambreak_t6.csv', 0.001, 0.02);
    expect(Math.abs(r.front - r.frontExact)).toBeLessThanOrEqual(2 * 0.02);
  });
});

/** Every other cell of a raster (a coarser grid of the same extent, cell centres shifted by dx/2). */
function coarsen(r: Raster): Raster {
  const nx = Math.floor(r.nx / 2), ny = Math.floor(r.ny / 2);
  const data = new Float32Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) data[i + j * nx] = r.data[2 * i + 1 + (2 * j + 1) * r.nx];
  return { ...r, nx, ny, dx: 2 * r.dx, dy: 2 * r.dy, x0: r.x0 + r.dx / 2, y0: r.y0 - r.dy / 2, data };
}

describe.skipIf(!hasSharedData())("Thacker's planar oscillation in a paraboloid", () => {
  it('keeps the period within 3 % and the volume within 1e-6', async () => {
    const read = (f: string) => parseEsriAscii(readFileSync(sharedDataPath('flood', 'analytic', f), 'utf8'), f);
    const bed = coarsen(read('thacker_planar_2d_bed.asc'));
    const h0 = coarsen(read('thacker_planar_2d_h_t0.00T.asc'));
    const T = 4.485701;
    const frames = 40;
    const m = modelFrom({
      dem: 'bed', manning: 0, initialWater: { depth: { raster: 'h0' } }, duration: 1.25 * T, outputInterval: T / frames,
      solver: { hMin: 1e-5, theta: 0.9, advection: false },
    }, { bed, h0 });
    // The planar surface tilts around the centre: the x-centroid of the water oscillates with the period T.
    const xs: number[] = [];
    let v0 = 0, vEnd = 0;
    for await (const f of simulate(m)) {
      let sx = 0, s = 0;
      for (let j = 0; j < m.ny; j++) for (let i = 0; i < m.nx; i++) {
        const h = f.depth[i + j * m.nx];
        sx += h * (i + 0.5) * m.dx;
        s += h;
      }
      xs.push(sx / s);
      if (f.index === 0) v0 = f.balance.stored;
      vEnd = f.balance.stored;
    }
    let k = frames - 5;
    for (let q = frames - 5; q <= frames + 5; q++) if (xs[q] > xs[k]) k = q;
    const off = (0.5 * (xs[k - 1] - xs[k + 1])) / (xs[k - 1] - 2 * xs[k] + xs[k + 1]);
    const period = (k + off) * (T / frames);
    expect(Math.abs(period - T) / T).toBeLessThan(0.03);
    expect(Math.abs(vEnd - v0) / v0).toBeLessThan(1e-6);
    expect(v0).toBeCloseTo(0.157078, 2);
  }, 60_000);
});

describe.skipIf(!hasSharedData())('MacDonald 1D steady flow (Itzi test data)', () => {
  async function macdonald(name: string, q: number, rainMmH: number, duration: number) {
    const rows = csv('macdonald-1d', `${name}.csv`);
    const nx = rows.length, dx = 5;
    const dem = syntheticRaster('dem', nx, 3, dx, (_x, _y, i) => rows[i][1]);
    const m = modelFrom({
      dem: 'dem', manning: 0.033,
      boundaries: { default: 'closed', edges: [{ edge: 'east', type: 'free' }] },
      // Unit inflow q (m²/s) over the 15 m wide west column, as Itzi's 0.4 / 0.2 m/s into 5 m cells.
      inflows: [{ line: [[2.5, 14], [2.5, 1]], hydrograph: [[0, q * 15], [duration, q * 15]] }],
      ...(rainMmH > 0 ? { rain: { type: 'uniform' as const, hyetograph: [[0, rainMmH], [duration, 0]] as [number, number][] } } : {}),
      duration, outputInterval: duration, solver: { dtMax: 2, advection: true },
    }, { dem });
    const { last } = await runAll(m);
    let err = 0, vMax = 0;
    for (let i = 0; i < nx; i++) err += Math.abs(last.depth[i + nx] + rows[i][1] - rows[i][2]);
    for (let c = 0; c < last.v.length; c++) vMax = Math.max(vMax, Math.abs(last.v[c]));
    return { meanError: err / nx, vMax, balance: last.balance };
  }

  it('without rain: mean |ΔWSE| < 0.03 m, no transverse flow, volume balance < 1e-5', async () => {
    const r = await macdonald('mcdo_norain', 2, 0, 1200);
    expect(r.meanError).toBeLessThan(0.03); // measured 0.006 m
    expect(r.vMax).toBe(0);
    expect(Math.abs(r.balance.relativeError)).toBeLessThan(1e-5);
  });

  it('with 0.001 m/s rain: mean |ΔWSE| < 0.03 m', async () => {
    const r = await macdonald('mcdo_rain', 1, 3600, 2400);
    expect(r.meanError).toBeLessThan(0.03); // measured 0.016 m
    expect(r.vMax).toBe(0);
    expect(Math.abs(r.balance.relativeError)).toBeLessThan(1e-4);
  });
});
