/**
 * End-to-end latency from an MQTT publish to its WebSocket push, 10,000 sensors at 1 Hz: the
 * server runs in its own process (SQLite, synchronous=FULL, 200 ms live tick); 20 device
 * connections publish QoS 1 with phenomenonTime = send time, spread evenly over each second; one
 * /ws/live client measures arrival − phenomenonTime for every item (same clock).
 * Run: npx tsx server/sensors/live-latency.bench.ts   (BENCH_SECONDS, BENCH_SENSORS to change)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import WebSocket from 'ws';
import type { LiveMessage } from '../contracts.ts';
import { SqliteSensorStore } from './store/sqlite-store.ts';
import { launchService, machine, percentile, stopService } from './testing/bench-support.ts';
import { seedSensors } from './testing/bulk-seed.ts';

const SENSORS = Number(process.env.BENCH_SENSORS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = 20;
const SLICES = 20;
const dir = mkdtempSync(path.join(os.tmpdir(), 'cimflow-latency-bench-'));
const db = path.join(dir, 'bench.db');
const seed = new SqliteSensorStore(db, { synchronous: 'NORMAL' });
await seed.open();
await seedSensors(seed, SENSORS);
await seed.close();
const server = await launchService(db);
console.log(`machine: ${machine()}`);

const latencies: number[] = [];
let received = 0;
let gaps = 0;
const ws = new WebSocket(`${server.http.replace('http', 'ws')}/ws/live`);
await new Promise((r) => ws.once('open', r));
let lastSeq = 0;
ws.on('message', (d) => {
  const now = Date.now();
  const m = JSON.parse(String(d)) as LiveMessage;
  if (m.seq !== lastSeq + 1) gaps++;
  lastSeq = m.seq;
  if (m.type !== 'observations') return;
  for (const it of m.items) {
    latencies.push(now - Date.parse(it.time));
    received++;
  }
});
ws.send(JSON.stringify({ type: 'subscribe' }));

const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => mqtt.connectAsync(server.mqtt, { username: 'cmd', password: 'command-token' })));
let sent = 0;
let acked = 0;
const start = Date.now();
await new Promise<void>((resolve) => {
  let slice = 0;
  const timer = setInterval(() => {
    const second = Math.floor(slice / SLICES);
    if (second >= SECONDS) { clearInterval(timer); resolve(); return; }
    const part = slice % SLICES;
    const from = Math.floor((part * SENSORS) / SLICES);
    const to = Math.floor(((part + 1) * SENSORS) / SLICES);
    for (let s = from; s < to; s++) {
      const c = clients[s % CONNECTIONS];
      c.publish(`v1.1/Datastreams(${s + 1})/Observations`, `{"phenomenonTime":"${new Date().toISOString()}","result":${(s % 100) / 10}}`, { qos: 1 }, () => { acked++; });
      sent++;
    }
    slice++;
  }, 1000 / SLICES);
});
const publishSeconds = (Date.now() - start) / 1000;
const deadline = Date.now() + 30_000;
while (received < sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
latencies.sort((a, b) => a - b);
console.log(`${SENSORS.toLocaleString('en')} sensors at 1 Hz for ${SECONDS} s over ${CONNECTIONS} MQTT connections (QoS 1), published in ${publishSeconds.toFixed(1)} s: sent ${sent.toLocaleString('en')}, acknowledged ${acked.toLocaleString('en')}, pushed ${received.toLocaleString('en')}, seq gaps ${gaps}`);
console.log(`MQTT publish → WebSocket push latency: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1]} ms`);
ws.close();
await Promise.all(clients.map((c) => c.endAsync()));
await stopService(server.child);
rmSync(dir, { recursive: true, force: true });
