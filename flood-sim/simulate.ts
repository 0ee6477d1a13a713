/**
 * simulate(model): runs the 2D overland flow model and yields a frame at every output interval.
 * The time step is the solver's; frames come at fixed times (the last step before a frame is shortened
 * to land on it). With `workers: 0` the strip loop runs in this thread; with N ≥ 1 it runs on N workers
 * that share the grids (SharedArrayBuffers) — results are identical bit for bit either way.
 */
import { initBlockFlags } from './solver/local-inertial.ts';
import { allocateBuffers, BUDGET, BUDGET_FIELDS, CTRL, DIAG, SLOT, stripRows, viewBuffers, type FloodArrays } from './solver/state.ts';
import { createStripRunner, runUntil } from './solver/stepper.ts';
import type { FloodModel } from './model.ts';
import type { FromWorker, WorkerFactory, WorkerLike } from './worker/protocol.ts';
import { defaultWorkerFactory } from './worker/spawn.ts';

export interface SimulateOptions {
  /** 0 = run in this thread (default); N = N workers over strips of rows. */
  workers?: number;
  /** How workers are created (defaults: Node worker_threads under Node, Web Workers in a browser). */
  workerFactory?: WorkerFactory;
  /** A model the surface exchanges water with (a 1D drainage network, flood-sim/coupling). */
  coupling?: SurfaceCoupling;
}

/**
 * Operator splitting with another model: the solver stops every `interval` seconds (and at frames); with the
 * workers idle, `exchange` advances the other model over [t0, t1], changes `a.h` where water moves (keeping
 * `a.blockWet` and the depth slots current) and returns the volumes (m³) it gave to and took from the surface.
 */
export interface SurfaceCoupling {
  interval: number;
  exchange(t0: number, t1: number, a: FloodArrays): { toSurface: number; toNetwork: number };
}

/** Volumes (m³) since the start; error = initial + rain + inflow + fromNetwork − outflow − losses − toNetwork − stored. */
export interface VolumeBalance {
  initial: number;
  rain: number;
  inflow: number;
  outflow: number;
  losses: number;
  /** Exchange with a coupled model (SimulateOptions.coupling): given to the surface, taken from it. */
  fromNetwork: number;
  toNetwork: number;
  stored: number;
  error: number;
  /** error / max(initial + rain + inflow + fromNetwork, tiny). */
  relativeError: number;
}

export interface FloodMaxima {
  depth: Float32Array;
  speed: Float32Array;
  /** Hazard rating HR = d (v + 0.5) + DF. */
  hazard: Float32Array;
  /** Time (s) of first depth above the wetting threshold, −1 if never. */
  firstWet: Float32Array;
  /** Seconds above the ponding depth (0.15 m by default). */
  durationAbove: Float32Array;
}

export interface FloodFrame {
  index: number;
  /** Simulated time (s). */
  time: number;
  /** Solver steps since the start. */
  steps: number;
  /** Wall-clock seconds since the start. */
  wallSeconds: number;
  /** Depth (m) and cell-centred velocity (m/s, x east, y north), copies owned by the caller. */
  depth: Float32Array;
  u: Float32Array;
  v: Float32Array;
  /** Running maxima: live views into the solver's arrays, valid until the iterator advances. */
  maxima: FloodMaxima;
  balance: VolumeBalance;
  /** Cells whose depth exceeds the wet/dry threshold. */
  wetCells: number;
}

export class FloodInstabilityError extends Error {
  constructor(readonly cell: { column: number; row: number; x: number; y: number }, readonly time: number, readonly quantity: 'depth' | 'speed', readonly value: number) {
    super(
      `the run went unstable at t = ${time.toFixed(3)} s in cell column ${cell.column}, row ${cell.row} ` +
      `(x ${cell.x.toFixed(2)}, y ${cell.y.toFixed(2)}): ${quantity} ${value} ${quantity === 'depth' ? 'm' : 'm/s'}; reduce solver.cfl or check the inputs there`,
    );
    this.name = 'FloodInstabilityError';
  }
}

function fillState(a: FloodArrays, m: FloodModel): void {
  a.z.set(m.z);
  a.manning.set(m.manning);
  a.open.set(m.open);
  a.rainFactor.set(m.rainFactor);
  a.h.set(m.h0);
  a.hMax.set(m.h0);
  a.firstWet.fill(-1);
  for (let c = 0; c < m.h0.length; c++) if (m.h0[c] > m.params.wetThreshold) a.firstWet[c] = 0;
  a.limiter.fill(1);
  a.bcType.set(m.bcType);
  a.bcValue.set(m.bcValue);
  a.gaugeWeights.set(m.gaugeWeights);
  initBlockFlags(a, m.params);
  let top = 0;
  for (let c = 0; c < m.h0.length; c++) top = Math.max(top, m.h0[c]);
  a.slots[SLOT.hMax] = top;
}

function storedVolume(a: FloodArrays, area: number): number {
  let s = 0;
  for (let c = 0; c < a.h.length; c++) s += a.h[c];
  return s * area;
}

function balanceOf(a: FloodArrays, ny: number, initial: number, area: number, exchange: { fromNetwork: number; toNetwork: number }): VolumeBalance {
  let rain = 0, losses = 0, inflow = 0, outflow = 0;
  for (let j = 0; j < ny; j++) {
    rain += a.rowBudget[j * BUDGET_FIELDS + BUDGET.rain];
    losses += a.rowBudget[j * BUDGET_FIELDS + BUDGET.loss];
    inflow += a.rowBudget[j * BUDGET_FIELDS + BUDGET.inflow];
    outflow += a.rowBudget[j * BUDGET_FIELDS + BUDGET.outflow];
  }
  const stored = storedVolume(a, area);
  const { fromNetwork, toNetwork } = exchange;
  const error = initial + rain + inflow + fromNetwork - outflow - losses - toNetwork - stored;
  return {
    initial, rain, inflow, outflow, losses, fromNetwork, toNetwork, stored, error,
    relativeError: error / Math.max(initial + rain + inflow + fromNetwork, 1e-12),
  };
}

/** Cell-centred velocities from the face discharges (m/s; v positive northward); returns the fastest cell. */
function velocities(a: FloodArrays, nx: number, ny: number, hVel: number, u: Float32Array, v: Float32Array): { cell: number; speed: number } {
  let fastest = { cell: -1, speed: 0 };
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const c = i + j * nx;
      const h = a.h[c];
      if (h > hVel) {
        u[c] = (0.5 * (a.qx[i + j * (nx + 1)] + a.qx[i + 1 + j * (nx + 1)])) / h;
        v[c] = (-0.5 * (a.qy[c] + a.qy[c + nx])) / h;
        const sp = Math.hypot(u[c], v[c]);
        if (!(sp <= fastest.speed)) fastest = { cell: c, speed: sp };
      } else {
        u[c] = 0;
        v[c] = 0;
      }
    }
  }
  return fastest;
}

/** Drives N workers (or the current thread) step-locked to the next output time. */
interface Driver {
  runUntil(tEnd: number): Promise<{ t: number; steps: number; unstable: boolean }>;
  close(): Promise<void>;
}

function inlineDriver(a: FloodArrays, m: FloodModel): Driver {
  const runner = createStripRunner({ arrays: a, params: m.params, forcing: m.forcing, sources: m.sources, rows: [0, m.ny], worker: 0, workers: 1 });
  return {
    runUntil: async (tEnd) => runUntil(runner, tEnd),
    close: async () => {},
  };
}

async function workerDriver(buffers: ReturnType<typeof allocateBuffers>, m: FloodModel, n: number, factory: WorkerFactory): Promise<Driver> {
  const workers: WorkerLike[] = [];
  let pending: { left: number; resolve: (r: { t: number; steps: number; unstable: boolean }) => void; reject: (e: Error) => void; result: { t: number; steps: number; unstable: boolean } } | null = null;
  const settle = (msg: FromWorker) => {
    if (!pending) return;
    if (msg.type === 'error') {
      const p = pending;
      pending = null;
      p.reject(new Error(`flood worker ${msg.worker}: ${msg.message}`));
      return;
    }
    if (msg.type === 'done') {
      pending.result = { t: msg.t, steps: msg.steps, unstable: pending.result.unstable || msg.unstable };
    }
    if (--pending.left === 0) {
      const p = pending;
      pending = null;
      p.resolve(p.result);
    }
  };
  const waitAll = (send: () => void) =>
    new Promise<{ t: number; steps: number; unstable: boolean }>((resolve, reject) => {
      pending = { left: n, resolve, reject, result: { t: 0, steps: 0, unstable: false } };
      send();
    });
  for (let k = 0; k < n; k++) {
    const w = await factory();
    w.onMessage(settle);
    w.onError((e) => {
      if (pending) {
        const p = pending;
        pending = null;
        p.reject(e);
      }
    });
    workers.push(w);
  }
  await waitAll(() =>
    workers.forEach((w, k) =>
      w.postMessage({
        type: 'init', buffers, params: m.params, forcing: m.forcing, sources: m.sources,
        gauges: m.forcing.gaugeSeries.length, worker: k, workers: n, rows: stripRows(m.ny, n, k), t: 0,
      }),
    ),
  );
  return {
    runUntil: (tEnd) => waitAll(() => workers.forEach((w) => w.postMessage({ type: 'run', tEnd }))),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Runs the model; yields frame 0 (the initial state) and one frame per output interval up to the duration. */
export async function* simulate(m: FloodModel, options: SimulateOptions = {}): AsyncGenerator<FloodFrame, void, undefined> {
  const nWorkers = Math.max(0, Math.floor(options.workers ?? 0));
  if (nWorkers > m.ny) throw new Error(`workers: ${nWorkers} workers need at least as many rows, the grid has ${m.ny}`);
  const gauges = m.forcing.gaugeSeries.length;
  const slotsFor = Math.max(1, nWorkers);
  const buffers = allocateBuffers(m.nx, m.ny, gauges, slotsFor);
  const a = viewBuffers(buffers, m.nx, m.ny, gauges, slotsFor);
  fillState(a, m);
  const area = m.dx * m.dx;
  const initial = storedVolume(a, area);
  const exchanged = { fromNetwork: 0, toNetwork: 0 };
  const start = performance.now();
  const instability = (cell: number, time: number, what: 'depth' | 'speed', value: number) => {
    const column = cell % m.nx, row = Math.floor(cell / m.nx);
    return new FloodInstabilityError({ column, row, x: m.x0 + (column + 0.5) * m.dx, y: m.y0 - (row + 0.5) * m.dx }, time, what, value);
  };
  const cells = m.nx * m.ny;
  const frame = (index: number, time: number, steps: number): FloodFrame => {
    const u = new Float32Array(cells), v = new Float32Array(cells);
    const fastest = velocities(a, m.nx, m.ny, m.params.hVelocity, u, v);
    // The in-step checks see each cell's speed at its depth during the step; this one sees the frame itself.
    if (!(fastest.speed <= m.params.uLimit)) throw instability(fastest.cell, time, 'speed', fastest.speed);
    let wetCells = 0;
    for (let c = 0; c < cells; c++) if (a.h[c] > m.params.hMin) wetCells++;
    return {
      index, time, steps, wallSeconds: (performance.now() - start) / 1000,
      depth: a.h.slice(), u, v,
      maxima: { depth: a.hMax, speed: a.vMax, hazard: a.hazardMax, firstWet: a.firstWet, durationAbove: a.durationAbove },
      balance: balanceOf(a, m.ny, initial, area, exchanged),
      wetCells,
    };
  };
  const driver = nWorkers === 0 ? inlineDriver(a, m) : await workerDriver(buffers, m, nWorkers, options.workerFactory ?? defaultWorkerFactory());
  const coupling = options.coupling;
  if (coupling && !(coupling.interval > 0)) throw new Error(`coupling interval must be positive, found ${coupling.interval}`);
  const run = async (t0: number, tEnd: number): Promise<number> => {
    let t = t0, steps = 0;
    while (t < tEnd) {
      const t1 = coupling ? Math.min(tEnd, t + coupling.interval) : tEnd;
      if (coupling) {
        const x = coupling.exchange(t, t1, a);
        exchanged.fromNetwork += x.toSurface;
        exchanged.toNetwork += x.toNetwork;
      }
      const r = await driver.runUntil(t1);
      const flag = Atomics.load(a.ctrl, CTRL.unstable);
      if (r.unstable || flag !== 0) {
        const d = slotsFor * SLOT.perWorker;
        throw instability(a.slots[d + DIAG.cell], a.slots[d + DIAG.time], flag === 2 ? 'speed' : 'depth', a.slots[d + DIAG.value]);
      }
      steps = r.steps;
      t = t1;
    }
    return steps;
  };
  try {
    yield frame(0, 0, 0);
    const count = Math.ceil(m.duration / m.outputInterval - 1e-9);
    for (let k = 1; k <= count; k++) {
      const tEnd = Math.min(m.duration, k * m.outputInterval);
      const steps = await run(Math.min(m.duration, (k - 1) * m.outputInterval), tEnd);
      yield frame(k, tEnd, steps);
    }
  } finally {
    await driver.close();
  }
}
