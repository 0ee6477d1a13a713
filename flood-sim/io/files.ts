/**
 * Node file adapters: rasters (GeoTIFF, ESRI ASCII), scenario files and replay files on disk.
 * `node:fs` is imported lazily so that bundling flood-sim for the browser pulls nothing from Node.
 */
import type { ReplayFile, ReplaySink, ReplaySource } from '../replay/replay.ts';
import { buildModel, type FloodModel } from '../model.ts';
import { FloodInputError, parseEsriAscii, type Raster } from '../raster.ts';
import { parseScenario, type Scenario } from '../scenario.ts';
import { parseGeoTiff } from './geotiff.ts';

type Fs = typeof import('node:fs/promises');
type PathMod = typeof import('node:path');
const FS = 'node:fs/promises';
const PATH = 'node:path';
const fs = (): Promise<Fs> => import(/* @vite-ignore */ FS) as Promise<Fs>;
const pathMod = (): Promise<PathMod> => import(/* @vite-ignore */ PATH) as Promise<PathMod>;

/** Reads a raster by extension: .tif/.tiff (GeoTIFF) or .asc (ESRI ASCII). */
export async function readRasterFile(file: string, name = file): Promise<Raster> {
  const { readFile } = await fs();
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new FloodInputError(name, `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (/\.tiff?$/i.test(file)) return parseGeoTiff(bytes, name);
  if (/\.(asc|txt)$/i.test(file)) return parseEsriAscii(new TextDecoder().decode(bytes), name);
  throw new FloodInputError(name, `unknown raster format of ${file}: expected .tif, .tiff or .asc`);
}

/** Every raster path a scenario refers to, with the field that names it. */
function rasterRefs(s: Scenario): [string, string][] {
  const out: [string, string][] = [['dem', s.dem]];
  if (typeof s.manning === 'object') out.push(['manning', 'raster' in s.manning ? s.manning.raster : s.manning.landUse]);
  if (s.buildings?.raster) out.push(['buildings.raster', s.buildings.raster]);
  if (s.initialWater && typeof s.initialWater.depth === 'object') out.push(['initialWater.depth', s.initialWater.depth.raster]);
  if (s.losses?.type === 'runoff-coefficient' && s.losses.landUse) out.push(['losses.landUse', s.losses.landUse]);
  return out;
}

/** Reads a scenario file and every file it names (paths relative to it); returns the model. */
export async function loadScenarioFile(file: string): Promise<{ scenario: Scenario; model: FloodModel; text: string }> {
  const { readFile } = await fs();
  const path = await pathMod();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new FloodInputError(file, `cannot read the scenario: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FloodInputError(file, `not valid JSON: ${(e as Error).message}`);
  }
  const scenario = parseScenario(json, file);
  const model = await loadScenario(scenario, path.dirname(path.resolve(file)));
  return { scenario, model, text };
}

/** Reads the files a parsed scenario names (relative to `baseDir`) and builds the model. */
export async function loadScenario(scenario: Scenario, baseDir: string): Promise<FloodModel> {
  const path = await pathMod();
  const { readFile } = await fs();
  const rasters = new Map<string, Raster>();
  for (const [field, ref] of rasterRefs(scenario)) {
    if (!rasters.has(ref)) rasters.set(ref, await readRasterFile(path.resolve(baseDir, ref), `${field} (${ref})`));
  }
  const geo = new Map<string, unknown>();
  if (scenario.buildings?.geojson) {
    const ref = scenario.buildings.geojson;
    try {
      geo.set(ref, JSON.parse(await readFile(path.resolve(baseDir, ref), 'utf8')));
    } catch (e) {
      throw new FloodInputError(`buildings.geojson (${ref})`, (e as Error).message);
    }
  }
  return buildModel(scenario, (ref) => rasters.get(ref)!, (ref) => geo.get(ref));
}

/** Replay files `<dir>/<name>.cfr` and `.cfi`, appended as the run goes. */
export async function fileReplaySink(dir: string, name = 'flood'): Promise<ReplaySink & { close(): Promise<void> }> {
  const { mkdir, open } = await fs();
  const path = await pathMod();
  await mkdir(dir, { recursive: true });
  const handles = {
    data: await open(path.join(dir, `${name}.cfr`), 'w'),
    index: await open(path.join(dir, `${name}.cfi`), 'w'),
  };
  return {
    async append(file: ReplayFile, bytes: Uint8Array) {
      await handles[file].write(bytes);
    },
    async close() {
      await handles.data.close();
      await handles.index.close();
    },
  };
}

export async function fileReplaySource(dir: string, name = 'flood'): Promise<ReplaySource> {
  const { open, stat } = await fs();
  const path = await pathMod();
  const file = (f: ReplayFile) => path.join(dir, `${name}.${f === 'data' ? 'cfr' : 'cfi'}`);
  return {
    size: async (f) => (await stat(file(f))).size,
    async read(f, offset, length) {
      const h = await open(file(f), 'r');
      try {
        const buf = new Uint8Array(length);
        const { bytesRead } = await h.read(buf, 0, length, offset);
        return buf.subarray(0, bytesRead);
      } finally {
        await h.close();
      }
    },
  };
}
