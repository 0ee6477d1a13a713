/**
 * Sampling north-up rasters in a projected CRS at geographic positions. Transforming every sample
 * exactly costs a projection each; instead the exact transform is evaluated on a coarse lattice
 * over the tile and interpolated bilinearly between (the Gauss–Krüger mapping is smooth: over a
 * 1/16 of a tile the interpolation error is far below a raster cell).
 */
import { createTransform, type Transformer } from '../../cim-model/index.ts';
import type { LonLatRect } from './geographic-tiling.ts';

/** A north-up grid: row 0 is the northern row; cell (i, j) centre at (x0 + (i + ½)·dx, y0 − (j + ½)·dy). */
export interface GridGeometry {
  nx: number;
  ny: number;
  /** West edge, north edge (m, projected CRS). */
  x0: number;
  y0: number;
  /** Cell size (m), both positive. */
  dx: number;
  dy: number;
}

/** Projected-grid coordinates (fractional column, row of cell centres) of a lon/lat lattice over a rectangle. */
export class LatticeProjector {
  private readonly toGrid: Transformer;
  /** The raster's extent in lon/lat, to clamp far-away samples into (keeps the projection in its domain). */
  readonly bounds: LonLatRect;

  constructor(readonly grid: GridGeometry, crs: string) {
    this.toGrid = createTransform('EPSG:4326', crs);
    const inv = createTransform(crs, 'EPSG:4326');
    const e0 = grid.x0, e1 = grid.x0 + grid.nx * grid.dx, n1 = grid.y0, n0 = grid.y0 - grid.ny * grid.dy;
    let west = Infinity, east = -Infinity, south = Infinity, north = -Infinity;
    for (let k = 0; k <= 8; k++) {
      for (const [e, n] of [[e0 + ((e1 - e0) * k) / 8, n0], [e0 + ((e1 - e0) * k) / 8, n1], [e0, n0 + ((n1 - n0) * k) / 8], [e1, n0 + ((n1 - n0) * k) / 8]]) {
        const g = inv.forward([e, n, 0]);
        west = Math.min(west, g[0]); east = Math.max(east, g[0]); south = Math.min(south, g[1]); north = Math.max(north, g[1]);
      }
    }
    this.bounds = { west, east, south, north };
  }

  /**
   * Fills `col`/`row` (length w·h) with fractional cell-centre coordinates for a w × h sample grid
   * spanning `rect` corner to corner (sample (0, 0) at the north-west corner).
   */
  project(rect: LonLatRect, w: number, h: number, col: Float64Array, row: Float64Array, lattice = 16): void {
    const L = lattice + 1;
    const lc = new Float64Array(L * L), lr = new Float64Array(L * L);
    const g = this.grid, b = this.bounds;
    for (let j = 0; j < L; j++) {
      for (let i = 0; i < L; i++) {
        const lon = Math.min(b.east, Math.max(b.west, rect.west + ((rect.east - rect.west) * i) / lattice));
        const lat = Math.min(b.north, Math.max(b.south, rect.north - ((rect.north - rect.south) * j) / lattice));
        const p = this.toGrid.forward([lon, lat, 0]);
        lc[j * L + i] = (p[0] - g.x0) / g.dx - 0.5;
        lr[j * L + i] = (g.y0 - p[1]) / g.dy - 0.5;
      }
    }
    for (let y = 0; y < h; y++) {
      const fy = h > 1 ? (y / (h - 1)) * lattice : 0;
      const j = Math.min(lattice - 1, Math.floor(fy)), ty = fy - j;
      for (let x = 0; x < w; x++) {
        const fx = w > 1 ? (x / (w - 1)) * lattice : 0;
        const i = Math.min(lattice - 1, Math.floor(fx)), tx = fx - i;
        const k = j * L + i;
        const o = y * w + x;
        col[o] = (1 - ty) * ((1 - tx) * lc[k] + tx * lc[k + 1]) + ty * ((1 - tx) * lc[k + L] + tx * lc[k + L + 1]);
        row[o] = (1 - ty) * ((1 - tx) * lr[k] + tx * lr[k + 1]) + ty * ((1 - tx) * lr[k + L] + tx * lr[k + L + 1]);
      }
    }
  }
}

/** Bilinear value of a single-band grid at fractional (col, row), clamped to the edge; nodata cells are skipped. */
export function sampleBilinear(data: ArrayLike<number>, nx: number, ny: number, col: number, row: number, nodata?: number): number {
  const c = Math.min(nx - 1, Math.max(0, col)), r = Math.min(ny - 1, Math.max(0, row));
  const i = Math.min(nx - 2, Math.floor(c)), j = Math.min(ny - 2, Math.floor(r));
  const tx = c - i, ty = r - j;
  let sum = 0, wsum = 0;
  for (const [di, dj, w] of [[0, 0, (1 - tx) * (1 - ty)], [1, 0, tx * (1 - ty)], [0, 1, (1 - tx) * ty], [1, 1, tx * ty]]) {
    const v = data[(j + dj) * nx + i + di];
    if (w > 0 && Number.isFinite(v) && v !== nodata) {
      sum += w * v;
      wsum += w;
    }
  }
  return wsum > 0 ? sum / wsum : NaN;
}
