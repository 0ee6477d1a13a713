import { describe, expect, it } from 'vitest';
import { DEMO_CITY_DEFAULTS, parseDemoCityOptions } from './demo-city-options.ts';

describe('parseDemoCityOptions', () => {
  it('applies defaults and coerces command-line strings', () => {
    expect(parseDemoCityOptions({})).toEqual(DEMO_CITY_DEFAULTS);
    expect(parseDemoCityOptions({ seed: '7', size: '900', cell: '1' })).toMatchObject({ seed: 7, size: 900, cell: 1 });
  });
  it.each([
    [{ seed: 'abc' }, "--seed: expected a non-negative integer, found 'abc'"],
    [{ seed: '-3' }, "--seed: expected a non-negative integer, found '-3'"],
    [{ seed: '1.5' }, "--seed: expected a non-negative integer, found '1.5'"],
    [{ size: '20' }, "--size: expected 800–10000 m (smaller extents cannot hold the town plan), found '20'"],
    [{ cell: '5' }, "--cell: expected 0.5–2 m (a DEM cell of 2 m or finer), found '5'"],
    [{ size: '10000', cell: '1' }, "--cell: expected at least size / 6000 = 1.67 m for --size 10000, found '1'"],
    [{ output: '' }, "--output: expected an output directory path, found ''"],
  ])('rejects %o', (raw, message) => {
    expect(() => parseDemoCityOptions(raw)).toThrow(message);
  });
});
