import { describe, expect, it } from 'vitest';
import {
  compoundPlaneAngle,
  compoundPlaneAngleToDegrees,
  epsg4544ToLonLat,
  mapConversionAxis,
  trueNorthInLocal,
} from './georeference.ts';

describe('epsg4544ToLonLat', () => {
  it('puts the false easting on the central meridian 105°E and northing 0 on the equator', () => {
    const { lon, lat } = epsg4544ToLonLat(500_000, 0);
    expect(lon).toBeCloseTo(105, 9);
    expect(lat).toBeCloseTo(0, 9);
  });

  it('places Hechuan, Chongqing (≈106.27°E 30.0°N) near E 622 km N 3 320 km', () => {
    const { lon, lat } = epsg4544ToLonLat(622_500, 3_320_000);
    expect(lon).toBeGreaterThan(106.2);
    expect(lon).toBeLessThan(106.35);
    expect(lat).toBeGreaterThan(29.95);
    expect(lat).toBeLessThan(30.05);
  });
});

describe('compoundPlaneAngle', () => {
  it('splits degrees into d, m, s, millionths and back', () => {
    expect(compoundPlaneAngle(30.5)).toEqual([30, 30, 0, 0]);
    expect(compoundPlaneAngle(106.25)).toEqual([106, 15, 0, 0]);
    const parts = compoundPlaneAngle(29.987654321);
    expect(compoundPlaneAngleToDegrees(parts)).toBeCloseTo(29.987654321, 9);
  });

  it('carries the sign on every non-zero component', () => {
    expect(compoundPlaneAngle(-0.5)).toEqual([0, -30, 0, 0]);
    const parts = compoundPlaneAngle(-12.3456);
    expect(parts.every((p) => p <= 0)).toBe(true);
    expect(compoundPlaneAngleToDegrees(parts)).toBeCloseTo(-12.3456, 9);
  });
});

describe('mapConversionAxis', () => {
  it('is the unit x axis in grid components', () => {
    expect(mapConversionAxis(0)).toEqual({ abscissa: 1, ordinate: 0 });
    const a = mapConversionAxis(30);
    expect(a.abscissa).toBeCloseTo(Math.sqrt(3) / 2, 12);
    expect(a.ordinate).toBeCloseTo(0.5, 12);
  });
});

describe('trueNorthInLocal', () => {
  it('equals grid north on the central meridian when unrotated', () => {
    const [x, y] = trueNorthInLocal(500_000, 3_320_000, 0);
    expect(x).toBeCloseTo(0, 9);
    expect(y).toBeCloseTo(1, 9);
  });

  it('turns west of grid north east of the meridian by about Δlon·sin(lat)', () => {
    const { lon, lat } = epsg4544ToLonLat(622_500, 3_320_000);
    const expected = (lon - 105) * Math.sin((lat * Math.PI) / 180); // degrees, first-order convergence
    const [x, y] = trueNorthInLocal(622_500, 3_320_000, 0);
    const angleFromGridNorthCcw = (Math.atan2(-x, y) * 180) / Math.PI;
    expect(angleFromGridNorthCcw).toBeCloseTo(expected, 2);
  });

  it('rotates with the building: a 90° rotation makes local +x point (grid) north', () => {
    const [x, y] = trueNorthInLocal(500_000, 3_320_000, 90);
    expect(x).toBeCloseTo(1, 9);
    expect(y).toBeCloseTo(0, 9);
  });
});
