/**
 * Writer benchmark: `npx tsx tiling/tiles3d/write.bench.ts [--triangles 1000000] [--compression none|meshopt|draco]`.
 * Each case runs in its own child process so that peak RSS (process.resourceUsage().maxRSS) is
 * its own:
 *  - features: a synthetic city of box buildings (~1M input triangles; the output counts parent
 *    levels too) written as a feature layer;
 *  - lod-N: a synthetic reality mesh of N LOD nodes (8192 triangles each; 84, 336, 1344), to show
 *    that peak RSS does not grow with the node count (nodes are loaded, written and released one
 *    at a time).
 * Prints triangles/s, MB/s, peak RSS and the machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticCity } from './synthetic-city.test-support.ts';
import { syntheticLodLayer } from './synthetic-lod.test-support.ts';
import { createFolderTarget } from './folder-target.ts';
import { writeCimTileset } from './write-cim-tileset.ts';
import type { Compression } from './build-glb.ts';

interface CaseResult { name: string; triangles: number; glbs: number; bytes: number; seconds: number; cpuSeconds: number; peakRssMb: number }

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function runCase(name: string): Promise<CaseResult> {
  const compression = arg('compression', 'none') as Compression;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cimflow-bench-'));
  try {
    let layer;
    if (name === 'features') {
      const triangles = Number(arg('triangles', '1000000'));
      const subdivisions = 8; // 768 triangles per building
      layer = syntheticCity({ side: Math.round(Math.sqrt(triangles / (12 * subdivisions * subdivisions))), subdivisions, meshes: 4 });
    } else {
      const nodes = Number(name.split('-')[1]);
      layer = syntheticLodLayer({ roots: Math.round(Math.sqrt(nodes / 21)), levels: 3, cells: 64 });
    }
    const start = performance.now(), cpu = process.cpuUsage();
    const result = await writeCimTileset({ layers: [layer] }, createFolderTarget(dir), { compression, incremental: false, maxTrianglesPerTile: 50_000 });
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    return { name, triangles: result.triangles, glbs: result.glbs, bytes: result.bytes, seconds, cpuSeconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const child = arg('case', '');
if (child) {
  process.stdout.write(`${JSON.stringify(await runCase(child))}\n`);
} else {
  const self = fileURLToPath(import.meta.url);
  const cpu = os.cpus()[0];
  console.log(`machine: ${cpu?.model ?? 'unknown'} ×${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${os.platform()} ${os.arch()}`);
  console.log(`compression: ${arg('compression', 'none')}`);
  console.log(`load average: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (rates use wall time; CPU seconds are less sensitive to other load)`);
  console.log('case          triangles   glbs      MB   seconds  CPU s   Mtri/s    MB/s   peak RSS MB');
  for (const name of ['features', 'lod-84', 'lod-336', 'lod-1344']) {
    // The LOD cases run with a small V8 heap, so that peak RSS shows what the writer keeps rather
    // than how lazily V8 collects: an accumulating writer would run out of heap at 1344 nodes.
    const heap = name.startsWith('lod') ? ['--max-old-space-size=64'] : [];
    const run = spawnSync(process.execPath, [...heap, ...process.execArgv, self, ...process.argv.slice(2), '--case', name], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${name} failed:\n${run.stderr}`);
    const r = JSON.parse(run.stdout.trim().split('\n').pop()!) as CaseResult;
    const mb = r.bytes / 2 ** 20;
    console.log(`${r.name.padEnd(12)} ${String(r.triangles).padStart(10)} ${String(r.glbs).padStart(6)} ${mb.toFixed(1).padStart(7)} ${r.seconds.toFixed(2).padStart(9)} ${r.cpuSeconds.toFixed(1).padStart(6)} ${(r.triangles / r.seconds / 1e6).toFixed(3).padStart(8)} ${(mb / r.seconds).toFixed(1).padStart(7)} ${r.peakRssMb.toFixed(0).padStart(12)}`);
  }
}
