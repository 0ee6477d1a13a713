/**
 * Messages between the coordinator and a solver worker. Plain data only (SharedArrayBuffers are shared,
 * typed arrays of series are copied), so the same protocol serves Node worker_threads and browser Web Workers.
 */
import type { CellSources, SolverParams } from '../solver/local-inertial.ts';
import type { ForcingModel } from '../solver/forcing.ts';
import type { FloodBuffers } from '../solver/state.ts';

export interface InitMessage {
  type: 'init';
  buffers: FloodBuffers;
  params: SolverParams;
  forcing: ForcingModel;
  sources: CellSources;
  gauges: number;
  worker: number;
  workers: number;
  rows: [number, number];
  t: number;
}
export interface RunMessage {
  type: 'run';
  tEnd: number;
}
export interface CloseMessage {
  type: 'close';
}
export type ToWorker = InitMessage | RunMessage | CloseMessage;

export type FromWorker =
  | { type: 'ready'; worker: number }
  | { type: 'done'; worker: number; t: number; steps: number; unstable: boolean }
  | { type: 'error'; worker: number; message: string };

/** What the coordinator needs of a worker, whichever kind it is. */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  onMessage(handler: (message: FromWorker) => void): void;
  onError(handler: (error: Error) => void): void;
  terminate(): void | Promise<unknown>;
}

export type WorkerFactory = () => WorkerLike | Promise<WorkerLike>;
