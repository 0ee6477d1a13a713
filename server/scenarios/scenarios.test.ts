import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { fileReplaySource, ReplayReader } from '../../flood-sim/index.ts';
import type { SensorDeps } from '../app.ts';
import type { ScenarioProgress, ScenarioSummary } from '../contracts.ts';
import { BUILDING_ID, GRID, makeDataDir, removeDir, startTestServer, type TestServer } from '../http/server-fixture.test-support.ts';

const STORM = { name: 'bowl storm', kind: 'design-storm', returnPeriod: 100, duration: 1800, simDuration: 1800 } as const;

async function waitFor(t: TestServer, id: string, states: string[], timeoutMs = 60_000): Promise<ScenarioSummary> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s: ScenarioSummary = await (await t.call(`/api/scenarios/${id}`, { role: 'planner' })).json();
    if (states.includes(s.state)) return s;
    if (Date.now() > until) throw new Error(`scenario ${id} still ${s.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function openSocket(t: TestServer, token: string): Promise<{ ws: WebSocket; messages: ScenarioProgress[] }> {
  const ws = new WebSocket(`${t.url.replace('http', 'ws')}/ws/scenarios`, { headers: { authorization: `Bearer ${token}` } });
  const messages: ScenarioProgress[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d))));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('error', reject);
  });
}

describe('flood scenarios', () => {
  let dir: string;
  let t: TestServer;
  let deps: SensorDeps | undefined;
  let sensorsStopped = false;
  beforeAll(async () => {
    dir = await makeDataDir();
    t = await startTestServer(dir, {
      // A stand-in for the sensor service, to check what the hook hands over.
      sensors: async (app, d) => {
        deps = d;
        app.get('/v1.1', async () => ({ plugged: true }));
        return { stop: async () => void (sensorsStopped = true) };
      },
    });
  });
  afterAll(async () => {
    await t?.server.stop();
    expect(sensorsStopped).toBe(true);
    await removeDir(dir);
  });

  it('runs a design storm: progress on /ws/scenarios, results stored, replay served', async () => {
    const { ws, messages } = await openSocket(t, t.token('planner'));
    const created = await t.call('/api/scenarios', { method: 'POST', role: 'flood-command', json: STORM });
    expect(created.status).toBe(202);
    const s: ScenarioSummary = await created.json();
    expect(s).toMatchObject({ name: 'bowl storm', state: 'queued', progress: 0, request: STORM });
    const done = await waitFor(t, s.id, ['done', 'failed']);
    ws.close();
    expect(done.error).toBeUndefined();
    expect(done.state).toBe('done');
    const mine = messages.filter((m) => m.id === s.id);
    expect(mine[0]).toMatchObject({ type: 'scenario', state: 'queued' });
    const running = mine.filter((m) => m.state === 'running');
    // Frames every 180 s of 1800 s: progress climbs in steps to 1.
    expect(running.length).toBeGreaterThanOrEqual(10);
    expect(running.map((m) => m.progress)).toEqual([...running.map((m) => m.progress)].sort((a, b) => a - b));
    expect(running[running.length - 1].simTime).toBe(1800);
    expect(mine[mine.length - 1]).toMatchObject({ state: 'done', progress: 1 });

    const r = done.results!;
    expect(r.replay).toBe(`/replays/${s.id}/replay.cfr`);
    expect(r.frames).toBe(11);
    // 100-year Chongqing storm, 30 min (~80 mm) over a closed-rim bowl: the centre floods well above 0.15 m,
    // the building in it is reached, and the volume balances.
    expect(r.maxDepth).toBeGreaterThan(0.3);
    expect(r.floodedAreaM2).toBeGreaterThan(0);
    expect(r.floodedAreaM2).toBeLessThan(GRID.nx * GRID.ny * GRID.dx ** 2);
    expect(r.floodedAreaM2 % (GRID.dx * GRID.dx)).toBe(0);
    expect(r.affectedBuildings).toEqual([BUILDING_ID]);
    expect(r.balance.rain).toBeGreaterThan(0);
    expect(Math.abs(r.balance.relativeError)).toBeLessThan(1e-3);
    expect(existsSync(path.join(dir, 'replays', s.id, 'summary.json'))).toBe(true);

    const replay = await t.call(r.replay, { role: 'planner' });
    expect(replay.status).toBe(200);
    const reader = await ReplayReader.open(await fileReplaySource(path.join(dir, 'replays', s.id), 'replay'));
    expect(reader.frameCount).toBe(11);
    expect(Number(replay.headers.get('content-length'))).toBeGreaterThan(100);
    const head = await t.call(r.replay, { headers: { range: 'bytes=0-7' } });
    expect(await head.text()).toBe('CFRPLAY1');

    // The probe the sensor service gets reads the latest finished scenario: dry at t = 0, wet beside the
    // building at the bowl centre at the end, interpolated in between, nothing outside the grid.
    const { probe } = deps!;
    expect(probe.activeScenario()).toBe(s.id);
    expect(probe.duration()).toBe(1800);
    const x = GRID.x0 + (GRID.nx * GRID.dx) / 2 + 12.5, y = GRID.y0 - (GRID.ny * GRID.dx) / 2;
    expect(probe.depthAt(x, y, 0)).toBe(0);
    const end = probe.depthAt(x, y, 1800)!;
    expect(end).toBeGreaterThan(0.15);
    const mid = probe.depthAt(x, y, 1710)!;
    expect(mid).toBeGreaterThanOrEqual(Math.min(probe.depthAt(x, y, 1620)!, end) - 1e-9);
    expect(mid).toBeLessThanOrEqual(Math.max(probe.depthAt(x, y, 1620)!, end) + 1e-9);
    expect(probe.depthAt(GRID.x0 - 10, y, 900)).toBeUndefined();
    expect(await (await t.call('/v1.1', { role: 'planner' })).json()).toEqual({ plugged: true });
    const list: ScenarioSummary[] = await (await t.call('/api/scenarios', { role: 'planner' })).json();
    expect(list[0].id).toBe(s.id);
  });

  it('runs gauge rain and a river inflow hydrograph on the same grid', async () => {
    const x = GRID.x0 + 20, y = GRID.y0 - 20;
    const gauge = { name: 'gauges', kind: 'gauge-rain', simDuration: 360, gauges: [{ name: 'g1', x, y, hyetograph: [[0, 60], [300, 0]] }] };
    const river = { name: 'river', kind: 'river-inflow', simDuration: 360, inflows: [{ name: 'creek', line: [[x, y], [x + 20, y]], hydrograph: [[0, 0.5], [360, 0.5]] }] };
    const a: ScenarioSummary = await (await t.call('/api/scenarios', { method: 'POST', role: 'flood-command', json: gauge })).json();
    const b: ScenarioSummary = await (await t.call('/api/scenarios', { method: 'POST', role: 'flood-command', json: river })).json();
    const ra = (await waitFor(t, a.id, ['done', 'failed'])).results!;
    const rb = (await waitFor(t, b.id, ['done', 'failed'])).results!;
    // 60 mm/h for 300 s over 200 m x 200 m = 200 m³ (less the blocked building cells); 0.5 m³/s for 360 s = 180 m³.
    expect(ra.balance.rain).toBeGreaterThan(180);
    expect(ra.balance.rain).toBeLessThanOrEqual(200 + 1e-6);
    expect(ra.balance.inflow).toBe(0);
    expect(rb.balance.inflow).toBeCloseTo(180, 3);
    expect(rb.balance.rain).toBe(0);
    // Three scenarios kept for comparison, newest first.
    const list: ScenarioSummary[] = await (await t.call('/api/scenarios', { role: 'planner' })).json();
    expect(list.slice(0, 2).map((s) => s.id)).toEqual([b.id, a.id]);
  });

  it('cancels a queued and a running scenario', async () => {
    const long = { ...STORM, name: 'long', simDuration: 86_400 };
    const a: ScenarioSummary = await (await t.call('/api/scenarios', { method: 'POST', role: 'admin', json: long })).json();
    const b: ScenarioSummary = await (await t.call('/api/scenarios', { method: 'POST', role: 'admin', json: { ...long, name: 'waiting' } })).json();
    await waitFor(t, a.id, ['running']);
    // One at a time: b waits.
    expect((await (await t.call(`/api/scenarios/${b.id}`, { role: 'planner' })).json()).state).toBe('queued');
    const cb = await t.call(`/api/scenarios/${b.id}/cancel`, { method: 'POST', role: 'flood-command' });
    expect(await cb.json()).toMatchObject({ state: 'cancelled' });
    // A socket opened mid-run hears about the running scenario at once.
    const { ws, messages } = await openSocket(t, t.token('planner'));
    for (let k = 0; k < 50 && messages.length === 0; k++) await new Promise((r) => setTimeout(r, 20));
    ws.close();
    expect(messages[0]).toMatchObject({ id: a.id, state: 'running' });
    const ca = await t.call(`/api/scenarios/${a.id}/cancel`, { method: 'POST', role: 'flood-command' });
    const cancelled: ScenarioSummary = await ca.json();
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.progress).toBeLessThan(1);
    expect(existsSync(path.join(dir, 'replays', a.id))).toBe(false);
    const again = await t.call(`/api/scenarios/${a.id}/cancel`, { method: 'POST', role: 'flood-command' });
    expect(again.status).toBe(409);
  });

  it.each([
    [{ ...STORM, returnPeriod: 'often' }, 'body.returnPeriod'],
    [{ ...STORM, duration: 1801 }, 'body.duration'],
    [{ ...STORM, kind: 'tsunami' }, 'body.kind'],
    [{ ...STORM, name: '' }, 'body.name'],
    [{ ...STORM, preset: 'atlantis' }, 'body.preset'],
    [{ name: 'g', kind: 'gauge-rain', gauges: [{ x: 1, y: 2, hyetograph: [[0, 10], [0, 5]] }] }, 'body.gauges.0.hyetograph'],
    [{ name: 'r', kind: 'river-inflow', inflows: [{ line: [[1, 2]], hydrograph: [[0, 1], [60, 2]] }] }, 'body.inflows.0.line'],
    [{ ...STORM, extra: 1 }, 'extra'],
    [[1, 2, 3], 'body'],
  ])('refuses a bad body (%j) naming %s', async (body, field) => {
    const r = await t.call('/api/scenarios', { method: 'POST', role: 'admin', json: body });
    expect(r.status).toBe(400);
    const e = await r.json();
    expect(e.error.code).toBe('invalid-request');
    expect(e.error.message).toContain(field);
  });

  it('refuses malformed JSON, oversized bodies and unknown ids, counts them, and keeps serving', async () => {
    const before = await (await t.call('/api/metrics', { role: 'admin' })).json();
    const bad = await t.call('/api/scenarios', { method: 'POST', role: 'admin', headers: { 'content-type': 'application/json' }, body: '{"name": "x",' });
    expect(bad.status).toBe(400);
    const e = await bad.json();
    expect(e.error.code).toBe('invalid-json');
    expect(e.error.message).toMatch(/malformed JSON \(.+\)/);
    const empty = await t.call('/api/scenarios', { method: 'POST', role: 'admin', headers: { 'content-type': 'application/json' }, body: '' });
    expect(empty.status).toBe(400);
    const big = await t.call('/api/scenarios', { method: 'POST', role: 'admin', json: { ...STORM, name: 'x'.repeat(2 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('body-too-large');
    const unknown = await t.call('/api/scenarios/no-such-id', { role: 'planner' });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toContain("'no-such-id'");
    const text = await t.call('/api/scenarios', { method: 'POST', role: 'admin', headers: { 'content-type': 'text/csv' }, body: 'a,b' });
    expect(text.status).toBe(415);
    const after = await (await t.call('/api/metrics', { role: 'admin' })).json();
    expect(after.errors['invalid-json'] - (before.errors['invalid-json'] ?? 0)).toBe(2);
    expect(after.errors['body-too-large'] - (before.errors['body-too-large'] ?? 0)).toBe(1);
    expect(after.errors['not-found'] - (before.errors['not-found'] ?? 0)).toBe(1);
    expect(after.internalErrors).toBe(0);
    expect((await t.call('/api/health')).status).toBe(200);
  });

  it('refuses the progress socket without a token in private mode', async () => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/ws/scenarios`);
    const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode!)));
    expect(status).toBe(401);
  });
});
