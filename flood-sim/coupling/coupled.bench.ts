/**
 * Benchmark: the demo city under its 50-year design storm with the storm drains coupled (dual drainage):
 * share of the wall time spent in 1D routing and exchange (goal: under 15 %), cells, steps, wall seconds.
 * Uses data/demo-city when `cimflow demo-data` has generated it, else a 1 km demo town in a temporary folder.
 * Run: npx tsx flood-sim/coupling/coupled.bench.ts   (CIMFLOW_BENCH_CELL=8 m, CIMFLOW_BENCH_HOURS=2.5, CIMFLOW_BENCH_WORKERS=2)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CITY_DIR } from '../../data/index.ts';
import { generateDemoCity } from '../../scripts/demo-city/generate-demo-city.ts';
import { parseDemoCityOptions } from '../../scripts/demo-city/demo-city-options.ts';
import { simulateCoupled, type CoupledFrame } from './coupled-run.ts';
import { hasDemoCity, loadDemoCityCase } from './demo-city.test-support.ts';

const cell = Number(process.env.CIMFLOW_BENCH_CELL ?? 8);
const hours = Number(process.env.CIMFLOW_BENCH_HOURS ?? 2.5);
const workers = Number(process.env.CIMFLOW_BENCH_WORKERS ?? 2);

let dir = DEMO_CITY_DIR;
let tmp: string | undefined;
if (!hasDemoCity(dir)) {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'coupled-bench-'));
  dir = path.join(tmp, 'town');
  await generateDemoCity(parseDemoCityOptions({ output: dir, size: 1000, seed: 1 }));
}
try {
  const demo = await loadDemoCityCase(dir, { cell, duration: hours * 3600, outputInterval: 1800 });
  const { model: m, network: nw } = demo;
  let last: CoupledFrame | undefined;
  for await (const f of simulateCoupled(m, nw, { workers })) last = f;
  const f = last!;
  const share = f.drainage.wallSeconds / f.wallSeconds;
  const cpus = os.cpus();
  console.log(`coupled ${tmp ? '1 km demo town' : 'demo city'} (${path.relative(process.cwd(), dir) || dir}), 50-year storm, ${hours} h, ${workers} worker(s):`);
  console.log(`  2D: ${m.nx} x ${m.ny} = ${m.nx * m.ny} cells of ${m.dx} m, ${f.steps} steps; 1D: ${nw.net.nodeIds.length} nodes, ${nw.net.linkIds.length} links, ${nw.stepStats.steps} steps`);
  console.log(`  wall ${f.wallSeconds.toFixed(1)} s, of which 1D + exchange ${f.drainage.wallSeconds.toFixed(1)} s = ${(100 * share).toFixed(1)} % (goal < 15 %)`);
  console.log(`  exchange: ${f.drainage.exchange.toNetwork.toFixed(0)} m³ in, ${f.drainage.exchange.toSurface.toFixed(0)} m³ out, outfalls ${f.drainage.exchange.outfallToSurface.toFixed(0)} m³; balance both domains ${(100 * f.drainage.balance.relativeError).toFixed(3)} %`);
  console.log(`  machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);
} finally {
  if (tmp) await rm(tmp, { recursive: true, force: true });
}
