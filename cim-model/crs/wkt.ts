/**
 * Well-known text for CRSs: a tokenizer/parser for WKT1 (OGC 01-009, the GDAL/ESRI dialects) and
 * WKT2 (ISO 19162:2019, OGC 18-010r7), and the interpretation of the subset cities use — geographic,
 * geocentric, projected (Transverse Mercator / Gauss–Krüger with any central meridian, Mercator,
 * Lambert conformal conic, Albers, oblique stereographic) and compound with a vertical CRS —
 * into a `CrsDefinition` with a proj4 string. Errors name the character offset.
 */
import type { AxisOrder, CrsDefinition } from './crs-definition.ts';
import { CrsError } from './errors.ts';

/** A WKT node: `KEYWORD[arg, …]`; args are strings (quoted), numbers, bare words or nodes. */
export interface WktNode {
  keyword: string;
  args: WktValue[];
  /** Character offset of the keyword in the source text. */
  offset: number;
}
export type WktValue = WktNode | string | number | { word: string };

/** Parse WKT text into a node tree. Throws CrsError naming the offset on malformed input. */
export function parseWkt(text: string): WktNode {
  let i = 0;
  const fail = (expected: string): never => {
    const found = i >= text.length ? 'end of text' : `'${text.slice(i, i + 12)}'`;
    throw new CrsError(`malformed WKT at offset ${i}: expected ${expected}, found ${found}`);
  };
  const skip = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const node = (): WktNode => {
    skip();
    const start = i;
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 64));
    if (!m) fail('a WKT keyword such as PROJCS or GEOGCRS');
    const keyword = m![0].toUpperCase();
    i += m![0].length;
    skip();
    const open = text[i];
    if (open !== '[' && open !== '(') fail(`'[' after ${keyword}`);
    const close = open === '[' ? ']' : ')';
    i++;
    const args: WktValue[] = [];
    skip();
    if (text[i] === close) {
      i++;
      return { keyword, args, offset: start };
    }
    for (;;) {
      skip();
      args.push(value());
      skip();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === close) {
        i++;
        return { keyword, args, offset: start };
      }
      fail(`',' or '${close}' in ${keyword}`);
    }
  };
  const value = (): WktValue => {
    skip();
    const c = text[i];
    if (c === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= text.length) fail('closing \'"\'');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            s += '"';
            i += 2;
            continue;
          }
          i++;
          return s;
        }
        s += text[i++];
      }
    }
    const num = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i, i + 64));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 64));
    if (word) {
      const after = text.slice(i + word[0].length).trimStart()[0];
      if (after === '[' || after === '(') return node();
      i += word[0].length;
      return { word: word[0] };
    }
    return fail('a string, number, keyword or node');
  };
  const root = node();
  skip();
  if (i < text.length) fail('end of text after the root node');
  return root;
}

const children = (n: WktNode, ...keywords: string[]): WktNode[] =>
  n.args.filter((a): a is WktNode => typeof a === 'object' && 'keyword' in a && keywords.includes(a.keyword));
const child = (n: WktNode, ...keywords: string[]): WktNode | undefined => children(n, ...keywords)[0];
const str = (v: WktValue | undefined): string | undefined => (typeof v === 'string' ? v : typeof v === 'object' && v && 'word' in v ? v.word : undefined);
const num = (n: WktNode, idx: number, what: string): number => {
  const v = n.args[idx];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new CrsError(`WKT ${n.keyword} at offset ${n.offset}: ${what} must be a number, found ${JSON.stringify(v)}`);
  }
  return v;
};
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Unit factor of a UNIT/LENGTHUNIT/ANGLEUNIT node (metres per unit or radians per unit). */
function unitFactor(n: WktNode | undefined, fallback: number): number {
  return n ? num(n, 1, 'the unit conversion factor') : fallback;
}

const PROJ_PARAM: Record<string, string> = {
  centralmeridian: 'lon_0', longitudeofnaturalorigin: 'lon_0', longitudeoforigin: 'lon_0', longitudeoffalseorigin: 'lon_0', longitudeofcenter: 'lon_0',
  latitudeoforigin: 'lat_0', latitudeofnaturalorigin: 'lat_0', latitudeoffalseorigin: 'lat_0', latitudeofcenter: 'lat_0',
  scalefactor: 'k', scalefactoratnaturalorigin: 'k',
  falseeasting: 'x_0', eastingoffalseorigin: 'x_0', falsenorthing: 'y_0', northingoffalseorigin: 'y_0',
  standardparallel1: 'lat_1', latitudeof1ststandardparallel: 'lat_1', standardparallel2: 'lat_2', latitudeof2ndstandardparallel: 'lat_2',
};
const LINEAR_PARAMS = new Set(['x_0', 'y_0']);
const ANGULAR_PARAMS = new Set(['lon_0', 'lat_0', 'lat_1', 'lat_2']);

const METHOD: Record<string, string> = {
  transversemercator: 'tmerc', gausskruger: 'tmerc', gausskrueger: 'tmerc', transversemercatorsouthorientated: 'tmerc',
  mercator1sp: 'merc', mercator2sp: 'merc', mercatorvarianta: 'merc', mercatorvariantb: 'merc', mercator: 'merc',
  lambertconformalconic2sp: 'lcc', lambertconformalconic1sp: 'lcc', lambertconicconformal2sp: 'lcc', lambertconicconformal1sp: 'lcc',
  albersconicequalarea: 'aea', albersequalarea: 'aea', obliquestereographic: 'sterea', doublestereographic: 'sterea',
};

function ellipsoidOf(geog: WktNode): { a: number; invf: number; name: string } {
  const datum = child(geog, 'DATUM', 'GEODETICDATUM', 'TRF');
  const ell = datum ? child(datum, 'SPHEROID', 'ELLIPSOID') : undefined;
  if (!ell) throw new CrsError(`WKT ${geog.keyword} at offset ${geog.offset}: expected DATUM[..., SPHEROID[name, a, 1/f]], found none`);
  const a = num(ell, 1, 'the semi-major axis');
  const invf = num(ell, 2, 'the inverse flattening');
  if (a < 6e6 || a > 7e6) throw new CrsError(`WKT ${ell.keyword} at offset ${ell.offset}: semi-major axis must be 6,000,000–7,000,000 m, found ${a}`);
  return { a: a * unitFactor(child(ell, 'LENGTHUNIT', 'UNIT'), 1), invf, name: str(ell.args[0]) ?? 'unnamed' };
}

function axisOrder(n: WktNode, kind: 'geographic' | 'projected'): AxisOrder {
  const axes = children(n, 'AXIS').map((a) => {
    const dir = norm(str(a.args[1]) ?? '');
    const name = norm(str(a.args[0]) ?? '');
    return dir || name;
  });
  if (axes.length < 2) return kind === 'geographic' ? 'lat-lon' : 'east-north';
  const first = axes[0];
  const northFirst = first.startsWith('north') || first.startsWith('south') || first.includes('lat') || first === 'x';
  if (kind === 'geographic') return northFirst ? 'lat-lon' : 'lon-lat';
  return northFirst ? 'north-east' : 'east-north';
}

/** Interpret parsed WKT as a CRS. */
export function wktToCrs(text: string): CrsDefinition {
  let root = parseWkt(text);
  let vertical: WktNode | undefined;
  if (root.keyword === 'COMPD_CS' || root.keyword === 'COMPOUNDCRS') {
    const parts = root.args.filter((a): a is WktNode => typeof a === 'object' && 'keyword' in a);
    const horiz = parts.find((p) => !['VERT_CS', 'VERTCRS', 'VERTICALCRS', 'ID', 'AUTHORITY'].includes(p.keyword));
    vertical = parts.find((p) => ['VERT_CS', 'VERTCRS', 'VERTICALCRS'].includes(p.keyword));
    if (!horiz) throw new CrsError(`WKT ${root.keyword} at offset ${root.offset}: expected a horizontal CRS inside, found none`);
    root = horiz;
  }
  const name = str(root.args[0]) ?? 'unnamed';
  const authority = child(root, 'AUTHORITY', 'ID');
  const id = authority ? `${str(authority.args[0])}:${String(authority.args[1])}` : `WKT:${name}`;
  const heights = vertical ? 'orthometric' : 'ellipsoidal';
  const verticalDatum = vertical ? { id: (() => { const a = child(vertical, 'AUTHORITY', 'ID'); return a ? `${str(a.args[0])}:${String(a.args[1])}` : 'WKT'; })(), name: str(vertical.args[0]) ?? 'vertical' } : undefined;
  const kw = root.keyword;
  const isGeocentric = kw === 'GEOCCS' || ((kw === 'GEODCRS' || kw === 'GEODETICCRS') && norm(str(child(root, 'CS')?.args[0]) ?? '') === 'cartesian');
  const isGeographic = ['GEOGCS', 'GEOGCRS', 'GEOGRAPHICCRS'].includes(kw) || ((kw === 'GEODCRS' || kw === 'GEODETICCRS') && !isGeocentric);
  const isProjected = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'].includes(kw);
  if (!isGeocentric && !isGeographic && !isProjected) {
    throw new CrsError(`WKT root at offset ${root.offset}: expected PROJCS/PROJCRS, GEOGCS/GEOGCRS, GEOCCS/GEODCRS or COMPD_CS/COMPOUNDCRS, found ${kw}`);
  }
  const geog = isProjected ? child(root, 'GEOGCS', 'BASEGEOGCRS', 'BASEGEODCRS') : root;
  if (!geog) throw new CrsError(`WKT ${kw} at offset ${root.offset}: expected a base geographic CRS (GEOGCS or BASEGEOGCRS), found none`);
  const ell = ellipsoidOf(geog);
  const f = ell.invf === 0 ? 0 : 1 / ell.invf;
  const datumNode = child(geog, 'DATUM', 'GEODETICDATUM', 'TRF');
  const datumName = str(datumNode?.args[0]) ?? 'unnamed';
  const towgs = datumNode ? child(datumNode, 'TOWGS84') : undefined;
  const ellPart = ell.invf === 0 ? `+a=${ell.a} +b=${ell.a}` : `+a=${ell.a} +rf=${ell.invf}`;
  const towgsPart = towgs ? ` +towgs84=${towgs.args.map((v) => Number(v)).join(',')}` : '';
  const pm = child(geog, 'PRIMEM', 'PRIMEMERIDIAN');
  const pmDeg = pm ? num(pm, 1, 'the prime meridian longitude') : 0;
  const pmPart = pmDeg !== 0 ? ` +pm=${pmDeg}` : '';
  const cgcs = norm(datumName).includes('china2000') || norm(datumName).includes('cgcs2000') || norm(datumName).includes('chinageodeticcoordinatesystem2000');
  const base = {
    id,
    name,
    ellipsoid: { name: ell.name, a: ell.a, f },
    datum: cgcs ? 'CGCS2000' : datumName,
    heights: heights as 'orthometric' | 'ellipsoidal',
    ...(verticalDatum ? { verticalDatum } : {}),
  };
  if (isGeocentric) return { ...base, kind: 'geocentric', axisOrder: 'xyz', heights: 'geocentric' };
  if (isGeographic) {
    return { ...base, kind: 'geographic', proj4: `+proj=longlat ${ellPart}${towgsPart}${pmPart} +no_defs`, axisOrder: axisOrder(root, 'geographic') };
  }
  // Projected: method and parameters (WKT1 PROJECTION + PARAMETER at root; WKT2 CONVERSION[METHOD, PARAMETER]).
  const conversion = child(root, 'CONVERSION') ?? root;
  const methodNode = child(conversion, 'PROJECTION', 'METHOD');
  const methodName = str(methodNode?.args[0]);
  if (!methodNode || !methodName) throw new CrsError(`WKT ${kw} '${name}' at offset ${root.offset}: expected PROJECTION or CONVERSION[METHOD], found none`);
  const method = METHOD[norm(methodName)];
  if (!method) {
    throw new CrsError(`WKT ${methodNode.keyword} at offset ${methodNode.offset}: unsupported projection method '${methodName}'; supported: Transverse Mercator / Gauss-Kruger, Mercator, Lambert Conformal Conic, Albers, Oblique Stereographic`);
  }
  const axisUnit = children(root, 'AXIS').map((a) => child(a, 'LENGTHUNIT', 'UNIT')).find(Boolean);
  const linUnit = unitFactor(child(root, 'UNIT', 'LENGTHUNIT') ?? axisUnit, 1);
  const angUnitDeg = (n: WktNode | undefined) => (n ? (num(n, 1, 'the angular unit factor') * 180) / Math.PI : 1);
  const geogAngle = angUnitDeg(child(geog, 'UNIT', 'ANGLEUNIT'));
  const params: Record<string, number> = { lat_0: 0, lon_0: 0, k: 1, x_0: 0, y_0: 0 };
  for (const p of children(conversion, 'PARAMETER')) {
    const key = PROJ_PARAM[norm(str(p.args[0]) ?? '')];
    if (!key) continue;
    let v = num(p, 1, `PARAMETER '${str(p.args[0])}'`);
    const ownUnit = child(p, 'LENGTHUNIT', 'ANGLEUNIT', 'SCALEUNIT', 'UNIT');
    if (LINEAR_PARAMS.has(key)) v *= ownUnit ? unitFactor(ownUnit, 1) : linUnit;
    else if (ANGULAR_PARAMS.has(key)) v *= ownUnit ? angUnitDeg(ownUnit) : kw === 'PROJCS' ? geogAngle : 1;
    // Degree units are written as 0.0174532925199433 rad; undo the float noise of the round trip.
    params[key] = Math.round(v * 1e10) / 1e10;
  }
  if (method === 'tmerc' && (params.k <= 0 || params.k > 2)) {
    throw new CrsError(`WKT '${name}': scale factor must be in (0, 2], found ${params.k}`);
  }
  const paramPart = Object.entries(params).map(([k, v]) => `+${k}=${v}`).join(' ');
  const unitPart = Math.abs(linUnit - 1) < 1e-12 ? '+units=m' : `+to_meter=${linUnit}`;
  return {
    ...base,
    kind: 'projected',
    proj4: `+proj=${method} ${paramPart} ${ellPart}${towgsPart}${pmPart} ${unitPart} +no_defs`,
    axisOrder: axisOrder(root, 'projected'),
    unitMetres: linUnit,
  };
}
