import { describe, expect, it } from 'vitest';
import { chicagoHyetograph, stormIntensity, stormPreset, LPS_PER_HA_TO_M_PER_S } from './design-storm.ts';
import { inverseDistanceWeights } from './idw.ts';

const chongqing = stormPreset('chongqing-shapingba-2014');

describe('GB 50014 storm intensity formula', () => {
  it('evaluates the Chongqing 沙坪坝 2014 formula', () => {
    // P = 10 a, t = 60 min: q = 1132 (1 + 0.958) / (65.408)^0.595 L/(s·ha), computed by hand = 184.0 L/(s·ha).
    const q = (1132 * (1 + 0.958 * 1)) / Math.pow(65.408, 0.595);
    expect(q).toBeCloseTo(184.0, 0);
    expect(stormIntensity(chongqing, 10, 3600) / LPS_PER_HA_TO_M_PER_S).toBeCloseTo(q, 9);
    // 1 L/(s·ha) = 0.36 mm/h.
    expect(stormIntensity(chongqing, 10, 3600) * 3.6e6).toBeCloseTo(q * 0.36, 9);
  });

  it('names an unknown preset', () => {
    expect(() => stormPreset('nowhere')).toThrow(/rain\.preset: unknown storm formula 'nowhere'; known: chongqing-shapingba-2014/);
  });
});

describe('Chicago hyetograph', () => {
  for (const [P, T, r, step] of [[2, 7200, 0.4, 300], [50, 3600, 0.35, 60], [5, 10800, 0.5, 600]] as const) {
    it(`P = ${P} a, ${T / 60} min, r = ${r}: total = i(T)·T and the peak block at r·T`, () => {
      const h = chicagoHyetograph(chongqing, { returnPeriod: P, duration: T, peak: r, step });
      expect(h.t.length).toBe(T / step);
      const total = h.intensity.reduce((s, i) => s + i * step, 0);
      const idf = stormIntensity(chongqing, P, T) * T;
      expect(Math.abs(total - idf) / idf).toBeLessThan(1e-12);
      const peak = h.intensity.indexOf(Math.max(...h.intensity));
      // The block holding r·T (on a block boundary, the two blocks beside it tie).
      expect([Math.floor((r * T) / step), Math.ceil((r * T) / step) - 1]).toContain(peak);
      // Intensities fall away from the peak on both sides.
      for (let k = 1; k <= peak; k++) expect(h.intensity[k]).toBeGreaterThanOrEqual(h.intensity[k - 1]);
      for (let k = peak + 1; k < h.intensity.length; k++) expect(h.intensity[k]).toBeLessThanOrEqual(h.intensity[k - 1]);
    });
  }

  it('rejects a block length that does not divide the duration', () => {
    expect(() => chicagoHyetograph(chongqing, { returnPeriod: 2, duration: 3600, peak: 0.4, step: 700 })).toThrow(/rain\.step/);
  });
});

describe('inverse-distance weighting', () => {
  it('sums weights to 1 and gives a gauge cell to its gauge alone', () => {
    const grid = { nx: 4, ny: 3, dx: 10, x0: 0, y0: 30 };
    const w = inverseDistanceWeights(grid, [{ x: 5, y: 25 }, { x: 35, y: 5 }], 2);
    const cells = 12;
    for (let c = 0; c < cells; c++) expect(w[c] + w[cells + c]).toBeCloseTo(1, 6);
    expect(w[0]).toBe(1);
    expect(w[cells + 11]).toBe(1);
    expect(w[1]).toBeGreaterThan(w[2]);
  });
});
