/**
 * flood-sim's browser path: `simulate(model, { workers: 2 })` in Chromium over Web Workers sharing
 * the grids in SharedArrayBuffers (the real server sends COOP/COEP, so the page is cross-origin
 * isolated), compared bit for bit with the same run in Node.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate, type FloodFrame } from '../../flood-sim/index.ts';
import { createServer, type CimflowServer } from '../../server/index.ts';
import { CHROMIUM_ARGS, VIEWPORT } from './browser-support.ts';
import { floodWorkerCase } from './flood-worker-case.ts';

let dir: string, server: CimflowServer, url: string, browser: Browser;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cimflow-flood-worker-'));
  const page = path.join(dir, 'page');
  await build({
    configFile: false, root: path.resolve('viewer/e2e/flood-worker-page'), base: './', logLevel: 'warn',
    worker: { format: 'es' }, build: { outDir: page, emptyOutDir: true, sourcemap: false },
  });
  server = await createServer({ port: 0, host: '127.0.0.1', dataDir: path.join(dir, 'data'), viewerDir: page, logger: false });
  url = `${await server.start()}/`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('flood-sim in the browser', () => {
  it('runs with 2 Web Workers and ends with the same depths as in Node, bit for bit', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.locator('#state', { hasText: 'ready' }).waitFor({ timeout: 30_000 });
    const workersBefore = page.workers().length;
    const run = page.evaluate((n) => window.runFlood(n), 2);
    await expect.poll(() => page.workers().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(workersBefore + 2);
    const browserRun = await run;
    expect(errors).toEqual([]);
    expect(browserRun.isolated).toBe(true);

    let last: FloodFrame | undefined, frames = 0;
    for await (const f of simulate(floodWorkerCase())) {
      last = f;
      frames++;
    }
    expect(browserRun.frames).toBe(frames);
    expect(browserRun.steps).toBe(last!.steps);
    expect(browserRun.wetCells).toBe(last!.wetCells);
    expect(last!.wetCells).toBeGreaterThan(100);
    const nodeDepth = Buffer.from(last!.depth.buffer, last!.depth.byteOffset, last!.depth.byteLength);
    expect(Buffer.from(browserRun.depth, 'base64').equals(nodeDepth)).toBe(true);
    await page.close();
  }, 120_000);
});
