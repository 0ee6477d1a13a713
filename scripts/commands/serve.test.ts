import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = path.resolve(import.meta.dirname, '..', 'cimflow.mjs');

/** Starts `cimflow serve`; resolves with the URL it prints and everything printed so far. */
function startServe(args: string[]): Promise<{ child: ChildProcess; url: string; stdout: () => string }> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '' } });
  let out = '', err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 60 s; stdout: ${out} stderr: ${err}`)), 60_000);
    child.stdout!.on('data', () => {
      const m = /cimflow server: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], stdout: () => out });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

describe('cimflow serve', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('starts on a free port, prints the URL and the new tokens, answers, and stops cleanly on SIGTERM', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cimflow-serve-'));
    dirs.push(dir);
    const { child, url, stdout } = await startServe(['--port', '0', '--mqtt-port', '0', '--data', dir]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stdout()).toMatch(/admin\s+\S{20,}/);
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health).toMatchObject({ ok: true });
    // The sensor service is mounted: the SensorThings root answers.
    const sta = await (await fetch(`${url}/v1.1`, { headers: { authorization: `Bearer ${/admin\s+(\S{20,})/.exec(stdout())![1]}` } })).json();
    expect(JSON.stringify(sta)).toMatch(/Datastreams/);
    expect((await stat(path.join(dir, 'cimflow.db'))).isFile()).toBe(true);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
  }, 90_000);
});
