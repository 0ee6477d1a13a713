import { describe, expect, it } from 'vitest';
import { RtinTree } from './rtin.ts';

function interpolateAt(size: number, heights: Float64Array, verts: Uint16Array, tris: Uint32Array, x: number, y: number): number {
  for (let t = 0; t < tris.length; t += 3) {
    const [a, b, c] = [tris[t], tris[t + 1], tris[t + 2]].map((i) => [verts[2 * i], verts[2 * i + 1]]);
    const det = (b[1] - c[1]) * (a[0] - c[0]) + (c[0] - b[0]) * (a[1] - c[1]);
    const l1 = ((b[1] - c[1]) * (x - c[0]) + (c[0] - b[0]) * (y - c[1])) / det;
    const l2 = ((c[1] - a[1]) * (x - c[0]) + (a[0] - c[0]) * (y - c[1])) / det;
    const l3 = 1 - l1 - l2;
    if (l1 >= -1e-9 && l2 >= -1e-9 && l3 >= -1e-9) {
      const h = (p: number[]) => heights[p[1] * size + p[0]];
      return l1 * h(a) + l2 * h(b) + l3 * h(c);
    }
  }
  throw new Error(`(${x}, ${y}) not covered`);
}

describe('RtinTree', () => {
  it('has 4n² − 2 triangles and rejects sizes that are not 2^k + 1', () => {
    expect(new RtinTree(9).count).toBe(4 * 64 - 2);
    expect(() => new RtinTree(10)).toThrow(/2\^k \+ 1/);
  });

  it('meshes a plane with two triangles and keeps every grid point within the tolerance', () => {
    const size = 33;
    const plane = new Float64Array(size * size).map((_, k) => 2 * (k % size) + 3 * Math.floor(k / size));
    const tree = new RtinTree(size);
    expect(tree.mesh(tree.errors(plane), 0.001).triangles.length).toBe(6);
    const hill = new Float64Array(size * size).map((_, k) => 10 * Math.exp(-(((k % size) - 16) ** 2 + (Math.floor(k / size) - 12) ** 2) / 40));
    for (const tol of [0.5, 0.05]) {
      const m = tree.mesh(tree.errors(hill), tol);
      let worst = 0;
      for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) worst = Math.max(worst, Math.abs(interpolateAt(size, hill, m.vertices, m.triangles, x, y) - hill[y * size + x]));
      expect(worst).toBeLessThanOrEqual(tol + 1e-9);
    }
    // Area covered exactly once: the triangle areas add up to the tile.
    const m = tree.mesh(tree.errors(hill), 0.05);
    let area = 0;
    for (let t = 0; t < m.triangles.length; t += 3) {
      const [a, b, c] = [m.triangles[t], m.triangles[t + 1], m.triangles[t + 2]].map((i) => [m.vertices[2 * i], m.vertices[2 * i + 1]]);
      area += Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])) / 2;
    }
    expect(area).toBe(32 * 32);
  });
});
