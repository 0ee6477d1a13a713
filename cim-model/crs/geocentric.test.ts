import { describe, expect, it } from 'vitest';
import { CGCS2000_ELLIPSOID, WGS84_ELLIPSOID } from './ellipsoid.ts';
import { ecefToGeodetic, geodeticToEcef } from './geocentric.ts';
import { geoidUndulation, parseGtx } from './geoid.ts';

describe('geodetic ↔ ECEF', () => {
  it('round-trips within 0.1 mm from the poles to the equator and from −500 m to 100 km', () => {
    let worst = 0;
    for (const ell of [CGCS2000_ELLIPSOID, WGS84_ELLIPSOID]) {
      for (let lat = -90; lat <= 90; lat += 7.5) {
        for (const lon of [-179.9, -45, 0, 73.6, 106.27, 135]) {
          for (const h of [-500, 0, 312.7, 8848, 100_000]) {
            const x = geodeticToEcef(lon, lat, h, ell);
            const g = ecefToGeodetic(x[0], x[1], x[2], ell);
            const y = geodeticToEcef(g[0], g[1], g[2], ell);
            worst = Math.max(worst, Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]), Math.abs(g[2] - h));
          }
        }
      }
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it('puts the equator at a and the pole at b', () => {
    const e = geodeticToEcef(0, 0, 0, WGS84_ELLIPSOID);
    expect(e[0]).toBeCloseTo(6378137, 6);
    const p = geodeticToEcef(0, 90, 0, WGS84_ELLIPSOID);
    expect(p[2]).toBeCloseTo(6356752.314245, 5);
    const g = ecefToGeodetic(0, 0, 6356752.314245 + 10, WGS84_ELLIPSOID);
    expect(g[1]).toBe(90);
    expect(g[2]).toBeCloseTo(10, 5);
  });
});

describe('geoid grids', () => {
  it('parses a .gtx grid (big-endian header, south row first, nodata) and interpolates', () => {
    const nx = 3, ny = 2;
    const buf = new ArrayBuffer(40 + nx * ny * 4);
    const dv = new DataView(buf);
    dv.setFloat64(0, 29); dv.setFloat64(8, 105); dv.setFloat64(16, 1); dv.setFloat64(24, 1);
    dv.setInt32(32, ny); dv.setInt32(36, nx);
    [-41, -40, -39, -42, -88.8888, -38].forEach((v, k) => dv.setFloat32(40 + 4 * k, v));
    const g = parseGtx(new Uint8Array(buf), 'test.gtx');
    expect(geoidUndulation(g, 105.5, 29)).toBeCloseTo(-40.5, 5);
    expect(geoidUndulation(g, 105, 29.5)).toBeCloseTo(-41.5, 5);
    expect(() => geoidUndulation(g, 106.5, 29.5)).toThrow(/no value/);
    expect(() => parseGtx(new Uint8Array(20), 'short.gtx')).toThrow(/short.gtx: a .gtx grid needs a 40-byte header, found 20 bytes/);
    expect(() => parseGtx(new Uint8Array(buf).slice(0, 50), 'cut.gtx')).toThrow(/cut.gtx: expected 64 bytes for 2×3 values, found 50/);
  });
});
