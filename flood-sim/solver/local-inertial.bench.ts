/**
 * Cell-updates per second of the 2D solver, with 1 and 2 workers:
 *  - a fully wet 1000 x 1000 grid (2 m cells, 1 m deep water over a gently sloping, bumpy bed, rain on top);
 *  - a design storm over the demo city (data/demo-city/terrain/dem.tif), when it has been generated.
 * Run: npx tsx flood-sim/solver/local-inertial.bench.ts [--quick] [--no-demo] [--wet-only]
 * A cell-update is one cell through one time step (dry cells skipped as inactive blocks still count).
 */
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { DEMO_CITY_DIR } from '../../data/index.ts';
import { loadScenario } from '../io/files.ts';
import { parseScenario } from '../scenario.ts';
import { simulate } from '../simulate.ts';
import { modelFrom, syntheticRaster } from '../testing.ts';
import type { FloodModel } from '../model.ts';

const quick = process.argv.includes('--quick');
const noDemo = process.argv.includes('--no-demo') || process.argv.includes('--wet-only');
const wetOnly = process.argv.includes('--wet-only');

/**
 * Cell-updates per second after the first output interval (worker start-up and JIT warm-up excluded), per wall
 * second and per CPU second of this process (its worker threads included): on a shared machine the second shows
 * what each core delivers when it gets to run.
 */
async function measure(model: FloodModel, workers: number): Promise<{ rate: number; cpuRate: number; steps: number; seconds: number }> {
  let t0 = 0, s0 = 0, t1 = 0, s1 = 0;
  let c0 = process.cpuUsage(), c1 = c0;
  for await (const f of simulate(model, { workers })) {
    if (f.index === 1) {
      t0 = performance.now();
      s0 = f.steps;
      c0 = process.cpuUsage();
    }
    t1 = performance.now();
    s1 = f.steps;
    c1 = process.cpuUsage();
  }
  const seconds = (t1 - t0) / 1000;
  const cpuSeconds = (c1.user - c0.user + c1.system - c0.system) / 1e6;
  const updates = (s1 - s0) * model.nx * model.ny;
  return { rate: updates / seconds, cpuRate: updates / cpuSeconds, steps: s1 - s0, seconds };
}

const line = (r: { rate: number; cpuRate: number; steps: number; seconds: number }): string =>
  `${(r.rate / 1e6).toFixed(1)} M cell-updates/s (${(r.cpuRate / 1e6).toFixed(1)} M per CPU-second; ${r.steps} steps in ${r.seconds.toFixed(2)} s)`;

function wetGrid(n: number, duration: number): FloodModel {
  const dem = syntheticRaster('dem', n, n, 2, (x, y) => 0.001 * x + 0.2 * Math.sin(x / 7) * Math.cos(y / 9));
  return modelFrom({
    dem: 'dem', manning: 0.03, initialWater: { level: 3 }, boundaries: { default: 'free' },
    rain: { type: 'uniform', hyetograph: [[0, 50], [3600, 0]] }, duration, outputInterval: duration / 4,
  }, { dem });
}

/**
 * A fixed scalar loop (a division per iteration, ~1–1.5 ns on an idle modern core): printed so that figures
 * taken on a loaded machine can be judged (the 2-core machine is shared).
 */
function referenceLoopNs(): number {
  const a = new Float32Array(1024).map((_, i) => 0.1 + i / 100);
  let s = 0;
  const n = 2e7;
  const t = performance.now();
  for (let k = 0; k < n; k++) {
    const x = a[k & 1023];
    s += x / (x + 1);
  }
  return ((performance.now() - t) * 1e6) / n + (s < 0 ? 1 : 0);
}

const cpu = os.cpus()[0];
console.log(`machine: ${cpu?.model ?? 'unknown'}, ${os.cpus().length} cores, node ${process.version}, ${os.platform()} ${os.arch()}`);
console.log(`load average ${os.loadavg().map((v) => v.toFixed(1)).join(' ')}; reference loop ${referenceLoopNs().toFixed(2)} ns/iteration (idle ≈ 1–1.5)`);
const n = quick ? 300 : 1000;
const wet = wetGrid(n, quick ? 20 : 40);
for (const workers of [1, 2]) {
  const r = await measure(wet, workers);
  console.log(`wet ${n}x${n}: ${workers} worker(s): ${line(r)}`);
}

// Sparse: a dry 1000 x 1000 slope with one 5 m³/s inflow; dry blocks are skipped.
if (!wetOnly) {
  const dem = syntheticRaster('dem', n, n, 2, (x, y) => 0.002 * x + 0.001 * y + 0.1 * Math.sin(x / 5) * Math.cos(y / 7));
  const sparse = modelFrom({
    dem: 'dem', manning: 0.03, boundaries: { default: 'free' },
    inflows: [{ point: [n, n], hydrograph: [[0, 5], [3600, 5]] }], duration: quick ? 120 : 300, outputInterval: quick ? 30 : 75,
  }, { dem });
  for (const workers of [1, 2]) {
    const r = await measure(sparse, workers);
    console.log(`sparse ${n}x${n} point inflow: ${workers} worker(s): ${line(r)}`);
  }
}

const demoDem = path.join(DEMO_CITY_DIR, 'terrain', 'dem.tif');
if (noDemo) {
  console.log('demo city: skipped (--no-demo)');
} else if (existsSync(demoDem)) {
  const manning = path.join(DEMO_CITY_DIR, 'terrain', 'manning.tif');
  const scenario = parseScenario({
    name: 'demo-city design storm',
    dem: demoDem,
    manning: existsSync(manning) ? { raster: manning } : 0.03,
    boundaries: { default: 'free' },
    rain: { type: 'design', preset: 'chongqing-shapingba-2014', returnPeriod: 10, duration: 3600, peak: 0.4, step: 300 },
    duration: quick ? 600 : 1800, outputInterval: quick ? 150 : 300,
  });
  const model = await loadScenario(scenario, process.cwd());
  for (const workers of [1, 2]) {
    const r = await measure(model, workers);
    console.log(`demo city ${model.nx}x${model.ny} design storm: ${workers} worker(s): ${line(r)}`);
  }
} else {
  console.log(`demo city: skipped (${demoDem} not generated; run npx cimflow demo-data)`);
}
