/**
 * An orthophoto (north-up RGB grid in a projected CRS) → 256×256 JPEG tiles in the geographic
 * tiling scheme, `imagery/{z}/{x}/{y}.jpg` with y counted from the north (the `{y}` of Cesium's
 * UrlTemplateImageryProvider with a GeographicTilingScheme), plus `imagery.json` describing them.
 * Pixels outside the photo are left neutral grey; the viewer limits the layer to `bounds`.
 */
import jpeg from 'jpeg-js';
import { tileRect, tilesCovering } from './geographic-tiling.ts';
import { LatticeProjector, type GridGeometry } from './grid-sampler.ts';
import type { TileSink } from './terrain-tiles.ts';

export interface RgbGrid extends GridGeometry {
  /** RGB bytes, row 0 north. */
  rgb: Uint8Array;
}

export interface ImageryTilesOptions {
  crs: string;
  /** Deepest level; by default the one whose pixel is about the photo's cell. */
  maxLevel?: number;
  /** Levels above the deepest to build. */
  levels?: number;
  quality?: number;
  onProgress?: (done: number, total: number) => void;
}

export const IMAGERY_TILES_DEFAULTS = { levels: 7, quality: 85 };
const PX = 256;

export interface ImageryMeta {
  tilingScheme: 'geographic';
  url: string;
  bounds: [number, number, number, number];
  minLevel: number;
  maxLevel: number;
  tiles: number;
}

export async function writeImageryTiles(photo: RgbGrid, sink: TileSink, options: ImageryTilesOptions): Promise<ImageryMeta> {
  const projector = new LatticeProjector(photo, options.crs);
  const b = projector.bounds;
  const metresPerDegree = 111_320 * Math.cos((((b.south + b.north) / 2) * Math.PI) / 180);
  const maxLevel = options.maxLevel ?? Math.max(0, Math.round(Math.log2((180 * metresPerDegree) / (PX * Math.min(photo.dx, photo.dy)))));
  const minLevel = Math.max(0, maxLevel - (options.levels ?? IMAGERY_TILES_DEFAULTS.levels) + 1);
  const keys: Array<{ z: number; x: number; y: number }> = [];
  for (let z = minLevel; z <= maxLevel; z++) {
    const r = tilesCovering(b, z);
    for (let y = r.startY; y <= r.endY; y++) for (let x = r.startX; x <= r.endX; x++) keys.push({ z, x, y });
  }
  const col = new Float64Array(PX * PX), row = new Float64Array(PX * PX);
  const rgba = new Uint8Array(PX * PX * 4);
  let done = 0;
  for (const key of keys) {
    const rect = tileRect(key);
    // Pixel centres: half a pixel inside the tile's edges.
    const half = (rect.east - rect.west) / PX / 2;
    projector.project({ west: rect.west + half, east: rect.east - half, south: rect.south + half, north: rect.north - half }, PX, PX, col, row);
    for (let k = 0; k < PX * PX; k++) {
      const c = col[k], r = row[k];
      const o = 4 * k;
      if (c < -0.5 || r < -0.5 || c > photo.nx - 0.5 || r > photo.ny - 0.5) {
        rgba[o] = rgba[o + 1] = rgba[o + 2] = 128;
      } else {
        const i = Math.min(photo.nx - 2, Math.max(0, Math.floor(c))), j = Math.min(photo.ny - 2, Math.max(0, Math.floor(r)));
        const tx = Math.min(1, Math.max(0, c - i)), ty = Math.min(1, Math.max(0, r - j));
        for (let ch = 0; ch < 3; ch++) {
          const p = (jj: number, ii: number) => photo.rgb[3 * (jj * photo.nx + ii) + ch];
          rgba[o + ch] = Math.round((1 - ty) * ((1 - tx) * p(j, i) + tx * p(j, i + 1)) + ty * ((1 - tx) * p(j + 1, i) + tx * p(j + 1, i + 1)));
        }
      }
      rgba[o + 3] = 255;
    }
    // Tile y from the north: the geographic scheme has 2^z rows at level z.
    const yNorth = 2 ** key.z - 1 - key.y;
    const jpg = jpeg.encode({ data: rgba, width: PX, height: PX }, options.quality ?? IMAGERY_TILES_DEFAULTS.quality).data;
    await sink(`${key.z}/${key.x}/${yNorth}.jpg`, new Uint8Array(jpg.buffer, jpg.byteOffset, jpg.byteLength));
    options.onProgress?.(++done, keys.length);
  }
  const meta: ImageryMeta = { tilingScheme: 'geographic', url: '{z}/{x}/{y}.jpg', bounds: [b.west, b.south, b.east, b.north], minLevel, maxLevel, tiles: keys.length };
  await sink('imagery.json', new TextEncoder().encode(JSON.stringify(meta, null, 1)));
  return meta;
}
