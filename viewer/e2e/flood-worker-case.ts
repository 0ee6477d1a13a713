/**
 * One small flood run, built the same way in Node and in the browser page (flood-worker-page/), through
 * flood-sim's public API only: 48 × 32 cells of 2 m (local metres, no CRS), rough ground with a
 * building, a gauge storm, a point inflow and a free east edge; 5 simulated minutes.
 */
import { buildModel, parseScenario, type FloodModel, type Raster } from '../../flood-sim/index.ts';

const NX = 48, NY = 32, DX = 2;

function raster(name: string, f: (x: number, y: number, i: number, j: number) => number): Raster {
  const data = new Float32Array(NX * NY);
  for (let j = 0; j < NY; j++) for (let i = 0; i < NX; i++) data[i + j * NX] = f((i + 0.5) * DX, NY * DX - (j + 0.5) * DX, i, j);
  return { name, nx: NX, ny: NY, dx: DX, dy: DX, x0: 0, y0: NY * DX, data };
}

export function floodWorkerCase(): FloodModel {
  const rasters: Record<string, Raster> = {
    dem: raster('dem', (x, y) => 10 + 0.3 * Math.sin(x) * Math.cos(1.3 * y) - 0.01 * x),
    buildings: raster('buildings', (_x, _y, i, j) => (i > 10 && i < 18 && j > 8 && j < 20 ? 1 : 0)),
  };
  const scenario = parseScenario({
    dem: 'dem', manning: 0.04, buildings: { raster: 'buildings' },
    boundaries: { default: 'closed', edges: [{ edge: 'east', type: 'free' }] },
    inflows: [{ point: [20, 40], hydrograph: [[0, 0], [120, 1.5], [300, 0]] }],
    rain: { type: 'gauges', gauges: [{ x: 0, y: 0, hyetograph: [[0, 80], [200, 0]] }, { x: 90, y: 60, hyetograph: [[0, 20], [300, 0]] }] },
    duration: 300, outputInterval: 100,
  });
  return buildModel(scenario, (ref) => rasters[ref]);
}
