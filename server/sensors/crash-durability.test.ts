import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { http, seedThing } from './testing/start-service.ts';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'service-process.ts');
const dir = mkdtempSync(path.join(os.tmpdir(), 'cimflow-crash-'));
const db = path.join(dir, 'sensors.db');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function launch(): Promise<{ child: ChildProcess; http: string; mqtt: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, db], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => { err += d; });
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ child, ...JSON.parse(line) });
    });
    child.once('exit', (code) => reject(new Error(`service exited with ${code}: ${err}`)));
  });
}

describe('kill -9 during ingest', () => {
  it('loses no acknowledged observation; the restarted server opens the same file', async () => {
    const first = await launch();
    const ds = await seedThing(`${first.http}/v1.1`, 'crash', [120, 30], [{ kind: 'pipe-level' }]);
    const dev = await mqtt.connectAsync(first.mqtt, { username: 'cmd', password: 'command-token', reconnectPeriod: 0 });
    dev.on('error', () => undefined);
    const acked: number[] = [];
    let i = 0;
    const t0 = Date.UTC(2026, 5, 1);
    // Publish continuously; kill -9 the server while QoS 1 publishes are in flight.
    const pump = (async () => {
      while (dev.connected && i < 100000) {
        const k = i++;
        const batch = Array.from({ length: 20 }, (_, j) => k * 20 + j);
        await Promise.all(batch.map((n) => dev.publishAsync(`v1.1/Datastreams(${ds[0]})/Observations`, JSON.stringify({ phenomenonTime: new Date(t0 + n * 1000).toISOString(), result: n }), { qos: 1 })
          .then(() => { acked.push(n); }, () => undefined)));
      }
    })();
    await new Promise((r) => setTimeout(r, 1500));
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    dev.end(true);
    await pump.catch(() => undefined);
    expect(acked.length).toBeGreaterThan(20);

    const second = await launch();
    const got = await http('GET', `${second.http}/v1.1/Datastreams(${ds[0]})/Observations?$count=true&$top=1`);
    expect(got.body['@iot.count']).toBeGreaterThanOrEqual(acked.length);
    const max = Math.max(...acked);
    const hit = await http('GET', `${second.http}/v1.1/Datastreams(${ds[0]})/Observations?$filter=result eq ${max}`);
    expect(hit.body.value).toHaveLength(1);
    // every acknowledged value is there
    const have = new Set<number>();
    for (let url: string | undefined = `${second.http}/v1.1/Datastreams(${ds[0]})/Observations?$top=10000&$select=result`; url;) {
      const page = await http('GET', url);
      for (const o of page.body.value as Array<{ result: number }>) have.add(o.result);
      url = page.body['@iot.nextLink'];
    }
    expect(acked.filter((n) => !have.has(n))).toEqual([]);
    second.child.kill('SIGKILL');
  }, 60_000);
});
