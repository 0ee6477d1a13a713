/**
 * BIM projects and their audit log in SQL (SQLite or PostgreSQL through `Database`). A status change and its
 * audit row are written in one transaction, so the log never misses a change.
 */
import type { AuditEntry, BimProjectSummary, BimStatus, Role } from '../contracts.ts';
import { ApiError, notFound } from '../http/api-error.ts';
import type { Database } from './database.ts';
import { canChange, STATUS_TRANSITIONS, withStatus } from './status-transitions.ts';

export interface ProjectStore {
  /** Adds projects not stored yet (existing ones keep their stored status); returns how many were added. */
  seed(projects: BimProjectSummary[]): Promise<number>;
  list(status?: BimStatus): Promise<BimProjectSummary[]>;
  get(id: string): Promise<BimProjectSummary | undefined>;
  changeStatus(id: string, to: BimStatus, by: { name: string; role: Role }, reason: string, at?: Date): Promise<BimProjectSummary>;
  audit(id: string): Promise<AuditEntry[]>;
}

const SCHEMA = (db: Database) => `
CREATE TABLE IF NOT EXISTS bim_projects (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS bim_audit (
  seq ${db.dialect === 'postgres' ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT'},
  project_id TEXT NOT NULL,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  role TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS bim_audit_project ON bim_audit (project_id, seq);
`;

interface AuditRow { project_id: string; at: string; who: string; role: Role; from_status: BimStatus; to_status: BimStatus; reason: string }

export async function openProjectStore(db: Database): Promise<ProjectStore> {
  await db.exec(SCHEMA(db));
  // In a PostgreSQL transaction the row is locked until commit, so concurrent changes queue up instead of
  // both deciding from the same status (SQLite transactions are serialised by the connection already).
  const forUpdate = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const get = async (id: string, q: Database = db, lock = false) => {
    const rows = await q.all<{ data: string }>(`SELECT data FROM bim_projects WHERE id = ?${lock ? forUpdate : ''}`, [id]);
    return rows[0] ? (JSON.parse(rows[0].data) as BimProjectSummary) : undefined;
  };
  return {
    async seed(projects) {
      let added = 0;
      for (const p of projects) {
        added += (await db.run('INSERT INTO bim_projects (id, status, data) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING', [p.id, p.status, JSON.stringify(p)])).changes;
      }
      return added;
    },
    async list(status) {
      const rows = status
        ? await db.all<{ data: string }>('SELECT data FROM bim_projects WHERE status = ? ORDER BY id', [status])
        : await db.all<{ data: string }>('SELECT data FROM bim_projects ORDER BY id');
      return rows.map((r) => JSON.parse(r.data) as BimProjectSummary);
    },
    get: (id) => get(id),
    async changeStatus(id, to, by, reason, at = new Date()) {
      return db.transaction(async (tx) => {
        const p = await get(id, tx, true);
        if (!p) throw notFound('project', id);
        if (!canChange(p.status, to)) {
          throw new ApiError(409, 'invalid-transition', `status: project '${id}' is '${p.status}'; it can change to ${STATUS_TRANSITIONS[p.status].map((s) => `'${s}'`).join(', ')}, not '${to}'`);
        }
        const next = withStatus(p, to, at.toISOString().slice(0, 10));
        await tx.run('UPDATE bim_projects SET status = ?, data = ? WHERE id = ?', [to, JSON.stringify(next), id]);
        await tx.run(
          'INSERT INTO bim_audit (project_id, at, who, role, from_status, to_status, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [id, at.toISOString(), by.name, by.role, p.status, to, reason],
        );
        return next;
      });
    },
    async audit(id) {
      if (!(await get(id))) throw notFound('project', id);
      const rows = await db.all<AuditRow>('SELECT project_id, at, who, role, from_status, to_status, reason FROM bim_audit WHERE project_id = ? ORDER BY seq', [id]);
      return rows.map((r) => ({ at: r.at, who: r.who, role: r.role, projectId: r.project_id, from: r.from_status, to: r.to_status, reason: r.reason }));
    },
  };
}
