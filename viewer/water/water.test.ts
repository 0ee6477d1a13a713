import { describe, expect, it } from 'vitest';
import { classOf, DEPTH_BREAKS, DEPTH_COLORS, legendEntries } from './depth-colors.ts';
import { fitLonLatToCell, paintGrid } from './grid-raster.ts';

describe('depth colours', () => {
  it('classifies by the legend breaks, dry below 5 cm', () => {
    expect(classOf(0.01, DEPTH_BREAKS)).toBe(-1);
    expect(classOf(Number.NaN, DEPTH_BREAKS)).toBe(-1);
    expect(classOf(0.05, DEPTH_BREAKS)).toBe(0);
    expect(classOf(0.2, DEPTH_BREAKS)).toBe(1);
    expect(classOf(0.99, DEPTH_BREAKS)).toBe(3);
    expect(classOf(1, DEPTH_BREAKS)).toBe(4);
    expect(classOf(7, DEPTH_BREAKS)).toBe(5);
    expect(DEPTH_COLORS).toHaveLength(DEPTH_BREAKS.length);
    expect(legendEntries(DEPTH_BREAKS, DEPTH_COLORS).map((e) => e.label)).toEqual(['0.05–0.15', '0.15–0.3', '0.3–0.5', '0.5–1', '1–2', '≥ 2']);
  });
});

describe('grid raster', () => {
  it('fits an affine lon/lat → cell map exactly through its points', () => {
    const f = (lon: number, lat: number) => ({ lon, lat, col: 3 + 2 * lon - 0.5 * lat, row: -1 + 0.25 * lon - 4 * lat });
    const m = fitLonLatToCell([f(0, 0), f(1, 0.2), f(0.3, 1)]);
    const g = f(0.7, 0.4);
    expect(m.a[0] + m.a[1] * g.lon + m.a[2] * g.lat).toBeCloseTo(g.col, 10);
    expect(m.b[0] + m.b[1] * g.lon + m.b[2] * g.lat).toBeCloseTo(g.row, 10);
  });

  it('paints wet cells where they lie and leaves dry ones transparent', () => {
    // 2 × 2 grid covering lon 0..2, lat 0..2, row 0 north; only cell (1, 0) (north-east) is wet.
    const depth = new Float32Array([0, 0.6, 0, 0.01]);
    const map = { a: [0, 1, 0] as [number, number, number], b: [2, 0, -1] as [number, number, number] };
    const target = { width: 4, height: 4, rgba: new Uint8ClampedArray(64), west: 0, south: 0, east: 2, north: 2 };
    expect(paintGrid(depth, 2, 2, map, DEPTH_BREAKS, DEPTH_COLORS, target)).toBe(4);
    const alpha = (x: number, y: number) => target.rgba[4 * (x + 4 * y) + 3];
    expect([alpha(2, 0), alpha(3, 1)]).toEqual([DEPTH_COLORS[3][3], DEPTH_COLORS[3][3]]);
    expect([alpha(0, 0), alpha(1, 1), alpha(3, 3), alpha(2, 2)]).toEqual([0, 0, 0, 0]);
  });
});
