/** Browser Web Worker entry (bundled by Vite: `new Worker(new URL('./web-worker.ts', import.meta.url), { type: 'module' })`). */
import { createWorkerHandler } from './worker-core.ts';
import type { ToWorker } from './protocol.ts';

const scope = self as unknown as { postMessage(m: unknown): void; close(): void; onmessage: ((e: { data: ToWorker }) => void) | null };
const handle = createWorkerHandler((m) => scope.postMessage(m), () => scope.close());
scope.onmessage = (e) => handle(e.data);
