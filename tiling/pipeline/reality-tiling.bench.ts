/**
 * Reality-mesh tiling speed: the demo city's oblique-photography mesh and a synthetic production of
 * over 10 million triangles, each tiled to 3D Tiles (OSGB read → per-vertex georeferencing →
 * glb + tileset.json), beside the floor — a bare read and write of the same bytes.
 * Each case runs in its own process so that peak RSS is its own.
 *   npx tsx tiling/pipeline/reality-tiling.bench.ts [--case demo|synthetic]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_CITY_DIR } from '../../data/index.ts';

const SELF = fileURLToPath(import.meta.url);
const GEOID = { kind: 'constant' as const, offset: -40.04 };

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** A synthetic production: `side` × `side` m of rolling ground at 2 m spacing with a 3-level pyramid. */
async function syntheticProduction(dir: string, side: number): Promise<void> {
  const { writeRealityMesh } = await import('../../scripts/demo-city/reality-mesh/index.ts');
  const cell = 2, n = side / cell;
  const heights = new Float32Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) heights[j * n + i] = 220 + 15 * Math.sin(i / 97) * Math.cos(j / 71) + 3 * Math.sin(i / 11 + j / 13);
  const ow = 1024, rgb = new Uint8Array(ow * ow * 3);
  for (let k = 0; k < ow * ow; k++) rgb.set([90 + (k % 97), 110 + ((k >> 10) % 80), 70 + (k % 53)], 3 * k);
  await writeRealityMesh({ srs: 'EPSG:4544', origin: [620000, 3320000, 0], dem: { nx: n, ny: n, cellSize: cell, west: 620000, north: 3320000 + side, heights }, buildings: [], ortho: { width: ow, height: ow, rgb }, tileSize: 500 },
    dir, { finestSpacing: 2, levels: 3 });
}

async function runCase(name: string): Promise<void> {
  const { openRealityMesh, writeCimTileset, createFolderTarget } = await import('../index.ts');
  const work = mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`));
  let production: string;
  if (name === 'demo') {
    production = path.join(DEMO_CITY_DIR, 'reality-mesh');
    if (!existsSync(production)) {
      console.log(`demo: ${production} missing; generating the demo city first (npm start does this)`);
      const { parseDemoCityOptions } = await import('../../scripts/demo-city/demo-city-options.ts');
      const { generateDemoCity } = await import('../../scripts/demo-city/generate-demo-city.ts');
      await generateDemoCity(parseDemoCityOptions({ output: DEMO_CITY_DIR }));
    }
  } else {
    production = path.join(work, 'production');
    await syntheticProduction(production, 4000);
  }
  const inputs = filesUnder(production);
  const inputBytes = inputs.reduce((s, f) => s + statSync(f).size, 0);
  // Floor: read every input file and write its bytes out again.
  const floorDir = path.join(work, 'floor');
  let t = performance.now();
  for (const f of inputs) {
    const to = path.join(floorDir, path.relative(production, f));
    mkdirSync(path.dirname(to), { recursive: true });
    writeFileSync(to, readFileSync(f));
  }
  const floor = (performance.now() - t) / 1000;
  rmSync(floorDir, { recursive: true, force: true });
  t = performance.now();
  const cpu0 = process.cpuUsage();
  const opened = await openRealityMesh(production, { geoid: GEOID });
  const result = await writeCimTileset({ layers: [opened.layer], name }, createFolderTarget(path.join(work, 'tiles')), { incremental: false });
  const seconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({
    case: name, inputFiles: inputs.length, inputMB: inputBytes / 1e6, triangles: result.triangles, outputMB: result.bytes / 1e6,
    seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, trianglesPerSecond: result.triangles / seconds, inputMBps: inputBytes / 1e6 / seconds,
    peakRssMB: rss, floorSeconds: floor,
  }));
  rmSync(work, { recursive: true, force: true });
}

const arg = process.argv.indexOf('--case');
if (arg > 0) {
  await runCase(process.argv[arg + 1]);
} else {
  const cpus = os.cpus();
  console.log(`reality-mesh tiling — ${cpus[0]?.model} × ${cpus.length}, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);
  console.log('case        triangles   input MB   wall s    CPU s   tri/s      MB/s   peak RSS MB   floor s (bare read+write)');
  for (const c of ['demo', 'synthetic']) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--case', c], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{')) {
      console.log(`${c}: failed (exit ${r.status}) ${r.stdout.slice(-300)}`);
      process.exitCode = 1;
      continue;
    }
    const j = JSON.parse(line);
    console.log(`${c.padEnd(10)} ${String(j.triangles).padStart(10)} ${j.inputMB.toFixed(1).padStart(9)} ${j.seconds.toFixed(1).padStart(8)} ${j.cpuSeconds.toFixed(1).padStart(8)} ${(j.trianglesPerSecond / 1e3).toFixed(0).padStart(7)}k ${j.inputMBps.toFixed(2).padStart(8)} ${j.peakRssMB.toFixed(0).padStart(12)} ${j.floorSeconds.toFixed(2).padStart(10)}`);
  }
}
