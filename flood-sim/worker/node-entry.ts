/** Node worker_threads entry (loaded through node-bootstrap.mjs, which registers tsx). */
import { parentPort } from 'node:worker_threads';
import { createWorkerHandler } from './worker-core.ts';
import type { ToWorker } from './protocol.ts';

const port = parentPort!;
const handle = createWorkerHandler((m) => port.postMessage(m), () => port.close());
port.on('message', (m: ToWorker) => handle(m));
