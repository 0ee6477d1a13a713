/**
 * A small GeoTIFF encoder: baseline little-endian TIFF 6.0 (https://www.itu.int/itudoc/itu-t/com16/tiff-fx/docs/tiff6.pdf)
 * in strips, Deflate (compression 8, zlib stream) with the horizontal (2) or floating-point (3, Adobe TIFF Technical
 * Note 3) predictor, and the GeoTIFF 1.1 keys (OGC 19-008r4): ModelPixelScale, ModelTiepoint, GeoKeyDirectory with
 * GTModelType projected, GTRasterType PixelIsArea, ProjectedCSType (EPSG code), optional VerticalCSType; and
 * GDAL_NODATA (tag 42113). Rasters are north-up, row 0 at the north edge.
 */
import { zlibSync } from 'fflate';

export interface GeoTiffImage {
  width: number;
  height: number;
  /** 1 (grey / values) or 3 (RGB, interleaved). */
  samplesPerPixel: 1 | 3;
  /** Row-major, row 0 north, samples interleaved. */
  data: Float32Array | Uint8Array;
  /** West and north edges and cell size in CRS units (EPSG:4544: metres). */
  west: number;
  north: number;
  cellSize: number;
  /** EPSG code of the projected CRS, e.g. 4544. */
  epsg: number;
  /** EPSG code of the vertical CRS for elevation rasters, e.g. 5737 (Yellow Sea 1985 height). */
  verticalEpsg?: number;
  nodata?: number;
  description?: string;
}

export interface GeoTiffOptions {
  compression: 'deflate' | 'none';
  /** zlib level 1–9. */
  level: number;
  /** Uncompressed bytes per strip (rounded to whole rows). */
  stripBytes: number;
}

export const GEOTIFF_DEFAULTS: GeoTiffOptions = { compression: 'deflate', level: 6, stripBytes: 1 << 17 };

const SHORT = 3;
const LONG = 4;
const ASCII = 2;
const DOUBLE = 12;
const TYPE_SIZE: Record<number, number> = { [SHORT]: 2, [LONG]: 4, [ASCII]: 1, [DOUBLE]: 8 };

interface Tag {
  id: number;
  type: number;
  values: number[] | string;
}

/** Encodes the image as a GeoTIFF file. */
export function encodeGeoTiff(img: GeoTiffImage, options: Partial<GeoTiffOptions> = {}): Uint8Array {
  const o = { ...GEOTIFF_DEFAULTS, ...options };
  const isFloat = img.data instanceof Float32Array;
  const bytesPerSample = isFloat ? 4 : 1;
  const rowBytes = img.width * img.samplesPerPixel * bytesPerSample;
  if (img.data.length !== img.width * img.height * img.samplesPerPixel) {
    throw new Error(`GeoTIFF: data has ${img.data.length} samples, expected ${img.width}×${img.height}×${img.samplesPerPixel}`);
  }
  const rowsPerStrip = Math.max(1, Math.min(img.height, Math.floor(o.stripBytes / rowBytes)));
  const strips: Uint8Array[] = [];
  const raw = new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  const predictor = o.compression === 'deflate' ? (isFloat ? 3 : 2) : 1;
  for (let r0 = 0; r0 < img.height; r0 += rowsPerStrip) {
    const rows = Math.min(rowsPerStrip, img.height - r0);
    const chunk = raw.slice(r0 * rowBytes, (r0 + rows) * rowBytes);
    if (predictor === 1) {
      strips.push(chunk);
      continue;
    }
    for (let r = 0; r < rows; r++) {
      const row = chunk.subarray(r * rowBytes, (r + 1) * rowBytes);
      if (predictor === 3) floatPredict(row, img.samplesPerPixel);
      else bytePredict(row, img.samplesPerPixel);
    }
    strips.push(zlibSync(chunk, { level: o.level as 1 }));
  }

  const geoKeys: number[][] = [
    [1024, 0, 1, 1], // GTModelTypeGeoKey: ModelTypeProjected
    [1025, 0, 1, 1], // GTRasterTypeGeoKey: RasterPixelIsArea
    [3072, 0, 1, img.epsg], // ProjectedCSTypeGeoKey
    [3076, 0, 1, 9001], // ProjLinearUnitsGeoKey: metre
  ];
  if (img.verticalEpsg !== undefined) geoKeys.push([4096, 0, 1, img.verticalEpsg], [4099, 0, 1, 9001]);
  const spp = img.samplesPerPixel;
  const tags: Tag[] = [
    { id: 256, type: LONG, values: [img.width] },
    { id: 257, type: LONG, values: [img.height] },
    { id: 258, type: SHORT, values: Array(spp).fill(bytesPerSample * 8) },
    { id: 259, type: SHORT, values: [o.compression === 'deflate' ? 8 : 1] },
    { id: 262, type: SHORT, values: [spp === 3 ? 2 : 1] },
    ...(img.description ? [{ id: 270, type: ASCII, values: `${img.description}\0` }] : []),
    { id: 273, type: LONG, values: strips.map(() => 0) },
    { id: 277, type: SHORT, values: [spp] },
    { id: 278, type: LONG, values: [rowsPerStrip] },
    { id: 279, type: LONG, values: strips.map((s) => s.length) },
    { id: 284, type: SHORT, values: [1] },
    { id: 305, type: ASCII, values: 'cimflow demo-data\0' },
    ...(predictor > 1 ? [{ id: 317, type: SHORT, values: [predictor] }] : []),
    { id: 339, type: SHORT, values: Array(spp).fill(isFloat ? 3 : 1) },
    { id: 33550, type: DOUBLE, values: [img.cellSize, img.cellSize, 0] },
    { id: 33922, type: DOUBLE, values: [0, 0, 0, img.west, img.north, 0] },
    { id: 34735, type: SHORT, values: [1, 1, 0, geoKeys.length, ...geoKeys.flat()] },
    ...(img.nodata !== undefined ? [{ id: 42113, type: ASCII, values: `${img.nodata}\0` }] : []),
  ];

  // Layout: header (8) | IFD | out-of-line tag values | strips.
  const ifdSize = 2 + tags.length * 12 + 4;
  let cursor = 8 + ifdSize;
  const extOffset = new Map<Tag, number>();
  for (const t of tags) {
    const size = valueCount(t) * TYPE_SIZE[t.type];
    if (size > 4) {
      cursor += cursor & 1;
      extOffset.set(t, cursor);
      cursor += size;
    }
  }
  const stripOffsets: number[] = [];
  for (const s of strips) {
    cursor += cursor & 1;
    stripOffsets.push(cursor);
    cursor += s.length;
  }
  (tags.find((t) => t.id === 273) as Tag).values = stripOffsets;

  const out = new Uint8Array(cursor);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0]);
  view.setUint32(4, 8, true);
  view.setUint16(8, tags.length, true);
  tags.forEach((t, i) => {
    const at = 10 + i * 12;
    view.setUint16(at, t.id, true);
    view.setUint16(at + 2, t.type, true);
    view.setUint32(at + 4, valueCount(t), true);
    const ext = extOffset.get(t);
    if (ext !== undefined) view.setUint32(at + 8, ext, true);
    writeValues(view, ext ?? at + 8, t);
  });
  view.setUint32(10 + tags.length * 12, 0, true);
  strips.forEach((s, i) => out.set(s, stripOffsets[i]));
  return out;
}

function valueCount(t: Tag): number {
  return t.values.length;
}

function writeValues(view: DataView, at: number, t: Tag): void {
  if (typeof t.values === 'string') {
    for (let i = 0; i < t.values.length; i++) view.setUint8(at + i, t.values.charCodeAt(i));
    return;
  }
  t.values.forEach((v, i) => {
    if (t.type === SHORT) view.setUint16(at + 2 * i, v, true);
    else if (t.type === LONG) view.setUint32(at + 4 * i, v, true);
    else view.setFloat64(at + 8 * i, v, true);
  });
}

/** Horizontal differencing of 8-bit samples (predictor 2), in place. */
function bytePredict(row: Uint8Array, stride: number): void {
  for (let i = row.length - 1; i >= stride; i--) row[i] = (row[i] - row[i - stride]) & 0xff;
}

/** Floating-point predictor (3): split the little-endian float bytes into planes, most significant first, then difference. */
function floatPredict(row: Uint8Array, stride: number): void {
  const w = row.length / 4;
  const planes = new Uint8Array(row.length);
  for (let i = 0; i < w; i++) {
    for (let b = 0; b < 4; b++) planes[(3 - b) * w + i] = row[4 * i + b];
  }
  for (let i = planes.length - 1; i >= stride; i--) planes[i] = (planes[i] - planes[i - stride]) & 0xff;
  row.set(planes);
}
