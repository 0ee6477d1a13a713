/**
 * Shared by the browser tests and the benchmark: build the viewer (Vite, to dist/viewer), make the
 * demo town (demo-town.ts), serve both with the real cimflow server (server/createServer: SQLite in
 * the town's data folder, tokens per role, the sensor service with an embedded MQTT broker, flood
 * scenarios run by the server), and drive Debian's Chromium headless with SwiftShader WebGL. Every
 * request the page makes is recorded, so tests can assert none leaves the local origin.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { createServer, type CimflowServer, type Role, type ScenarioRequest, type ScenarioSummary, type ServerOptions } from '../../server/index.ts';
import { sensorPlugin } from '../../server/sensors/index.ts';
import { makeDemoTown, type DemoTown } from './demo-town.ts';

export const VIEWER_DIST = path.resolve('dist/viewer');
export const ARTIFACTS = path.resolve('test-artifacts/viewer');
export const VIEWPORT = { width: 640, height: 400 };

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--disable-default-apps', '--disable-domain-reliability', '--metrics-recording-only', '--no-pings',
];

/** The flood runs the harness asks the server for (5-minute design storms; the replay covers 20 minutes). */
export const HARNESS_SCENARIOS: ScenarioRequest[] = [
  { name: 'P=100a T=5min', kind: 'design-storm', returnPeriod: 100, duration: 300, simDuration: 1200 },
  { name: 'P=5a T=5min', kind: 'design-storm', returnPeriod: 5, duration: 300, simDuration: 1200 },
];

export async function buildViewer(): Promise<void> {
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'warn' });
}

/** A TCP port that was free a moment ago (for the embedded MQTT broker, which must be told one). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export interface Harness {
  town: DemoTown;
  server: CimflowServer;
  /** The server's base URL, with a trailing slash. */
  url: string;
  mqttUrl: string;
  /** The bearer token of a role (tokens.json of the data folder). */
  token(role: Role): string;
  /** The finished scenario runs, in HARNESS_SCENARIOS order. */
  scenarios: ScenarioSummary[];
  context: BrowserContext;
  /** Stops the server (the page sees it go away). */
  stopServer(): Promise<void>;
  /** Starts it again on the same ports over the same data folder. */
  restartServer(): Promise<void>;
  close(): Promise<void>;
}

async function runScenario(url: string, token: string, request: ScenarioRequest): Promise<ScenarioSummary> {
  const r = await fetch(`${url}api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(request) });
  if (!r.ok) throw new Error(`POST api/scenarios: HTTP ${r.status} ${await r.text()}`);
  const { id } = (await r.json()) as ScenarioSummary;
  for (const t0 = Date.now(); Date.now() - t0 < 600_000;) {
    const s = (await (await fetch(`${url}api/scenarios/${id}`)).json()) as ScenarioSummary;
    if (s.state === 'done') return s;
    if (s.state === 'failed' || s.state === 'cancelled') throw new Error(`scenario ${request.name}: ${s.state} ${s.error ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`scenario ${request.name}: not done after 10 minutes`);
}

export async function startHarness(): Promise<Harness> {
  const townDir = await mkdtemp(path.join(tmpdir(), 'cimflow-viewer-town-'));
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'cimflow-chromium-'));
  const [town] = await Promise.all([makeDemoTown(townDir), buildViewer()]);
  const mqttPort = await freePort();
  const options: ServerOptions = {
    port: 0, host: '127.0.0.1', dataDir: town.modelDir, cityDir: town.cityDir, viewerDir: VIEWER_DIST, publicReadOnly: true,
    floodInputs: town.floodInputs, scenarios: { outputInterval: 60, floodWorkers: 1 }, logger: false,
    // The demo feed creates the town's sensors (Things, Locations, Datastreams with thresholds); its readings
    // are kept rare (one per sensor every 20 min) so that the tests' own readings are what the UI shows.
    sensors: sensorPlugin({ mqtt: { embedded: { port: mqttPort } }, demoFeedRate: 1 / 1200 }),
  };
  let server = await createServer(options);
  const base = await server.start();
  const port = Number(new URL(base).port);
  const url = `${base}/`;
  const tokens = new Map(server.tokens.userTokens().map((t) => [t.role, t.token]));
  const token = (role: Role) => tokens.get(role)!;
  const scenarios: ScenarioSummary[] = [];
  for (const request of HARNESS_SCENARIOS) scenarios.push(await runScenario(url, token('flood-command'), request));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: VIEWPORT, headless: true });
  let running = true;
  return {
    town, get server() { return server; }, url, mqttUrl: `mqtt://127.0.0.1:${mqttPort}`, token, scenarios, context,
    async stopServer() {
      running = false;
      await server.stop();
    },
    async restartServer() {
      server = await createServer({ ...options, port });
      await server.start();
      running = true;
    },
    async close() {
      await context.close().catch(() => {});
      if (running) await server.stop();
      await rm(townDir, { recursive: true, force: true });
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  page: Page;
  /** Every URL the page requested. */
  requests: string[];
  /** Responses with an HTTP error status: "status URL". */
  failed: string[];
  consoleErrors: string[];
}

export async function openViewer(h: Pick<Harness, 'context' | 'url'>, query = 'lang=en'): Promise<OpenedPage> {
  const page = await h.context.newPage();
  const requests: string[] = [], failed: string[] = [], consoleErrors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(`${h.url}?${query}`);
  return { page, requests, failed, consoleErrors };
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
