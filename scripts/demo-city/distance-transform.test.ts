import { describe, expect, it } from 'vitest';
import { distanceTransform } from './distance-transform.ts';
import { createRng } from './prng.ts';

describe('distanceTransform', () => {
  it('matches brute force distances and labels on a random grid', () => {
    const grid = { west: 0, north: 0, cellSize: 2, nx: 23, ny: 17 };
    const rng = createRng(3);
    const seeds = new Uint8Array(grid.nx * grid.ny).map(() => (rng.chance(0.03) ? 1 : 0));
    seeds[5] = 1;
    const { distance, nearest } = distanceTransform(grid, seeds);
    const seedCells = [...seeds.keys()].filter((k) => seeds[k]);
    for (let k = 0; k < seeds.length; k++) {
      const d = Math.min(...seedCells.map((s) => Math.hypot((s % grid.nx) - (k % grid.nx), Math.floor(s / grid.nx) - Math.floor(k / grid.nx))));
      expect(distance[k]).toBeCloseTo(d * grid.cellSize, 4);
      const l = nearest[k];
      expect(Math.hypot((l % grid.nx) - (k % grid.nx), Math.floor(l / grid.nx) - Math.floor(k / grid.nx))).toBeCloseTo(d, 6);
    }
  });

  it('reports infinity and no label without seeds', () => {
    const { distance, nearest } = distanceTransform({ west: 0, north: 0, cellSize: 1, nx: 4, ny: 3 }, new Uint8Array(12));
    expect(distance.every((d) => d === Infinity)).toBe(true);
    expect(nearest.every((l) => l === -1)).toBe(true);
  });
});
