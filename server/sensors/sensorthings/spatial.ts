/**
 * Planar and great-circle predicates for the `$filter` spatial functions. Positions are
 * longitude, latitude in degrees (WGS 84, as SensorThings locations are). Predicates treat
 * coordinates as planar, which is exact enough for city-sized areas; geo.distance and geo.length
 * return metres on a sphere of radius 6 371 008.8 m (mean Earth radius).
 */
import type { Geometry } from './odata-filter.ts';

type Pos = [number, number];
const R = 6_371_008.8;

export function haversine(a: Pos, b: Pos): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(s)));
}

function pointInRing(p: Pos, ring: Pos[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function pointInPolygon(p: Pos, rings: Pos[][]): boolean {
  return pointInRing(p, rings[0]) && !rings.slice(1).some((h) => pointInRing(p, h));
}

function segmentsCross(a: Pos, b: Pos, c: Pos, d: Pos): boolean {
  const o = (p: Pos, q: Pos, r: Pos) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) !== o(a, b, d) && o(c, d, a) !== o(c, d, b);
}

function segments(g: Geometry): Array<[Pos, Pos]> {
  const lines = g.type === 'Point' ? [] : g.type === 'LineString' ? [g.coordinates] : g.coordinates;
  const out: Array<[Pos, Pos]> = [];
  for (const l of lines) for (let i = 0; i + 1 < l.length; i++) out.push([l[i], l[i + 1]]);
  return out;
}

function vertices(g: Geometry): Pos[] {
  return g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : g.coordinates.flat();
}

function covers(outer: Geometry, p: Pos): boolean {
  if (outer.type === 'Polygon') return pointInPolygon(p, outer.coordinates);
  return vertices(outer).some((v) => v[0] === p[0] && v[1] === p[1]);
}

export function intersects(a: Geometry, b: Geometry): boolean {
  if (vertices(a).some((p) => covers(b, p)) || vertices(b).some((p) => covers(a, p))) return true;
  const sb = segments(b);
  return segments(a).some(([p, q]) => sb.some(([r, s]) => segmentsCross(p, q, r, s)));
}

/** a lies inside b (every vertex of a inside b and no boundary crossing). */
export function within(a: Geometry, b: Geometry): boolean {
  if (!vertices(a).every((p) => covers(b, p))) return false;
  const sb = segments(b);
  return b.type !== 'Polygon' || !segments(a).some(([p, q]) => sb.some(([r, s]) => segmentsCross(p, q, r, s)));
}

export function equals(a: Geometry, b: Geometry): boolean {
  return a.type === b.type && JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);
}

/** Distance in metres between the closest vertices (points, or a point inside a polygon → 0). */
export function distance(a: Geometry, b: Geometry): number {
  if (intersects(a, b)) return 0;
  let best = Infinity;
  for (const p of vertices(a)) for (const q of vertices(b)) best = Math.min(best, haversine(p, q));
  return best;
}

export function length(g: Geometry): number {
  return segments(g).reduce((s, [p, q]) => s + haversine(p, q), 0);
}

/** Accepts GeoJSON geometries (and Features) stored in entities. */
export function asGeometry(v: unknown): Geometry | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const o = v as { type?: string; geometry?: unknown; coordinates?: unknown };
  if (o.type === 'Feature') return asGeometry(o.geometry);
  if ((o.type === 'Point' || o.type === 'LineString' || o.type === 'Polygon') && Array.isArray(o.coordinates)) return o as Geometry;
  return undefined;
}
