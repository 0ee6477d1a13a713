import type { Ellipsoid } from './ellipsoid.ts';

export type CrsKind = 'geographic' | 'projected' | 'geocentric' | 'enu';

/**
 * The axis order a CRS's *official* definition uses. cimflow's API always takes and returns
 * easting/longitude first (x = easting or longitude, y = northing or latitude, z = height);
 * this records what the authority says so data in official order can be converted explicitly.
 * Example: EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E) is officially northing, easting.
 */
export type AxisOrder = 'east-north' | 'north-east' | 'lon-lat' | 'lat-lon' | 'xyz';

/**
 * What z means for a CRS:
 * - `ellipsoidal`: height above the ellipsoid (geographic 3D, the up axis of an ENU frame, and —
 *   as PROJ does — the z of a 2D geographic or projected CRS when nothing else is said);
 * - `orthometric`: height above a geoid-based vertical datum (a compound CRS such as
 *   `EPSG:4544+5737`, CGCS2000 / GK CM 105E + Yellow Sea 1985 height, i.e. the 1985 national
 *   height datum); reaching ellipsoidal heights needs a geoid model, h = H + N;
 * - `geocentric`: ECEF Cartesian, z is a coordinate, not a height.
 */
export type HeightKind = 'ellipsoidal' | 'orthometric' | 'geocentric';

export interface VerticalDatum {
  /** e.g. 'EPSG:5737' */
  id: string;
  /** e.g. 'Yellow Sea 1985 height' (1985 国家高程基准) */
  name: string;
}

/** A parsed coordinate reference system. Plain data: no functions, safe to clone and post to workers. */
export interface CrsDefinition {
  /** Canonical id: 'EPSG:4544', 'EPSG:4544+5737', 'ENU:29.99,106.27,0', or 'WKT:<name>' / 'PROJ:<string>'. */
  id: string;
  name: string;
  kind: CrsKind;
  /** proj4 definition of the horizontal part (geographic and projected kinds). */
  proj4?: string;
  ellipsoid: Ellipsoid;
  /** 'CGCS2000', 'WGS 84' or the datum name of the definition. */
  datum: string;
  axisOrder: AxisOrder;
  heights: HeightKind;
  verticalDatum?: VerticalDatum;
  /** Origin of an ENU frame: longitude°, latitude°, ellipsoidal height m. */
  enuOrigin?: { lon: number; lat: number; h: number };
  /** Linear unit of projected coordinates in metres (1 for metre). */
  unitMetres?: number;
}
