import mqtt from 'mqtt';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveMessage } from '../contracts.ts';
import { http, seedThing, startService, type RunningService } from './testing/start-service.ts';

let s: RunningService;
beforeAll(async () => {
  s = await startService({ live: { tickMs: 50 } });
  await seedThing(s.base, 'gauge', [120.1, 30.2], [{ kind: 'river-level', thresholds: { direction: 'above', warning: 5, alarm: 6 } }, { kind: 'rain' }]);
});
afterAll(async () => { await s.close(); });

/** A live socket that records messages and resolves waits on a predicate. */
function liveClient(url: string) {
  const ws = new WebSocket(url.replace('http', 'ws') + '/ws/live');
  const messages: LiveMessage[] = [];
  const waiters: Array<{ pred: (m: LiveMessage) => boolean; resolve: (m: LiveMessage) => void }> = [];
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as LiveMessage;
    messages.push(m);
    for (const w of waiters.slice()) if (w.pred(m)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m); }
  });
  const next = (pred: (m: LiveMessage) => boolean, ms = 5000) => new Promise<LiveMessage>((resolve, reject) => {
    const hit = messages.find(pred);
    if (hit) return resolve(hit);
    const t = setTimeout(() => reject(new Error('timed out waiting for a live message')), ms);
    waiters.push({ pred, resolve: (m) => { clearTimeout(t); resolve(m); } });
  });
  return { ws, messages, next, opened: new Promise((r) => ws.once('open', r)) };
}

describe('MQTT ingest and live push', () => {
  it('a device publish (QoS 1) is stored before its PUBACK, pushed on /ws/live and republished with its @iot.id', async () => {
    const live = liveClient(s.url);
    await live.opened;
    const hello = await live.next((m) => m.type === 'hello');
    expect(hello.seq).toBe(1);
    live.ws.send(JSON.stringify({ type: 'subscribe', kinds: ['river-level'], bbox: [120, 30, 121, 31] }));
    const snap = await live.next((m) => m.type === 'snapshot');
    expect(snap.seq).toBe(2);

    const sub = await mqtt.connectAsync(s.mqttUrl);
    const republished = new Promise<Record<string, unknown>>((resolve) => sub.on('message', (_t, p) => resolve(JSON.parse(String(p)))));
    await sub.subscribeAsync('v1.1/Datastreams(1)/Observations', { qos: 0 });

    const dev = await mqtt.connectAsync(s.mqttUrl, { username: 'dev-1', password: 'device-1-token' });
    await dev.publishAsync('v1.1/Datastreams(1)/Observations', JSON.stringify({ phenomenonTime: '2026-03-01T10:00:00Z', result: 3.25 }), { qos: 1 });
    // PUBACK received: the observation must already be readable.
    const stored = await http('GET', `${s.base}/Datastreams(1)/Observations?$filter=${encodeURIComponent('phenomenonTime eq 2026-03-01T10:00:00Z')}`);
    expect(stored.body.value.map((o: { result: number }) => o.result)).toEqual([3.25]);

    const pushed = await live.next((m) => m.type === 'observations' && m.items.some((i) => i.value === 3.25));
    if (pushed.type !== 'observations') throw new Error('unreachable');
    expect(pushed.items[0]).toMatchObject({ datastream: 1, kind: 'river-level', sensor: 'gauge-0', time: '2026-03-01T10:00:00.000Z' });
    const r = await republished;
    expect(r).toMatchObject({ '@iot.id': stored.body.value[0]['@iot.id'], result: 3.25 });

    // A bare number to the rain datastream is stored but filtered out of this subscription (kind).
    const cmd = await mqtt.connectAsync(s.mqttUrl, { username: 'cmd', password: 'command-token' });
    await cmd.publishAsync('v1.1/Datastreams(2)/Observations', '7.5', { qos: 1 });
    await dev.publishAsync('v1.1/Datastreams(1)/Observations', '3.5', { qos: 1 });
    await live.next((m) => m.type === 'observations' && m.items.some((i) => i.value === 3.5));
    const values = live.messages.flatMap((m) => (m.type === 'observations' ? m.items.map((i) => i.value) : []));
    expect(values).not.toContain(7.5);
    expect((await http('GET', `${s.base}/Datastreams(2)/Observations`)).body.value.map((o: { result: number }) => o.result)).toEqual([7.5]);
    // seq has no gaps
    expect(live.messages.map((m) => m.seq)).toEqual(live.messages.map((_, i) => i + 1));

    live.ws.send(JSON.stringify({ type: 'resync' }));
    const snap2 = await live.next((m) => m.type === 'snapshot' && m.seq > 2);
    if (snap2.type !== 'snapshot') throw new Error('unreachable');
    expect(snap2.latest).toEqual([{ datastream: 1, time: expect.any(String), value: 3.5 }]);
    live.ws.close();
    await Promise.all([sub.endAsync(), dev.endAsync(), cmd.endAsync()]);
  });

  it('rejects bad credentials and a device writing a datastream that is not its own', async () => {
    await expect(mqtt.connectAsync(s.mqttUrl, { username: 'x', password: 'wrong', reconnectPeriod: 0 })).rejects.toThrow();
    const before = (await http('GET', `${s.url}/api/sensors/stats`)).body.rejected['mqtt.forbidden'] ?? 0;
    const dev = await mqtt.connectAsync(s.mqttUrl, { username: 'dev-1', password: 'device-1-token' });
    await dev.publishAsync('v1.1/Datastreams(2)/Observations', '99', { qos: 1 });
    await dev.endAsync();
    expect((await http('GET', `${s.url}/api/sensors/stats`)).body.rejected['mqtt.forbidden']).toBe(before + 1);
    expect((await http('GET', `${s.base}/Observations?$filter=result eq 99`)).body.value).toEqual([]);
  });

  it('10,000 bad messages are counted and dropped while good ones from another device are stored', async () => {
    const before = (await http('GET', `${s.url}/api/sensors/stats`)).body;
    const bad = await mqtt.connectAsync(s.mqttUrl, { username: 'cmd', password: 'command-token' });
    const good = await mqtt.connectAsync(s.mqttUrl, { username: 'dev-1', password: 'device-1-token' });
    const payloads = ['{"result":', '{"result":"high"}', '[]', 'NaN', '{"phenomenonTime":"yesterday","result":1}'];
    const flood = (async () => {
      for (let i = 0; i < 10000; i++) {
        const topic = i % 6 === 5 ? 'v1.1/Datastreams(999)/Observations' : 'v1.1/Datastreams(1)/Observations';
        bad.publish(topic, payloads[i % payloads.length], { qos: 0 });
        if (i % 500 === 0) await new Promise((r) => setImmediate(r));
      }
      await bad.publishAsync('v1.1/Datastreams(1)/Observations', '{', { qos: 1 });
    })();
    const t0 = Date.UTC(2026, 4, 1);
    const goods = Array.from({ length: 50 }, (_, i) => good.publishAsync('v1.1/Datastreams(1)/Observations', JSON.stringify({ phenomenonTime: new Date(t0 + i * 1000).toISOString(), result: 1000 + i }), { qos: 1 }));
    await Promise.all([flood, ...goods]);
    const after = (await http('GET', `${s.url}/api/sensors/stats`)).body;
    const rejected = (o: Record<string, number>) => (o['mqtt.invalid'] ?? 0) + (o['mqtt.unknown-id'] ?? 0);
    expect(rejected(after.rejected) - rejected(before.rejected)).toBe(10001);
    expect(after.rejected['mqtt.unknown-id'] - (before.rejected['mqtt.unknown-id'] ?? 0)).toBe(1666);
    const stored = await http('GET', `${s.base}/Datastreams(1)/Observations?$filter=result ge 1000&$count=true&$top=1`);
    expect(stored.body['@iot.count']).toBe(50);
    await Promise.all([bad.endAsync(), good.endAsync()]);
  }, 60_000);

  it('answers a malformed live request with an error and keeps the socket', async () => {
    const live = liveClient(s.url);
    await live.opened;
    const errors: string[] = [];
    live.ws.on('message', (d) => { const m = JSON.parse(String(d)); if (m.type === 'error') errors.push(m.message); });
    live.ws.send('{"type":"subscribe","bbox":[1,2]}');
    live.ws.send(JSON.stringify({ type: 'resync' }));
    await live.next((m) => m.type === 'snapshot');
    expect(errors[0]).toMatch(/bbox/);
    live.ws.close();
  });
});

describe('live push to a slow client', () => {
  it('stops queueing for a client that does not read and sends it a snapshot when it catches up', async () => {
    const slow = await startService({ live: { tickMs: 20, maxBuffered: 8 * 1024 } });
    try {
      await seedThing(slow.base, 'busy', [120, 30], [{ kind: 'rain' }]);
      const ws = new WebSocket(slow.url.replace('http', 'ws') + '/ws/live');
      const got: LiveMessage[] = [];
      ws.on('message', (d) => got.push(JSON.parse(String(d))));
      await new Promise((r) => ws.once('open', r));
      await new Promise((r) => setTimeout(r, 100));
      // Stop reading: the server's socket buffer fills as it keeps writing.
      (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
      const t0 = Date.UTC(2026, 9, 1);
      // ~20 MB of pushes: more than the loopback socket buffers hold.
      for (let k = 0; k < 40; k++) {
        const rows = Array.from({ length: 5000 }, (_, i) => [new Date(t0 + (k * 5000 + i) * 1000).toISOString(), k * 5000 + i]);
        expect((await http('POST', `${slow.base}/CreateObservations`, [{ Datastream: { '@iot.id': 1 }, components: ['phenomenonTime', 'result'], dataArray: rows }])).status).toBe(201);
        await new Promise((r) => setTimeout(r, 30));
      }
      const stats = (await http('GET', `${slow.url}/api/sensors/stats`)).body;
      expect(stats.liveSlowClients).toBe(1);
      (ws as unknown as { _socket: { resume(): void } })._socket.resume();
      const deadline = Date.now() + 10_000;
      while (!got.some((m) => m.type === 'snapshot' && m.latest.some((l) => l.value === 199999)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const snap = got.find((m) => m.type === 'snapshot');
      expect(snap).toBeDefined();
      if (snap?.type === 'snapshot') expect(snap.latest).toEqual([expect.objectContaining({ datastream: 1, value: 199999 })]);
      // fewer observations were pushed than stored (the rest was replaced by the snapshot), and seq has no gaps
      const pushed = got.flatMap((m) => (m.type === 'observations' ? m.items : [])).length;
      expect(pushed).toBeLessThan(200000);
      expect(got.map((m) => m.seq)).toEqual(got.map((_, i) => i + 1));
      ws.close();
    } finally {
      await slow.close();
    }
  }, 60_000);
});
