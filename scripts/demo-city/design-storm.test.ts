import { describe, expect, it } from 'vitest';
import { chicagoStorm, stormIntensity } from './design-storm.ts';

describe('design storm', () => {
  it('evaluates the Chongqing formula', () => {
    // P = 1 year, t = 10 min: 1132 / 15.408^0.595
    expect(stormIntensity(1, 10)).toBeCloseTo(1132 / 15.408 ** 0.595, 6);
  });
  it('builds a 2 h, 50-year Chicago hyetograph whose depth equals the formula depth', () => {
    const storm = chicagoStorm();
    expect(storm.intensity).toHaveLength(24);
    const depth = storm.intensity.reduce((s, i) => s + (i * 5) / 60, 0);
    expect(depth).toBeCloseTo(stormIntensity(50, 120) * 0.006 * 120, 6);
    expect(storm.intensity.indexOf(storm.peakIntensity)).toBe(9); // the step holding t = 48 min
  });
});
