import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, seedThing, startService, type RunningService } from './testing/start-service.ts';

let s: RunningService;
let ds: number[];
beforeAll(async () => {
  s = await startService();
  ds = await seedThing(s.base, 'alpha', [120.1, 30.2], [{ kind: 'river-level' }, { kind: 'rain' }]);
  await seedThing(s.base, 'beta', [120.5, 30.6], [{ kind: 'ponding-depth' }]);
});
afterAll(async () => { await s.close(); });

describe('SensorThings API over HTTP', () => {
  it('serves the root document and entity sets with @iot annotations', async () => {
    const root = await http('GET', s.base);
    expect(root.status).toBe(200);
    expect(root.body.value.map((v: { name: string }) => v.name)).toContain('Datastreams');
    const things = await http('GET', `${s.base}/Things`);
    expect(things.body.value).toHaveLength(2);
    const t = things.body.value[0];
    expect(t['@iot.id']).toBe(1);
    expect(t['@iot.selfLink']).toBe(`${s.base}/Things(1)`);
    expect(t['Datastreams@iot.navigationLink']).toBe(`${s.base}/Things(1)/Datastreams`);
  });

  it('deep insert created Locations, Datastreams, Sensors, ObservedProperties and a FeatureOfInterest', async () => {
    expect(ds).toEqual([1, 2]);
    const d = await http('GET', `${s.base}/Datastreams(1)?$expand=Thing($select=name),Sensor,ObservedProperty`);
    expect(d.body.Thing.name).toBe('alpha');
    expect(d.body.Thing).not.toHaveProperty('description');
    expect(d.body.ObservedProperty.name).toBe('river-level');
    const loc = await http('GET', `${s.base}/Things(1)/Locations`);
    expect(loc.body.value[0].location.coordinates).toEqual([120.1, 30.2]);
    const foi = await http('GET', `${s.base}/FeaturesOfInterest`);
    expect(foi.body.value.length).toBe(2);
  });

  it('creates observations, navigates, pages with nextLink and counts', async () => {
    const t0 = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 25; i++) {
      const r = await http('POST', `${s.base}/Datastreams(1)/Observations`, { phenomenonTime: new Date(t0 + i * 60000).toISOString(), result: i / 10 });
      expect(r.status).toBe(201);
      expect(r.headers.get('location')).toMatch(/\/Observations\(\d+\)$/);
    }
    const page = await http('GET', `${s.base}/Datastreams(1)/Observations?$top=10&$count=true`);
    expect(page.body['@iot.count']).toBe(25);
    expect(page.body.value).toHaveLength(10);
    expect(page.body.value[0].result).toBe(0);
    const next = await http('GET', page.body['@iot.nextLink']);
    expect(next.body.value[0].result).toBe(1);
    const last = await http('GET', `${s.base}/Datastreams(1)/Observations?$top=10&$skip=20`);
    expect(last.body.value).toHaveLength(5);
    expect(last.body['@iot.nextLink']).toBeUndefined();
  });

  it('filters observations by time and result in SQL, orders and selects', async () => {
    const r = await http('GET', `${s.base}/Datastreams(1)/Observations?$filter=${encodeURIComponent('phenomenonTime ge 2026-01-01T00:10:00Z and result lt 2 or result eq 0')}&$orderby=result desc&$select=result`);
    expect(r.status).toBe(200);
    expect(r.body.value.map((o: { result: number }) => o.result)).toEqual([1.9, 1.8, 1.7, 1.6, 1.5, 1.4, 1.3, 1.2, 1.1, 1, 0]);
    expect(r.body.value[0]).not.toHaveProperty('phenomenonTime');
    const bad = await http('GET', `${s.base}/Observations?$filter=${encodeURIComponent('foo gt 1')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/no property 'foo'/);
  });

  it('filters entities with string, navigation and spatial functions', async () => {
    const q = async (f: string, set = 'Things') => (await http('GET', `${s.base}/${set}?$filter=${encodeURIComponent(f)}`)).body.value.map((x: { name: string }) => x.name);
    expect(await q("startswith(name, 'al')")).toEqual(['alpha']);
    expect(await q("tolower(Datastreams/properties/kind) eq 'ponding-depth'")).toEqual(['beta']);
    expect(await q("geo.distance(location, geography'POINT(120.1 30.2)') lt 100", 'Locations')).toEqual(['alpha loc']);
    expect(await q("st_within(location, geography'POLYGON((120.4 30.5, 120.6 30.5, 120.6 30.7, 120.4 30.7, 120.4 30.5))')", 'Locations')).toEqual(['beta loc']);
    expect(await q("Thing/name eq 'alpha' and properties/kind ne 'rain'", 'Datastreams')).toHaveLength(1);
    const bad = await http('GET', `${s.base}/Things?$filter=${encodeURIComponent("name eq 'x")}`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/unterminated string/);
  });

  it('expands with nested options', async () => {
    const r = await http('GET', `${s.base}/Things(1)?$expand=Datastreams($select=name;$top=1;$expand=Observations($top=2;$orderby=result desc))`);
    expect(r.body.Datastreams).toHaveLength(1);
    expect(r.body['Datastreams@iot.nextLink']).toBeDefined();
    expect(r.body.Datastreams[0].Observations.map((o: { result: number }) => o.result)).toEqual([2.4, 2.3]);
  });

  it('addresses properties, $value and $ref', async () => {
    expect((await http('GET', `${s.base}/Things(1)/name`)).body).toEqual({ name: 'alpha' });
    expect((await http('GET', `${s.base}/Things(1)/name/$value`)).body).toBe('alpha');
    const refs = await http('GET', `${s.base}/Things(1)/Datastreams/$ref`);
    expect(refs.body.value).toEqual([{ '@iot.selfLink': `${s.base}/Datastreams(1)` }, { '@iot.selfLink': `${s.base}/Datastreams(2)` }]);
    const obs = await http('GET', `${s.base}/Observations(1)/Datastream/Thing`);
    expect(obs.body.name).toBe('alpha');
  });

  it('PATCHes and DELETEs with cascade', async () => {
    const p = await http('PATCH', `${s.base}/Things(2)`, { description: 'changed' });
    expect(p.status).toBe(200);
    expect(p.body.description).toBe('changed');
    expect(p.body.name).toBe('beta');
    const o = await http('PATCH', `${s.base}/Observations(1)`, { result: 42 });
    expect(o.body.result).toBe(42);
    const del = await http('DELETE', `${s.base}/Things(2)`);
    expect(del.status).toBe(200);
    expect((await http('GET', `${s.base}/Things(2)`)).status).toBe(404);
    expect((await http('GET', `${s.base}/Datastreams(3)`)).status).toBe(404);
  });

  it('bulk-creates with DataArray, marking bad rows as error', async () => {
    const r = await http('POST', `${s.base}/CreateObservations`, [{
      Datastream: { '@iot.id': 2 }, components: ['phenomenonTime', 'result'],
      'dataArray@iot.count': 3, dataArray: [['2026-02-01T00:00:00Z', 1.5], ['2026-02-01T00:01:00Z', 'wet'], ['2026-02-01T00:02:00Z', 2.5]],
    }]);
    expect(r.status).toBe(201);
    expect(r.body[0]).toMatch(/\/Observations\(\d+\)$/);
    expect(r.body[1]).toBe('error');
    const got = await http('GET', `${s.base}/Datastreams(2)/Observations`);
    expect(got.body.value.map((x: { result: number }) => x.result)).toEqual([1.5, 2.5]);
  });

  it('rejects bad input with clear errors and counts them', async () => {
    const before = (await http('GET', `${s.url}/api/sensors/stats`)).body.rejected;
    const malformed = await http('POST', `${s.base}/Observations`, '{"result": 1,');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('malformed-json');
    const wrong = await http('POST', `${s.base}/Datastreams(1)/Observations`, { result: 'high' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/result/);
    const unknown = await http('POST', `${s.base}/Datastreams(99)/Observations`, { result: 1 });
    expect(unknown.status).toBe(404);
    const missing = await http('GET', `${s.base}/Things(77)`);
    expect(missing.status).toBe(404);
    const big = await http('POST', `${s.base}/Things`, { name: 'x', description: 'y'.repeat(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
    const badThing = await http('POST', `${s.base}/Things`, { name: 'x', colour: 'red' });
    expect(badThing.status).toBe(400);
    expect(badThing.body.message).toMatch(/colour|Unrecognized/i);
    const after = (await http('GET', `${s.url}/api/sensors/stats`)).body.rejected;
    expect(after['http.malformed-json']).toBe((before['http.malformed-json'] ?? 0) + 1);
    expect(after['http.too-large']).toBe((before['http.too-large'] ?? 0) + 1);
    expect(after['http.not-found']).toBeGreaterThanOrEqual((before['http.not-found'] ?? 0) + 2);
  });

  it('enforces roles: planner read-only, device only its own datastreams, unknown token 401', async () => {
    const h = (t: string) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });
    expect((await http('POST', `${s.base}/Things`, { name: 'p' }, h('planner-token'))).status).toBe(403);
    expect((await http('POST', `${s.base}/Datastreams(1)/Observations`, { result: 1 }, h('device-1-token'))).status).toBe(201);
    expect((await http('POST', `${s.base}/Datastreams(2)/Observations`, { result: 1 }, h('device-1-token'))).status).toBe(403);
    expect((await http('POST', `${s.base}/Datastreams(2)/Observations`, { result: 1 }, h('command-token'))).status).toBe(201);
    expect((await http('GET', `${s.base}/Things`, undefined, h('nope'))).status).toBe(401);
    expect((await http('POST', `${s.base}/Things`, { name: 'p' }, { 'content-type': 'application/json' })).status).toBe(401);
  });
});
