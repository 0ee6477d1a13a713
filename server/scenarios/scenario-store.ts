/** Scenario summaries in SQL (SQLite or PostgreSQL), newest first; results are part of the summary. */
import type { ScenarioState, ScenarioSummary } from '../contracts.ts';
import type { Database } from '../projects/database.ts';

export interface ScenarioStore {
  put(s: ScenarioSummary): Promise<void>;
  get(id: string): Promise<ScenarioSummary | undefined>;
  list(): Promise<ScenarioSummary[]>;
  withState(...states: ScenarioState[]): Promise<ScenarioSummary[]>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS scenarios (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS scenarios_created ON scenarios (created_at);
`;

export async function openScenarioStore(db: Database): Promise<ScenarioStore> {
  await db.exec(SCHEMA);
  const parse = (rows: Array<{ data: string }>) => rows.map((r) => JSON.parse(r.data) as ScenarioSummary);
  return {
    async put(s) {
      await db.run(
        'INSERT INTO scenarios (id, created_at, state, data) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state, data = excluded.data',
        [s.id, s.createdAt, s.state, JSON.stringify(s)],
      );
    },
    async get(id) {
      return parse(await db.all<{ data: string }>('SELECT data FROM scenarios WHERE id = ?', [id]))[0];
    },
    async list() {
      return parse(await db.all<{ data: string }>('SELECT data FROM scenarios ORDER BY created_at DESC, id DESC'));
    },
    async withState(...states) {
      const marks = states.map(() => '?').join(', ');
      return parse(await db.all<{ data: string }>(`SELECT data FROM scenarios WHERE state IN (${marks}) ORDER BY created_at, id`, states));
    },
  };
}
