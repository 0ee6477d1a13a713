import { describe, expect, it } from 'vitest';
import { CIM_LEVELS, CimLevelSchema, cimLevelInfo } from './cim-levels.ts';
import { FEATURE_TYPES, defaultCimLevel } from './cim-feature.ts';

describe('CIM levels', () => {
  it('lists levels 1–7 in order with English and Chinese names', () => {
    expect(CIM_LEVELS.map((l) => l.level)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(cimLevelInfo(1).nameZh).toBe('地表模型');
    expect(cimLevelInfo(7).nameZh).toBe('零件级模型');
    for (const l of CIM_LEVELS) expect(l.name.length * l.nameZh.length * l.description.length).toBeGreaterThan(0);
  });

  it('accepts only integers 1–7', () => {
    expect(CimLevelSchema.safeParse(4).success).toBe(true);
    for (const bad of [0, 8, 2.5, '3']) expect(CimLevelSchema.safeParse(bad).success).toBe(false);
    expect(() => cimLevelInfo(9)).toThrow('CIM level must be an integer 1–7, found 9');
  });

  it('gives every feature type a default level, terrain at 1 and BIM elements at component level 6', () => {
    for (const type of FEATURE_TYPES) expect(CimLevelSchema.safeParse(defaultCimLevel(type)).success).toBe(true);
    expect(defaultCimLevel('terrain')).toBe(1);
    expect(defaultCimLevel('reality-mesh')).toBe(3);
    expect(defaultCimLevel('bim-element')).toBe(6);
  });
});
