/**
 * The viewer in a real browser: the built bundle (vite build), real tiles written by the
 * project's writers, Debian's Chromium headless with SwiftShader WebGL. Screenshots go to
 * test-artifacts/viewer/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUREAU_TOKEN } from './fixture-server.ts';
import { ARTIFACTS, canvasStats, openViewer, startHarness, waitForTiles, type Harness, type OpenedPage } from './browser-support.ts';

let h: Harness;
let main: OpenedPage;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  h = await startHarness();
  main = await openViewer(h);
  await waitForTiles(main.page, 120_000);
}, 300_000);

afterAll(async () => {
  await h?.close();
});

const shot = (o: OpenedPage, name: string) => o.page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });

describe('viewer in Chromium', { timeout: 120_000 }, () => {
  it('loads the demo with every request on the local origin and renders the tiles', async () => {
    await shot(main, 'demo-loaded');
    const origin = new URL(h.server.url).origin;
    const foreign = main.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(foreign).toEqual([]);
    expect(main.requests.some((u) => u.includes('/terrain/layer.json'))).toBe(true);
    expect(main.requests.some((u) => /\/imagery\/\d+\/\d+\/\d+\.jpg$/.test(u))).toBe(true);
    expect(main.requests.some((u) => u.endsWith('.glb'))).toBe(true);
    const stats = await canvasStats(main.page);
    expect(stats.std).toBeGreaterThan(8);
    expect(stats.distinct).toBeGreaterThan(50);
    expect(await main.page.locator('#banner').isHidden()).toBe(true);
  });
});

describe('planner and live sensors', { timeout: 120_000 }, () => {
  it('shows a building\'s properties when it is clicked', async () => {
    const { page } = main;
    const b = h.fixture.buildings[4];
    const at = await page.evaluate((c) => (window.__cimflow.toScreen as (lon: number, lat: number, h: number) => { x: number; y: number } | null)(c.lon, c.lat, c.height), b);
    expect(at).not.toBeNull();
    await page.mouse.click(at!.x, at!.y);
    await page.locator('#pick-result').waitFor({ timeout: 10_000 });
    const text = await page.locator('#pick-result').innerText();
    expect(text).toContain(b.id);
    expect(text).toMatch(/height/);
    await shot(main, 'building-picked');
  });

  it('shows a reading published to the server within 2 s, and counts malformed messages', async () => {
    const { page } = main;
    await page.locator('#tab-alarms').click();
    const sensor = h.fixture.sensors[0];
    const t0 = Date.now();
    h.server.publish([{ datastream: sensor.datastream, time: new Date().toISOString(), value: 2.345, alarm: 'critical' }]);
    await page.locator('#alarm-list tr[data-level="critical"]', { hasText: '2.35' }).waitFor({ timeout: 2000 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await page.locator('#alarm-list tr').first().innerText()).toContain(sensor.name);
    h.server.sendRaw('{"type":"observations","seq":"x"}');
    h.server.sendRaw('not json');
    await page.locator('#live-malformed', { hasText: '2' }).waitFor({ timeout: 2000 });
    await shot(main, 'sensor-alarm');
  });
});

describe('error states', { timeout: 120_000 }, () => {
  it('shows a banner with retry while the server is down, then loads', async () => {
    h.server.faults.configDown = true;
    const o = await openViewer(h);
    try {
      await o.page.locator('#banner').waitFor({ state: 'visible', timeout: 10_000 });
      expect(await o.page.locator('#banner').innerText()).toMatch(/Cannot reach the server.*503/);
      await shot(o, 'server-down');
      h.server.faults.configDown = false;
      await o.page.locator('#banner button').click();
      await o.page.locator('#banner').waitFor({ state: 'hidden', timeout: 10_000 });
      await o.page.waitForFunction(() => window.__cimflow.ready, undefined, { timeout: 30_000 });
    } finally {
      h.server.faults.configDown = false;
      await o.page.close();
    }
  });

  it('marks the city model unavailable when the tileset is missing, the globe still drawn', async () => {
    h.server.faults.tilesetMissing = true;
    const o = await openViewer(h);
    try {
      await o.page.waitForFunction(() => window.__cimflow.ready, undefined, { timeout: 30_000 });
      await expect.poll(() => o.page.locator('#banner').innerText()).toMatch(/City model unavailable.*404/);
      expect(await o.page.locator('[data-layer="tileset"]').innerText()).toContain('404');
      await waitForTiles(o.page);
      expect((await canvasStats(o.page)).std).toBeGreaterThan(5);
      await shot(o, 'tileset-missing');
    } finally {
      h.server.faults.tilesetMissing = false;
      await o.page.close();
    }
  });
});

describe('flood command and construction bureau', { timeout: 120_000 }, () => {
  it('replays a scenario: the clock advances the frames, water appears, affected buildings are styled', async () => {
    const { page } = main;
    await page.locator('#tab-scenarios').click();
    await page.locator(`tr[data-scenario="${h.fixture.replayId}"] button.replay`).click();
    await page.waitForFunction(() => (window.__cimflow.replay as { frame: number } | undefined) !== undefined, undefined, { timeout: 20_000 });
    await page.evaluate(() => { const v = window.__cimflow.viewer!; v.clock.shouldAnimate = false; v.clock.currentTime = v.clock.startTime.clone(); });
    await page.waitForFunction(() => (window.__cimflow.replay as { frame: number }).frame === -1, undefined, { timeout: 10_000 });
    const dry = await canvasStats(page);
    // Play: the multiplier runs the 10-minute replay in about a minute, so a few seconds pass a frame.
    await page.evaluate(() => { window.__cimflow.viewer!.clock.shouldAnimate = true; });
    await page.waitForFunction(() => (window.__cimflow.replay as { frame: number }).frame >= 0, undefined, { timeout: 20_000 });
    await page.evaluate(() => { const v = window.__cimflow.viewer!; v.clock.shouldAnimate = false; v.clock.currentTime = v.clock.stopTime.clone(); });
    await page.waitForFunction((n) => (window.__cimflow.replay as { frame: number }).frame === n - 1, h.fixture.replayFrames, { timeout: 10_000 });
    await page.waitForTimeout(500);
    const wet = await canvasStats(page);
    await shot(main, 'replay-flooded');
    expect(wet.blueish).toBeGreaterThan(dry.blueish + 500);
    expect(await page.locator('#legend').isVisible()).toBe(true);
    const styled = await page.evaluate(() => (window.__cimflow.city as { layers: Array<{ kind: string; tileset?: { style?: unknown } }> }).layers.filter((l) => l.kind === 'buildings').every((l) => l.tileset?.style !== undefined));
    expect(styled).toBe(true);
  });

  it('charts depth and velocity at a clicked point of the replay', async () => {
    const { page } = main;
    const at = await page.evaluate((c) => (window.__cimflow.toScreen as (lon: number, lat: number, h: number) => { x: number; y: number } | null)(c.lon, c.lat, c.height), h.fixture.valley);
    await page.mouse.click(at!.x, at!.y);
    await page.locator('#pane-properties canvas.chart').waitFor({ timeout: 15_000 });
    expect(await page.locator('#probe-cell').innerText()).toMatch(/cell \d+/);
  });

  it('toggles the underground view', async () => {
    const { page } = main;
    await page.locator('#tab-tools').click();
    const before = await canvasStats(page);
    await page.locator('#tool-underground').check();
    const state = await page.evaluate(() => ({ translucent: window.__cimflow.viewer!.scene.globe.translucency.enabled, collision: window.__cimflow.viewer!.scene.screenSpaceCameraController.enableCollisionDetection }));
    expect(state).toEqual({ translucent: true, collision: false });
    const after = await canvasStats(page);
    await shot(main, 'underground');
    expect(Math.abs(after.mean - before.mean)).toBeGreaterThan(1);
    await page.locator('#tool-underground').uncheck();
    expect(await page.evaluate(() => window.__cimflow.viewer!.scene.globe.translucency.enabled)).toBe(false);
  });

  it('lists approved BIM projects by default and lets the bureau change a status with a reason', async () => {
    const { page } = main;
    await page.locator('#tab-projects').click();
    await expect.poll(() => page.locator('#project-list tr').count()).toBe(1);
    await page.locator('#projects-approved').uncheck();
    await expect.poll(() => page.locator('#project-list tr').count()).toBe(2);
    await page.locator('tr[data-project="P-002"] a').click();
    await page.locator('#project-status').selectOption('approved');
    await page.locator('#project-reason').fill('fire review passed');
    await page.locator('#project-submit').click();
    await expect.poll(() => page.locator('#project-detail .err').innerText()).toContain('401');
    await page.locator('#token').fill(BUREAU_TOKEN);
    await page.locator('#token').dispatchEvent('change');
    await page.locator('#project-submit').click();
    await expect.poll(() => h.server.projects.find((p) => p.id === 'P-002')?.status).toBe('approved');
    await shot(main, 'projects');
  });
});
