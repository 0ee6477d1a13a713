/**
 * Geoid models relating orthometric heights H (e.g. the 1985 national height datum, EPSG:5737)
 * to ellipsoidal heights h: h = H + N, with N the geoid undulation in metres.
 * A model is either a constant (good over a town: N varies a few cm per km) or a grid.
 */
import { TransformError } from './errors.ts';

export type GeoidModel =
  | { kind: 'constant'; /** N in metres (h = H + N) */ offset: number; name?: string }
  | {
      kind: 'grid';
      name?: string;
      /** Longitude/latitude of the south-west grid node, degrees. */
      west: number;
      south: number;
      /** Node spacing, degrees. */
      dLon: number;
      dLat: number;
      nx: number;
      ny: number;
      /** N in metres, row-major, row 0 = southernmost; NaN where unknown. */
      values: Float32Array;
    };

/** The geoid undulation N (m) at a point; bilinear between grid nodes. Throws outside the grid. */
export function geoidUndulation(model: GeoidModel, lonDeg: number, latDeg: number): number {
  if (model.kind === 'constant') return model.offset;
  const fx = (lonDeg - model.west) / model.dLon;
  const fy = (latDeg - model.south) / model.dLat;
  if (!(fx >= 0 && fy >= 0 && fx <= model.nx - 1 && fy <= model.ny - 1)) {
    throw new TransformError(`point (${lonDeg}°, ${latDeg}°) is outside the geoid grid '${model.name ?? 'grid'}' (${model.west}…${model.west + (model.nx - 1) * model.dLon}°E, ${model.south}…${model.south + (model.ny - 1) * model.dLat}°N)`);
  }
  const i = Math.min(Math.floor(fx), model.nx - 2);
  const j = Math.min(Math.floor(fy), model.ny - 2);
  const tx = fx - i, ty = fy - j;
  const v = model.values, nx = model.nx;
  // Corners with zero weight are left out, so a NaN node only matters where it contributes.
  let n = 0;
  for (const [di, dj, w] of [[0, 0, (1 - tx) * (1 - ty)], [1, 0, tx * (1 - ty)], [0, 1, (1 - tx) * ty], [1, 1, tx * ty]]) {
    if (w > 0) n += w * v[i + di + (j + dj) * nx];
  }
  if (!Number.isFinite(n)) throw new TransformError(`geoid grid '${model.name ?? 'grid'}' has no value near (${lonDeg}°, ${latDeg}°)`);
  return n;
}

/** NOAA/PROJ `.gtx` nodata value. */
const GTX_NODATA = -88.8888;

/**
 * Parse a `.gtx` geoid grid (the NOAA VDatum format PROJ also reads): a 40-byte big-endian
 * header — south latitude, west longitude, dLat, dLon (float64 degrees), rows, columns (int32) —
 * then rows × columns float32 values, south row first.
 */
export function parseGtx(bytes: Uint8Array, name = 'gtx'): GeoidModel {
  if (bytes.byteLength < 40) throw new TransformError(`${name}: a .gtx grid needs a 40-byte header, found ${bytes.byteLength} bytes`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const south = dv.getFloat64(0), westRaw = dv.getFloat64(8), dLat = dv.getFloat64(16), dLon = dv.getFloat64(24);
  const ny = dv.getInt32(32), nx = dv.getInt32(36);
  if (!(ny > 1 && nx > 1 && dLat > 0 && dLon > 0)) throw new TransformError(`${name}: header at offset 16–40: expected positive spacing and ≥ 2 rows/columns, found dLat ${dLat}, dLon ${dLon}, ${ny} rows, ${nx} columns`);
  const need = 40 + nx * ny * 4;
  if (bytes.byteLength < need) throw new TransformError(`${name}: expected ${need} bytes for ${ny}×${nx} values, found ${bytes.byteLength}`);
  const values = new Float32Array(nx * ny);
  for (let k = 0; k < values.length; k++) {
    const v = dv.getFloat32(40 + 4 * k);
    values[k] = Math.abs(v - GTX_NODATA) < 1e-3 ? NaN : v;
  }
  const west = westRaw > 180 ? westRaw - 360 : westRaw;
  return { kind: 'grid', name, west, south, dLon, dLat, nx, ny, values };
}
