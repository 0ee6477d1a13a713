/**
 * Emergency shelters (GB 51143-2015) on high ground: schools, parks and squares whose ground lies at least
 * `freeboard` metres above the 100-year flood level. Capacity from the effective area per person of the class.
 */
import { closedRing, mm, source, type FeatureInput } from './feature-input.ts';
import type { Parcel } from './parcels.ts';
import { sampleBilinear, type RasterGrid } from './raster-grid.ts';
import type { TownPlan } from './town-plan.ts';

export interface ShelterOptions {
  /** Height above the 100-year flood level, metres. */
  freeboard: number;
  /** Largest number of shelters and the least distance between them, metres. */
  count: number;
  spacing: number;
  /** Effective share of the site area and area per person, m² (GB 51143-2015 table 3.1.x: 1.5–3 m²). */
  effectiveShare: number;
  areaPerPerson: number;
}

export const SHELTER_DEFAULTS: ShelterOptions = { freeboard: 3, count: 8, spacing: 350, effectiveShare: 0.6, areaPerPerson: 2 };

const NAMES: Record<string, string> = { A33: 'School', G1: 'Park', G3: 'Square' };

export function chooseShelters(plan: TownPlan, parcels: readonly Parcel[], grid: RasterGrid, dem: Float32Array, options: Partial<ShelterOptions> = {}) {
  const o = { ...SHELTER_DEFAULTS, ...options };
  const spacing = o.spacing * Math.max(0.3, Math.min(1, plan.scale));
  const safe = plan.floodLevels.hundredYear + o.freeboard;
  const candidates = parcels
    .filter((p) => p.landUse === 'A33' || p.landUse === 'G1' || p.landUse === 'G3')
    .map((p) => ({ p, ground: sampleBilinear(grid, dem, p.centre[0], p.centre[1]) }))
    .filter((c) => c.ground >= safe)
    .sort((a, b) => b.p.area - a.p.area || a.p.id.localeCompare(b.p.id));
  const chosen: typeof candidates = [];
  for (const c of candidates) {
    if (chosen.length >= o.count) break;
    if (chosen.every((d) => Math.hypot(d.p.centre[0] - c.p.centre[0], d.p.centre[1] - c.p.centre[1]) >= spacing)) chosen.push(c);
  }
  return chosen.map(({ p, ground }, k): FeatureInput<'shelter'> => {
    const area = p.area * o.effectiveShare;
    const indoor = p.landUse === 'A33';
    return {
      type: 'shelter', id: `shelter-${String(k + 1).padStart(2, '0')}`, source: source('shelters.geojson', p.id),
      name: `${NAMES[p.landUse]} shelter ${k + 1} (${p.district})`,
      geometry: { type: 'Polygon', coordinates: [closedRing(p.ring)] },
      kind: indoor || area >= 5000 ? 'fixed' : 'emergency',
      capacity: Math.max(1, Math.floor(area / o.areaPerPerson)),
      area: mm(area), indoor, groundElevation: mm(ground),
      attributes: { parcelId: p.id, landUse: p.landUse },
    };
  });
}
