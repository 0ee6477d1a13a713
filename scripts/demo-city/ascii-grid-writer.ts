/**
 * Esri ASCII grid (.asc): a six-line header (ncols, nrows, xllcorner, yllcorner, cellsize, NODATA_value)
 * then rows from north to south. Corners are the lower-left corner of the lower-left cell (EPSG:4544 m).
 * Also the Esri .prj (WKT1 ESRI flavour) of EPSG:4544 that GIS tools read beside it.
 */
import type { RasterGrid } from './raster-grid.ts';

export function encodeAsciiGrid(grid: RasterGrid, values: Float32Array, nodata: number, decimals = 3): string {
  const south = grid.north - grid.ny * grid.cellSize;
  const lines = [
    `ncols ${grid.nx}`,
    `nrows ${grid.ny}`,
    `xllcorner ${grid.west}`,
    `yllcorner ${south}`,
    `cellsize ${grid.cellSize}`,
    `NODATA_value ${nodata}`,
  ];
  const row: string[] = new Array(grid.nx);
  for (let j = 0; j < grid.ny; j++) {
    for (let i = 0; i < grid.nx; i++) {
      const v = values[i + j * grid.nx];
      row[i] = Number.isFinite(v) && v !== nodata ? v.toFixed(decimals) : String(nodata);
    }
    lines.push(row.join(' '));
  }
  return `${lines.join('\n')}\n`;
}

/** EPSG:4544 CGCS2000 / 3-degree Gauss-Kruger CM 105E as Esri WKT (GRS 1980 / CGCS2000 ellipsoid, metres). */
export const EPSG_4544_ESRI_WKT =
  'PROJCS["CGCS2000_3_Degree_GK_CM_105E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",' +
  'DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],' +
  'UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],' +
  'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",1.0],' +
  'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
