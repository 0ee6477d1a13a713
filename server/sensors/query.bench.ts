/**
 * The two common queries at 10 million observations (SQLite): the latest value of every
 * datastream, and one datastream over a time range. Builds the rows with bulk inserts in a temp
 * database (10,000 datastreams × 1,000 one-minute observations), then times each query through
 * the SensorStore (median and p99 of repeated runs).
 * Run: npx tsx server/sensors/query.bench.ts   (BENCH_ROWS=1000000 for a smaller run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { compileObservationFilter } from './sensorthings/filter-sql.ts';
import { parseFilter } from './sensorthings/odata-filter.ts';
import { SqliteSensorStore } from './store/sqlite-store.ts';
import { machine, percentile } from './testing/bench-support.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const DATASTREAMS = 10_000;
const PER = Math.ceil(ROWS / DATASTREAMS);
const T0 = Date.UTC(2026, 0, 1);
const dir = mkdtempSync(path.join(os.tmpdir(), 'cimflow-query-bench-'));
const file = path.join(dir, 'bench.db');
console.log(`machine: ${machine()}`);

const schema = new SqliteSensorStore(file);
await schema.open();
await schema.close();
{
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const ins = db.prepare('INSERT INTO observations (datastream, t, result) VALUES (?, ?, ?)');
  const latest = db.prepare('INSERT INTO observations_latest (datastream, id, t, result) VALUES (?, ?, ?, ?)');
  const t0 = performance.now();
  const fill = db.transaction((from: number, to: number) => {
    for (let ds = from; ds < to; ds++) {
      let r = { lastInsertRowid: 0 as number | bigint };
      for (let k = 0; k < PER; k++) r = ins.run(ds, T0 + k * 60_000, Math.sin(k / 100) + ds * 1e-4);
      latest.run(ds, Number(r.lastInsertRowid), T0 + (PER - 1) * 60_000, Math.sin((PER - 1) / 100) + ds * 1e-4);
    }
  });
  for (let ds = 1; ds <= DATASTREAMS; ds += 500) fill(ds, Math.min(DATASTREAMS + 1, ds + 500));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  console.log(`built ${(DATASTREAMS * PER).toLocaleString('en')} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const store = new SqliteSensorStore(file);
await store.open();
const time = async (runs: number, f: (i: number) => Promise<unknown>) => {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return `median ${percentile(ms, 50).toFixed(2)} ms, p99 ${percentile(ms, 99).toFixed(2)} ms (${runs} runs)`;
};
let n = 0;
console.log(`latest value of every datastream (${DATASTREAMS.toLocaleString('en')} rows): ${await time(30, async () => { n = (await store.latest()).length; })}`);
if (n !== DATASTREAMS) throw new Error(`latest returned ${n} rows`);
const range = parseFilter('phenomenonTime ge 2026-01-01T06:00:00Z and phenomenonTime lt 2026-01-01T12:00:00Z');
let rows = 0;
console.log(`one datastream over 6 hours (360 rows): ${await time(300, async (i) => {
  const r = await store.queryObservations({ datastreams: [1 + ((i * 7919) % DATASTREAMS)], where: (bind) => compileObservationFilter(range, bind), orderBy: [{ column: 't', desc: false }], limit: 10_000, offset: 0, count: false });
  rows = r.rows.length;
})}`);
if (rows !== Math.min(360, Math.max(0, PER - 360))) console.log(`(range returned ${rows} rows)`);
await store.close();
rmSync(dir, { recursive: true, force: true });
