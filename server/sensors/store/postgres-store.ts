/**
 * SensorStore on PostgreSQL (pg): observations in a table partitioned by month on phenomenon time
 * (declarative RANGE partitioning, partitions created before the first row of a month arrives),
 * primary key (datastream, t) per partition for the range query and redelivery upserts, an index
 * on id for entity addressing. Batches go in as arrays through unnest() in one transaction; with
 * synchronous_commit on (the default) COMMIT returns only when the WAL is flushed.
 */
import pg from 'pg';
import type { AlarmEvent } from '../../contracts.ts';
import { alarmFromRow, type AlarmRow } from './alarm-row.ts';
import type {
  AlarmSave, EntityRecord, EntityType, HourlyRow, LatestRow, NewObservation, ObservationQuery, ObservationRow, SensorStore,
} from './sensor-store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sensor_entities (type text NOT NULL, id integer NOT NULL, doc jsonb NOT NULL, PRIMARY KEY (type, id));
CREATE SEQUENCE IF NOT EXISTS observations_id_seq AS bigint;
CREATE TABLE IF NOT EXISTS observations (
  id bigint NOT NULL DEFAULT nextval('observations_id_seq'), datastream integer NOT NULL, t bigint NOT NULL,
  result double precision NOT NULL, result_time bigint, PRIMARY KEY (datastream, t)
) PARTITION BY RANGE (t);
CREATE INDEX IF NOT EXISTS observations_id ON observations (id);
CREATE TABLE IF NOT EXISTS observations_latest (datastream integer PRIMARY KEY, id bigint NOT NULL, t bigint NOT NULL, result double precision NOT NULL);
CREATE TABLE IF NOT EXISTS observations_hourly (datastream integer NOT NULL, hour bigint NOT NULL, n bigint NOT NULL, min double precision NOT NULL, mean double precision NOT NULL, max double precision NOT NULL, PRIMARY KEY (datastream, hour));
CREATE TABLE IF NOT EXISTS sensor_alarms (id serial PRIMARY KEY, datastream integer NOT NULL, sensor text, level text NOT NULL, state text NOT NULL, value double precision NOT NULL, threshold double precision, at bigint NOT NULL, by text);
CREATE INDEX IF NOT EXISTS sensor_alarms_state ON sensor_alarms (state);
CREATE TABLE IF NOT EXISTS sensor_alarm_history (seq serial PRIMARY KEY, alarm integer NOT NULL, datastream integer NOT NULL, sensor text, level text NOT NULL, state text NOT NULL, value double precision NOT NULL, threshold double precision, at bigint NOT NULL, by text);
`;

const OBS = 'id, datastream, t, result, result_time AS "resultTime"';

function obsRow(r: Record<string, unknown>): ObservationRow {
  return { id: Number(r.id), datastream: Number(r.datastream), t: Number(r.t), result: Number(r.result), resultTime: r.resultTime == null ? null : Number(r.resultTime) };
}

/** Month partition bounds (UTC) holding time `t` (ms). */
export function monthOf(t: number): { name: string; from: number; to: number } {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return { name: `observations_${y}${String(m + 1).padStart(2, '0')}`, from: Date.UTC(y, m, 1), to: Date.UTC(y, m + 1, 1) };
}

export class PostgresSensorStore implements SensorStore {
  readonly backend = 'postgres' as const;
  private pool!: pg.Pool;
  private readonly partitions = new Set<string>();

  constructor(private readonly url: string) {}

  async open(): Promise<void> {
    this.pool = new pg.Pool({ connectionString: this.url, max: 4 });
    // An idle client whose server goes away emits 'error' on the pool; without a listener that would
    // crash the process. The next query fails and reports it instead.
    this.pool.on('error', () => {});
    await this.pool.query(SCHEMA);
    const parts = await this.pool.query("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'observations'");
    for (const r of parts.rows) this.partitions.add(r.relname as string);
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }

  async listEntities(): Promise<EntityRecord[]> {
    const r = await this.pool.query('SELECT type, id, doc FROM sensor_entities ORDER BY type, id');
    return r.rows.map((x) => ({ type: x.type as EntityType, id: Number(x.id), doc: x.doc as Record<string, unknown> }));
  }

  async saveEntity(type: EntityType, id: number | undefined, doc: Record<string, unknown>): Promise<number> {
    if (id === undefined) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sensor_entities:${type}`]);
        const r = await client.query('INSERT INTO sensor_entities (type, id, doc) VALUES ($1, (SELECT COALESCE(MAX(id), 0) + 1 FROM sensor_entities WHERE type = $1), $2) RETURNING id', [type, JSON.stringify(doc)]);
        await client.query('COMMIT');
        return Number(r.rows[0].id);
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      } finally {
        client.release();
      }
    }
    await this.pool.query('INSERT INTO sensor_entities (type, id, doc) VALUES ($1, $2, $3) ON CONFLICT (type, id) DO UPDATE SET doc = excluded.doc', [type, id, JSON.stringify(doc)]);
    return id;
  }

  async deleteEntity(type: EntityType, id: number): Promise<void> {
    await this.pool.query('DELETE FROM sensor_entities WHERE type = $1 AND id = $2', [type, id]);
  }

  private async ensurePartitions(client: pg.PoolClient, batch: readonly NewObservation[]): Promise<void> {
    for (const o of batch) {
      const m = monthOf(o.t);
      if (this.partitions.has(m.name)) continue;
      await client.query(`CREATE TABLE IF NOT EXISTS ${m.name} PARTITION OF observations FOR VALUES FROM (${m.from}) TO (${m.to})`);
      this.partitions.add(m.name);
    }
  }

  async insertObservations(batch: readonly NewObservation[]): Promise<number[]> {
    if (batch.length === 0) return [];
    // One row per (datastream, t): ON CONFLICT cannot touch a row twice in one statement.
    const last = new Map<string, number>();
    batch.forEach((o, i) => last.set(`${o.datastream}:${o.t}`, i));
    const rows = [...last.values()].map((i) => batch[i]);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await this.ensurePartitions(client, rows);
      const r = await client.query(
        `INSERT INTO observations (datastream, t, result, result_time)
         SELECT * FROM unnest($1::integer[], $2::bigint[], $3::double precision[], $4::bigint[])
         ON CONFLICT (datastream, t) DO UPDATE SET result = excluded.result, result_time = excluded.result_time
         RETURNING id, datastream, t`,
        [rows.map((o) => o.datastream), rows.map((o) => o.t), rows.map((o) => o.result), rows.map((o) => o.resultTime ?? null)],
      );
      const idOf = new Map<string, number>();
      for (const x of r.rows) idOf.set(`${x.datastream}:${x.t}`, Number(x.id));
      const newest = new Map<number, NewObservation & { id: number }>();
      for (const o of rows) {
        const cur = newest.get(o.datastream);
        if (!cur || cur.t <= o.t) newest.set(o.datastream, { ...o, id: idOf.get(`${o.datastream}:${o.t}`) as number });
      }
      const n = [...newest.values()];
      await client.query(
        `INSERT INTO observations_latest (datastream, id, t, result)
         SELECT * FROM unnest($1::integer[], $2::bigint[], $3::bigint[], $4::double precision[])
         ON CONFLICT (datastream) DO UPDATE SET id = excluded.id, t = excluded.t, result = excluded.result WHERE excluded.t >= observations_latest.t`,
        [n.map((o) => o.datastream), n.map((o) => o.id), n.map((o) => o.t), n.map((o) => o.result)],
      );
      await client.query('COMMIT');
      return batch.map((o) => idOf.get(`${o.datastream}:${o.t}`) as number);
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async queryObservations(q: ObservationQuery): Promise<{ rows: ObservationRow[]; count?: number }> {
    const params: Array<number | string | null> = [];
    const bind = (v: number | string | null) => { params.push(v); return `$${params.length}`; };
    const conds: string[] = [];
    if (q.datastreams !== undefined) conds.push(q.datastreams.length ? `datastream IN (${q.datastreams.map(bind).join(', ')})` : 'false');
    if (q.where) conds.push(q.where(bind));
    const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
    const order = q.orderBy.length ? `ORDER BY ${q.orderBy.map((o) => `${o.column} ${o.desc ? 'DESC' : 'ASC'}`).join(', ')}` : '';
    const countParams = params.slice();
    const r = await this.pool.query(`SELECT ${OBS} FROM observations ${where} ${order} LIMIT ${bind(q.limit)} OFFSET ${bind(q.offset)}`, params);
    const count = q.count ? Number((await this.pool.query(`SELECT COUNT(*) AS n FROM observations ${where}`, countParams)).rows[0].n) : undefined;
    return { rows: r.rows.map(obsRow), count };
  }

  async getObservation(id: number): Promise<ObservationRow | undefined> {
    const r = await this.pool.query(`SELECT ${OBS} FROM observations WHERE id = $1`, [id]);
    return r.rows[0] ? obsRow(r.rows[0]) : undefined;
  }

  async updateObservation(id: number, patch: { t?: number; result?: number; resultTime?: number | null }): Promise<boolean> {
    const r = await this.pool.query(
      'UPDATE observations SET t = COALESCE($1, t), result = COALESCE($2, result), result_time = CASE WHEN $3 THEN $4 ELSE result_time END WHERE id = $5',
      [patch.t ?? null, patch.result ?? null, patch.resultTime !== undefined, patch.resultTime ?? null, id],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async deleteObservation(id: number): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM observations WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async deleteDatastreamObservations(datastream: number): Promise<number> {
    await this.pool.query('DELETE FROM observations_latest WHERE datastream = $1', [datastream]);
    return (await this.pool.query('DELETE FROM observations WHERE datastream = $1', [datastream])).rowCount ?? 0;
  }

  async latest(): Promise<LatestRow[]> {
    const r = await this.pool.query('SELECT datastream, id, t, result FROM observations_latest');
    return r.rows.map((x) => ({ datastream: Number(x.datastream), id: Number(x.id), t: Number(x.t), result: Number(x.result) }));
  }

  async saveAlarm(a: AlarmSave): Promise<number> {
    const row = [a.datastream, a.sensor ?? null, a.level, a.state, a.value, a.threshold ?? null, Date.parse(a.at), a.by ?? null];
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      let id = a.id;
      if (id === undefined) id = Number((await client.query('INSERT INTO sensor_alarms (datastream, sensor, level, state, value, threshold, at, by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id', row)).rows[0].id);
      else await client.query('UPDATE sensor_alarms SET datastream = $1, sensor = $2, level = $3, state = $4, value = $5, threshold = $6, at = $7, by = $8 WHERE id = $9', [...row, id]);
      await client.query('INSERT INTO sensor_alarm_history (alarm, datastream, sensor, level, state, value, threshold, at, by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [id, ...row]);
      await client.query('COMMIT');
      return id;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async activeAlarms(): Promise<AlarmEvent[]> {
    const r = await this.pool.query("SELECT * FROM sensor_alarms WHERE state <> 'cleared' ORDER BY at DESC, id DESC");
    return (r.rows as AlarmRow[]).map(alarmFromRow);
  }

  async alarmHistory(limit: number, datastream?: number): Promise<AlarmEvent[]> {
    const r = datastream === undefined
      ? await this.pool.query('SELECT * FROM sensor_alarm_history ORDER BY seq DESC LIMIT $1', [limit])
      : await this.pool.query('SELECT * FROM sensor_alarm_history WHERE datastream = $1 ORDER BY seq DESC LIMIT $2', [datastream, limit]);
    return (r.rows as AlarmRow[]).map(alarmFromRow);
  }

  async downsample(before: number): Promise<{ hours: number; deleted: number }> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const h = await client.query(`INSERT INTO observations_hourly (datastream, hour, n, min, mean, max)
        SELECT datastream, (t / 3600000) * 3600000 AS hour, COUNT(*), MIN(result), AVG(result), MAX(result)
        FROM observations WHERE t < $1 GROUP BY datastream, hour
        ON CONFLICT (datastream, hour) DO UPDATE SET
          mean = (observations_hourly.mean * observations_hourly.n + excluded.mean * excluded.n) / (observations_hourly.n + excluded.n),
          n = observations_hourly.n + excluded.n,
          min = LEAST(observations_hourly.min, excluded.min), max = GREATEST(observations_hourly.max, excluded.max)`, [before]);
      const d = await client.query('DELETE FROM observations WHERE t < $1', [before]);
      await client.query('COMMIT');
      return { hours: h.rowCount ?? 0, deleted: d.rowCount ?? 0 };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async hourly(datastream: number, from: number, to: number): Promise<HourlyRow[]> {
    const r = await this.pool.query('SELECT datastream, hour, n, min, mean, max FROM observations_hourly WHERE datastream = $1 AND hour >= $2 AND hour < $3 ORDER BY hour', [datastream, from, to]);
    return r.rows.map((x) => ({ datastream: Number(x.datastream), hour: Number(x.hour), count: Number(x.n), min: Number(x.min), mean: Number(x.mean), max: Number(x.max) }));
  }

  async observationCount(): Promise<number> {
    return Number((await this.pool.query('SELECT COUNT(*) AS n FROM observations')).rows[0].n);
  }
}
