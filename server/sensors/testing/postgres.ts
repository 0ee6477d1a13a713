/**
 * A throwaway PostgreSQL server for tests: initdb in a temp folder owned by `postgres` (initdb
 * refuses root), listening on 127.0.0.1 at a free port with its socket in the folder, trust
 * auth. Under CI the binaries must exist (scripts/setup-system.sh installs them); elsewhere
 * `available()` is false when they are absent so tests may skip.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

export function postgresAvailable(): boolean {
  const present = existsSync(path.join(BIN, 'initdb')) && existsSync(path.join(BIN, 'postgres'));
  if (!present && process.env.CI) throw new Error(`PostgreSQL 15 not found in ${BIN} (CI is set: run scripts/setup-system.sh test)`);
  return present;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

function uidOf(user: string): { uid: number; gid: number } {
  return { uid: Number(execFileSync('id', ['-u', user]).toString().trim()), gid: Number(execFileSync('id', ['-g', user]).toString().trim()) };
}

export async function startPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cimflow-pg-'));
  const data = path.join(dir, 'data');
  // As root, run the server processes as the postgres user (uid/gid options) so signals reach them directly.
  const as: { uid?: number; gid?: number } = process.getuid?.() === 0 ? uidOf('postgres') : {};
  if (as.uid !== undefined && as.gid !== undefined) chownSync(dir, as.uid, as.gid);
  execFileSync(path.join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], { stdio: 'pipe', cwd: dir, ...as });
  const port = await freePort();
  const child: ChildProcess = spawn(path.join(BIN, 'postgres'), ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off', '-c', 'max_connections=40'],
    { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir, ...as });
  let log = '';
  child.stderr!.on('data', (d) => { log += d; });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited: ${log}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok && /ready to accept connections/.test(log)) break;
    if (Date.now() > deadline) throw new Error(`postgres did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      child.kill('SIGINT'); // fast shutdown
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
