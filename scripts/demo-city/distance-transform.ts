/**
 * Exact Euclidean distance transform with nearest-seed labels (Felzenszwalb & Huttenlocher, "Distance
 * Transforms of Sampled Functions", Theory of Computing 8, 2012): two passes of the 1D lower-envelope
 * algorithm. Distances in metres between cell centres; labels are the seed cell's index `i + j * nx`.
 */
import type { RasterGrid } from './raster-grid.ts';

export interface DistanceField {
  /** Distance to the nearest seed cell centre, metres. */
  distance: Float32Array;
  /** Index of the nearest seed cell (-1 when there are no seeds). */
  nearest: Int32Array;
}

/** `seeds[k]` non-zero marks a seed cell. */
export function distanceTransform(grid: RasterGrid, seeds: Uint8Array): DistanceField {
  const { nx, ny } = grid;
  const n = Math.max(nx, ny);
  const work: Work = {
    f: new Float64Array(n), d: new Float64Array(n), lab: new Int32Array(n), outLab: new Int32Array(n),
    v: new Int32Array(n), z: new Float64Array(n + 1),
  };
  const sq = new Float64Array(nx * ny);
  const label = new Int32Array(nx * ny).fill(-1);
  for (let k = 0; k < nx * ny; k++) {
    sq[k] = seeds[k] ? 0 : INF;
    if (seeds[k]) label[k] = k;
  }
  // Columns (stride nx), then rows (stride 1).
  for (let i = 0; i < nx; i++) pass(sq, label, i, nx, ny, work);
  for (let j = 0; j < ny; j++) pass(sq, label, j * nx, 1, nx, work);
  const distance = new Float32Array(nx * ny);
  for (let k = 0; k < nx * ny; k++) distance[k] = sq[k] >= INF ? Infinity : Math.sqrt(sq[k]) * grid.cellSize;
  return { distance, nearest: label };
}

const INF = 1e20;

interface Work {
  f: Float64Array;
  d: Float64Array;
  lab: Int32Array;
  outLab: Int32Array;
  v: Int32Array;
  z: Float64Array;
}

/** One 1D lower-envelope pass over `len` cells starting at `start` with `stride`, in place. */
function pass(sq: Float64Array, label: Int32Array, start: number, stride: number, len: number, w: Work): void {
  const { f, d, lab, outLab, v, z } = w;
  for (let q = 0, k = start; q < len; q++, k += stride) {
    f[q] = sq[k];
    lab[q] = label[k];
  }
  let k = 0;
  v[0] = 0;
  z[0] = -INF;
  z[1] = INF;
  for (let q = 1; q < len; q++) {
    let s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    while (s <= z[k]) {
      k--;
      s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = INF;
  }
  k = 0;
  for (let q = 0; q < len; q++) {
    while (z[k + 1] < q) k++;
    d[q] = (q - v[k]) * (q - v[k]) + f[v[k]];
    outLab[q] = lab[v[k]];
  }
  for (let q = 0, c = start; q < len; q++, c += stride) {
    sq[c] = d[q];
    label[c] = outLab[q];
  }
}
