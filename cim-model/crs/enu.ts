/**
 * Local east-north-up (ENU) frames: a Cartesian tangent frame at an origin on the ellipsoid.
 * ENU ↔ ECEF here is a rigid rotation plus translation and therefore exact at any distance:
 * data in a *projected* CRS must not be placed through a single-origin ENU frame (that is the
 * shortcut that puts points metres off at a few km); transform those per point instead.
 */
import { CGCS2000_ELLIPSOID, type Ellipsoid } from './ellipsoid.ts';
import { ecefToGeodetic, geodeticToEcef } from './geocentric.ts';

const DEG = Math.PI / 180;

export class EnuFrame {
  /** Origin in ECEF metres. */
  readonly originEcef: Float64Array;
  /** Rows: unit vectors east, north, up in ECEF. */
  private readonly r: Float64Array;

  /**
   * @param lonDeg origin longitude, degrees
   * @param latDeg origin latitude, degrees
   * @param h origin ellipsoidal height, metres
   */
  constructor(
    readonly lonDeg: number,
    readonly latDeg: number,
    readonly h = 0,
    readonly ellipsoid: Ellipsoid = CGCS2000_ELLIPSOID,
  ) {
    this.originEcef = geodeticToEcef(lonDeg, latDeg, h, ellipsoid, new Float64Array(3)) as Float64Array;
    const sl = Math.sin(lonDeg * DEG), cl = Math.cos(lonDeg * DEG);
    const sp = Math.sin(latDeg * DEG), cp = Math.cos(latDeg * DEG);
    this.r = new Float64Array([-sl, cl, 0, -sp * cl, -sp * sl, cp, cp * cl, cp * sl, sp]);
  }

  /** Build a frame whose origin is given in ECEF metres. */
  static fromEcef(x: number, y: number, z: number, ellipsoid: Ellipsoid = CGCS2000_ELLIPSOID): EnuFrame {
    const g = ecefToGeodetic(x, y, z, ellipsoid);
    return new EnuFrame(g[0], g[1], g[2], ellipsoid);
  }

  /** Local (east, north, up) metres → ECEF metres. */
  toEcef(e: number, n: number, u: number, out: number[] | Float64Array = [0, 0, 0]): number[] | Float64Array {
    const r = this.r, o = this.originEcef;
    out[0] = o[0] + r[0] * e + r[3] * n + r[6] * u;
    out[1] = o[1] + r[1] * e + r[4] * n + r[7] * u;
    out[2] = o[2] + r[2] * e + r[5] * n + r[8] * u;
    return out;
  }

  /** ECEF metres → local (east, north, up) metres. */
  fromEcef(x: number, y: number, z: number, out: number[] | Float64Array = [0, 0, 0]): number[] | Float64Array {
    const r = this.r, o = this.originEcef;
    const dx = x - o[0], dy = y - o[1], dz = z - o[2];
    out[0] = r[0] * dx + r[1] * dy + r[2] * dz;
    out[1] = r[3] * dx + r[4] * dy + r[5] * dz;
    out[2] = r[6] * dx + r[7] * dy + r[8] * dz;
    return out;
  }

  /**
   * Column-major 4×4 matrix taking local ENU metres to ECEF metres — the form of a 3D Tiles
   * `tile.transform` (3D Tiles 1.1 §"Tile transforms").
   */
  toEcefMatrix(): number[] {
    const r = this.r, o = this.originEcef;
    return [r[0], r[1], r[2], 0, r[3], r[4], r[5], 0, r[6], r[7], r[8], 0, o[0], o[1], o[2], 1];
  }
}
