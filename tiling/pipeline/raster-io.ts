/** Reading DEM rasters for tiling, through flood-sim's GeoTIFF / ESRI ASCII readers. */
import { readRasterFile as readFloodRaster, type Raster } from '../../flood-sim/index.ts';
import { sampleBilinear } from '../terrain/index.ts';

export const readRasterFile = (file: string): Promise<Raster> => readFloodRaster(file);

/** Bilinear value at (x, y) in the raster's CRS; edge-clamped; NaN where only nodata is near. */
export function sampleRaster(r: Raster, x: number, y: number): number {
  return sampleBilinear(r.data, r.nx, r.ny, (x - r.x0) / r.dx - 0.5, (r.y0 - y) / r.dy - 0.5, r.nodata);
}
