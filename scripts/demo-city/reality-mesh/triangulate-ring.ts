/**
 * Ear-clipping triangulation of a simple polygon ring (building roofs): O(n²), fine for
 * footprints of a few dozen vertices. Returns counter-clockwise triangles as vertex indices.
 * Method: Eberly, "Triangulation by Ear Clipping" (Geometric Tools, 2002).
 */
export type Ring2 = ReadonlyArray<readonly [number, number]>;

/** Twice the signed area (positive when counter-clockwise, x east / y north). */
export function signedArea2(ring: Ring2): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a;
}

/** Drops a closing vertex equal to the first and consecutive duplicates; makes the ring counter-clockwise. */
export function normalizeRing(ring: Ring2): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push([p[0], p[1]]);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  if (signedArea2(out) < 0) out.reverse();
  return out;
}

/** Triangulates a counter-clockwise ring; degenerate rings yield fewer than n − 2 triangles. */
export function triangulateRing(ring: Ring2): number[] {
  const n = ring.length;
  if (n < 3) return [];
  const idx = Array.from({ length: n }, (_, i) => i);
  const tris: number[] = [];
  const cross = (a: number, b: number, c: number) =>
    (ring[b][0] - ring[a][0]) * (ring[c][1] - ring[a][1]) - (ring[b][1] - ring[a][1]) * (ring[c][0] - ring[a][0]);
  const inside = (p: number, a: number, b: number, c: number) => cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0;
  let guard = 0;
  while (idx.length > 3 && guard++ < n * n) {
    let clipped = false;
    for (let i = 0; i < idx.length; i++) {
      const a = idx[(i + idx.length - 1) % idx.length];
      const b = idx[i];
      const c = idx[(i + 1) % idx.length];
      if (cross(a, b, c) <= 0) continue;
      let ear = true;
      for (const p of idx) {
        if (p !== a && p !== b && p !== c && inside(p, a, b, c)) { ear = false; break; }
      }
      if (!ear) continue;
      tris.push(a, b, c);
      idx.splice(i, 1);
      clipped = true;
      break;
    }
    if (!clipped) break;
  }
  if (idx.length === 3 && cross(idx[0], idx[1], idx[2]) > 0) tris.push(idx[0], idx[1], idx[2]);
  return tris;
}
