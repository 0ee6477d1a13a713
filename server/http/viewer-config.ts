/**
 * GET /api/config: what the viewer loads at start (contracts `ViewerConfig`), from what the data folder holds
 * and the city manifest.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ViewerConfig } from '../contracts.ts';
import type { CityInfo } from './city-manifest.ts';

/** Hechuan, Chongqing (the demo town) when no manifest says otherwise; degrees, CGCS2000. */
export const DEFAULT_CENTRE: [number, number] = [106.27, 29.99];
/** EGM96 undulation N at the demo town centre (m): ellipsoidal h = H + N. */
export const DEFAULT_GEOID_OFFSET = -40.04;

/** Imagery tiles written by tiling/terrain: `imagery/imagery.json` (bounds in degrees, levels), or null. */
async function imageryOf(dataDir: string): Promise<ViewerConfig['imagery']> {
  const meta = path.join(dataDir, 'imagery', 'imagery.json');
  if (!existsSync(meta)) return null;
  const json = JSON.parse(await readFile(meta, 'utf8')) as { bounds: [number, number, number, number]; minLevel: number; maxLevel: number };
  return { url: '/imagery/{z}/{x}/{y}.jpg', bounds: json.bounds, minLevel: json.minLevel, maxLevel: json.maxLevel };
}

export async function viewerConfig(dataDir: string, city: CityInfo | undefined, publicReadOnly: boolean): Promise<ViewerConfig> {
  const geo = city?.manifest.extent.geographic;
  const [lon, lat] = city?.manifest.extent.centreLonLat ?? DEFAULT_CENTRE;
  // Start south of the centre looking north, 45° down, from a height that shows the whole extent.
  const spanM = geo ? Math.max(geo.east - geo.west, geo.north - geo.south) * 111_000 : 3000;
  const height = Math.round(spanM * 0.8);
  const tileset = existsSync(path.join(dataDir, 'tiles', 'tileset.json')) || existsSync(path.join(dataDir, 'tiles.3tz')) ? '/tiles/tileset.json' : null;
  return {
    title: city?.manifest.name ?? 'cimflow',
    tileset,
    terrain: existsSync(path.join(dataDir, 'terrain', 'layer.json')) ? '/terrain' : null,
    imagery: await imageryOf(dataDir),
    home: { lon, lat: lat - (height / 111_000) * 0.9, height, heading: 0, pitch: -45 },
    crs: city?.manifest.crs.horizontal ?? 'EPSG:4544',
    geoidOffset: city?.manifest.verticalDatum.geoid.offset ?? DEFAULT_GEOID_OFFSET,
    sensorThings: '/v1.1',
    publicReadOnly,
  };
}
