/**
 * Sites for the BIM projects: whole street blocks, cleared of their generated parcels and merged into one
 * parcel per project: the first (approved) in the old town as close to a river as possible, the others on the
 * terraces. A footprint fits a block in either orientation (then rotated 90°). EPSG:4544 metres.
 */
import type { LandUseKey } from './land-use-codes.ts';
import type { Parcel } from './parcels.ts';
import { riverClearance } from './river-clearance.ts';
import type { DistrictKind, TownPlan } from './town-plan.ts';

export interface BimSiteChoice {
  projectId: string;
  parcel: Parcel;
  /** Rotation of the building's x axis from grid east, counter-clockwise, degrees. */
  rotationDeg: number;
}

/** Preferred district kinds and the land use given to the merged parcel, per project in order. */
const PREFERENCES: Array<{ kinds: DistrictKind[]; landUse: LandUseKey; nearRiver: boolean }> = [
  { kinds: ['old-town'], landUse: 'A1', nearRiver: true },
  { kinds: ['residential-terrace', 'mixed-terrace'], landUse: 'R2', nearRiver: false },
  { kinds: ['mixed-terrace', 'residential-terrace'], landUse: 'A33', nearRiver: false },
];

/** Replaces the parcels of the chosen blocks by one parcel each (in place) and returns the sites. */
export function chooseBimSites(
  plan: TownPlan, parcels: Parcel[], extents: ReadonlyArray<{ id: string; width: number; depth: number }>, margin = 3,
): BimSiteChoice[] {
  const kindOf = new Map(plan.districts.map((d) => [d.id, d.kind]));
  const blocks = new Map<string, Parcel>();
  for (const p of parcels) if (!blocks.has(p.block.id)) blocks.set(p.block.id, p);
  const taken = new Set<string>();
  const sites: BimSiteChoice[] = [];
  extents.slice(0, PREFERENCES.length).forEach((ext, k) => {
    const pref = PREFERENCES[k];
    const fits = (p: Parcel) => {
      const [w, d] = p.block.size;
      if (w >= ext.width + 2 * margin && d >= ext.depth + 2 * margin) return 0;
      if (d >= ext.width + 2 * margin && w >= ext.depth + 2 * margin) return 90;
      return undefined;
    };
    const free = [...blocks.values()].filter((p) => !taken.has(p.block.id));
    const score = (p: Parcel) => (pref.nearRiver ? riverClearance(plan.rivers, p.block.centre) : -p.block.size[0] * p.block.size[1]);
    const ranked = (list: Parcel[]) => list.slice().sort((a, b) => score(a) - score(b) || a.block.id.localeCompare(b.block.id));
    const preferred = ranked(free.filter((p) => pref.kinds.includes(kindOf.get(p.district) as DistrictKind) && fits(p) !== undefined));
    const anyFit = ranked(free.filter((p) => fits(p) !== undefined));
    const largest = free.slice().sort((a, b) => b.block.size[0] * b.block.size[1] - a.block.size[0] * a.block.size[1] || a.block.id.localeCompare(b.block.id));
    const pick = preferred[0] ?? anyFit[0] ?? largest[0];
    if (!pick) return;
    taken.add(pick.block.id);
    const merged: Parcel = {
      id: `parcel-${pick.block.id}`, district: pick.district, landUse: pref.landUse, ring: pick.block.ring, centre: pick.block.centre,
      angle: pick.angle, size: pick.block.size, area: pick.block.size[0] * pick.block.size[1], block: pick.block, bimProject: ext.id,
    };
    for (let i = parcels.length - 1; i >= 0; i--) if (parcels[i].block.id === pick.block.id) parcels.splice(i, 1);
    parcels.push(merged);
    sites.push({ projectId: ext.id, parcel: merged, rotationDeg: +((pick.angle * 180) / Math.PI + (fits(pick) ?? 0)).toFixed(3) });
  });
  return sites;
}
