/**
 * The raster frame shared by the DEM, land-use, Manning and orthophoto grids: EPSG:4544 metres, north-up,
 * row 0 at the north edge, cell (i, j) at column i, row j, index `i + j * nx`, cell centres at
 * (west + (i + 0.5)·cellSize, north − (j + 0.5)·cellSize). PixelIsArea.
 */
export interface RasterGrid {
  /** Easting of the west edge, metres (EPSG:4544). */
  west: number;
  /** Northing of the north edge, metres (EPSG:4544). */
  north: number;
  cellSize: number;
  nx: number;
  ny: number;
}

export function gridSouth(g: RasterGrid): number {
  return g.north - g.ny * g.cellSize;
}

export function gridEast(g: RasterGrid): number {
  return g.west + g.nx * g.cellSize;
}

/** The same extent at another cell size (e.g. the orthophoto at half the DEM cell). */
export function resampledGrid(g: RasterGrid, cellSize: number): RasterGrid {
  return { west: g.west, north: g.north, cellSize, nx: Math.round((g.nx * g.cellSize) / cellSize), ny: Math.round((g.ny * g.cellSize) / cellSize) };
}

/** Bilinear sample of a north-up raster at (easting, northing); clamped at the edges. */
export function sampleBilinear(g: RasterGrid, values: Float32Array, e: number, n: number): number {
  const fx = Math.min(g.nx - 1, Math.max(0, (e - g.west) / g.cellSize - 0.5));
  const fy = Math.min(g.ny - 1, Math.max(0, (g.north - n) / g.cellSize - 0.5));
  const i = Math.min(g.nx - 2, Math.floor(fx));
  const j = Math.min(g.ny - 2, Math.floor(fy));
  const tx = fx - i;
  const ty = fy - j;
  const k = i + j * g.nx;
  const a = values[k] + (values[k + 1] - values[k]) * tx;
  const b = values[k + g.nx] + (values[k + g.nx + 1] - values[k + g.nx]) * tx;
  return a + (b - a) * ty;
}

/** Index of the cell containing (easting, northing), or -1 outside the grid. */
export function cellIndexAt(g: RasterGrid, e: number, n: number): number {
  const i = Math.floor((e - g.west) / g.cellSize);
  const j = Math.floor((g.north - n) / g.cellSize);
  return i < 0 || j < 0 || i >= g.nx || j >= g.ny ? -1 : i + j * g.nx;
}
