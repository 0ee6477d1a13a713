/**
 * Seeded pseudo-random numbers for the demo city: mulberry32 (Tommy Ettinger's 32-bit generator,
 * public domain). Everything random in the generator comes from here, so one seed gives byte-identical
 * output; nothing reads Math.random or the clock.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
}

/** mulberry32 seeded with `seed`; `stream` derives independent generators for separate stages. */
export function createRng(seed: number, stream = 0): Rng {
  let state = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
  };
}

/** Stage streams: each stage draws from its own generator so that changing one stage leaves the others' draws unchanged. */
export const RNG_STREAMS = { plan: 1, parcels: 2, buildings: 3, sensors: 4 } as const;
