/**
 * A summary of a 3D Tiles tileset: tiles, contents by kind, depth, the root's geometric error and
 * bounds (as longitude/latitude/height), the metadata schema's classes; external tilesets are
 * followed through `read`, so folders and archives summarise alike.
 */
import { ecefToGeodetic, WGS84_ELLIPSOID } from '../../cim-model/index.ts';

export interface TilesetSummary {
  version?: string;
  tiles: number;
  externalTilesets: number;
  contents: Record<string, number>;
  depth: number;
  geometricError: number;
  implicit: boolean;
  schemaClasses: string[];
  /** Root bounds: west, south, east, north (degrees), min and max height (m, ellipsoidal). */
  bounds?: { west: number; south: number; east: number; north: number; minHeight: number; maxHeight: number };
  missing: string[];
}

interface Tile {
  boundingVolume?: { box?: number[]; region?: number[]; sphere?: number[] };
  transform?: number[];
  content?: { uri?: string; url?: string };
  contents?: Array<{ uri?: string }>;
  children?: Tile[];
  implicitTiling?: unknown;
}

const DEG = 180 / Math.PI;

function applyTransform(m: number[] | undefined, p: number[]): number[] {
  if (!m) return p;
  return [0, 1, 2].map((r) => m[r] * p[0] + m[4 + r] * p[1] + m[8 + r] * p[2] + m[12 + r]);
}

function boundsOf(bv: Tile['boundingVolume'], transform?: number[]): TilesetSummary['bounds'] {
  if (!bv) return undefined;
  if (bv.region) {
    const [w, s, e, n, lo, hi] = bv.region;
    return { west: w * DEG, south: s * DEG, east: e * DEG, north: n * DEG, minHeight: lo, maxHeight: hi };
  }
  const corners: number[][] = [];
  if (bv.box) {
    const b = bv.box;
    for (const i of [-1, 1]) for (const j of [-1, 1]) for (const k of [-1, 1]) {
      corners.push([0, 1, 2].map((a) => b[a] + i * b[3 + a] + j * b[6 + a] + k * b[9 + a]));
    }
  } else if (bv.sphere) {
    const [x, y, z, r] = bv.sphere;
    for (const d of [[r, 0, 0], [-r, 0, 0], [0, r, 0], [0, -r, 0], [0, 0, r], [0, 0, -r]]) corners.push([x + d[0], y + d[1], z + d[2]]);
  } else return undefined;
  const g = corners.map((c) => applyTransform(transform, c)).map((c) => ecefToGeodetic(c[0], c[1], c[2], WGS84_ELLIPSOID));
  return {
    west: Math.min(...g.map((p) => p[0])), east: Math.max(...g.map((p) => p[0])),
    south: Math.min(...g.map((p) => p[1])), north: Math.max(...g.map((p) => p[1])),
    minHeight: Math.min(...g.map((p) => p[2])), maxHeight: Math.max(...g.map((p) => p[2])),
  };
}

/**
 * @param read returns the bytes of a path relative to the tileset's root folder, or undefined if absent
 */
export async function summarizeTileset(json: unknown, read: (path: string) => Promise<Uint8Array | undefined>): Promise<TilesetSummary> {
  const root = json as { asset?: { version?: string }; root: Tile; geometricError: number; schema?: { classes?: Record<string, unknown> } };
  const s: TilesetSummary = {
    version: root.asset?.version,
    tiles: 0,
    externalTilesets: 0,
    contents: {},
    depth: 0,
    geometricError: root.geometricError,
    implicit: false,
    schemaClasses: Object.keys(root.schema?.classes ?? {}),
    bounds: boundsOf(root.root?.boundingVolume, root.root?.transform),
    missing: [],
  };
  const walk = async (tile: Tile, base: string, depth: number) => {
    s.tiles++;
    s.depth = Math.max(s.depth, depth);
    if (tile.implicitTiling) s.implicit = true;
    const uris = [tile.content?.uri ?? tile.content?.url, ...(tile.contents ?? []).map((c) => c.uri)].filter((u): u is string => Boolean(u));
    for (const uri of uris) {
      if (uri.includes('{')) continue; // implicit tiling template
      const rel = base ? `${base}/${uri}` : uri;
      const ext = uri.split('?')[0].split('.').pop()?.toLowerCase() ?? '';
      if (ext === 'json') {
        const bytes = await read(rel);
        if (!bytes) {
          s.missing.push(rel);
          continue;
        }
        s.externalTilesets++;
        const sub = JSON.parse(new TextDecoder().decode(bytes)) as { root: Tile };
        await walk(sub.root, rel.split('/').slice(0, -1).join('/'), depth + 1);
      } else {
        s.contents[ext] = (s.contents[ext] ?? 0) + 1;
      }
    }
    for (const c of tile.children ?? []) await walk(c, base, depth + 1);
  };
  if (root.root) await walk(root.root, '', 0);
  return s;
}
