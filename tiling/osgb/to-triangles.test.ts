import { describe, expect, it } from 'vitest';
import { toTriangles } from './to-triangles.ts';
import type { OsgbPrimitive } from './osgb-types.ts';

/** A row of 2×n vertices in the xy plane (z = 0): bottom row even indices, top row odd. */
function stripPositions(n: number): Float32Array {
  const p = new Float32Array(n * 2 * 3);
  for (let i = 0; i < n; i++) { p.set([i, 0, 0], i * 6); p.set([i, 1, 0], i * 6 + 3); }
  return p;
}

/** z of the normal of each triangle (positive = counter-clockwise seen from +z). */
function windings(positions: Float32Array, tris: Uint32Array): number[] {
  const out: number[] = [];
  for (let t = 0; t < tris.length; t += 3) {
    const [a, b, c] = [tris[t], tris[t + 1], tris[t + 2]];
    const ux = positions[b * 3] - positions[a * 3], uy = positions[b * 3 + 1] - positions[a * 3 + 1];
    const vx = positions[c * 3] - positions[a * 3], vy = positions[c * 3 + 1] - positions[a * 3 + 1];
    out.push(Math.sign(ux * vy - uy * vx));
  }
  return out;
}

describe('toTriangles', () => {
  const positions = stripPositions(4);
  const geom = (primitives: OsgbPrimitive[]) => ({ positions, primitives });

  it('passes TRIANGLES through and ignores a trailing partial triangle', () => {
    expect(Array.from(toTriangles(geom([{ mode: 'TRIANGLES', indices: new Uint16Array([0, 2, 1, 2, 3, 1, 4]) }])))).toEqual([0, 2, 1, 2, 3, 1]);
  });

  it('unrolls a strip with consistent winding and drops degenerate joins', () => {
    // Two strips joined by repeating 3 and 4 (the usual degenerate-triangle stitching).
    const indices = new Uint32Array([0, 2, 1, 3, 3, 4, 4, 6, 5, 7]);
    const tris = toTriangles(geom([{ mode: 'TRIANGLE_STRIP', indices }]));
    expect(tris.length / 3).toBe(4);
    const w = windings(positions, tris);
    expect(new Set(w).size).toBe(1);
  });

  it('handles DrawArrays strips, fans, quads and DrawArrayLengths', () => {
    expect(toTriangles(geom([{ mode: 'TRIANGLE_STRIP', first: 0, count: 8 }])).length / 3).toBe(6);
    expect(Array.from(toTriangles(geom([{ mode: 'TRIANGLE_FAN', first: 0, count: 4 }])))).toEqual([0, 1, 2, 0, 2, 3]);
    expect(toTriangles(geom([{ mode: 'QUADS', indices: new Uint16Array([0, 2, 3, 1]) }])).length).toBe(6);
    expect(toTriangles(geom([{ mode: 'TRIANGLE_STRIP', first: 0, lengths: new Int32Array([4, 4]) }])).length / 3).toBe(4);
  });

  it('produces nothing for points and lines, and clamps ranges to the vertex array', () => {
    expect(toTriangles(geom([{ mode: 'LINES', first: 0, count: 8 }])).length).toBe(0);
    expect(toTriangles(geom([{ mode: 'TRIANGLES', first: 6, count: 2 ** 31 - 1 }])).length).toBe(0);
    expect(toTriangles(geom([{ mode: 'TRIANGLES', indices: new Uint32Array([0, 1, 99]) }])).length).toBe(0);
  });
});
