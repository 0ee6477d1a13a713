/**
 * Paints a replay grid (EPSG:4544 metres, row 0 north, cell (i, j) centre at
 * (x0 + (i + ½)·c, y0 − (j + ½)·c)) into an RGBA image over a lon/lat rectangle, so it can be
 * draped on the terrain. The map from lon/lat to grid column/row is affine over a few kilometres
 * (Gauss–Krüger is smooth; the error over a 2 km town is centimetres), fitted from three exact
 * transforms by the caller.
 */
import { classOf } from './depth-colors.ts';

/** col = a0 + a1·lon + a2·lat; row = b0 + b1·lon + b2·lat (fractional cell indices). */
export interface LonLatToCell {
  a: [number, number, number];
  b: [number, number, number];
}

/** Fits the affine map through three (lon, lat) → (col, row) pairs. */
export function fitLonLatToCell(points: Array<{ lon: number; lat: number; col: number; row: number }>): LonLatToCell {
  const [p, q, r] = points;
  const det = (q.lon - p.lon) * (r.lat - p.lat) - (r.lon - p.lon) * (q.lat - p.lat);
  const solve = (vp: number, vq: number, vr: number): [number, number, number] => {
    const c1 = ((vq - vp) * (r.lat - p.lat) - (vr - vp) * (q.lat - p.lat)) / det;
    const c2 = ((q.lon - p.lon) * (vr - vp) - (r.lon - p.lon) * (vq - vp)) / det;
    return [vp - c1 * p.lon - c2 * p.lat, c1, c2];
  };
  return { a: solve(p.col, q.col, r.col), b: solve(p.row, q.row, r.row) };
}

export interface RasterTarget {
  width: number;
  height: number;
  /** RGBA, row 0 north; written in full. */
  rgba: Uint8ClampedArray;
  /** Lon/lat rectangle of the image, degrees. */
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Nearest-cell classification of `values` (nx × ny) into `target`; cells below the first break stay transparent. */
export function paintGrid(
  values: ArrayLike<number>, nx: number, ny: number, map: LonLatToCell,
  breaks: readonly number[], colors: ReadonlyArray<readonly [number, number, number, number]>, target: RasterTarget,
): number {
  const { width, height, rgba } = target;
  const dLon = (target.east - target.west) / width, dLat = (target.north - target.south) / height;
  let painted = 0;
  for (let y = 0; y < height; y++) {
    const lat = target.north - (y + 0.5) * dLat;
    for (let x = 0; x < width; x++) {
      const lon = target.west + (x + 0.5) * dLon;
      const i = Math.floor(map.a[0] + map.a[1] * lon + map.a[2] * lat);
      const j = Math.floor(map.b[0] + map.b[1] * lon + map.b[2] * lat);
      const o = 4 * (x + y * width);
      const k = i >= 0 && j >= 0 && i < nx && j < ny ? classOf(values[i + j * nx], breaks) : -1;
      if (k < 0) {
        rgba[o] = rgba[o + 1] = rgba[o + 2] = rgba[o + 3] = 0;
        continue;
      }
      const c = colors[k];
      rgba[o] = c[0]; rgba[o + 1] = c[1]; rgba[o + 2] = c[2]; rgba[o + 3] = c[3];
      painted++;
    }
  }
  return painted;
}
