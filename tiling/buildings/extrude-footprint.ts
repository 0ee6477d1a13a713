/**
 * LoD1 block models: a footprint polygon (projected CRS, metres) extruded from its base to its
 * roof height. Walls are quads with their own vertices (flat shading), the roof is triangulated
 * with earcut (holes allowed), and the walls reach `skirt` metres below the base so that blocks on
 * sloping ground do not float where the terrain falls away.
 */
import earcut from 'earcut';

export interface MeshBuffers {
  positions: number[];
  indices: number[];
  featureIds: number[];
}

export interface ExtrudeOptions {
  /** Metres the walls reach below the base elevation. */
  skirt?: number;
}

export const EXTRUDE_DEFAULTS: Required<ExtrudeOptions> = { skirt: 1 };

/** Twice the signed area in x-east, y-north axes: positive for counter-clockwise rings. */
export function signedArea2(ring: number[][]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return a;
}

/** Rings without the closing point, outer ring counter-clockwise, holes clockwise. */
function normalise(rings: number[][][]): number[][][] {
  return rings.map((r, k) => {
    const open = r.length > 1 && r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1] ? r.slice(0, -1) : r.slice();
    const ccw = signedArea2(open) > 0;
    return (k === 0) !== ccw ? open.reverse() : open;
  });
}

/**
 * Append the block of one polygon (outer ring + holes, positions [x, y, …]) to `out`, tagged
 * with `featureId`. Returns the number of triangles added.
 */
export function extrudeFootprint(rings: number[][][], base: number, top: number, featureId: number, out: MeshBuffers, options: ExtrudeOptions = {}): number {
  const skirt = options.skirt ?? EXTRUDE_DEFAULTS.skirt;
  const rs = normalise(rings).filter((r) => r.length >= 3);
  if (rs.length === 0 || !(top > base)) return 0;
  const bottom = base - skirt;
  let tris = 0;
  const vertex = (x: number, y: number, z: number) => {
    out.positions.push(x, y, z);
    out.featureIds.push(featureId);
    return out.positions.length / 3 - 1;
  };
  // Walls: for a counter-clockwise outer ring the interior is on the left of a→b, so
  // (a-bottom, b-bottom, b-top) is counter-clockwise seen from outside. Holes are clockwise: same rule.
  for (const r of rs) {
    for (let i = 0; i < r.length; i++) {
      const a = r[i], b = r[(i + 1) % r.length];
      if (a[0] === b[0] && a[1] === b[1]) continue;
      const v0 = vertex(a[0], a[1], bottom), v1 = vertex(b[0], b[1], bottom), v2 = vertex(b[0], b[1], top), v3 = vertex(a[0], a[1], top);
      out.indices.push(v0, v1, v2, v0, v2, v3);
      tris += 2;
    }
  }
  // Roof.
  const flat: number[] = [];
  const holes: number[] = [];
  for (const r of rs) {
    if (flat.length) holes.push(flat.length / 2);
    for (const p of r) flat.push(p[0], p[1]);
  }
  const tri = earcut(flat, holes, 2);
  const first = out.positions.length / 3;
  for (let i = 0; i < flat.length; i += 2) vertex(flat[i], flat[i + 1], top);
  for (let t = 0; t < tri.length; t += 3) {
    // Keep every roof triangle facing up (counter-clockwise seen from above).
    const [a, b, c] = [tri[t], tri[t + 1], tri[t + 2]];
    const cross = (flat[2 * b] - flat[2 * a]) * (flat[2 * c + 1] - flat[2 * a + 1]) - (flat[2 * b + 1] - flat[2 * a + 1]) * (flat[2 * c] - flat[2 * a]);
    if (cross >= 0) out.indices.push(first + a, first + b, first + c);
    else out.indices.push(first + a, first + c, first + b);
    tris++;
  }
  // Floor (so the block is closed: volumes and clipping planes need it).
  const floorFirst = out.positions.length / 3;
  for (let i = 0; i < flat.length; i += 2) vertex(flat[i], flat[i + 1], bottom);
  for (let t = 0; t < tri.length; t += 3) {
    const [a, b, c] = [tri[t], tri[t + 1], tri[t + 2]];
    const cross = (flat[2 * b] - flat[2 * a]) * (flat[2 * c + 1] - flat[2 * a + 1]) - (flat[2 * b + 1] - flat[2 * a + 1]) * (flat[2 * c] - flat[2 * a]);
    if (cross >= 0) out.indices.push(floorFirst + a, floorFirst + c, floorFirst + b);
    else out.indices.push(floorFirst + a, floorFirst + b, floorFirst + c);
    tris++;
  }
  return tris;
}
