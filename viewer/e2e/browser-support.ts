/**
 * Shared by the browser tests and the benchmark: build the viewer once (Vite, to dist/viewer),
 * write the demo fixture, serve both, and drive Debian's Chromium headless with SwiftShader WebGL.
 * Every request the page makes is recorded, so tests can assert none leaves the local origin.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { writeDemoFixture, type DemoFixture } from './demo-fixture.ts';
import { startFixtureServer, type FixtureServer } from './fixture-server.ts';

export const VIEWER_DIST = path.resolve('dist/viewer');
export const ARTIFACTS = path.resolve('test-artifacts/viewer');
export const VIEWPORT = { width: 640, height: 400 };

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--disable-default-apps', '--disable-domain-reliability', '--metrics-recording-only', '--no-pings',
];

export async function buildViewer(): Promise<void> {
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'warn' });
}

export interface Harness {
  fixture: DemoFixture;
  server: FixtureServer;
  context: BrowserContext;
  userDataDir: string;
  fixtureDir: string;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const fixtureDir = await mkdtemp(path.join(tmpdir(), 'cimflow-viewer-fixture-'));
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'cimflow-chromium-'));
  const [fixture] = await Promise.all([writeDemoFixture(fixtureDir), buildViewer()]);
  const server = await startFixtureServer(VIEWER_DIST, fixture);
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: VIEWPORT, headless: true });
  return {
    fixture, server, context, userDataDir, fixtureDir,
    async close() {
      await context.close().catch(() => {});
      await server.close();
      await rm(fixtureDir, { recursive: true, force: true });
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  page: Page;
  /** Every URL the page requested. */
  requests: string[];
  consoleErrors: string[];
}

export async function openViewer(h: Harness, query = 'lang=en'): Promise<OpenedPage> {
  const page = await h.context.newPage();
  const requests: string[] = [], consoleErrors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(`${h.server.url}?${query}`);
  return { page, requests, consoleErrors };
}

/** Mean and standard deviation of the globe canvas's pixels (RGB), read in the page. */
export async function canvasStats(page: Page): Promise<{ mean: number; std: number; distinct: number; blueish: number }> {
  return page.evaluate(() => {
    const viewer = window.__cimflow.viewer!;
    viewer.scene.requestRender();
    viewer.render();
    const src = viewer.scene.canvas;
    const c = document.createElement('canvas');
    c.width = src.width; c.height = src.height;
    const g = c.getContext('2d')!;
    g.drawImage(src, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let sum = 0, sq = 0, blueish = 0;
    const colours = new Set<number>();
    for (let i = 0; i < d.length; i += 4) {
      const v = (d[i] + d[i + 1] + d[i + 2]) / 3;
      sum += v; sq += v * v;
      if (d[i + 2] > d[i] + 40 && d[i + 2] > d[i + 1] + 10) blueish++;
      colours.add((d[i] >> 3) << 10 | (d[i + 1] >> 3) << 5 | (d[i + 2] >> 3));
    }
    const n = d.length / 4, mean = sum / n;
    return { mean, std: Math.sqrt(sq / n - mean * mean), distinct: colours.size, blueish };
  });
}

/** Waits until the viewer has loaded every visible tile and rendered. */
export async function waitForTiles(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => {
    const v = window.__cimflow.viewer;
    if (!window.__cimflow.ready || !v) return false;
    v.scene.requestRender();
    const tilesetsLoaded = (window.__cimflow.tilesetsLoaded as (() => boolean) | undefined)?.() ?? true;
    return v.scene.globe.tilesLoaded && tilesetsLoaded && window.__cimflow.frames > 2;
  }, undefined, { timeout, polling: 250 });
}
