import { describe, expect, it } from 'vitest';
import { classOf, DEPTH_BREAKS, DEPTH_COLORS, legendEntries } from './depth-colors.ts';
import { fitLonLatToCell, paintGrid } from './grid-raster.ts';
import { blockMean, WaterMeshBuilder } from './water-mesh.ts';

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

describe('water mesh', () => {
  // 3 × 2 grid; corners on a flat plane z = 0 with up = +z, corner (i, j) at (10 i, −10 j).
  const nx = 3, ny = 2, cw = nx + 1, n = cw * (ny + 1);
  const ground = new Float64Array(3 * n), up = new Float64Array(3 * n);
  for (let j = 0; j <= ny; j++) for (let i = 0; i <= nx; i++) {
    const c = i + j * cw;
    ground.set([10 * i, -10 * j, 100], 3 * c);
    up.set([0, 0, 1], 3 * c);
  }
  const builder = new WaterMeshBuilder({ nx, ny, ground, up });

  it('draws two triangles per wet cell, raised by the mean depth of the wet cells at each corner', () => {
    // Wet: (0, 0) 0.4 m and (1, 0) 0.2 m; (2, 1) is below the first break (dry).
    const depth = new Float32Array([0.4, 0.2, 0, 0, 0, 0.01]);
    const mesh = builder.build(depth, { breaks: DEPTH_BREAKS, colors: DEPTH_COLORS, lift: 0 });
    expect(mesh.wetCells).toBe(2);
    expect(mesh.indices).toHaveLength(12);
    expect(mesh.positions).toHaveLength(3 * 6);
    const heights = new Map<string, number>();
    for (let v = 0; v < mesh.positions.length / 3; v++) heights.set(`${mesh.positions[3 * v]},${mesh.positions[3 * v + 1]}`, mesh.positions[3 * v + 2] - 100);
    expect(heights.get('0,0')).toBeCloseTo(0.4, 6);
    expect(heights.get('10,0')).toBeCloseTo(0.3, 6);
    expect(heights.get('20,-10')).toBeCloseTo(0.2, 6);
    expect(heights.has('30,0')).toBe(false);
    // The 0.4 m corner takes the 0.3–0.5 m class colour; every index names a vertex.
    const v0 = [...heights.keys()].indexOf('0,0');
    expect([...mesh.colors.subarray(4 * v0, 4 * v0 + 4)]).toEqual([...DEPTH_COLORS[2]]);
    expect(Math.max(...mesh.indices)).toBeLessThan(6);
  });

  it('is empty for a dry frame and reuses its scratch between frames', () => {
    expect(builder.build(new Float32Array(nx * ny), { breaks: DEPTH_BREAKS, colors: DEPTH_COLORS }).wetCells).toBe(0);
    const all = builder.build(new Float32Array(nx * ny).fill(1), { breaks: DEPTH_BREAKS, colors: DEPTH_COLORS, lift: 0 });
    expect(all.positions).toHaveLength(3 * n);
    expect(all.indices).toHaveLength(6 * nx * ny);
  });
});

describe('block means', () => {
  it('keeps the volume: 3 × 2 cells in 2 × 2 blocks, partial blocks east', () => {
    const out = new Float32Array(2);
    blockMean(new Float32Array([1, 3, 5, 0, 0, 1]), 3, 2, 2, out);
    expect([...out]).toEqual([1, 3]);
  });
});
