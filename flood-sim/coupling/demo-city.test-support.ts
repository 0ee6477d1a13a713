/**
 * The demo city (or a generated demo town) as a coupled case, for the dual-drainage test and benchmark:
 * its DEM coarsened by block minimum (streets and the underpass keep their low points), buildings blocked,
 * the city's 50-year Chicago design storm on the surface, its storm network (drainage/storm.inp) linked
 * at every manhole and outfall. Node only (reads files); not part of flood-sim's public surface.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readRasterFile } from '../io/files.ts';
import { buildModel, type FloodModel } from '../model.ts';
import { parseScenario } from '../scenario.ts';
import { parseInp } from '../network/parse-inp.ts';
import type { Raster } from '../raster.ts';
import type { SwmmNetwork } from '../network/network.ts';
import { createCoupledNetwork } from './coupled-run.ts';

export interface DemoCityCase {
  model: FloodModel;
  network: SwmmNetwork;
  /** Hotspots of city.json: the underpass and the depressions, [x, y] in EPSG:4544. */
  hotspots: { id: string; kind: string; at: [number, number]; depth: number }[];
  /** Rain (mm/h) per 5-minute block and its end (s). */
  stormEnd: number;
}

/** Block-minimum coarsening by an integer factor (nodata blocks stay nodata). */
export function coarsenMin(r: Raster, factor: number): Raster {
  const nx = Math.floor(r.nx / factor), ny = Math.floor(r.ny / factor);
  const data = new Float32Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      let m = Infinity;
      for (let b = 0; b < factor; b++) {
        for (let a = 0; a < factor; a++) {
          const v = r.data[i * factor + a + (j * factor + b) * r.nx];
          if (!(r.nodata !== undefined && v === r.nodata) && !Number.isNaN(v) && v < m) m = v;
        }
      }
      data[i + j * nx] = m === Infinity ? (r.nodata ?? Number.NaN) : m;
    }
  }
  return { ...r, name: `${r.name} (${factor}× block minimum)`, nx, ny, dx: r.dx * factor, dy: r.dy * factor, data };
}

/** Loads a demo city folder (as `cimflow demo-data` writes it) as a coupled case on `cell`-metre cells. */
export async function loadDemoCityCase(dir: string, o: { cell: number; duration: number; outputInterval?: number }): Promise<DemoCityCase> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'city.json'), 'utf8')) as {
    hotspots: DemoCityCase['hotspots'];
    designStorm: { intensity: number[]; step: number };
  };
  const dem = await readRasterFile(path.join(dir, 'terrain', 'dem.tif'), 'terrain/dem.tif');
  const factor = Math.max(1, Math.round(o.cell / dem.dx));
  const coarse = coarsenMin(dem, factor);
  const storm = manifest.designStorm;
  const step = storm.step * 60;
  const hyetograph = storm.intensity.map((v, k): [number, number] => [k * step, v]);
  hyetograph.push([storm.intensity.length * step, 0]);
  const scenario = parseScenario({
    name: 'demo city, 50-year design storm, dual drainage',
    dem: 'dem', manning: 0.03,
    buildings: { geojson: 'buildings', mode: 'blocked' },
    rain: { type: 'uniform', hyetograph },
    // paved town: 80 % of the rain runs off
    losses: { type: 'runoff-coefficient', coefficient: 0.8 },
    boundaries: { default: 'free', edges: [] },
    duration: o.duration,
    outputInterval: o.outputInterval ?? 600,
  });
  const buildings = JSON.parse(await readFile(path.join(dir, 'vector', 'buildings.geojson'), 'utf8'));
  const model = buildModel(scenario, () => coarse, () => buildings);
  const inp = path.join(dir, 'drainage', 'storm.inp');
  const network = createCoupledNetwork(parseInp(await readFile(inp, 'utf8'), { file: inp }), { duration: o.duration });
  return { model, network, hotspots: manifest.hotspots, stormEnd: storm.intensity.length * step };
}

/** True when `dir` holds a generated demo city with the files a coupled case needs. */
export function hasDemoCity(dir: string): boolean {
  return ['city.json', 'terrain/dem.tif', 'vector/buildings.geojson', 'drainage/storm.inp'].every((f) => existsSync(path.join(dir, f)));
}
