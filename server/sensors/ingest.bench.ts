/**
 * Sustained ingest into the real server (own process, SQLite, synchronous=FULL, group commit):
 * HTTP CreateObservations batches and MQTT QoS 1 publishes, each for a fixed time; afterwards the
 * stored count is checked against the acknowledged count (nothing lost).
 * Run: npx tsx server/sensors/ingest.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { SqliteSensorStore } from './store/sqlite-store.ts';
import { launchService, machine, stopService } from './testing/bench-support.ts';
import { seedSensors } from './testing/bulk-seed.ts';

const SENSORS = 1000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const dir = mkdtempSync(path.join(os.tmpdir(), 'cimflow-ingest-bench-'));
const db = path.join(dir, 'bench.db');
const seedStore = new SqliteSensorStore(db, { synchronous: 'NORMAL' });
await seedStore.open();
await seedSensors(seedStore, SENSORS);
await seedStore.close();
const server = await launchService(db);
const headers = { authorization: 'Bearer admin-token', 'content-type': 'application/json' };
console.log(`machine: ${machine()}`);

let clock = Date.UTC(2026, 0, 1);
// HTTP: 4 clients, each posting 1000-row DataArray batches back to back.
{
  let acked = 0;
  const end = Date.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (Date.now() < end) {
      const t = (clock += 1000);
      const body = [{ Datastream: { '@iot.id': 0 }, components: ['phenomenonTime', 'result'], dataArray: [] as unknown[] }];
      const groups = new Map<number, unknown[][]>();
      for (let k = 0; k < 1000; k++) {
        const ds = 1 + (k % SENSORS);
        if (!groups.has(ds)) groups.set(ds, []);
        groups.get(ds)!.push([new Date(t + Math.floor(k / SENSORS)).toISOString(), k]);
      }
      body.length = 0;
      for (const [ds, rows] of groups) body.push({ Datastream: { '@iot.id': ds }, components: ['phenomenonTime', 'result'], dataArray: rows });
      const r = await fetch(`${server.http}/v1.1/CreateObservations`, { method: 'POST', headers, body: JSON.stringify(body) });
      const links = (await r.json()) as string[];
      if (r.status !== 201) throw new Error(`HTTP ${r.status}`);
      acked += links.filter((l) => l !== 'error').length;
    }
  }));
  const s = (performance.now() - t0) / 1000;
  console.log(`HTTP CreateObservations (4 clients × 1000-row batches, ${s.toFixed(1)} s): ${Math.round(acked / s).toLocaleString('en')} observations/s sustained, ${acked.toLocaleString('en')} acknowledged`);
}

// MQTT QoS 1: 8 devices, each keeping 500 publishes in flight.
{
  const clients = await Promise.all(Array.from({ length: 8 }, () => mqtt.connectAsync(server.mqtt, { username: 'cmd', password: 'command-token' })));
  let acked = 0;
  const end = Date.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(clients.map(async (c, ci) => {
    let n = 0;
    const inflight = new Set<Promise<unknown>>();
    while (Date.now() < end) {
      while (inflight.size < 500) {
        const ds = 1 + ((ci * 125 + n) % SENSORS);
        const t = clock + 3_600_000 + Math.floor(n / SENSORS) * 1000 + ci;
        n++;
        const p: Promise<unknown> = c.publishAsync(`v1.1/Datastreams(${ds})/Observations`, `{"phenomenonTime":"${new Date(t).toISOString()}","result":${n}}`, { qos: 1 })
          .then(() => { acked++; inflight.delete(p); });
        inflight.add(p);
      }
      await Promise.race(inflight);
    }
    await Promise.all(inflight);
  }));
  const s = (performance.now() - t0) / 1000;
  console.log(`MQTT QoS 1 (8 devices × 500 in flight, PUBACK after commit, ${s.toFixed(1)} s): ${Math.round(acked / s).toLocaleString('en')} observations/s sustained, ${acked.toLocaleString('en')} acknowledged`);
  await Promise.all(clients.map((c) => c.endAsync()));
}

const stats = await (await fetch(`${server.http}/api/sensors/stats`, { headers })).json() as { committed: number; batches: number; rejected: Record<string, number> };
console.log(`server: ${stats.committed.toLocaleString('en')} committed in ${stats.batches} transactions, rejected ${JSON.stringify(stats.rejected)}`);
await stopService(server.child);
const check = new SqliteSensorStore(db);
await check.open();
console.log(`stored rows after shutdown: ${(await check.observationCount()).toLocaleString('en')} (must equal committed: nothing lost)`);
await check.close();
rmSync(dir, { recursive: true, force: true });
