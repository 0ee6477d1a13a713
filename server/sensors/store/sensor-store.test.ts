import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileObservationFilter } from '../sensorthings/filter-sql.ts';
import { parseFilter } from '../sensorthings/odata-filter.ts';
import { postgresAvailable, startPostgres, type TestPostgres } from '../testing/postgres.ts';
import { PostgresSensorStore } from './postgres-store.ts';
import type { SensorStore } from './sensor-store.ts';
import { SqliteSensorStore } from './sqlite-store.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 31, 22);

function storeSuite(name: string, make: () => Promise<SensorStore>, done: () => Promise<void>) {
  describe(`SensorStore on ${name}`, () => {
    let store: SensorStore;
    beforeAll(async () => { store = await make(); await store.open(); }, 90_000);
    afterAll(async () => { await store.close(); await done(); }, 30_000);

    it('saves, replaces and deletes entities with per-type ids', async () => {
      expect(await store.saveEntity('Thing', undefined, { name: 'a' })).toBe(1);
      expect(await store.saveEntity('Thing', undefined, { name: 'b' })).toBe(2);
      expect(await store.saveEntity('Sensor', undefined, { name: 's' })).toBe(1);
      await store.saveEntity('Thing', 1, { name: 'a2' });
      await store.deleteEntity('Thing', 2);
      const all = await store.listEntities();
      expect(all.filter((e) => e.type === 'Thing').map((e) => e.doc.name)).toEqual(['a2']);
    });

    it('inserts batches across month partitions, upserts redeliveries and keeps the latest table', async () => {
      const batch = Array.from({ length: 10 }, (_, i) => ({ datastream: 1 + (i % 2), t: T0 + i * H, result: i }));
      const ids = await store.insertObservations(batch);
      expect(new Set(ids).size).toBe(10);
      const again = await store.insertObservations([{ datastream: 1, t: T0, result: 100 }, { datastream: 1, t: T0, result: 101 }]);
      expect(again).toEqual([ids[0], ids[0]]);
      expect((await store.getObservation(ids[0]))?.result).toBe(101);
      const latest = (await store.latest()).sort((a, b) => a.datastream - b.datastream);
      expect(latest.map((l) => [l.datastream, l.result, l.t])).toEqual([[1, 8, T0 + 8 * H], [2, 9, T0 + 9 * H]]);
      expect(await store.observationCount()).toBe(10);
    });

    it('queries one datastream over a time range with a compiled filter, order, paging and count', async () => {
      const f = parseFilter('phenomenonTime ge 2026-02-01T00:00:00Z and result lt 8');
      const r = await store.queryObservations({ datastreams: [1], where: (bind) => compileObservationFilter(f, bind), orderBy: [{ column: 't', desc: true }], limit: 2, offset: 0, count: true });
      expect(r.rows.map((x) => x.result)).toEqual([6, 4]);
      expect(r.count).toBe(3);
      const arith = parseFilter('result mul 2 add 1 eq 9');
      const hit = await store.queryObservations({ where: (bind) => compileObservationFilter(arith, bind), orderBy: [], limit: 10, offset: 0, count: false });
      expect(hit.rows.map((x) => x.result)).toEqual([4]);
    });

    it('updates and deletes observations', async () => {
      const [row] = (await store.queryObservations({ datastreams: [2], orderBy: [{ column: 't', desc: false }], limit: 1, offset: 0, count: false })).rows;
      expect(await store.updateObservation(row.id, { result: -1, resultTime: T0 })).toBe(true);
      expect(await store.getObservation(row.id)).toMatchObject({ result: -1, resultTime: T0 });
      expect(await store.deleteObservation(row.id)).toBe(true);
      expect(await store.getObservation(row.id)).toBeUndefined();
    });

    it('keeps alarms and their history', async () => {
      const id = await store.saveAlarm({ datastream: 1, sensor: 'RL-01', level: 'warning', state: 'raised', value: 5.1, threshold: 5, at: new Date(T0).toISOString() });
      await store.saveAlarm({ id, datastream: 1, sensor: 'RL-01', level: 'warning', state: 'acknowledged', value: 5.1, threshold: 5, at: new Date(T0 + 1).toISOString(), by: 'cmd' });
      expect(await store.activeAlarms()).toEqual([expect.objectContaining({ id, state: 'acknowledged', by: 'cmd' })]);
      await store.saveAlarm({ id, datastream: 1, level: 'warning', state: 'cleared', value: 4, at: new Date(T0 + 2).toISOString() });
      expect(await store.activeAlarms()).toEqual([]);
      expect((await store.alarmHistory(10, 1)).map((a) => a.state)).toEqual(['cleared', 'acknowledged', 'raised']);
    });

    it('downsamples old raw observations into hourly min/mean/max, merging on re-run', async () => {
      const base = Date.UTC(2025, 0, 1);
      await store.insertObservations([0, 10, 20].map((m, i) => ({ datastream: 7, t: base + m * 60_000, result: i + 1 })));
      const r = await store.downsample(base + 30 * 60_000);
      expect(r.deleted).toBe(3);
      await store.insertObservations([{ datastream: 7, t: base + 40 * 60_000, result: 10 }]);
      await store.downsample(base + H);
      expect(await store.hourly(7, base, base + H)).toEqual([{ datastream: 7, hour: base, count: 4, min: 1, mean: 4, max: 10 }]);
      expect((await store.queryObservations({ datastreams: [7], orderBy: [], limit: 10, offset: 0, count: false })).rows).toEqual([]);
    });
  });
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'cimflow-store-'));
storeSuite('SQLite', async () => new SqliteSensorStore(path.join(dir, 'a.db')), async () => rmSync(dir, { recursive: true, force: true }));

let pg: TestPostgres | undefined;
if (postgresAvailable()) {
  storeSuite('PostgreSQL', async () => { pg = await startPostgres(); return new PostgresSensorStore(pg.url); }, async () => { await pg?.stop(); });
}
