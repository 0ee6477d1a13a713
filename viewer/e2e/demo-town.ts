/**
 * The town the browser tests and the benchmark run against, made by the same code as `npm start`:
 * the demo city generator at its smallest extent (800 m, 2 m cells, EPSG:4544, 1985 heights) tiled
 * by tiling/tileCity into 3D Tiles, quantized-mesh terrain and imagery. Flood scenarios run on a
 * coarser copy of its DEM (8 m cells, block means) so that a run takes seconds, not minutes.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTransform } from '../../cim-model/index.ts';
import { formatEsriAscii, readRasterFile } from '../../flood-sim/index.ts';
import { configFromCityManifest } from '../../scripts/commands/tile.ts';
import { parseDemoCityOptions } from '../../scripts/demo-city/demo-city-options.ts';
import { generateDemoCity } from '../../scripts/demo-city/generate-demo-city.ts';
import type { FloodInputs } from '../../server/index.ts';
import { parseTileConfig, tileCity } from '../../tiling/index.ts';

export const DEMO_TOWN_DEFAULTS = { size: 800, floodCell: 8 } as const;

export interface DemoTownBuilding {
  id: string;
  name: string;
  /** Footprint centre: lon, lat (degrees, CGCS2000) and ellipsoidal height at mid-height (m). */
  lon: number;
  lat: number;
  height: number;
}

export interface DemoTown {
  /** The generated city folder (city.json, rasters, vectors, BIM). */
  cityDir: string;
  /** The server's data folder: tiles/, terrain/, imagery/ (and, once served, replays/, the database, tokens). */
  modelDir: string;
  floodInputs: FloodInputs;
  buildings: DemoTownBuilding[];
  geoidOffset: number;
}

/** Mean of the `f × f` blocks of a raster (cells that are nodata are skipped). */
function coarsen(data: Float32Array, nx: number, ny: number, f: number): { data: Float32Array; nx: number; ny: number } {
  const cx = Math.floor(nx / f), cy = Math.floor(ny / f);
  const out = new Float32Array(cx * cy);
  for (let J = 0; J < cy; J++) for (let I = 0; I < cx; I++) {
    let sum = 0, n = 0;
    for (let j = J * f; j < (J + 1) * f; j++) for (let i = I * f; i < (I + 1) * f; i++) {
      const v = data[i + j * nx];
      if (Number.isFinite(v) && v > -9000) { sum += v; n++; }
    }
    out[I + J * cx] = n > 0 ? sum / n : Number.NaN;
  }
  return { data: out, nx: cx, ny: cy };
}

export async function makeDemoTown(dir: string, options: { size?: number; floodCell?: number } = {}): Promise<DemoTown> {
  const o = { ...DEMO_TOWN_DEFAULTS, ...options };
  const cityDir = path.join(dir, 'city'), modelDir = path.join(dir, 'model');
  await generateDemoCity(parseDemoCityOptions({ output: cityDir, size: o.size, force: false }));
  const manifest = JSON.parse(await readFile(path.join(cityDir, 'city.json'), 'utf8')) as Parameters<typeof configFromCityManifest>[0] & {
    layers: Array<{ kind: string; path: string }>;
  };
  const tiled = await tileCity(parseTileConfig(configFromCityManifest(manifest, cityDir)), cityDir, modelDir);
  if (tiled.failures.length) throw new Error(`tiling the demo town failed: ${tiled.failures.join('; ')}`);

  const layerPath = (kind: string) => path.join(cityDir, manifest.layers.find((l) => l.kind === kind)!.path);
  const dem = await readRasterFile(layerPath('terrain'));
  const f = Math.max(1, Math.round(o.floodCell / dem.dx));
  const coarse = coarsen(dem.data, dem.nx, dem.ny, f);
  await mkdir(path.join(dir, 'flood'), { recursive: true });
  await writeFile(path.join(dir, 'flood', 'dem.asc'), formatEsriAscii({ name: 'dem', ...coarse, x0: dem.x0, y0: dem.y0, dx: dem.dx * f, dy: dem.dy * f }));
  const buildingsFile = layerPath('buildings');

  // Building centres for picking: footprint vertex mean, mid-height (EPSG:4544 → EPSG:4326).
  const geoidOffset = manifest.verticalDatum.geoid.offset;
  const toGeo = createTransform('EPSG:4544', 'EPSG:4326');
  const fc = JSON.parse(await readFile(buildingsFile, 'utf8')) as {
    features: Array<{ id?: string; properties: { id?: string; name?: string; height?: number; baseElevation?: number }; geometry: { type: string; coordinates: number[][][] | number[][][][] } }>;
  };
  const buildings = fc.features.map((feat) => {
    const ring = (feat.geometry.type === 'MultiPolygon' ? (feat.geometry.coordinates as number[][][][])[0][0] : (feat.geometry.coordinates as number[][][])[0]).slice(0, -1);
    const x = ring.reduce((s, p) => s + p[0], 0) / ring.length, y = ring.reduce((s, p) => s + p[1], 0) / ring.length;
    const [lon, lat] = toGeo.forward([x, y]);
    const p = feat.properties;
    return { id: String(feat.id ?? p.id), name: p.name ?? '', lon, lat, height: (p.baseElevation ?? 0) + geoidOffset + (p.height ?? 0) / 2 };
  });
  return { cityDir, modelDir, floodInputs: { dir, dem: 'flood/dem.asc', buildings: buildingsFile }, buildings, geoidOffset };
}
