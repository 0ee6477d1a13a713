/**
 * `parseCrs` turns the ways a CRS is written in city data into a `CrsDefinition`:
 * - EPSG codes: `EPSG:4544`, `epsg:4544`, `urn:ogc:def:crs:EPSG::4544`, `http://www.opengis.net/def/crs/EPSG/0/4544`;
 * - compound horizontal + vertical: `EPSG:4544+5737` (CGCS2000 / GK CM 105E + 1985 national height datum);
 * - local ENU frames as ContextCapture writes them: `ENU:29.99,106.27` (latitude, longitude[, ellipsoidal height]);
 * - PROJ strings: `+proj=tmerc +lon_0=104.5 +ellps=GRS80 …` (cities' own central meridians);
 * - WKT1 and WKT2.
 */
import type { CrsDefinition } from './crs-definition.ts';
import { CGCS2000_ELLIPSOID, WGS84_ELLIPSOID, type Ellipsoid } from './ellipsoid.ts';
import { EPSG_REGISTRY, VERTICAL_REGISTRY } from './epsg.ts';
import { CrsError } from './errors.ts';
import { wktToCrs } from './wkt.ts';

const EPSG_FORMS = [
  /^EPSG:{1,2}(\d+)(?:\+(\d+))?$/i,
  /^urn:ogc:def:crs:EPSG:[^:]*:(\d+)$/i,
  /^https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[^/]+\/(\d+)$/i,
];

/** The EPSG codes known without a definition string, for error messages and `cimflow crs --list`. */
export function knownEpsgCodes(): number[] {
  return [...EPSG_REGISTRY.keys()].sort((a, b) => a - b);
}

function describeKnown(): string {
  return 'known: EPSG:4326, 4979, 4978, 4490, 4480, 4479, the CGCS2000 Gauss-Kruger zones 4491–4554, UTM 32643–32653, 3857 and a few others; or give a WKT or PROJ string';
}

function fromEpsg(code: number, verticalCode: number | undefined, input: string): CrsDefinition {
  const def = EPSG_REGISTRY.get(code);
  if (!def) throw new CrsError(`unknown CRS code 'EPSG:${code}' in '${input}' (${describeKnown()})`);
  if (verticalCode === undefined) return def;
  const vd = VERTICAL_REGISTRY.get(verticalCode);
  if (!vd) {
    throw new CrsError(`unknown vertical CRS code 'EPSG:${verticalCode}' in '${input}' (known: ${[...VERTICAL_REGISTRY.values()].map((v) => `${v.id} ${v.name}`).join(', ')})`);
  }
  if (def.kind === 'geocentric' || def.heights === 'orthometric') {
    throw new CrsError(`'${input}': EPSG:${code} cannot be combined with a vertical CRS (it is ${def.kind === 'geocentric' ? 'geocentric' : 'already compound'})`);
  }
  return { ...def, id: `EPSG:${code}+${verticalCode}`, name: `${def.name} + ${vd.name}`, heights: 'orthometric', verticalDatum: vd };
}

function parseEnu(input: string): CrsDefinition {
  const parts = input.slice(4).split(',').map((s) => s.trim());
  const nums = parts.map(Number);
  if (parts.length < 2 || parts.length > 3 || nums.some((n) => !Number.isFinite(n))) {
    throw new CrsError(`malformed ENU CRS '${input}': expected 'ENU:<latitude>,<longitude>[,<ellipsoidal height>]' in degrees and metres`);
  }
  const [lat, lon, h = 0] = nums;
  if (Math.abs(lat) > 90) throw new CrsError(`ENU CRS '${input}': latitude must be within ±90°, found ${lat}`);
  if (Math.abs(lon) > 180) throw new CrsError(`ENU CRS '${input}': longitude must be within ±180°, found ${lon}`);
  return {
    id: `ENU:${lat},${lon},${h}`,
    name: `Local ENU frame at ${lat}°N ${lon}°E`,
    kind: 'enu',
    ellipsoid: WGS84_ELLIPSOID,
    datum: 'WGS 84',
    axisOrder: 'east-north',
    heights: 'ellipsoidal',
    enuOrigin: { lon, lat, h },
  };
}

const ELLPS: Record<string, Ellipsoid> = { GRS80: CGCS2000_ELLIPSOID, WGS84: WGS84_ELLIPSOID };

function parseProjString(input: string): CrsDefinition {
  const params = new Map<string, string>();
  for (const tok of input.trim().split(/\s+/)) {
    const m = /^\+([a-z_0-9]+)(?:=(.*))?$/i.exec(tok);
    if (!m) throw new CrsError(`malformed PROJ string '${input}': expected '+key=value' tokens, found '${tok}'`);
    params.set(m[1].toLowerCase(), m[2] ?? '');
  }
  const proj = params.get('proj');
  if (!proj) throw new CrsError(`malformed PROJ string '${input}': expected a '+proj=' parameter, found none`);
  const supported = ['longlat', 'latlong', 'lonlat', 'tmerc', 'utm', 'merc', 'lcc', 'aea', 'sterea', 'geocent'];
  if (!supported.includes(proj)) throw new CrsError(`PROJ string '${input}': unsupported projection '+proj=${proj}' (supported: ${supported.join(', ')})`);
  for (const k of ['lon_0', 'lat_0', 'k', 'k_0', 'x_0', 'y_0', 'a', 'rf', 'b', 'zone']) {
    const v = params.get(k);
    if (v !== undefined && !Number.isFinite(Number(v))) throw new CrsError(`PROJ string '${input}': +${k} must be a number, found '${v}'`);
  }
  const ellpsName = (params.get('ellps') ?? (params.get('datum') === 'WGS84' ? 'WGS84' : undefined))?.toUpperCase();
  let ellipsoid: Ellipsoid | undefined = ellpsName ? ELLPS[ellpsName] : undefined;
  if (!ellipsoid && params.has('a')) {
    const a = Number(params.get('a'));
    const f = params.has('rf') ? 1 / Number(params.get('rf')) : params.has('b') ? 1 - Number(params.get('b')) / a : 0;
    ellipsoid = { name: 'custom', a, f };
  }
  if (!ellipsoid) {
    if (ellpsName) throw new CrsError(`PROJ string '${input}': ellipsoid '${ellpsName}' is not supported here (use GRS80, WGS84 or +a/+rf)`);
    ellipsoid = WGS84_ELLIPSOID;
  }
  const datum = ellipsoid === CGCS2000_ELLIPSOID ? 'CGCS2000' : ellipsoid === WGS84_ELLIPSOID ? 'WGS 84' : 'custom';
  const base = { id: `PROJ:${input.trim()}`, name: input.trim(), ellipsoid, datum, heights: 'ellipsoidal' as const };
  if (proj === 'geocent') return { ...base, kind: 'geocentric', axisOrder: 'xyz', heights: 'geocentric' };
  if (['longlat', 'latlong', 'lonlat'].includes(proj)) return { ...base, kind: 'geographic', proj4: input.trim(), axisOrder: 'lon-lat' };
  return { ...base, kind: 'projected', proj4: input.trim(), axisOrder: 'east-north', unitMetres: params.has('to_meter') ? Number(params.get('to_meter')) : 1 };
}

/** Parse any supported CRS notation. Throws CrsError naming what was expected and what was found. */
export function parseCrs(input: string | CrsDefinition): CrsDefinition {
  if (typeof input !== 'string') return input;
  const s = input.trim();
  if (!s) throw new CrsError('empty CRS: expected an EPSG code, an ENU origin, a PROJ string or WKT');
  for (const re of EPSG_FORMS) {
    const m = re.exec(s);
    if (m) return fromEpsg(Number(m[1]), m[2] === undefined ? undefined : Number(m[2]), s);
  }
  if (/^ENU:/i.test(s)) return parseEnu(s);
  if (s.startsWith('+')) return parseProjString(s);
  if (/^[A-Z_]+\s*[[(]/i.test(s)) return wktToCrs(s);
  if (/^EPSG/i.test(s)) throw new CrsError(`malformed EPSG code '${s}': expected 'EPSG:<number>' or 'EPSG:<horizontal>+<vertical>'`);
  throw new CrsError(`unrecognised CRS '${s.slice(0, 60)}': expected 'EPSG:<code>', 'ENU:<lat>,<lon>', a PROJ string (+proj=…) or WKT`);
}
