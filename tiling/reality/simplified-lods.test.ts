import { describe, expect, it } from 'vitest';
import { simplifiedLods } from './simplified-lods.ts';

describe('simplifiedLods', () => {
  it('builds coarser levels whose reported error bounds the real deviation', async () => {
    // A 101×101 grid of a gentle hill (metres).
    const n = 101;
    const positions = new Float64Array(3 * n * n);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
      const k = 3 * (j * n + i);
      positions[k] = 622000 + i;
      positions[k + 1] = 3319000 + j;
      positions[k + 2] = 200 + 5 * Math.sin(i / 15) * Math.cos(j / 20);
    }
    const idx: number[] = [];
    for (let j = 0; j < n - 1; j++) for (let i = 0; i < n - 1; i++) {
      const a = j * n + i;
      idx.push(a, a + 1, a + n + 1, a, a + n + 1, a + n);
    }
    const levels = await simplifiedLods([{ positions, indices: Uint32Array.from(idx) }]);
    expect(levels.length).toBeGreaterThanOrEqual(3);
    expect(levels[0].error).toBe(0);
    for (let l = 1; l < levels.length; l++) {
      expect(levels[l].triangles).toBeLessThan(levels[l - 1].triangles);
      expect(levels[l].error).toBeGreaterThanOrEqual(levels[l - 1].error);
      expect(levels[l].error).toBeLessThan(5);
    }
  });
});
