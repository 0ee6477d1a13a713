import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../contracts.ts';
import { makeDataDir, removeDir } from './server-fixture.test-support.ts';

const APP = path.resolve(import.meta.dirname, '..', 'app.ts');

/** A server in a child process (killable with SIGKILL); resolves with its URL. */
async function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  // A script file, not --eval: worker threads inherit the parent's exec arguments.
  const script = path.join(dataDir, 'start-server.mjs');
  await writeFile(script, `const { createServer } = await import(${JSON.stringify(APP)});
const s = await createServer({ port: 0, dataDir: ${JSON.stringify(dataDir)}, scenarios: { outputInterval: 60 } });
console.log('URL ' + await s.start());
process.on('SIGTERM', () => s.stop().then(() => process.exit(0)));`);
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /URL (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.once('exit', (c) => reject(new Error(`server exited with ${c}: ${err}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => child.once('exit', () => resolve()));

describe('restart after kill -9', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await removeDir(dir);
  });

  it('comes back on the same files: changes kept, the cut-off run failed, the queued run resumes', async () => {
    dir = await makeDataDir();
    const a = await startChild(dir);
    children.push(a.child);
    const tokens = JSON.parse(await readFile(path.join(dir, 'tokens.json'), 'utf8')) as { users: Array<{ role: string; token: string }> };
    const admin = { authorization: `Bearer ${tokens.users.find((u) => u.role === 'admin')!.token}`, 'content-type': 'application/json' };
    const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: admin, body: JSON.stringify(body) }).then((r) => r.json());
    expect(await post(`${a.url}/api/projects/bim-a/status`, { status: 'rejected', reason: 'before the crash' })).toMatchObject({ status: 'rejected' });
    const storm = { kind: 'design-storm', returnPeriod: 10, duration: 600, simDuration: 86_400 };
    const first: ScenarioSummary = await post(`${a.url}/api/scenarios`, { ...storm, name: 'cut off' });
    const second: ScenarioSummary = await post(`${a.url}/api/scenarios`, { ...storm, name: 'waiting' });
    for (let k = 0; k < 600; k++) {
      const s: ScenarioSummary = await (await fetch(`${a.url}/api/scenarios/${first.id}`, { headers: admin })).json();
      expect(s.state).not.toBe('failed');
      if (s.state === 'running' && s.progress > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    a.child.kill('SIGKILL');
    await exited(a.child);

    const b = await startChild(dir);
    children.push(b.child);
    const get = async (p: string) => (await fetch(`${b.url}${p}`, { headers: admin })).json();
    expect((await get('/api/projects/bim-a')).status).toBe('rejected');
    expect((await get('/api/projects/bim-a/audit'))[0].reason).toBe('before the crash');
    const cut: ScenarioSummary = await get(`/api/scenarios/${first.id}`);
    expect(cut.state).toBe('failed');
    expect(cut.error).toContain('interrupted');
    const resumed: ScenarioSummary = await get(`/api/scenarios/${second.id}`);
    expect(['queued', 'running']).toContain(resumed.state);
    expect((await post(`${b.url}/api/scenarios/${second.id}/cancel`, {})).state).toBe('cancelled');
    b.child.kill('SIGTERM');
    await exited(b.child);
    expect(b.child.exitCode).toBe(0);
  }, 90_000);
});
