/**
 * What a finished run means on the ground: the area flooded deeper than the ponding limit and the buildings
 * that water reached. Buildings are blocked cells in the model (no water inside), so a building counts when
 * a cell within one cell of its footprint outline or inside it is deeper than the limit.
 */
import { readFile } from 'node:fs/promises';

/** GB 50014: 0.15 m of water is the ponding limit on roads. */
export const PONDING_DEPTH = 0.15;

export interface GridGeometry {
  nx: number;
  ny: number;
  /** Cell size (m); west and north edges (m, EPSG:4544). */
  dx: number;
  x0: number;
  y0: number;
}

export function floodedArea(maxDepth: Float32Array, g: GridGeometry, limit = PONDING_DEPTH): number {
  let n = 0;
  for (let c = 0; c < maxDepth.length; c++) if (maxDepth[c] > limit) n++;
  return n * g.dx * g.dx;
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function insideRings(x: number, y: number, rings: number[][][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      const [xa, ya] = ring[a], [xb, yb] = ring[b];
      if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) inside = !inside;
    }
  }
  return inside;
}

/** Deepest water (m) in or next to one polygon (rings in grid CRS metres). */
function depthAround(rings: number[][][], maxDepth: Float32Array, g: GridGeometry): number {
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (const [x, y] of rings[0]) {
    xmin = Math.min(xmin, x); xmax = Math.max(xmax, x); ymin = Math.min(ymin, y); ymax = Math.max(ymax, y);
  }
  const i0 = Math.max(0, Math.floor((xmin - g.dx - g.x0) / g.dx)), i1 = Math.min(g.nx - 1, Math.floor((xmax + g.dx - g.x0) / g.dx));
  const j0 = Math.max(0, Math.floor((g.y0 - ymax - g.dx) / g.dx)), j1 = Math.min(g.ny - 1, Math.floor((g.y0 - ymin + g.dx) / g.dx));
  let deepest = 0;
  for (let j = j0; j <= j1; j++) {
    for (let i = i0; i <= i1; i++) {
      const h = maxDepth[i + j * g.nx];
      if (h <= deepest) continue;
      const x = g.x0 + (i + 0.5) * g.dx, y = g.y0 - (j + 0.5) * g.dx;
      let near = insideRings(x, y, rings);
      for (const ring of rings) {
        for (let a = 0; !near && a + 1 < ring.length; a++) near = distanceToSegment(x, y, ring[a][0], ring[a][1], ring[a + 1][0], ring[a + 1][1]) <= g.dx;
      }
      if (near) deepest = h;
    }
  }
  return deepest;
}

interface FootprintFeature {
  id?: string | number;
  properties?: { id?: string } | null;
  geometry?: { type: string; coordinates: unknown } | null;
}

/** Ids of the buildings (GeoJSON Polygon/MultiPolygon features) reached by water deeper than `limit`. */
export async function affectedBuildings(file: string, maxDepth: Float32Array, g: GridGeometry, limit = PONDING_DEPTH): Promise<string[]> {
  const fc = JSON.parse(await readFile(file, 'utf8')) as { features?: FootprintFeature[] };
  const out: string[] = [];
  for (const [k, f] of (fc.features ?? []).entries()) {
    const geom = f.geometry;
    if (!geom) continue;
    const polygons = geom.type === 'Polygon' ? [geom.coordinates as number[][][]] : geom.type === 'MultiPolygon' ? (geom.coordinates as number[][][][]) : [];
    if (polygons.some((rings) => depthAround(rings, maxDepth, g) > limit)) out.push(String(f.id ?? f.properties?.id ?? `#${k}`));
  }
  return out;
}
