import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnuFrame } from './enu.ts';
import { fromOfficialAxisOrder, toOfficialAxisOrder } from './axis-order.ts';
import { geodeticToEcef } from './geocentric.ts';
import { parseCrs } from './parse-crs.ts';
import { createTransform, transformPoint } from './transform.ts';

interface Reference {
  proj: string;
  zones: Array<{ code: number; points: number[][]; expected: number[][] }>;
  ecef: { crs: string; points: number[][]; expected: number[][] };
  enu: { origin: number[]; ecef: number[][]; expected: number[][] };
}
// Computed by PROJ's cs2cs/cct (independent of proj4js and of this code): scripts/tools/proj-reference.ts.
const REF: Reference = JSON.parse(readFileSync(path.join(import.meta.dirname, 'testdata/proj-reference.json'), 'utf8'));

const dist = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.hypot(a[0] - b[0], a[1] - b[1], (a[2] ?? 0) - (b[2] ?? 0));

describe('Gauss–Krüger zones', () => {
  it('matches the issue test vector: (114.0575 E, 22.5431 N) EPSG:4490 → EPSG:4547 E 505914.700 N 2493941.230', () => {
    const [e, n] = transformPoint('EPSG:4490', 'EPSG:4547', [114.0575, 22.5431]);
    expect(Math.abs(e - 505914.7)).toBeLessThan(0.001);
    expect(Math.abs(n - 2493941.23)).toBeLessThan(0.001);
  });

  it(`matches PROJ (${REF.proj}) within 1 mm in all 64 CGCS2000 zones (EPSG:4491–4554)`, () => {
    expect(REF.zones.map((z) => z.code)).toEqual(Array.from({ length: 64 }, (_, i) => 4491 + i));
    let worst = 0;
    for (const zone of REF.zones) {
      const t = createTransform('EPSG:4490', `EPSG:${zone.code}`);
      zone.points.forEach((p, k) => {
        worst = Math.max(worst, dist(t.forward(p), [...zone.expected[k], 0]));
      });
    }
    expect(worst).toBeLessThan(0.001);
  });

  it('round-trips geodetic ↔ Gauss–Krüger ↔ ECEF within 1 mm in every zone', () => {
    let worst = 0;
    for (const zone of REF.zones) {
      const toGk = createTransform('EPSG:4480', `EPSG:${zone.code}`);
      const gkToEcef = createTransform(`EPSG:${zone.code}`, 'EPSG:4479');
      const ecefToGeod = createTransform('EPSG:4479', 'EPSG:4480');
      for (const [lon, lat] of zone.points) {
        const h = 312.5;
        const gk = toGk.forward([lon, lat, h]);
        const ecef = gkToEcef.forward(gk);
        const back = ecefToGeod.forward(ecef);
        // Compare in ECEF metres: the geodetic point and its image after three transformations.
        worst = Math.max(worst, dist(geodeticToEcef(back[0], back[1], back[2]), geodeticToEcef(lon, lat, h)));
        worst = Math.max(worst, dist(gkToEcef.inverse(ecef), gk));
        worst = Math.max(worst, dist(toGk.inverse(gk), [lon, lat, h]) * 111_000);
      }
    }
    expect(worst).toBeLessThan(0.001);
  });

  it('distinguishes the zone-prefixed and CM variants (EPSG:4526 vs EPSG:4547)', () => {
    const a = transformPoint('EPSG:4490', 'EPSG:4526', [114.0575, 22.5431]);
    const b = transformPoint('EPSG:4490', 'EPSG:4547', [114.0575, 22.5431]);
    expect(a[0] - b[0]).toBeCloseTo(38_000_000, 3);
    expect(a[1]).toBeCloseTo(b[1], 6);
  });
});

describe('points 5 km from a local origin', () => {
  it('are placed in ECEF within 1 cm of PROJ (per-point transformation)', () => {
    const t = createTransform(REF.ecef.crs, 'EPSG:4978');
    REF.ecef.points.forEach((p, k) => expect(dist(t.forward(p), REF.ecef.expected[k])).toBeLessThan(0.01));
  });

  it('would be metres off through a single-origin ENU shortcut (why we transform per point)', () => {
    const t = createTransform(REF.ecef.crs, 'EPSG:4978');
    const o = REF.ecef.points[0];
    const g = createTransform(REF.ecef.crs, 'EPSG:4979').forward(o);
    const frame = new EnuFrame(g[0], g[1], g[2]);
    const p = REF.ecef.points[1]; // 5 km east
    const naive = frame.toEcef(p[0] - o[0], p[1] - o[1], p[2] - o[2]);
    expect(dist(naive, t.forward(p))).toBeGreaterThan(1);
  });
});

describe('ENU frames', () => {
  it('match PROJ +proj=topocentric within 1 mm and invert exactly', () => {
    const [lon, lat, h] = REF.enu.origin;
    const frame = new EnuFrame(lon, lat, h, parseCrs('EPSG:4978').ellipsoid);
    REF.enu.ecef.forEach((p, k) => {
      const enu = frame.fromEcef(p[0], p[1], p[2]);
      expect(dist(enu, REF.enu.expected[k])).toBeLessThan(0.001);
      expect(dist(frame.toEcef(enu[0], enu[1], enu[2]), p)).toBeLessThan(1e-6);
    });
  });

  it('parses ContextCapture ENU:lat,lon and transforms through it', () => {
    const t = createTransform('ENU:29.99,106.27', 'EPSG:4979');
    const [lon, lat, h] = t.forward([0, 0, 0]);
    expect(lon).toBeCloseTo(106.27, 10);
    expect(lat).toBeCloseTo(29.99, 10);
    expect(h).toBeCloseTo(0, 6);
    const back = t.inverse(t.forward([4000, -3000, 25]));
    expect(dist(back, [4000, -3000, 25])).toBeLessThan(1e-6);
  });

  it('gives a column-major tile transform whose translation is the origin in ECEF', () => {
    const frame = new EnuFrame(106.27, 29.99, 200);
    const m = frame.toEcefMatrix();
    expect(m.slice(12, 15)).toEqual(Array.from(frame.originEcef));
    const local = [100, 200, 30];
    const viaMatrix = [0, 1, 2].map((r) => m[r] * local[0] + m[4 + r] * local[1] + m[8 + r] * local[2] + m[12 + r]);
    expect(dist(viaMatrix, frame.toEcef(100, 200, 30))).toBeLessThan(1e-6);
  });
});

describe('vertical datums', () => {
  const geoid = { kind: 'constant' as const, offset: -40.04 };

  it('refuses to cross orthometric → ellipsoidal without a geoid model, naming both sides', () => {
    expect(() => createTransform('EPSG:4544+5737', 'EPSG:4978')).toThrow(/EPSG:4544\+5737.*orthometric.*Yellow Sea 1985.*geoid/);
    expect(() => createTransform('EPSG:4979', 'EPSG:4544+5737')).toThrow(/geoid/);
  });

  it('applies h = H + N on the way to ECEF and H = h − N on the way back', () => {
    const H = 215.3;
    const p = [622555, 3319684, H];
    const ecef = transformPoint('EPSG:4544+5737', 'EPSG:4978', p, { geoid });
    const ellipsoidal = transformPoint('EPSG:4544', 'EPSG:4978', [p[0], p[1], H - 40.04]);
    expect(dist(ecef, ellipsoidal)).toBeLessThan(1e-6);
    const back = transformPoint('EPSG:4978', 'EPSG:4544+5737', ecef, { geoid });
    expect(dist(back, p)).toBeLessThan(0.001);
  });

  it('keeps orthometric heights unchanged between two CRSs on the same height datum', () => {
    const [, , z] = transformPoint('EPSG:4544+5737', 'EPSG:4490+5737', [622555, 3319684, 215.3]);
    expect(z).toBe(215.3);
  });

  it('uses a geoid grid with bilinear interpolation', () => {
    const grid = { kind: 'grid' as const, west: 106, south: 29.5, dLon: 0.5, dLat: 0.5, nx: 2, ny: 2, values: new Float32Array([-40, -39, -41, -38]) };
    const ecef = transformPoint('EPSG:4490+5737', 'EPSG:4978', [106.25, 29.75, 100], { geoid: grid });
    const expected = geodeticToEcef(106.25, 29.75, 100 + (-40 - 39 - 41 - 38) / 4);
    expect(dist(ecef, expected)).toBeLessThan(1e-4);
    expect(() => transformPoint('EPSG:4490+5737', 'EPSG:4978', [110, 29.75, 100], { geoid: grid })).toThrow(/outside the geoid grid/);
  });
});

describe('axis order', () => {
  it('records the official order and converts explicitly', () => {
    expect(parseCrs('EPSG:4547').axisOrder).toBe('north-east');
    expect(parseCrs('EPSG:4490').axisOrder).toBe('lat-lon');
    expect(parseCrs('EPSG:32648').axisOrder).toBe('east-north');
    expect(fromOfficialAxisOrder('EPSG:4547', [2493941.23, 505914.7])).toEqual([505914.7, 2493941.23]);
    expect(toOfficialAxisOrder('EPSG:4547', [505914.7, 2493941.23, 5])).toEqual([2493941.23, 505914.7, 5]);
    expect(fromOfficialAxisOrder('EPSG:32648', [1, 2])).toEqual([1, 2]);
  });
});

describe('bad input', () => {
  it('rejects unknown codes, malformed notations and non-finite points with clear messages', () => {
    expect(() => parseCrs('EPSG:9999')).toThrow(/unknown CRS code 'EPSG:9999'/);
    expect(() => parseCrs('EPSG:4544+9999')).toThrow(/unknown vertical CRS code 'EPSG:9999'/);
    expect(() => parseCrs('EPSG:abc')).toThrow(/malformed EPSG code/);
    expect(() => parseCrs('ENU:91,106')).toThrow(/latitude must be within ±90°, found 91/);
    expect(() => parseCrs('ENU:29.9')).toThrow(/expected 'ENU:<latitude>,<longitude>/);
    expect(() => parseCrs('+proj=tmerc +lon_0=abc')).toThrow(/\+lon_0 must be a number, found 'abc'/);
    expect(() => parseCrs('+proj=robin')).toThrow(/unsupported projection '\+proj=robin'/);
    expect(() => parseCrs('hello')).toThrow(/unrecognised CRS 'hello'/);
    expect(() => transformPoint('EPSG:4490', 'EPSG:4544', [Number.NaN, 30])).toThrow(/expected finite x, y/);
    expect(() => transformPoint('EPSG:4326', 'EPSG:4547', [-1, 2])).toThrow(/115\.0° from the central meridian 114° of EPSG:4547/);
    expect(() => transformPoint('EPSG:4978', 'EPSG:32648', [6378137, 0, 0])).toThrow(/from the central meridian 105°/);
  });
});

describe('custom city CRSs', () => {
  it('takes a PROJ string with a city central meridian and matches the same WKT', () => {
    const projStr = '+proj=tmerc +lat_0=0 +lon_0=104.5 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
    const wkt = 'PROJCS["Chengdu local",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",104.5],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]]';
    const a = transformPoint('EPSG:4490', projStr, [104.06, 30.67]);
    const b = transformPoint('EPSG:4490', wkt, [104.06, 30.67]);
    expect(dist(a, b)).toBeLessThan(1e-6);
    expect(a[0]).toBeLessThan(500000);
  });
});

function haveCs2cs(): boolean {
  try {
    execFileSync('cs2cs', [], { stdio: 'ignore' });
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

describe('live comparison with PROJ cs2cs', () => {
  // scripts/setup-system.sh installs proj-bin; under CI its absence is a failure, not a skip.
  const available = haveCs2cs();
  if (!available && process.env.CI) throw new Error('cs2cs (Debian proj-bin) is missing under CI: run scripts/setup-system.sh');
  it.skipIf(!available)('agrees within 1 mm on 200 pseudo-random points across China', () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pts = Array.from({ length: 200 }, () => [75 + rnd() * 60, 18 + rnd() * 35, rnd() * 3000]);
    const byZone = new Map<number, number[][]>();
    for (const p of pts) {
      const code = 4534 + Math.min(20, Math.max(0, Math.round((p[0] - 75) / 3)));
      byZone.set(code, [...(byZone.get(code) ?? []), p]);
    }
    for (const [code, list] of byZone) {
      const out = execFileSync('cs2cs', ['-f', '%.6f', 'EPSG:4490', `EPSG:${code}`], { input: list.map((p) => `${p[1]} ${p[0]} ${p[2]}`).join('\n'), encoding: 'utf8' });
      const rows = out.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
      const t = createTransform('EPSG:4490', `EPSG:${code}`);
      list.forEach((p, k) => expect(dist(t.forward(p), [rows[k][1], rows[k][0], rows[k][2]])).toBeLessThan(0.001));
    }
  });
});
