/**
 * The EPSG codes cimflow knows without a WKT or PROJ string. The CGCS2000 Gauss–Krüger zones are
 * generated from their rule (EPSG dataset, checked against PROJ 9.1.1 `projinfo EPSG:n -o PROJ`):
 * - 3-degree zones 25–45 (CM 75°E … 135°E): EPSG:4513–4533 with the zone number prefixed to the
 *   false easting (x_0 = zone·10⁶ + 500000), EPSG:4534–4554 "CM" variants with x_0 = 500000;
 * - 6-degree zones 13–23 (CM 75°E … 135°E): EPSG:4491–4501 prefixed, EPSG:4502–4512 "CM" variants.
 * All are officially northing, easting (axis order north-east); cimflow's API is easting first.
 */
import type { CrsDefinition, VerticalDatum } from './crs-definition.ts';
import { CGCS2000_ELLIPSOID, WGS84_ELLIPSOID, type Ellipsoid } from './ellipsoid.ts';

const BESSEL: Ellipsoid = { name: 'Bessel 1841', a: 6377397.155, f: 1 / 299.1528128 };
const GRS80: Ellipsoid = { name: 'GRS 1980', a: 6378137, f: 1 / 298.257222101 };

function gk(code: number, cm: number, falseEasting: number, name: string): CrsDefinition {
  return {
    id: `EPSG:${code}`,
    name,
    kind: 'projected',
    proj4: `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`,
    ellipsoid: CGCS2000_ELLIPSOID,
    datum: 'CGCS2000',
    axisOrder: 'north-east',
    heights: 'ellipsoidal',
    unitMetres: 1,
  };
}

function buildRegistry(): Map<number, CrsDefinition> {
  const m = new Map<number, CrsDefinition>();
  const add = (code: number, def: Omit<CrsDefinition, 'id'>) => m.set(code, { id: `EPSG:${code}`, ...def });
  const wgs = { ellipsoid: WGS84_ELLIPSOID, datum: 'WGS 84' };
  const cgcs = { ellipsoid: CGCS2000_ELLIPSOID, datum: 'CGCS2000' };
  add(4326, { name: 'WGS 84', kind: 'geographic', proj4: '+proj=longlat +datum=WGS84 +no_defs', axisOrder: 'lat-lon', heights: 'ellipsoidal', ...wgs });
  add(4979, { name: 'WGS 84 (3D)', kind: 'geographic', proj4: '+proj=longlat +datum=WGS84 +no_defs', axisOrder: 'lat-lon', heights: 'ellipsoidal', ...wgs });
  add(4978, { name: 'WGS 84 (geocentric)', kind: 'geocentric', axisOrder: 'xyz', heights: 'geocentric', ...wgs });
  add(4490, { name: 'China Geodetic Coordinate System 2000', kind: 'geographic', proj4: '+proj=longlat +ellps=GRS80 +no_defs', axisOrder: 'lat-lon', heights: 'ellipsoidal', ...cgcs });
  add(4480, { name: 'China Geodetic Coordinate System 2000 (3D)', kind: 'geographic', proj4: '+proj=longlat +ellps=GRS80 +no_defs', axisOrder: 'lat-lon', heights: 'ellipsoidal', ...cgcs });
  add(4479, { name: 'China Geodetic Coordinate System 2000 (geocentric)', kind: 'geocentric', axisOrder: 'xyz', heights: 'geocentric', ...cgcs });
  for (let i = 0; i <= 20; i++) {
    const zone = 25 + i, cm = 75 + 3 * i;
    m.set(4513 + i, gk(4513 + i, cm, zone * 1e6 + 500000, `CGCS2000 / 3-degree Gauss-Kruger zone ${zone}`));
    m.set(4534 + i, gk(4534 + i, cm, 500000, `CGCS2000 / 3-degree Gauss-Kruger CM ${cm}E`));
  }
  for (let i = 0; i <= 10; i++) {
    const zone = 13 + i, cm = 75 + 6 * i;
    m.set(4491 + i, gk(4491 + i, cm, zone * 1e6 + 500000, `CGCS2000 / Gauss-Kruger zone ${zone}`));
    m.set(4502 + i, gk(4502 + i, cm, 500000, `CGCS2000 / Gauss-Kruger CM ${cm}E`));
  }
  // WGS 84 / UTM zones covering China (43N–53N), and Web Mercator.
  for (let zone = 43; zone <= 53; zone++) {
    add(32600 + zone, { name: `WGS 84 / UTM zone ${zone}N`, kind: 'projected', proj4: `+proj=utm +zone=${zone} +datum=WGS84 +units=m +no_defs`, axisOrder: 'east-north', heights: 'ellipsoidal', unitMetres: 1, ...wgs });
  }
  add(3857, { name: 'WGS 84 / Pseudo-Mercator', kind: 'projected', proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs', axisOrder: 'east-north', heights: 'ellipsoidal', unitMetres: 1, ...wgs });
  // Foreign CRSs of the reference data sets (IFC, CityJSON, SWMM samples). Datum shifts to WGS 84
  // are the EPSG Helmert parameters (metre-level); exact national grids are out of scope.
  add(28992, { name: 'Amersfoort / RD New', kind: 'projected', proj4: '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs', ellipsoid: BESSEL, datum: 'Amersfoort', axisOrder: 'east-north', heights: 'ellipsoidal', unitMetres: 1 });
  add(2817, { name: 'NAD83(HARN) / Missouri West', kind: 'projected', proj4: '+proj=tmerc +lat_0=36.16666666666666 +lon_0=-94.5 +k=0.999941177 +x_0=850000 +y_0=0 +ellps=GRS80 +units=m +no_defs', ellipsoid: GRS80, datum: 'NAD83(HARN)', axisOrder: 'east-north', heights: 'ellipsoidal', unitMetres: 1 });
  add(3878, { name: 'ETRS89 / GK24FIN', kind: 'projected', proj4: '+proj=tmerc +lat_0=0 +lon_0=24 +k=1 +x_0=24500000 +y_0=0 +ellps=GRS80 +units=m +no_defs', ellipsoid: GRS80, datum: 'ETRS89', axisOrder: 'north-east', heights: 'ellipsoidal', unitMetres: 1 });
  add(5834, { name: 'DB_REF / 3-degree Gauss-Kruger zone 4 (E-N) + DHHN92 height', kind: 'projected', proj4: '+proj=tmerc +lat_0=0 +lon_0=12 +k=1 +x_0=4500000 +y_0=0 +ellps=bessel +towgs84=584.9636,107.7175,413.8067,1.1155,0.2824,-3.1384,7.9922 +units=m +no_defs', ellipsoid: BESSEL, datum: 'DB_REF', axisOrder: 'east-north', heights: 'orthometric', verticalDatum: { id: 'EPSG:5783', name: 'DHHN92 height' }, unitMetres: 1 });
  add(7856, { name: 'GDA2020 / MGA zone 56', kind: 'projected', proj4: '+proj=utm +zone=56 +south +ellps=GRS80 +units=m +no_defs', ellipsoid: GRS80, datum: 'GDA2020', axisOrder: 'east-north', heights: 'ellipsoidal', unitMetres: 1 });
  add(7415, { name: 'Amersfoort / RD New + NAP height', kind: 'projected', proj4: m.get(28992)!.proj4!, ellipsoid: BESSEL, datum: 'Amersfoort', axisOrder: 'east-north', heights: 'orthometric', verticalDatum: { id: 'EPSG:5709', name: 'NAP height' }, unitMetres: 1 });
  return m;
}

/** Horizontal and 3D CRSs by EPSG code. */
export const EPSG_REGISTRY: ReadonlyMap<number, CrsDefinition> = buildRegistry();

/**
 * Vertical (gravity-related, orthometric) CRSs that can be compounded with a horizontal one as
 * `EPSG:h+v`. EPSG:5737 "Yellow Sea 1985 height" is China's 1985 national height datum
 * (1985 国家高程基准); EPSG:5736 the older Yellow Sea 1956 datum.
 */
export const VERTICAL_REGISTRY: ReadonlyMap<number, VerticalDatum> = new Map([
  [5737, { id: 'EPSG:5737', name: 'Yellow Sea 1985 height' }],
  [5736, { id: 'EPSG:5736', name: 'Yellow Sea 1956 height' }],
  [5773, { id: 'EPSG:5773', name: 'EGM96 height' }],
  [3855, { id: 'EPSG:3855', name: 'EGM2008 height' }],
  [5709, { id: 'EPSG:5709', name: 'NAP height' }],
  [5783, { id: 'EPSG:5783', name: 'DHHN92 height' }],
  [3900, { id: 'EPSG:3900', name: 'N2000 height' }],
]);

/** The CGCS2000 3-degree Gauss–Krüger CM zone (EPSG:4534–4554) whose central meridian is nearest `lonDeg`. */
export function cgcs2000ThreeDegreeZoneFor(lonDeg: number): number {
  const i = Math.round((lonDeg - 75) / 3);
  if (i < 0 || i > 20) throw new RangeError(`longitude ${lonDeg}° is outside the CGCS2000 Gauss-Kruger zones (73.5°E–136.5°E)`);
  return 4534 + i;
}
