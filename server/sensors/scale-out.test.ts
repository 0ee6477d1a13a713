import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mosquittoAvailable, startMosquitto } from './testing/mosquitto.ts';
import { postgresAvailable, startPostgres, type TestPostgres } from './testing/postgres.ts';
import { http, seedThing, startService, type RunningService } from './testing/start-service.ts';

async function until<T>(f: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.runIf(mosquittoAvailable() && postgresAvailable())('scale-out: PostgreSQL storage and an external mosquitto broker', () => {
  let broker: Awaited<ReturnType<typeof startMosquitto>>;
  let pg: TestPostgres;
  let s: RunningService;
  beforeAll(async () => {
    [broker, pg] = await Promise.all([startMosquitto(), startPostgres()]);
    s = await startService({ db: pg.url, mqtt: { embedded: false, url: broker.url } });
    await seedThing(s.base, 'ext', [120, 30], [{ kind: 'rain' }]);
  }, 90_000);
  afterAll(async () => {
    await s?.close();
    await Promise.all([broker?.stop(), pg?.stop()]);
  }, 30_000);

  it('stores observations published to mosquitto in PostgreSQL and republishes them with @iot.id', async () => {
    const sub = await mqtt.connectAsync(broker.url);
    const got = new Promise<Record<string, unknown>>((resolve) => sub.on('message', (_t, p) => {
      const text = String(p);
      if (text.includes('@iot.id')) resolve(JSON.parse(text));
    }));
    await sub.subscribeAsync('v1.1/Datastreams(1)/Observations', { qos: 0 });
    const dev = await mqtt.connectAsync(broker.url);
    await dev.publishAsync('v1.1/Datastreams(1)/Observations', JSON.stringify({ phenomenonTime: '2026-08-01T00:00:00Z', result: 12.5 }), { qos: 1 });
    await dev.publishAsync('v1.1/Datastreams(1)/Observations', '{"result":', { qos: 1 });
    const stored = await until(async () => {
      const r = await http('GET', `${s.base}/Datastreams(1)/Observations`);
      return r.body.value.length ? r.body.value : undefined;
    });
    expect(stored.map((o: { result: number }) => o.result)).toEqual([12.5]);
    expect(await got).toMatchObject({ '@iot.id': stored[0]['@iot.id'], result: 12.5 });
    const stats = await until(async () => {
      const st = (await http('GET', `${s.url}/api/sensors/stats`)).body;
      return st.rejected['mqtt.invalid'] ? st : undefined;
    });
    expect(stats.backend).toBe('postgres');
    expect(stats.rejected['mqtt.invalid']).toBe(1);
    await Promise.all([sub.endAsync(), dev.endAsync()]);
  });

  it('serves the SensorThings query options from PostgreSQL', async () => {
    const r = await http('POST', `${s.base}/CreateObservations`, [{ Datastream: { '@iot.id': 1 }, components: ['phenomenonTime', 'result'], dataArray: [['2026-08-02T00:00:00Z', 1], ['2026-09-02T00:00:00Z', 2]] }]);
    expect(r.status).toBe(201);
    const q = await http('GET', `${s.base}/Datastreams(1)/Observations?$filter=${encodeURIComponent('phenomenonTime ge 2026-08-02T00:00:00Z')}&$orderby=phenomenonTime desc&$count=true`);
    expect(q.body['@iot.count']).toBe(2);
    expect(q.body.value.map((o: { result: number }) => o.result)).toEqual([2, 1]);
  });
});
