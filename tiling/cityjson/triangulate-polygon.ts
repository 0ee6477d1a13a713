/**
 * Triangulation of a planar 3D polygon with holes: project onto the plane of its Newell normal
 * and run earcut there. Returns indices into the concatenated ring vertices.
 */
import earcut from 'earcut';

/** Newell's method: the (unnormalised) normal of a possibly non-convex 3D polygon ring. */
export function newellNormal(ring: ArrayLike<number>[], out: number[] = [0, 0, 0]): number[] {
  out[0] = out[1] = out[2] = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j], b = ring[i];
    out[0] += (a[1] - b[1]) * (a[2] + b[2]);
    out[1] += (a[2] - b[2]) * (a[0] + b[0]);
    out[2] += (a[0] - b[0]) * (a[1] + b[1]);
  }
  return out;
}

/**
 * @param rings outer ring then holes, each a list of [x, y, z]
 * @returns triangle indices into the rings' vertices in order, counter-clockwise about the outer ring's normal
 */
export function triangulatePolygon(rings: ArrayLike<number>[][]): number[] {
  const n = newellNormal(rings[0]);
  const ax = Math.abs(n[0]), ay = Math.abs(n[1]), az = Math.abs(n[2]);
  if (ax + ay + az === 0) return [];
  // Drop the dominant axis; keep the 2D orientation equal to the 3D one seen along the normal.
  const [u, v] = az >= ax && az >= ay ? (n[2] > 0 ? [0, 1] : [1, 0]) : ax >= ay ? (n[0] > 0 ? [1, 2] : [2, 1]) : n[1] > 0 ? [2, 0] : [0, 2];
  const flat: number[] = [];
  const holes: number[] = [];
  rings.forEach((r, k) => {
    if (k > 0) holes.push(flat.length / 2);
    for (const p of r) flat.push(p[u], p[v]);
  });
  const tri = earcut(flat, holes, 2);
  // earcut's output orientation is not guaranteed: make each triangle counter-clockwise in (u, v).
  for (let t = 0; t < tri.length; t += 3) {
    const a = tri[t], b = tri[t + 1], c = tri[t + 2];
    const cross = (flat[2 * b] - flat[2 * a]) * (flat[2 * c + 1] - flat[2 * a + 1]) - (flat[2 * b + 1] - flat[2 * a + 1]) * (flat[2 * c] - flat[2 * a]);
    if (cross < 0) {
      tri[t + 1] = c;
      tri[t + 2] = b;
    }
  }
  return tri;
}
