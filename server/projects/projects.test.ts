import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, BimProjectSummary } from '../contracts.ts';
import { makeDataDir, removeDir, startTestServer, type TestServer } from '../http/server-fixture.test-support.ts';
import { openDatabase, type Database } from './database.ts';
import { postgresAvailable, startPostgres, type TestPostgres } from '../sensors/testing/postgres.ts';
import { openProjectStore } from './project-store.ts';

describe('BIM projects over HTTP (SQLite)', () => {
  let dir: string;
  let t: TestServer;
  beforeAll(async () => {
    dir = await makeDataDir();
    t = await startTestServer(dir);
  });
  afterAll(async () => {
    await t?.server.stop();
    await removeDir(dir);
  });

  it('lists the seeded projects with their location, and filters by status', async () => {
    const all: BimProjectSummary[] = await (await t.call('/api/projects', { role: 'planner' })).json();
    expect(all.map((p) => p.id)).toEqual(['bim-a', 'bim-b']);
    const a = all[0];
    expect(a).toMatchObject({ name: 'Library', permitNumber: 'P-1', status: 'submitted', parcelId: 'parcel-1', layer: 'bim-projects' });
    // Origin (400100, 3320100) EPSG:4544: 99.9 km west of CM 105E near 30N (≈ 103.964 E by a flat-earth estimate);
    // h = H 210 + N −40.04.
    expect(a.location!.lon).toBeCloseTo(103.9647, 3);
    expect(a.location!.lat).toBeCloseTo(29.9958, 3);
    expect(a.location!.height).toBeCloseTo(169.96, 2);
    const approved: BimProjectSummary[] = await (await t.call('/api/projects?status=approved', { role: 'planner' })).json();
    expect(approved.map((p) => p.id)).toEqual(['bim-b']);
    const bad = await t.call('/api/projects?status=finished', { role: 'planner' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain('query.status');
  });

  it('changes status with a reason, sets dates, records who/role/when/why, and validates transitions', async () => {
    const r = await t.call('/api/projects/bim-a/status', { method: 'POST', role: 'construction-bureau', json: { status: 'under-review', reason: 'documents complete' } });
    expect(r.status).toBe(200);
    const p: BimProjectSummary = await r.json();
    const today = new Date().toISOString().slice(0, 10);
    expect(p).toMatchObject({ status: 'under-review', reviewedDate: today });
    const approve = await t.call('/api/projects/bim-a/status', { method: 'POST', role: 'admin', json: { status: 'approved', reason: 'meets the plan' } });
    expect(await approve.json()).toMatchObject({ status: 'approved', reviewedDate: today, decidedDate: today });

    const illegal = await t.call('/api/projects/bim-a/status', { method: 'POST', role: 'admin', json: { status: 'submitted', reason: 'try to skip' } });
    expect(illegal.status).toBe(409);
    expect((await illegal.json()).error.message).toContain("'approved'");
    const noReason = await t.call('/api/projects/bim-a/status', { method: 'POST', role: 'admin', json: { status: 'under-review' } });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).error.message).toContain('body.reason');
    const unknown = await t.call('/api/projects/nope/status', { method: 'POST', role: 'admin', json: { status: 'approved', reason: 'no such project' } });
    expect(unknown.status).toBe(404);
    expect((await t.call('/api/projects/nope/audit', { role: 'planner' })).status).toBe(404);

    const audit: AuditEntry[] = await (await t.call('/api/projects/bim-a/audit', { role: 'planner' })).json();
    expect(audit.map(({ who, role, from, to, reason }) => ({ who, role, from, to, reason }))).toEqual([
      { who: 'construction-bureau', role: 'construction-bureau', from: 'submitted', to: 'under-review', reason: 'documents complete' },
      { who: 'admin', role: 'admin', from: 'under-review', to: 'approved', reason: 'meets the plan' },
    ]);
    expect(Date.now() - Date.parse(audit[1].at)).toBeLessThan(60_000);
  });

  it('keeps status and audit across a restart on the same files', async () => {
    await t.server.stop();
    t = await startTestServer(dir);
    const a: BimProjectSummary = await (await t.call('/api/projects/bim-a', { role: 'planner' })).json();
    expect(a.status).toBe('approved');
    const audit: AuditEntry[] = await (await t.call('/api/projects/bim-a/audit', { role: 'planner' })).json();
    expect(audit).toHaveLength(2);
  });
});

async function storeContract(db: Database) {
  const store = await openProjectStore(db);
  const p: BimProjectSummary = { id: 'p1', name: 'P', permitNumber: 'N', status: 'submitted', submittedDate: '2026-01-01', parcelId: 'x' };
  expect(await store.seed([p, { ...p, id: 'p2' }])).toBe(2);
  expect(await store.seed([{ ...p, status: 'approved' }])).toBe(0);
  const by = { name: 'alice', role: 'construction-bureau' as const };
  await store.changeStatus('p1', 'under-review', by, 'start', new Date('2026-02-02T10:00:00Z'));
  await store.changeStatus('p1', 'rejected', by, 'no', new Date('2026-02-03T10:00:00Z'));
  await expect(store.changeStatus('p1', 'approved', by, 'skip')).rejects.toThrow(/can change to/);
  expect(await store.get('p1')).toMatchObject({ status: 'rejected', reviewedDate: '2026-02-02', decidedDate: '2026-02-03' });
  expect((await store.list('rejected')).map((x) => x.id)).toEqual(['p1']);
  expect((await store.list()).map((x) => x.id)).toEqual(['p1', 'p2']);
  expect((await store.audit('p1')).map((e) => `${e.from}>${e.to}@${e.at}`)).toEqual([
    'submitted>under-review@2026-02-02T10:00:00.000Z', 'under-review>rejected@2026-02-03T10:00:00.000Z',
  ]);
  // Concurrent changes never lose an update: each sees the status the previous one left (a chain in the log).
  const results = await Promise.allSettled([
    store.changeStatus('p2', 'under-review', by, 'a'),
    store.list(),
    store.changeStatus('p2', 'rejected', by, 'b'),
    store.changeStatus('p1', 'submitted', by, 'c'),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
  const log = await store.audit('p2');
  expect(log.map((e) => e.from)).toEqual(['submitted', log[0].to]);
  expect((await store.get('p2'))!.status).toBe(log[1].to);
  expect((await store.get('p1'))!.status).toBe('submitted');
}

describe('project store on SQLite', () => {
  it('seeds once, changes status in a transaction with its audit row', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cimflow-store-'));
    const db = await openDatabase(path.join(dir, 'sub', 'x.db'));
    try {
      expect((await db.all<{ journal_mode: string }>('PRAGMA journal_mode'))[0].journal_mode).toBe('wal');
      await storeContract(db);
    } finally {
      await db.close();
      await removeDir(dir);
    }
  });
});

describe.skipIf(!postgresAvailable())('project store and server on PostgreSQL', () => {
  let pg: TestPostgres;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
  });

  it('passes the same store contract', async () => {
    const db = await openDatabase(pg.url);
    try {
      await db.exec('DROP TABLE IF EXISTS bim_projects; DROP TABLE IF EXISTS bim_audit');
      await storeContract(db);
    } finally {
      await db.close();
    }
  });

  it('serves projects and scenarios from PostgreSQL, and keeps them across a restart', async () => {
    const dir = await makeDataDir();
    let t = await startTestServer(dir, { db: pg.url });
    try {
      const r = await t.call('/api/projects/bim-a/status', { method: 'POST', role: 'construction-bureau', json: { status: 'rejected', reason: 'on a flood path' } });
      expect(await r.json()).toMatchObject({ status: 'rejected' });
      const s = await (await t.call('/api/scenarios', { method: 'POST', role: 'flood-command', json: { name: 'pg', kind: 'design-storm', returnPeriod: 5, duration: 600, simDuration: 360 } })).json();
      await t.server.stop();
      t = await startTestServer(dir, { db: pg.url });
      expect((await (await t.call('/api/projects/bim-a', { role: 'planner' })).json()).status).toBe('rejected');
      expect((await (await t.call('/api/projects/bim-a/audit', { role: 'planner' })).json())[0].reason).toBe('on a flood path');
      const again = await (await t.call(`/api/scenarios/${s.id}`, { role: 'planner' })).json();
      expect(again.name).toBe('pg');
    } finally {
      await t.server.stop();
      await removeDir(dir);
    }
  });
});
