/**
 * The body of a solver worker: routes messages to the pure stepper. No Node or DOM imports,
 * so Node's worker_threads entry and the browser's Web Worker entry are both one-line wrappers.
 */
import { createStripRunner, runUntil, type StripRunner } from '../solver/stepper.ts';
import { viewBuffers } from '../solver/state.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

export function createWorkerHandler(reply: (m: FromWorker) => void, close: () => void): (m: ToWorker) => void {
  let runner: StripRunner | null = null;
  let id = -1;
  return (m) => {
    try {
      if (m.type === 'init') {
        id = m.worker;
        const nx = m.params.nx, ny = m.params.ny;
        runner = createStripRunner({
          arrays: viewBuffers(m.buffers, nx, ny, m.gauges, m.workers),
          params: m.params, forcing: m.forcing, sources: m.sources,
          rows: m.rows, worker: m.worker, workers: m.workers, t: m.t,
        });
        reply({ type: 'ready', worker: id });
      } else if (m.type === 'run') {
        if (!runner) throw new Error('run before init');
        const r = runUntil(runner, m.tEnd);
        reply({ type: 'done', worker: id, ...r });
      } else {
        close();
      }
    } catch (e) {
      reply({ type: 'error', worker: id, message: (e as Error).stack ?? String(e) });
    }
  };
}
