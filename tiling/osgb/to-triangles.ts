/**
 * Flattens a geometry's primitive sets to a triangle index list: TRIANGLES as is, strips with
 * alternating winding so all triangles face like the first, fans/polygons, quads and quad strips
 * split; degenerate triangles (a repeated index, as strips use to join runs) and triangles that
 * reference missing vertices are dropped. Points and lines contribute nothing.
 * Winding rules: OpenGL 4.6 core specification §10.1 (Primitive Types).
 */
import type { OsgbGeometry, OsgbPrimitive } from './osgb-types.ts';

interface Run { mode: OsgbPrimitive['mode']; at: (i: number) => number; length: number }

/** Vertex runs of the primitive sets, DrawArrays ranges clamped to the vertex array. */
function runsOf(primitives: OsgbPrimitive[], vertexCount: number): Run[] {
  const runs: Run[] = [];
  const range = (mode: Run['mode'], first: number, count: number) => {
    const start = Math.max(0, first);
    runs.push({ mode, at: (i) => start + i, length: Math.max(0, Math.min(count - (start - first), vertexCount - start)) });
  };
  for (const p of primitives) {
    if (p.indices) { const idx = p.indices; runs.push({ mode: p.mode, at: (i) => idx[i], length: idx.length }); }
    else if (p.lengths) {
      let first = p.first ?? 0;
      for (const len of p.lengths) { range(p.mode, first, len); first += Math.max(0, len); }
    } else range(p.mode, p.first ?? 0, p.count ?? 0);
  }
  return runs;
}

/** Upper bound of triangle index slots a run produces (3 × triangles). */
function capacityOf(r: Run): number {
  const n = r.length;
  switch (r.mode) {
    case 'TRIANGLES': return n - (n % 3);
    case 'TRIANGLE_STRIP': case 'TRIANGLE_FAN': case 'POLYGON': case 'QUAD_STRIP': return Math.max(0, n - 2) * 3;
    case 'QUADS': return Math.floor(n / 4) * 6;
    default: return 0;
  }
}

export function toTriangles(geometry: Pick<OsgbGeometry, 'primitives' | 'positions'>): Uint32Array {
  const vertexCount = Math.floor(geometry.positions.length / 3);
  const runs = runsOf(geometry.primitives, vertexCount);
  let capacity = 0;
  for (const r of runs) capacity += capacityOf(r);
  const out = new Uint32Array(capacity);
  let n = 0;
  const emit = (a: number, b: number, c: number) => {
    if (a === b || b === c || a === c) return;
    if (a >= vertexCount || b >= vertexCount || c >= vertexCount) return;
    out[n++] = a; out[n++] = b; out[n++] = c;
  };
  for (const { mode, at, length: len } of runs) {
    switch (mode) {
      case 'TRIANGLES':
        for (let i = 0; i + 2 < len; i += 3) emit(at(i), at(i + 1), at(i + 2));
        break;
      case 'TRIANGLE_STRIP':
        for (let i = 0; i + 2 < len; i++) {
          if (i % 2 === 0) emit(at(i), at(i + 1), at(i + 2));
          else emit(at(i + 1), at(i), at(i + 2));
        }
        break;
      case 'TRIANGLE_FAN':
      case 'POLYGON':
        for (let i = 1; i + 1 < len; i++) emit(at(0), at(i), at(i + 1));
        break;
      case 'QUADS':
        for (let i = 0; i + 3 < len; i += 4) { emit(at(i), at(i + 1), at(i + 2)); emit(at(i), at(i + 2), at(i + 3)); }
        break;
      case 'QUAD_STRIP':
        for (let i = 0; i + 3 < len; i += 2) { emit(at(i), at(i + 1), at(i + 3)); emit(at(i), at(i + 3), at(i + 2)); }
        break;
      default:
        break;
    }
  }
  return n === out.length ? out : out.slice(0, n);
}
