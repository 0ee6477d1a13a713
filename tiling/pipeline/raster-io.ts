/** Reading DEM rasters for tiling, through flood-sim's GeoTIFF / ESRI ASCII readers. */
import { readRasterFile as readFloodRaster, type Raster } from '../../flood-sim/index.ts';

export const readRasterFile = (file: string): Promise<Raster> => readFloodRaster(file);

/** Bilinear value at (x, y) in the raster's CRS; edge-clamped; NaN where only nodata is near. */
export function sampleRaster(r: Raster, x: number, y: number): number {
  const c = Math.min(r.nx - 1, Math.max(0, (x - r.x0) / r.dx - 0.5));
  const w = Math.min(r.ny - 1, Math.max(0, (r.y0 - y) / r.dy - 0.5));
  const i = Math.min(r.nx - 2, Math.floor(c)), j = Math.min(r.ny - 2, Math.floor(w));
  const tx = c - i, ty = w - j;
  let s = 0, ws = 0;
  for (const [di, dj, wt] of [[0, 0, (1 - tx) * (1 - ty)], [1, 0, tx * (1 - ty)], [0, 1, (1 - tx) * ty], [1, 1, tx * ty]]) {
    const v = r.data[(j + dj) * r.nx + i + di];
    if (wt > 0 && Number.isFinite(v) && v !== r.nodata) {
      s += wt * v;
      ws += wt;
    }
  }
  return ws > 0 ? s / ws : NaN;
}
