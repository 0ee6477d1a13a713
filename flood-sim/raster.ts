/**
 * A single-band raster on a regular north-up grid, as read from GeoTIFF or ESRI ASCII.
 * Row 0 is the northern row; x0/y0 are the west and north edges in the raster's CRS (metres).
 */
export interface Raster {
  /** What the raster is (a scenario field or file name), used in error messages. */
  name: string;
  nx: number;
  ny: number;
  /** Cell size (m) along x and y; the solver needs square cells. */
  dx: number;
  dy: number;
  /** West edge x and north edge y (m, raster CRS). */
  x0: number;
  y0: number;
  /** CRS identifier such as 'EPSG:4544', when the file names one. */
  crs?: string;
  /** Nodata value of the source, if any (NaN counts as nodata too). */
  nodata?: number;
  data: Float32Array;
}

export class FloodInputError extends Error {
  constructor(readonly input: string, message: string) {
    super(`${input}: ${message}`);
    this.name = 'FloodInputError';
  }
}

export function isNodata(r: Raster, v: number): boolean {
  return Number.isNaN(v) || (r.nodata !== undefined && v === r.nodata);
}

/** Throws unless `other` has the same size, cell size, origin and CRS as `ref`. */
export function checkSameGrid(ref: Raster, other: Raster): void {
  const tol = 1e-6 * Math.max(1, Math.abs(ref.dx));
  if (other.nx !== ref.nx || other.ny !== ref.ny) {
    throw new FloodInputError(other.name, `expected ${ref.nx} x ${ref.ny} cells like ${ref.name}, found ${other.nx} x ${other.ny}`);
  }
  if (Math.abs(other.dx - ref.dx) > tol || Math.abs(other.dy - ref.dy) > tol) {
    throw new FloodInputError(other.name, `expected cell size ${ref.dx} x ${ref.dy} m like ${ref.name}, found ${other.dx} x ${other.dy}`);
  }
  if (Math.abs(other.x0 - ref.x0) > tol || Math.abs(other.y0 - ref.y0) > tol) {
    throw new FloodInputError(other.name, `expected origin (${ref.x0}, ${ref.y0}) like ${ref.name}, found (${other.x0}, ${other.y0}): rasters must share one extent`);
  }
  if (ref.crs && other.crs && ref.crs !== other.crs) {
    throw new FloodInputError(other.name, `CRS ${other.crs} does not match ${ref.crs} of ${ref.name}`);
  }
}

/**
 * Parses an ESRI ASCII grid (ncols, nrows, xllcorner|xllcenter, yllcorner|yllcenter, cellsize or dx/dy, NODATA_value).
 * Spec: https://desktop.arcgis.com/en/arcmap/latest/manage-data/raster-and-images/esri-ascii-raster-format.htm
 */
export function parseEsriAscii(text: string, name: string): Raster {
  const header: Record<string, number> = {};
  const lines = text.split(/\r?\n/);
  let li = 0;
  for (; li < lines.length; li++) {
    const m = /^\s*([A-Za-z_]+)\s+(\S+)\s*$/.exec(lines[li]);
    if (!m) break;
    const v = Number(m[2]);
    if (!Number.isFinite(v)) throw new FloodInputError(name, `header line ${li + 1}: '${m[1]}' is not a number ('${m[2]}')`);
    header[m[1].toLowerCase()] = v;
  }
  const nx = header.ncols, ny = header.nrows;
  if (!(nx > 0 && ny > 0)) throw new FloodInputError(name, 'ESRI ASCII header needs ncols and nrows');
  const dx = header.cellsize ?? header.dx, dy = header.cellsize ?? header.dy;
  if (!(dx > 0 && dy > 0)) throw new FloodInputError(name, 'ESRI ASCII header needs a positive cellsize (or dx, dy)');
  const x0 = header.xllcorner ?? (header.xllcenter !== undefined ? header.xllcenter - dx / 2 : NaN);
  const yll = header.yllcorner ?? (header.yllcenter !== undefined ? header.yllcenter - dy / 2 : NaN);
  if (!Number.isFinite(x0) || !Number.isFinite(yll)) throw new FloodInputError(name, 'ESRI ASCII header needs xllcorner/yllcorner (or xllcenter/yllcenter)');
  const data = new Float32Array(nx * ny);
  const body = lines.slice(li).join(' ');
  let k = 0;
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body)) !== null) {
    if (k >= data.length) throw new FloodInputError(name, `more than ${nx} x ${ny} values`);
    const v = Number(m[0]);
    data[k++] = Number.isNaN(v) ? NaN : v;
  }
  if (k !== data.length) throw new FloodInputError(name, `expected ${nx * ny} values (${nx} x ${ny}), found ${k}`);
  return { name, nx, ny, dx, dy, x0, y0: yll + ny * dy, data, ...(header.nodata_value !== undefined ? { nodata: header.nodata_value } : {}) };
}

/** Formats a raster as ESRI ASCII (for tests and quick looks). */
export function formatEsriAscii(r: Raster): string {
  const rows: string[] = [`ncols ${r.nx}`, `nrows ${r.ny}`, `xllcorner ${r.x0}`, `yllcorner ${r.y0 - r.ny * r.dy}`, `cellsize ${r.dx}`, `NODATA_value ${r.nodata ?? -9999}`];
  for (let j = 0; j < r.ny; j++) rows.push(Array.from(r.data.subarray(j * r.nx, (j + 1) * r.nx), (v) => (Number.isNaN(v) ? String(r.nodata ?? -9999) : String(v))).join(' '));
  return `${rows.join('\n')}\n`;
}
