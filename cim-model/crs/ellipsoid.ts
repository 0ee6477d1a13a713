/** A reference ellipsoid: semi-major axis `a` (metres) and flattening `f`. */
export interface Ellipsoid {
  name: string;
  a: number;
  f: number;
}

/**
 * CGCS2000 ellipsoid (China Geodetic Coordinate System 2000, EPSG:1024):
 * a = 6378137 m, 1/f = 298.257222101 — numerically the GRS80 ellipsoid.
 */
export const CGCS2000_ELLIPSOID: Ellipsoid = { name: 'CGCS2000', a: 6378137, f: 1 / 298.257222101 };

/** WGS 84 ellipsoid (EPSG:7030): a = 6378137 m, 1/f = 298.257223563. */
export const WGS84_ELLIPSOID: Ellipsoid = { name: 'WGS 84', a: 6378137, f: 1 / 298.257223563 };

/** Semi-minor axis b = a(1 − f), metres. */
export function semiMinorAxis(e: Ellipsoid): number {
  return e.a * (1 - e.f);
}

/** First eccentricity squared e² = f(2 − f). */
export function eccentricitySquared(e: Ellipsoid): number {
  return e.f * (2 - e.f);
}
