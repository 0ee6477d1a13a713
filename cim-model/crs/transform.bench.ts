/**
 * Points per second through the per-point pipeline the tiler uses for reality meshes:
 * EPSG:4544+5737 (GK CM 105E, 1985 heights) → EPSG:4978 (ECEF) with a constant geoid.
 * Run: npx tsx cim-model/crs/transform.bench.ts
 */
import os from 'node:os';
import { createTransform } from './transform.ts';

const N = 1_000_000;
const xyz = new Float64Array(3 * N);
for (let i = 0; i < N; i++) {
  xyz[3 * i] = 621000 + (i % 1000) * 3;
  xyz[3 * i + 1] = 3318000 + Math.floor(i / 1000) * 3;
  xyz[3 * i + 2] = 200 + (i % 37);
}
const t = createTransform('EPSG:4544+5737', 'EPSG:4978', { geoid: { kind: 'constant', offset: -40.04 } });
const t0 = performance.now();
t.forwardArray(xyz);
const s = (performance.now() - t0) / 1000;
console.log(`crs: EPSG:4544+5737 → EPSG:4978, ${N.toLocaleString('en')} points in ${s.toFixed(2)} s = ${(N / s / 1e6).toFixed(2)} M points/s`);
console.log(`machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, Node ${process.version}`);
