/**
 * Benchmark: the full demo-town reality mesh (1500×1500 DEM at 2 m, 3025 buildings, 3000×3000
 * ortho at 1 m) written to a temporary folder; prints wall-clock and CPU seconds (the CPU figure is
 * the fair one on a shared machine). Run: npx tsx scripts/demo-city/reality-mesh/reality-mesh.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { syntheticTown } from './synthetic-town.test-support.ts';
import { writeRealityMesh } from './write-reality-mesh.ts';

const input = syntheticTown(1500, 2, 55, 2);
const dir = mkdtempSync(path.join(tmpdir(), 'reality-mesh-bench-'));
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const result = await writeRealityMesh(input, dir);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(JSON.stringify({ ...result, buildings: input.buildings.length, seconds: Number(seconds.toFixed(2)), cpuSeconds: Number(cpuSeconds.toFixed(2)), megabytes: Number((result.bytes / 1e6).toFixed(1)), cpu: cpus()[0]?.model }));
rmSync(dir, { recursive: true, force: true });
