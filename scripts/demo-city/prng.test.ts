import { describe, expect, it } from 'vitest';
import { createRng } from './prng.ts';

describe('createRng', () => {
  it('repeats for a seed and stream, and differs across seeds and streams', () => {
    const draw = (seed: number, stream: number) => Array.from({ length: 5 }, createRng(seed, stream).next);
    expect(draw(1, 0)).toEqual(draw(1, 0));
    expect(draw(1, 0)).not.toEqual(draw(2, 0));
    expect(draw(1, 0)).not.toEqual(draw(1, 1));
  });
  it('stays in range', () => {
    const rng = createRng(9);
    for (let i = 0; i < 1000; i++) {
      const v = rng.next();
      expect(v >= 0 && v < 1).toBe(true);
      const n = rng.int(2, 4);
      expect(n >= 2 && n <= 4 && Number.isInteger(n)).toBe(true);
    }
  });
});
