/**
 * IFC import time for AC20-FZK-Haus (IFC4, 83 products, 40,032 vertices): web-ifc open + tessellation,
 * property sets, storeys, features and per-vertex georeferencing to ECEF, first (cold: wasm
 * compilation and warm-up) and then warm. Needs the shared reference data.
 * Run: npx tsx tiling/ifc/import-ifc.bench.ts
 */
import os from 'node:os';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { importIfcFile } from './import-ifc.ts';

if (!hasSharedData()) {
  console.log('ifc: shared reference data not found; skipped');
} else {
  const file = sharedDataPath('cim', 'ifc', 'AC20-FZK-Haus.ifc');
  const times: number[] = [];
  let vertices = 0;
  for (let run = 0; run < 4; run++) {
    const t0 = performance.now();
    const r = await importIfcFile(file, { heights: 'ellipsoidal' });
    times.push(performance.now() - t0);
    vertices = r.stats.vertices;
  }
  const warm = Math.min(...times.slice(1));
  console.log(`ifc: AC20-FZK-Haus import cold ${times[0].toFixed(0)} ms, warm ${warm.toFixed(0)} ms = ${(vertices / warm).toFixed(1)} k vertices/s`);
  console.log(`machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);
}
