/**
 * Right-triangulated irregular networks (W. Evans, D. Kirkpatrick, G. Townsend, "Right-triangulated
 * irregular networks", Algorithmica 30, 2001): the terrain of a (2^k + 1)² height grid as a binary
 * tree of right triangles, split wherever the height at a hypotenuse midpoint differs from the
 * interpolation by more than a tolerance. Crack-free within the grid, because the two triangles
 * sharing a hypotenuse share the midpoint's error.
 */

export interface RtinMesh {
  /** Grid column, row of each vertex (row 0 = first row of the height array). */
  vertices: Uint16Array;
  triangles: Uint32Array;
}

/** The triangle tree of one grid size, computed once and shared by every tile of that size. */
export class RtinTree {
  /** ax, ay, bx, by, cx, cy per triangle (a–b hypotenuse, c right angle), root level first. */
  readonly triangles: Int32Array;
  readonly count: number;

  constructor(readonly size: number) {
    const n = size - 1;
    if (n < 2 || (n & (n - 1)) !== 0) throw new RangeError(`RTIN grid size must be 2^k + 1 (≥ 3), found ${size}`);
    // Two root trees whose leaves are the 2·n² triangles of the finest grid: 4·n² − 2 nodes.
    const total = 4 * n * n - 2;
    const t = new Int32Array(6 * total);
    t.set([0, 0, n, n, 0, n, n, n, 0, 0, n, 0]);
    let read = 0, write = 2;
    while (read < write) {
      const o = 6 * read++;
      const ax = t[o], ay = t[o + 1], bx = t[o + 2], by = t[o + 3], cx = t[o + 4], cy = t[o + 5];
      if (Math.abs(ax - cx) + Math.abs(ay - cy) <= 1) continue;
      const mx = (ax + bx) >> 1, my = (ay + by) >> 1;
      t.set([cx, cy, ax, ay, mx, my, bx, by, cx, cy, mx, my], 6 * write);
      write += 2;
    }
    this.count = write;
    this.triangles = t.subarray(0, 6 * write);
  }

  /**
   * At every grid vertex that is a hypotenuse midpoint: an upper bound of the vertical error of
   * leaving that triangle unsplit, over the whole subtree (so one comparison decides it).
   */
  errors(heights: ArrayLike<number>): Float32Array {
    const s = this.size, t = this.triangles;
    const err = new Float32Array(s * s);
    // Children come after parents in the breadth-first order: walk it backwards.
    for (let i = this.count - 1; i >= 0; i--) {
      const o = 6 * i;
      const ax = t[o], ay = t[o + 1], bx = t[o + 2], by = t[o + 3], cx = t[o + 4], cy = t[o + 5];
      // Leaves (legs of one cell) have no grid point at their hypotenuse midpoint.
      if (Math.abs(ax - cx) + Math.abs(ay - cy) <= 1) continue;
      const mx = (ax + bx) >> 1, my = (ay + by) >> 1;
      const m = my * s + mx;
      let e = Math.abs((heights[ay * s + ax] + heights[by * s + bx]) / 2 - heights[m]);
      // Refining a triangle adds a hat of height e; its children's bounds add on top. The sum is a
      // true bound on the error anywhere inside (Martini's max of the two is only an estimate).
      e += Math.max(err[((cy + ay) >> 1) * s + ((cx + ax) >> 1)], err[((by + cy) >> 1) * s + ((bx + cx) >> 1)]);
      if (e > err[m]) err[m] = e;
    }
    return err;
  }

  /** The coarsest mesh whose vertical error stays within `maxError` (same units as the heights). */
  mesh(errors: Float32Array, maxError: number): RtinMesh {
    const s = this.size;
    const index = new Int32Array(s * s).fill(-1);
    const verts: number[] = [];
    const tris: number[] = [];
    const v = (x: number, y: number) => {
      const k = y * s + x;
      if (index[k] < 0) {
        index[k] = verts.length / 2;
        verts.push(x, y);
      }
      return index[k];
    };
    const visit = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => {
      const mx = (ax + bx) >> 1, my = (ay + by) >> 1;
      if (Math.abs(ax - cx) + Math.abs(ay - cy) > 1 && errors[my * s + mx] > maxError) {
        visit(cx, cy, ax, ay, mx, my);
        visit(bx, by, cx, cy, mx, my);
      } else tris.push(v(ax, ay), v(bx, by), v(cx, cy));
    };
    const n = s - 1;
    visit(0, 0, n, n, 0, n);
    visit(n, n, 0, 0, n, 0);
    return { vertices: Uint16Array.from(verts), triangles: Uint32Array.from(tris) };
  }
}
