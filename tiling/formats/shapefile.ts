/**
 * ESRI Shapefile reader (ESRI Shapefile Technical Description, July 1998): the `.shp` geometry,
 * the `.dbf` attributes (dBASE III), the `.prj` WKT and the `.cpg` code page (Chinese city data is
 * often GBK). Returns GeoJSON features with easting/longitude first, as the file stores them.
 * Pure: takes bytes; file reading lives in `readShapefileSet`.
 */

export interface ShapefileInput {
  shp: Uint8Array;
  dbf?: Uint8Array;
  /** Contents of the .prj file (WKT). */
  prj?: string;
  /** Contents of the .cpg file (code page name), e.g. 'UTF-8', 'GBK'. */
  cpg?: string;
  /** For error messages. */
  file?: string;
}

export interface ShapefileField {
  name: string;
  type: string;
  length: number;
  decimals: number;
}

export interface GeoJsonFeature {
  type: 'Feature';
  id?: string | number;
  properties: Record<string, string | number | boolean | null>;
  geometry:
    | { type: 'Point'; coordinates: number[] }
    | { type: 'MultiPoint' | 'LineString'; coordinates: number[][] }
    | { type: 'MultiLineString' | 'Polygon'; coordinates: number[][][] }
    | { type: 'MultiPolygon'; coordinates: number[][][][] }
    | null;
}

export interface ShapefileData {
  shapeType: number;
  /** The .prj WKT, if any (pass to parseCrs). */
  prj?: string;
  encoding: string;
  fields: ShapefileField[];
  features: GeoJsonFeature[];
}

export class ShapefileError extends Error {
  constructor(file: string, offset: number, message: string) {
    super(`${file}: byte ${offset}: ${message}`);
    this.name = 'ShapefileError';
  }
}

const SHAPE_NAMES: Record<number, string> = { 0: 'Null', 1: 'Point', 3: 'PolyLine', 5: 'Polygon', 8: 'MultiPoint', 11: 'PointZ', 13: 'PolyLineZ', 15: 'PolygonZ', 18: 'MultiPointZ', 21: 'PointM', 23: 'PolyLineM', 25: 'PolygonM', 28: 'MultiPointM' };

/** True for clockwise rings (in x-east, y-north axes): Σ (x₂ − x₁)(y₂ + y₁) > 0. Shapefile shells are clockwise. */
function isClockwise(r: number[][]): boolean {
  let a = 0;
  for (let i = 1; i < r.length; i++) a += (r[i][0] - r[i - 1][0]) * (r[i][1] + r[i - 1][1]);
  return a > 0;
}

function pointInRing(p: number[], r: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    if ((r[i][1] > p[1]) !== (r[j][1] > p[1]) && p[0] < ((r[j][0] - r[i][0]) * (p[1] - r[i][1])) / (r[j][1] - r[i][1]) + r[i][0]) inside = !inside;
  }
  return inside;
}

/** Group rings into polygons: clockwise rings are shells, counter-clockwise ones holes of the shell containing them. */
function assemblePolygons(rings: number[][][]): number[][][][] {
  const shells: number[][][][] = [];
  const holes: number[][][] = [];
  for (const r of rings) {
    if (isClockwise(r)) shells.push([r]);
    else holes.push(r);
  }
  for (const h of holes) {
    const shell = shells.find((s) => pointInRing(h[0], s[0]));
    if (shell) shell.push(h);
    else shells.push([h.slice().reverse()]); // an orphan hole: keep it as a shell rather than drop it
  }
  return shells;
}

function readShp(bytes: Uint8Array, file: string): { shapeType: number; geometries: GeoJsonFeature['geometry'][] } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 100) throw new ShapefileError(file, 0, `expected a 100-byte header, found ${bytes.byteLength} bytes`);
  const code = dv.getInt32(0, false);
  if (code !== 9994) throw new ShapefileError(file, 0, `expected file code 9994, found ${code}`);
  const shapeType = dv.getInt32(32, true);
  if (!(shapeType in SHAPE_NAMES)) throw new ShapefileError(file, 32, `expected a shape type (${Object.keys(SHAPE_NAMES).join(', ')}), found ${shapeType}`);
  const declared = dv.getInt32(24, false) * 2;
  const end = Math.min(declared, bytes.byteLength);
  const geometries: GeoJsonFeature['geometry'][] = [];
  let off = 100;
  while (off + 8 <= end) {
    const len = dv.getInt32(off + 4, false) * 2;
    const c = off + 8;
    if (len < 4 || c + len > bytes.byteLength) throw new ShapefileError(file, off, `record of ${len} bytes runs past the end of the file (${bytes.byteLength} bytes): truncated?`);
    const need = (n: number, what: string) => {
      if (n > len) throw new ShapefileError(file, c, `${what} needs ${n} bytes, record has ${len}`);
    };
    const t = dv.getInt32(c, true);
    const base = t % 10 === 0 ? t : t % 10; // 11 → 1, 13 → 3, 25 → 5, 28 → 8
    const hasZ = t >= 11 && t <= 18;
    if (t === 0) geometries.push(null);
    else if (base === 1) {
      need(20, 'a point');
      const p = [dv.getFloat64(c + 4, true), dv.getFloat64(c + 12, true)];
      if (hasZ) { need(28, 'a PointZ'); p.push(dv.getFloat64(c + 20, true)); }
      geometries.push({ type: 'Point', coordinates: p });
    } else if (base === 3 || base === 5 || base === 8) {
      const multipoint = base === 8;
      const nParts = multipoint ? 1 : dv.getInt32(c + 36, true);
      const nPoints = dv.getInt32(c + (multipoint ? 36 : 40), true);
      const ptsAt = c + (multipoint ? 40 : 44 + 4 * nParts);
      if (nParts < 0 || nPoints < 0 || nParts > 1e7 || nPoints > 1e8) throw new ShapefileError(file, c + 36, `expected part and point counts, found ${nParts}, ${nPoints}`);
      need(ptsAt - c + 16 * nPoints, `${nPoints} points`);
      const zAt = ptsAt + 16 * nPoints + 16;
      const withZ = hasZ && zAt - c + 8 * nPoints <= len;
      const pts: number[][] = [];
      for (let i = 0; i < nPoints; i++) {
        const p = [dv.getFloat64(ptsAt + 16 * i, true), dv.getFloat64(ptsAt + 16 * i + 8, true)];
        if (withZ) p.push(dv.getFloat64(zAt + 8 * i, true));
        pts.push(p);
      }
      if (multipoint) geometries.push({ type: 'MultiPoint', coordinates: pts });
      else {
        const starts = Array.from({ length: nParts }, (_, i) => dv.getInt32(c + 44 + 4 * i, true));
        const parts = starts.map((s, i) => pts.slice(s, i + 1 < nParts ? starts[i + 1] : nPoints));
        if (base === 3) geometries.push(parts.length === 1 ? { type: 'LineString', coordinates: parts[0] } : { type: 'MultiLineString', coordinates: parts });
        else {
          const polys = assemblePolygons(parts);
          geometries.push(polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys });
        }
      }
    } else throw new ShapefileError(file, c, `unsupported record shape type ${t}`);
    off = c + len;
  }
  return { shapeType, geometries };
}

function readDbf(bytes: Uint8Array, encoding: string, file: string): { fields: ShapefileField[]; rows: Array<Record<string, string | number | boolean | null>> } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 32) throw new ShapefileError(file, 0, `expected a 32-byte dBASE header, found ${bytes.byteLength} bytes`);
  const n = dv.getUint32(4, true), headerLen = dv.getUint16(8, true), recLen = dv.getUint16(10, true);
  const fields: ShapefileField[] = [];
  const decoder = new TextDecoder(encoding);
  for (let off = 32; off + 32 <= headerLen && bytes[off] !== 0x0d; off += 32) {
    const raw = bytes.subarray(off, off + 11);
    const nul = raw.indexOf(0);
    fields.push({ name: decoder.decode(raw.subarray(0, nul < 0 ? 11 : nul)), type: String.fromCharCode(bytes[off + 11]), length: bytes[off + 16], decimals: bytes[off + 17] });
  }
  if (headerLen + n * recLen > bytes.byteLength) throw new ShapefileError(file, 4, `${n} records of ${recLen} bytes need ${headerLen + n * recLen} bytes, found ${bytes.byteLength}: truncated?`);
  const rows: Array<Record<string, string | number | boolean | null>> = [];
  for (let r = 0; r < n; r++) {
    let off = headerLen + r * recLen + 1; // skip the deletion flag
    const row: Record<string, string | number | boolean | null> = {};
    for (const f of fields) {
      const text = decoder.decode(bytes.subarray(off, off + f.length)).trim();
      off += f.length;
      if (f.type === 'N' || f.type === 'F') row[f.name] = text === '' || /^\*+$/.test(text) ? null : Number(text);
      else if (f.type === 'L') row[f.name] = /^[YyTt]$/.test(text) ? true : /^[NnFf]$/.test(text) ? false : null;
      else row[f.name] = text === '' ? null : text;
    }
    rows.push(row);
  }
  return { fields, rows };
}

/** Normalise a .cpg code page to a TextDecoder label. */
function encodingOf(cpg: string | undefined): string {
  const c = (cpg ?? '').trim().toUpperCase();
  if (!c) return 'utf-8';
  if (c === '936' || c === 'CP936' || c === 'GBK' || c === 'GB2312' || c === 'GB18030') return 'gbk';
  if (c === '65001' || c === 'UTF8' || c === 'UTF-8') return 'utf-8';
  if (/^(8859|ISO.?8859).?1$/.test(c) || c === '1252') return 'windows-1252';
  return c.toLowerCase();
}

export function readShapefile(input: ShapefileInput): ShapefileData {
  const file = input.file ?? 'shapefile';
  const { shapeType, geometries } = readShp(input.shp, `${file}.shp`);
  const encoding = encodingOf(input.cpg);
  const dbf = input.dbf ? readDbf(input.dbf, encoding, `${file}.dbf`) : undefined;
  if (dbf && dbf.rows.length !== geometries.length) {
    throw new ShapefileError(`${file}.dbf`, 4, `expected ${geometries.length} records to match the .shp, found ${dbf.rows.length}`);
  }
  return {
    shapeType,
    ...(input.prj ? { prj: input.prj } : {}),
    encoding,
    fields: dbf?.fields ?? [],
    features: geometries.map((geometry, i) => ({ type: 'Feature', id: i, properties: dbf?.rows[i] ?? {}, geometry })),
  };
}
