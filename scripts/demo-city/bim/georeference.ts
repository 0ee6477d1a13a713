// Georeferencing quantities for IfcMapConversion / IfcSite from a placement in EPSG:4544.
// EPSG:4544 = CGCS2000 / 3-degree Gauss-Kruger CM 105E: transverse Mercator, lon_0 105°E, k 1, false easting
// 500 000 m, no zone prefix; axes easting, northing in metres. CGCS2000's ellipsoid equals GRS80 to < 0.1 mm.
// Source: EPSG registry, https://epsg.io/4544 (proj4 string below).
import proj4 from 'proj4';

export const EPSG_4544_PROJ4 = '+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const WGS84_LONLAT = '+proj=longlat +ellps=GRS80 +no_defs';
const gaussKruger = proj4(EPSG_4544_PROJ4, WGS84_LONLAT);

/** Geographic CGCS2000 longitude / latitude (degrees, axis order lon, lat) of an EPSG:4544 easting / northing (m). */
export function epsg4544ToLonLat(easting: number, northing: number): { lon: number; lat: number } {
  const [lon, lat] = gaussKruger.forward([easting, northing]);
  return { lon, lat };
}

/**
 * IfcCompoundPlaneAngleMeasure: degrees, minutes, seconds, millionths of a second, all carrying the sign of the angle
 * (IFC4 ifcmeasureresource, "IfcCompoundPlaneAngleMeasure").
 */
export function compoundPlaneAngle(degrees: number): [number, number, number, number] {
  const sign = degrees < 0 ? -1 : 1;
  const totalMillionths = Math.round(Math.abs(degrees) * 3600e6);
  const d = Math.floor(totalMillionths / 3600e6);
  const m = Math.floor((totalMillionths - d * 3600e6) / 60e6);
  const s = Math.floor((totalMillionths - d * 3600e6 - m * 60e6) / 1e6);
  const millionths = totalMillionths - d * 3600e6 - m * 60e6 - s * 1e6;
  return [d, m, s, millionths].map((part) => (part === 0 ? 0 : sign * part)) as [number, number, number, number];
}

/** Inverse of {@link compoundPlaneAngle}: decimal degrees. */
export function compoundPlaneAngleToDegrees([d, m, s, millionths]: readonly number[]): number {
  return d + m / 60 + (s + millionths / 1e6) / 3600;
}

/**
 * IfcMapConversion.XAxisAbscissa / XAxisOrdinate: the local x axis expressed in grid (easting, northing)
 * components for a rotation counter-clockwise from grid east (degrees).
 */
export function mapConversionAxis(rotationDeg: number): { abscissa: number; ordinate: number } {
  const theta = (rotationDeg * Math.PI) / 180;
  return { abscissa: Math.cos(theta), ordinate: Math.sin(theta) };
}

/**
 * Direction of geographic (true) north in the local engineering x/y axes, for IfcGeometricRepresentationContext.TrueNorth.
 * It differs from grid north by the meridian convergence (≈ (lon − 105°)·sin lat, about 0.6° at Chongqing), so it is
 * measured numerically: project a point 10 m further north along the meridian and take the grid bearing.
 */
export function trueNorthInLocal(easting: number, northing: number, rotationDeg: number): [number, number] {
  const { lon, lat } = epsg4544ToLonLat(easting, northing);
  const [e1, n1] = gaussKruger.inverse([lon, lat + 1e-4]);
  const gridAngle = Math.atan2(n1 - northing, e1 - easting); // from grid east, CCW
  const localAngle = gridAngle - (rotationDeg * Math.PI) / 180;
  return [Math.cos(localAngle), Math.sin(localAngle)];
}
