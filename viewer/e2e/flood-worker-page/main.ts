/**
 * A test page (flood-worker.browser.test.ts): runs the shared flood case with flood-sim's `simulate`
 * over browser Web Workers and exposes the last frame's depths (Float32 bytes, base64).
 */
import { browserWorkerFactory, simulate, type FloodFrame } from '../../../flood-sim/index.ts';
import { floodWorkerCase } from '../flood-worker-case.ts';

declare global {
  interface Window {
    runFlood(workers: number): Promise<{ isolated: boolean; frames: number; steps: number; wetCells: number; depth: string }>;
  }
}

window.runFlood = async (workers) => {
  let last: FloodFrame | undefined, frames = 0;
  for await (const f of simulate(floodWorkerCase(), { workers, workerFactory: browserWorkerFactory })) {
    last = f;
    frames++;
  }
  const bytes = new Uint8Array(last!.depth.buffer, last!.depth.byteOffset, last!.depth.byteLength);
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return { isolated: crossOriginIsolated, frames, steps: last!.steps, wetCells: last!.wetCells, depth: btoa(text) };
};
document.getElementById('state')!.textContent = 'ready';
