import { describe, expect, it } from 'vitest';
import { bimProjectSpecSchema } from './bim-project-spec.ts';
import { demoBimProjects } from './demo-bim-projects.ts';

const site = (i: number) => ({ parcelId: `P-${i}`, easting: 620_000 + 100 * i, northing: 3_320_000, height: 210 + i, rotationDeg: 10 * i });

describe('demoBimProjects', () => {
  it('places one valid project per site: approved, under review, submitted', () => {
    const specs = demoBimProjects([site(0), site(1), site(2), site(3)]);
    expect(specs.map((s) => s.status)).toEqual(['approved', 'under-review', 'submitted']);
    expect(new Set(specs.map((s) => s.permitNumber)).size).toBe(3);
    specs.forEach((spec, i) => {
      expect(bimProjectSpecSchema.safeParse(spec).success).toBe(true);
      expect(spec.parcelId).toBe(`P-${i}`);
      expect(spec.origin).toEqual({ easting: 620_000 + 100 * i, northing: 3_320_000, height: 210 + i });
      expect(spec.rotationDeg).toBe(10 * i);
    });
  });

  it('drops the submitted project with two sites and refuses fewer', () => {
    expect(demoBimProjects([site(0), site(1)]).map((s) => s.status)).toEqual(['approved', 'under-review']);
    expect(() => demoBimProjects([site(0)])).toThrow(/at least 2 sites/);
  });
});
