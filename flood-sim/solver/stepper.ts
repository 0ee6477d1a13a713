/**
 * The time loop of one strip of rows, shared by the in-process runner and by every worker:
 * updateFluxes → barrier → updateDepths → barrier → global Δt from every strip's maximum depth.
 * All workers compute the same Δt from the same slots, so time stays in step without messages.
 */
import { computeTimeStep, createKernel, type CellSources, type FloodKernel, type SolverParams } from './local-inertial.ts';
import { fillForcing, newForcing, nextEvent, type ForcingModel } from './forcing.ts';
import { CTRL, SLOT, type FloodArrays } from './state.ts';

export interface StripRunner {
  arrays: FloodArrays;
  params: SolverParams;
  forcing: ForcingModel;
  sources: CellSources;
  rows: [number, number];
  worker: number;
  workers: number;
  /** Simulated time (s) and steps taken so far (identical on every worker). */
  t: number;
  steps: number;
  /** The solver passes specialised to this strip's arrays. */
  kernel: FloodKernel;
}

export interface RunResult {
  t: number;
  steps: number;
  unstable: boolean;
}

/**
 * Sense-reversing barrier on shared Int32 words (count, generation). Atomics.wait is allowed in
 * Node's main thread and in any worker; with one strip it returns at once.
 */
export function barrier(ctrl: Int32Array, parties: number): void {
  if (parties <= 1) return;
  const gen = Atomics.load(ctrl, CTRL.generation);
  if (Atomics.add(ctrl, CTRL.count, 1) === parties - 1) {
    Atomics.store(ctrl, CTRL.count, 0);
    Atomics.add(ctrl, CTRL.generation, 1);
    Atomics.notify(ctrl, CTRL.generation);
    return;
  }
  // Spin briefly (steps are short), then sleep.
  for (let s = 0; s < 2000; s++) if (Atomics.load(ctrl, CTRL.generation) !== gen) return;
  while (Atomics.load(ctrl, CTRL.generation) === gen) Atomics.wait(ctrl, CTRL.generation, gen);
}

export function createStripRunner(init: Omit<StripRunner, 't' | 'steps' | 'kernel'> & { t?: number }): StripRunner {
  return { ...init, t: init.t ?? 0, steps: 0, kernel: createKernel(init.arrays, init.params) };
}

/** Global time-step reduction: the maxima of depth and speed over every strip's slots. */
function globalMax(r: StripRunner, field: number): number {
  let m = 0;
  for (let k = 0; k < r.workers; k++) m = Math.max(m, r.arrays.slots[k * SLOT.perWorker + field]);
  return m;
}

/** Advance this strip to time tEnd (s), in lockstep with the other strips. */
export function runUntil(r: StripRunner, tEnd: number): RunResult {
  const { arrays: a, params: p } = r;
  const forcing = newForcing(r.forcing);
  const [j0, j1] = r.rows;
  const diagSlot = r.workers * SLOT.perWorker;
  while (r.t < tEnd) {
    let dt = computeTimeStep(p, globalMax(r, SLOT.hMax), globalMax(r, SLOT.uMax));
    let last = false;
    const ev = nextEvent(r.forcing, r.t);
    if (ev - r.t < dt) dt = ev - r.t;
    if (tEnd - r.t <= dt) {
      dt = tEnd - r.t;
      last = true;
    }
    fillForcing(r.forcing, r.t, dt, forcing);
    r.kernel.updateFluxes(forcing, j0, j1);
    barrier(a.ctrl, r.workers);
    r.kernel.updateDepths(forcing, r.sources, j0, j1, r.worker * SLOT.perWorker, diagSlot);
    barrier(a.ctrl, r.workers);
    if (Atomics.load(a.ctrl, CTRL.unstable) !== 0) return { t: r.t, steps: r.steps, unstable: true };
    r.t = last ? tEnd : r.t + dt;
    r.steps++;
  }
  return { t: r.t, steps: r.steps, unstable: false };
}
