/**
 * A DEM (north-up grid in a projected CRS, orthometric heights) → Cesium quantized-mesh terrain:
 * `layer.json` plus `{z}/{x}/{y}.terrain` for every tile of the geographic scheme that covers the
 * DEM, from level 0 to the level whose sample spacing matches the DEM's cells. Heights become
 * ellipsoidal through the geoid (h = H + N). Outside the DEM the edge values continue, so the town
 * does not sit on a cliff.
 */
import { geoidUndulation, type GeoidModel } from '../../cim-model/index.ts';
import { tileRect, tileSpan, tilesCovering, type TileKey } from './geographic-tiling.ts';
import { LatticeProjector, sampleBilinear, type GridGeometry } from './grid-sampler.ts';
import { encodeQuantizedMesh } from './quantized-mesh.ts';
import { RtinTree } from './rtin.ts';

export interface HeightGrid extends GridGeometry {
  /** Orthometric heights (m), row 0 north. */
  data: Float32Array;
  nodata?: number;
}

export interface TerrainTilesOptions {
  /** Horizontal CRS of the grid, e.g. 'EPSG:4544'. */
  crs: string;
  /** Geoid model turning the grid's orthometric heights into ellipsoidal ones; omit for ellipsoidal grids. */
  geoid?: GeoidModel;
  /** Samples per tile side: 2^k + 1. */
  tileSize?: number;
  /** Deepest level; by default the one whose sample spacing is the DEM cell size. */
  maxLevel?: number;
  /** Vertical tolerance at the deepest level (m); doubles each level up. */
  maxError?: number;
  onProgress?: (done: number, total: number) => void;
}

export const TERRAIN_TILES_DEFAULTS = { tileSize: 65, maxError: 0.05 };

/** Where tiles go: a relative path and its bytes. */
export type TileSink = (path: string, bytes: Uint8Array) => Promise<void> | void;

export interface TerrainSummary {
  tiles: number;
  maxLevel: number;
  bytes: number;
  triangles: number;
  bounds: [number, number, number, number];
}

/** Level whose sample spacing (tileSize − 1 intervals per tile) is closest to `cell` metres at latitude `lat`. */
export function levelForCellSize(cell: number, lat: number, tileSize: number): number {
  const metresPerDegree = 111_320 * Math.cos((lat * Math.PI) / 180);
  return Math.max(0, Math.round(Math.log2((180 * metresPerDegree) / ((tileSize - 1) * cell))));
}

export async function writeTerrainTiles(dem: HeightGrid, sink: TileSink, options: TerrainTilesOptions): Promise<TerrainSummary> {
  const size = options.tileSize ?? TERRAIN_TILES_DEFAULTS.tileSize;
  const tree = new RtinTree(size);
  const projector = new LatticeProjector(dem, options.crs);
  const b = projector.bounds;
  const maxLevel = options.maxLevel ?? levelForCellSize(Math.min(dem.dx, dem.dy), (b.south + b.north) / 2, size);
  const keys: TileKey[] = [];
  const available: Array<Array<{ startX: number; endX: number; startY: number; endY: number }>> = [];
  for (let z = 0; z <= maxLevel; z++) {
    // Level 0: both root tiles, so the globe is whole; below, only the tiles over the DEM.
    const r = z === 0 ? { startX: 0, endX: 1, startY: 0, endY: 0 } : tilesCovering(b, z);
    available.push([r]);
    for (let y = r.startY; y <= r.endY; y++) for (let x = r.startX; x <= r.endX; x++) keys.push({ z, x, y });
  }
  const col = new Float64Array(size * size), row = new Float64Array(size * size), heights = new Float64Array(size * size);
  let bytes = 0, triangles = 0, done = 0;
  for (const key of keys) {
    const rect = tileRect(key);
    projector.project(rect, size, size, col, row);
    for (let k = 0; k < size * size; k++) {
      let H = sampleBilinear(dem.data, dem.nx, dem.ny, col[k], row[k], dem.nodata);
      if (!Number.isFinite(H)) H = 0;
      const lon = Math.min(b.east, Math.max(b.west, rect.west + ((rect.east - rect.west) * (k % size)) / (size - 1)));
      const lat = Math.min(b.north, Math.max(b.south, rect.north - ((rect.north - rect.south) * Math.floor(k / size)) / (size - 1)));
      heights[k] = H + (options.geoid ? geoidUndulation(options.geoid, lon, lat) : 0);
    }
    const tol = (options.maxError ?? TERRAIN_TILES_DEFAULTS.maxError) * 2 ** (maxLevel - key.z);
    const mesh = tree.mesh(tree.errors(heights), tol);
    const nv = mesh.vertices.length / 2;
    const u = new Float64Array(nv), v = new Float64Array(nv), h = new Float64Array(nv);
    for (let i = 0; i < nv; i++) {
      const gx = mesh.vertices[2 * i], gy = mesh.vertices[2 * i + 1];
      u[i] = gx / (size - 1);
      v[i] = 1 - gy / (size - 1);
      h[i] = heights[gy * size + gx];
    }
    const tile = encodeQuantizedMesh({ rect, u, v, height: h, triangles: mesh.triangles, normals: true });
    await sink(`${key.z}/${key.x}/${key.y}.terrain`, tile);
    bytes += tile.byteLength;
    triangles += mesh.triangles.length / 3;
    options.onProgress?.(++done, keys.length);
  }
  const layer = {
    tilejson: '2.1.0',
    name: 'cimflow terrain',
    description: `DEM ${dem.nx}×${dem.ny} at ${dem.dx} m in ${options.crs}, heights ellipsoidal (orthometric + geoid)`,
    version: '1.0.0',
    format: 'quantized-mesh-1.0',
    scheme: 'tms',
    tiles: ['{z}/{x}/{y}.terrain'],
    projection: 'EPSG:4326',
    bounds: [b.west, b.south, b.east, b.north],
    minzoom: 0,
    maxzoom: maxLevel,
    extensions: ['octvertexnormals'],
    available,
    attribution: 'cimflow',
  };
  const json = new TextEncoder().encode(JSON.stringify(layer, null, 1));
  // layer.json last: a folder without it is an incomplete terrain, never a complete-looking one.
  await sink('layer.json', json);
  return { tiles: keys.length, maxLevel, bytes: bytes + json.byteLength, triangles, bounds: [b.west, b.south, b.east, b.north] };
}

/** Degrees spanned by one sample interval at level z. */
export function sampleSpacingDegrees(z: number, tileSize: number): number {
  return tileSpan(z) / (tileSize - 1);
}
