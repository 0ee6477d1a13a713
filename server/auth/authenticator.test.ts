import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../contracts.ts';
import { makeDataDir, removeDir, startTestServer, type TestServer } from '../http/server-fixture.test-support.ts';
import { openTokenStore } from './authenticator.ts';

/** Every write endpoint, a body it accepts, and the roles that may call it. */
const WRITES: Array<{ path: string; body: unknown; allowed: Role[] }> = [
  { path: '/api/projects/bim-a/status', body: { status: 'under-review', reason: 'checking the auth matrix' }, allowed: ['construction-bureau', 'admin'] },
  { path: '/api/scenarios', body: { name: 'auth', kind: 'design-storm', returnPeriod: 2, duration: 600, simDuration: 60 }, allowed: ['flood-command', 'admin'] },
  { path: '/api/scenarios/unknown-id/cancel', body: {}, allowed: ['flood-command', 'admin'] },
];

describe('auth', () => {
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

  it('creates tokens.json once, mode 0600, one token per role', async () => {
    const file = path.join(dir, 'tokens.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.users.map((u: { role: string }) => u.role)).toEqual([...ROLES]);
    expect(t.server.tokens.created).toBe(true);
    const again = await openTokenStore(file);
    expect(again.created).toBe(false);
    expect(again.userTokens()).toEqual(t.server.tokens.userTokens());
  });

  for (const w of WRITES) {
    it(`POST ${w.path}: 401 without or with a wrong token, 403 for other roles`, async () => {
      const none = await t.call(w.path, { method: 'POST', json: w.body });
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toContain('Bearer');
      expect((await none.json()).error.code).toBe('missing-token');
      const wrong = await t.call(w.path, { method: 'POST', json: w.body, headers: { authorization: 'Bearer not-a-real-token-at-all' } });
      expect(wrong.status).toBe(401);
      expect((await wrong.json()).error.code).toBe('invalid-token');
      const malformed = await t.call(w.path, { method: 'POST', json: w.body, headers: { authorization: 'Basic dXNlcjpwYXNz' } });
      expect(malformed.status).toBe(401);
      for (const role of ROLES.filter((r) => !w.allowed.includes(r))) {
        const r = await t.call(w.path, { method: 'POST', json: w.body, role });
        expect(r.status, role).toBe(403);
        expect((await r.json()).error.message).toContain(`role '${role}'`);
      }
    });
  }

  it('lets allowed roles past the guard (their answer is not 401/403)', async () => {
    for (const w of WRITES) {
      const r = await t.call(w.path, { method: 'POST', json: w.body, role: w.allowed[0] });
      expect([200, 202, 404], w.path).toContain(r.status);
    }
  });

  it('refuses devices everywhere but their own data, and reads without a token in private mode', async () => {
    const device = await t.server.tokens.deviceToken('gauge-7', [7]);
    expect(t.server.tokens.principalFor(`Bearer ${device}`)).toEqual({ kind: 'device', name: 'gauge-7', datastreams: [7] });
    const r = await t.call('/api/scenarios', { method: 'POST', json: WRITES[1].body, headers: { authorization: `Bearer ${device}` } });
    expect(r.status).toBe(403);
    expect((await t.call('/api/projects')).status).toBe(401);
    expect((await t.call('/api/whoami')).status).toBe(401);
    expect(await (await t.call('/api/whoami', { role: 'planner' })).json()).toEqual({ kind: 'user', name: 'planner', role: 'planner' });
    expect((await t.call('/api/metrics', { role: 'planner' })).status).toBe(403);
    expect((await t.call('/api/health')).status).toBe(200);
  });

  it('public read-only mode: anonymous reads pass, writes still need a token', async () => {
    const pub = await startTestServer(dir, { publicReadOnly: true });
    try {
      expect((await pub.call('/api/projects')).status).toBe(200);
      expect(await (await pub.call('/api/whoami')).json()).toEqual({ kind: 'anonymous' });
      expect((await pub.call('/api/projects/bim-a/status', { method: 'POST', json: WRITES[0].body })).status).toBe(401);
      expect((await pub.call('/api/projects', { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
      expect((await (await pub.call('/api/config')).json()).publicReadOnly).toBe(true);
    } finally {
      await pub.server.stop();
    }
  });
});
