/**
 * SensorStore on one SQLite file (better-sqlite3): WAL journal, `synchronous=FULL` by default so
 * a commit that returned is on disk (an acknowledged observation survives kill -9 and power loss).
 * Observations: rowid id plus a unique (datastream, t) index, which serves both the range query
 * of one datastream and the upsert of redeliveries.
 */
import Database from 'better-sqlite3';
import type { AlarmEvent } from '../../contracts.ts';
import { alarmFromRow, type AlarmRow } from './alarm-row.ts';
import type {
  AlarmSave, EntityRecord, EntityType, HourlyRow, LatestRow, NewObservation, ObservationQuery, ObservationRow, SensorStore,
} from './sensor-store.ts';

export interface SqliteStoreOptions {
  /** 'FULL' (default) survives power loss; 'NORMAL' survives a process crash only. */
  synchronous?: 'FULL' | 'NORMAL';
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sensor_entities (type TEXT NOT NULL, id INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (type, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS observations (id INTEGER PRIMARY KEY, datastream INTEGER NOT NULL, t INTEGER NOT NULL, result REAL NOT NULL, result_time INTEGER);
CREATE UNIQUE INDEX IF NOT EXISTS observations_ds_t ON observations (datastream, t);
CREATE TABLE IF NOT EXISTS observations_latest (datastream INTEGER PRIMARY KEY, id INTEGER NOT NULL, t INTEGER NOT NULL, result REAL NOT NULL);
CREATE TABLE IF NOT EXISTS observations_hourly (datastream INTEGER NOT NULL, hour INTEGER NOT NULL, n INTEGER NOT NULL, min REAL NOT NULL, mean REAL NOT NULL, max REAL NOT NULL, PRIMARY KEY (datastream, hour)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sensor_alarms (id INTEGER PRIMARY KEY, datastream INTEGER NOT NULL, sensor TEXT, level TEXT NOT NULL, state TEXT NOT NULL, value REAL NOT NULL, threshold REAL, at INTEGER NOT NULL, by TEXT);
CREATE INDEX IF NOT EXISTS sensor_alarms_state ON sensor_alarms (state);
CREATE TABLE IF NOT EXISTS sensor_alarm_history (seq INTEGER PRIMARY KEY, alarm INTEGER NOT NULL, datastream INTEGER NOT NULL, sensor TEXT, level TEXT NOT NULL, state TEXT NOT NULL, value REAL NOT NULL, threshold REAL, at INTEGER NOT NULL, by TEXT);
`;

export class SqliteSensorStore implements SensorStore {
  readonly backend = 'sqlite' as const;
  private db!: Database.Database;
  private stmts!: ReturnType<SqliteSensorStore['prepare']>;

  constructor(private readonly file: string, private readonly options: SqliteStoreOptions = {}) {}

  async open(): Promise<void> {
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${this.options.synchronous ?? 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.stmts = this.prepare();
  }

  private prepare() {
    const db = this.db;
    return {
      insertObs: db.prepare('INSERT OR IGNORE INTO observations (datastream, t, result, result_time) VALUES (?, ?, ?, ?)'),
      redeliver: db.prepare('UPDATE observations SET result = ?, result_time = ? WHERE datastream = ? AND t = ? RETURNING id').pluck(),
      upsertLatest: db.prepare(`INSERT INTO observations_latest (datastream, id, t, result) VALUES (?, ?, ?, ?)
        ON CONFLICT (datastream) DO UPDATE SET id = excluded.id, t = excluded.t, result = excluded.result WHERE excluded.t >= observations_latest.t`),
      insertEntity: db.prepare('INSERT INTO sensor_entities (type, id, doc) VALUES (?, (SELECT COALESCE(MAX(id), 0) + 1 FROM sensor_entities WHERE type = ?), ?) RETURNING id').pluck(),
      replaceEntity: db.prepare('INSERT OR REPLACE INTO sensor_entities (type, id, doc) VALUES (?, ?, ?)'),
      insertAlarm: db.prepare('INSERT INTO sensor_alarms (datastream, sensor, level, state, value, threshold, at, by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id').pluck(),
      updateAlarm: db.prepare('UPDATE sensor_alarms SET datastream = ?, sensor = ?, level = ?, state = ?, value = ?, threshold = ?, at = ?, by = ? WHERE id = ?'),
      history: db.prepare('INSERT INTO sensor_alarm_history (alarm, datastream, sensor, level, state, value, threshold, at, by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    };
  }

  async close(): Promise<void> {
    this.db?.close();
  }

  async listEntities(): Promise<EntityRecord[]> {
    const rows = this.db.prepare('SELECT type, id, doc FROM sensor_entities ORDER BY type, id').all() as Array<{ type: EntityType; id: number; doc: string }>;
    return rows.map((r) => ({ type: r.type, id: r.id, doc: JSON.parse(r.doc) }));
  }

  async saveEntity(type: EntityType, id: number | undefined, doc: Record<string, unknown>): Promise<number> {
    if (id === undefined) return this.stmts.insertEntity.get(type, type, JSON.stringify(doc)) as number;
    this.stmts.replaceEntity.run(type, id, JSON.stringify(doc));
    return id;
  }

  async deleteEntity(type: EntityType, id: number): Promise<void> {
    this.db.prepare('DELETE FROM sensor_entities WHERE type = ? AND id = ?').run(type, id);
  }

  private readonly insertBatch = (batch: readonly NewObservation[]): number[] => {
    const ids = new Array<number>(batch.length);
    const newest = new Map<number, number>();
    for (let i = 0; i < batch.length; i++) {
      const o = batch[i];
      // Plain insert (fast path); a redelivery of the same (datastream, t) replaces the result and keeps the id.
      const r = this.stmts.insertObs.run(o.datastream, o.t, o.result, o.resultTime ?? null);
      ids[i] = r.changes === 1 ? Number(r.lastInsertRowid) : (this.stmts.redeliver.get(o.result, o.resultTime ?? null, o.datastream, o.t) as number);
      const j = newest.get(o.datastream);
      if (j === undefined || batch[j].t <= o.t) newest.set(o.datastream, i);
    }
    for (const [ds, i] of newest) this.stmts.upsertLatest.run(ds, ids[i], batch[i].t, batch[i].result);
    return ids;
  };

  async insertObservations(batch: readonly NewObservation[]): Promise<number[]> {
    if (batch.length === 0) return [];
    return this.db.transaction(this.insertBatch)(batch);
  }

  async queryObservations(q: ObservationQuery): Promise<{ rows: ObservationRow[]; count?: number }> {
    const params: Array<number | string | null> = [];
    const bind = (v: number | string | null) => { params.push(v); return '?'; };
    const conds: string[] = [];
    if (q.datastreams !== undefined) conds.push(q.datastreams.length ? `datastream IN (${q.datastreams.map(bind).join(', ')})` : '0 = 1');
    if (q.where) conds.push(q.where(bind));
    const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
    const order = q.orderBy.length ? `ORDER BY ${q.orderBy.map((o) => `${o.column} ${o.desc ? 'DESC' : 'ASC'}`).join(', ')}` : '';
    const rows = this.db.prepare(`SELECT id, datastream, t, result, result_time AS resultTime FROM observations ${where} ${order} LIMIT ? OFFSET ?`)
      .all(...params, q.limit, q.offset) as ObservationRow[];
    const count = q.count ? (this.db.prepare(`SELECT COUNT(*) FROM observations ${where}`).pluck().get(...params) as number) : undefined;
    return { rows, count };
  }

  async getObservation(id: number): Promise<ObservationRow | undefined> {
    return this.db.prepare('SELECT id, datastream, t, result, result_time AS resultTime FROM observations WHERE id = ?').get(id) as ObservationRow | undefined;
  }

  async updateObservation(id: number, patch: { t?: number; result?: number; resultTime?: number | null }): Promise<boolean> {
    const r = this.db.prepare('UPDATE observations SET t = COALESCE(?, t), result = COALESCE(?, result), result_time = CASE WHEN ? THEN ? ELSE result_time END WHERE id = ?')
      .run(patch.t ?? null, patch.result ?? null, patch.resultTime !== undefined ? 1 : 0, patch.resultTime ?? null, id);
    return r.changes > 0;
  }

  async deleteObservation(id: number): Promise<boolean> {
    return this.db.prepare('DELETE FROM observations WHERE id = ?').run(id).changes > 0;
  }

  async deleteDatastreamObservations(datastream: number): Promise<number> {
    this.db.prepare('DELETE FROM observations_latest WHERE datastream = ?').run(datastream);
    return this.db.prepare('DELETE FROM observations WHERE datastream = ?').run(datastream).changes;
  }

  async latest(): Promise<LatestRow[]> {
    return this.db.prepare('SELECT datastream, id, t, result FROM observations_latest').all() as LatestRow[];
  }

  async saveAlarm(a: AlarmSave): Promise<number> {
    const at = Date.parse(a.at);
    const row = [a.datastream, a.sensor ?? null, a.level, a.state, a.value, a.threshold ?? null, at, a.by ?? null] as const;
    return this.db.transaction(() => {
      let id = a.id;
      if (id === undefined) id = this.stmts.insertAlarm.get(...row) as number;
      else this.stmts.updateAlarm.run(...row, id);
      this.stmts.history.run(id, ...row);
      return id;
    })();
  }

  async activeAlarms(): Promise<AlarmEvent[]> {
    return (this.db.prepare("SELECT * FROM sensor_alarms WHERE state <> 'cleared' ORDER BY at DESC, id DESC").all() as AlarmRow[]).map(alarmFromRow);
  }

  async alarmHistory(limit: number, datastream?: number): Promise<AlarmEvent[]> {
    const rows = datastream === undefined
      ? this.db.prepare('SELECT * FROM sensor_alarm_history ORDER BY seq DESC LIMIT ?').all(limit)
      : this.db.prepare('SELECT * FROM sensor_alarm_history WHERE datastream = ? ORDER BY seq DESC LIMIT ?').all(datastream, limit);
    return (rows as AlarmRow[]).map(alarmFromRow);
  }

  async downsample(before: number): Promise<{ hours: number; deleted: number }> {
    return this.db.transaction(() => {
      const hours = this.db.prepare(`INSERT INTO observations_hourly (datastream, hour, n, min, mean, max)
        SELECT datastream, (t / 3600000) * 3600000 AS hour, COUNT(*), MIN(result), AVG(result), MAX(result)
        FROM observations WHERE t < ? GROUP BY datastream, hour
        ON CONFLICT (datastream, hour) DO UPDATE SET
          mean = (mean * n + excluded.mean * excluded.n) / (n + excluded.n), n = n + excluded.n,
          min = MIN(min, excluded.min), max = MAX(max, excluded.max)`).run(before).changes;
      const deleted = this.db.prepare('DELETE FROM observations WHERE t < ?').run(before).changes;
      return { hours, deleted };
    })();
  }

  async hourly(datastream: number, from: number, to: number): Promise<HourlyRow[]> {
    return this.db.prepare('SELECT datastream, hour, n AS count, min, mean, max FROM observations_hourly WHERE datastream = ? AND hour >= ? AND hour < ? ORDER BY hour')
      .all(datastream, from, to) as HourlyRow[];
  }

  async observationCount(): Promise<number> {
    return this.db.prepare('SELECT COUNT(*) FROM observations').pluck().get() as number;
  }
}
