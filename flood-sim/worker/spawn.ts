/**
 * Worker factories: Node worker_threads or browser Web Workers behind one WorkerLike interface.
 * Node modules are imported lazily so that bundling this file for the browser pulls in nothing from Node.
 */
import type { FromWorker, WorkerFactory, WorkerLike } from './protocol.ts';

const NODE_BOOTSTRAP = './node-bootstrap.mjs';

export const nodeWorkerFactory: WorkerFactory = async () => {
  const wt = 'node:worker_threads';
  const { Worker } = (await import(/* @vite-ignore */ wt)) as typeof import('node:worker_threads');
  // The file name is a variable so that Vite does not recognise `new Worker(new URL('…', import.meta.url))`
  // and bundle the Node bootstrap (and tsx) as a browser worker.
  const bootstrap = new URL(NODE_BOOTSTRAP, import.meta.url);
  const w = new Worker(bootstrap);
  return {
    postMessage: (m) => w.postMessage(m),
    onMessage: (h) => void w.on('message', (m: FromWorker) => h(m)),
    onError: (h) => void w.on('error', h),
    terminate: () => w.terminate(),
  } satisfies WorkerLike;
};

export const browserWorkerFactory: WorkerFactory = () => {
  const w = new Worker(new URL('./web-worker.ts', import.meta.url), { type: 'module' });
  return {
    postMessage: (m) => w.postMessage(m),
    onMessage: (h) => w.addEventListener('message', (e: MessageEvent<FromWorker>) => h(e.data)),
    onError: (h) => w.addEventListener('error', (e: ErrorEvent) => h(new Error(e.message))),
    terminate: () => w.terminate(),
  } satisfies WorkerLike;
};

/** Node when running under Node, Web Workers otherwise. */
export function defaultWorkerFactory(): WorkerFactory {
  const isNode = typeof process !== 'undefined' && Boolean(process.versions?.node);
  return isNode ? nodeWorkerFactory : browserWorkerFactory;
}
