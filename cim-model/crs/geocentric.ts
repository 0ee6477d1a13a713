/**
 * Geodetic (longitude, latitude, ellipsoidal height) <-> geocentric ECEF (X, Y, Z).
 * Angles in degrees, lengths in metres. Heights here are always ellipsoidal.
 *
 * The inverse is Vermeille's closed form (H. Vermeille, "An analytical method to transform
 * geocentric into geodetic coordinates", J. Geodesy 85:105–117, 2011), exact to well below a
 * micrometre everywhere outside the Earth's core, so round trips stay far inside 1 mm.
 */
import { CGCS2000_ELLIPSOID, eccentricitySquared, type Ellipsoid } from './ellipsoid.ts';

const DEG = Math.PI / 180;

/** Geodetic (lon°, lat°, h m ellipsoidal) → ECEF metres, written into `out` (length ≥ 3). */
export function geodeticToEcef(
  lonDeg: number,
  latDeg: number,
  h: number,
  ellipsoid: Ellipsoid = CGCS2000_ELLIPSOID,
  out: number[] | Float64Array = [0, 0, 0],
): number[] | Float64Array {
  const e2 = eccentricitySquared(ellipsoid);
  const lon = lonDeg * DEG;
  const lat = latDeg * DEG;
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  // Prime vertical radius of curvature N(φ) = a / sqrt(1 − e² sin²φ).
  const n = ellipsoid.a / Math.sqrt(1 - e2 * sinLat * sinLat);
  out[0] = (n + h) * cosLat * Math.cos(lon);
  out[1] = (n + h) * cosLat * Math.sin(lon);
  out[2] = (n * (1 - e2) + h) * sinLat;
  return out;
}

/** ECEF metres → geodetic (lon°, lat°, h m ellipsoidal), written into `out`. */
export function ecefToGeodetic(
  x: number,
  y: number,
  z: number,
  ellipsoid: Ellipsoid = CGCS2000_ELLIPSOID,
  out: number[] | Float64Array = [0, 0, 0],
): number[] | Float64Array {
  const a = ellipsoid.a;
  const e2 = eccentricitySquared(ellipsoid);
  const e4 = e2 * e2;
  const p2 = x * x + y * y;
  // Vermeille 2011, eqs. (1)–(8).
  const pp = p2 / (a * a);
  const q = ((1 - e2) / (a * a)) * z * z;
  const r = (pp + q - e4) / 6;
  const s = (e4 * pp * q) / (4 * r * r * r);
  const t = Math.cbrt(1 + s + Math.sqrt(s * (2 + s)));
  const u = r * (1 + t + 1 / t);
  const v = Math.sqrt(u * u + e4 * q);
  const w = (e2 * (u + v - q)) / (2 * v);
  const k = Math.sqrt(u + v + w * w) - w;
  const d = (k * Math.sqrt(p2)) / (k + e2);
  const dz = Math.sqrt(d * d + z * z);
  out[0] = Math.atan2(y, x) / DEG;
  out[1] = (2 * Math.atan2(z, d + dz)) / DEG;
  out[2] = ((k + e2 - 1) / k) * dz;
  if (!Number.isFinite(out[1])) {
    // On the polar axis (p = 0) the closed form divides by zero; the answer is exact there.
    const b = a * (1 - ellipsoid.f);
    out[0] = 0;
    out[1] = z >= 0 ? 90 : -90;
    out[2] = Math.abs(z) - b;
  }
  return out;
}
