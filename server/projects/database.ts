/**
 * The SQL storage the server's own tables (projects, audit log, scenarios) live in: SQLite by default
 * (better-sqlite3, WAL journal, one file), PostgreSQL for scale-out (pg pool). Statements are written once
 * with `?` placeholders and portable SQL; each driver adapts them. `dialect` lets a store pick the few
 * statements that differ (auto-increment keys).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type SqlValue = string | number | null;

export interface Database {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the data lives, for messages (a file path, or the URL without its password). */
  readonly location: string;
  /** Runs DDL or several statements without parameters. */
  exec(sql: string): Promise<void>;
  all<T = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<T[]>;
  run(sql: string, params?: SqlValue[]): Promise<{ changes: number }>;
  /** Runs `fn` in one transaction (all or nothing). */
  transaction<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//i.test(db);

/** Opens `db`: a `postgres://` URL, or a SQLite file path (its folder is created). */
export async function openDatabase(db: string): Promise<Database> {
  return isPostgresUrl(db) ? openPostgres(db) : openSqlite(db);
}

async function openSqlite(file: string): Promise<Database> {
  const { default: Sqlite } = await import('better-sqlite3');
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const conn = new Sqlite(file);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('busy_timeout = 5000');
  const location = path.resolve(file);
  // One connection: while a transaction awaits between its statements, every other statement waits for it
  // (else it would run inside the transaction and share its fate).
  let lock: Promise<unknown> = Promise.resolve();
  const inside: Database = {
    dialect: 'sqlite',
    location,
    async exec(sql) {
      conn.exec(sql);
    },
    async all<T>(sql: string, params: SqlValue[] = []) {
      return conn.prepare(sql).all(...params) as T[];
    },
    async run(sql, params = []) {
      return { changes: conn.prepare(sql).run(...params).changes };
    },
    transaction: (fn) => fn(inside),
    async close() {
      conn.close();
    },
  };
  return {
    ...inside,
    exec: async (sql) => {
      await lock;
      return inside.exec(sql);
    },
    all: async <T>(sql: string, params?: SqlValue[]) => {
      await lock;
      return inside.all<T>(sql, params);
    },
    run: async (sql, params) => {
      await lock;
      return inside.run(sql, params);
    },
    transaction<T>(fn: (db: Database) => Promise<T>): Promise<T> {
      const result = lock.then(async () => {
        conn.exec('BEGIN IMMEDIATE');
        try {
          const r = await fn(inside);
          conn.exec('COMMIT');
          return r;
        } catch (e) {
          conn.exec('ROLLBACK');
          throw e;
        }
      });
      lock = result.catch(() => undefined);
      return result;
    },
    async close() {
      await lock;
      conn.close();
    },
  };
}

/** `?` placeholders → `$1, $2, …` (the stores never put `?` inside string literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle client whose server goes away emits 'error' on the pool; without a listener that would
  // crash the process. The next query fails and reports it instead.
  pool.on('error', () => {});
  await pool.query('SELECT 1');
  const shown = url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  type Queryable = Pick<InstanceType<typeof pg.Pool>, 'query'>;
  const over = (q: Queryable, root: boolean): Database => ({
    dialect: 'postgres',
    location: shown,
    async exec(sql) {
      await q.query(sql);
    },
    async all<T>(sql: string, params: SqlValue[] = []) {
      return (await q.query(numbered(sql), params)).rows as T[];
    },
    async run(sql, params = []) {
      return { changes: (await q.query(numbered(sql), params)).rowCount ?? 0 };
    },
    async transaction(fn) {
      if (!root) return fn(over(q, false));
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const r = await fn(over(client, false));
        await client.query('COMMIT');
        return r;
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      if (root) await pool.end();
    },
  });
  return over(pool, true);
}
