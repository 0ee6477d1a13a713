/**
 * Building footprints: each parcel is filled by its land-use class's building programme (land-use-codes.ts):
 * a grid of slots inside the parcel setback, one rectangle per occupied slot, so buildings never overlap each
 * other and stay inside their parcel (and so clear of roads, rivers and the railway, which parcels avoid).
 * Heights from floors × floor height; base elevation = lowest DEM cell under the footprint (1985 datum, m).
 */
import { CorridorIndex, ringArea, rotatedRect, type Point, type Ring } from './geometry.ts';
import { BUILDING_PROGRAMMES, LAND_USE_CLASSES, type LandUseClass } from './land-use-codes.ts';
import type { Parcel } from './parcels.ts';
import { createRng, RNG_STREAMS } from './prng.ts';
import { fillPolygon } from './rasterize.ts';
import { sampleBilinear, type RasterGrid } from './raster-grid.ts';

export interface Building {
  id: string;
  parcelId: string;
  use: LandUseClass['buildingUse'];
  /** Counter-clockwise rectangle, EPSG:4544. */
  ring: Ring;
  centre: Point;
  angle: number;
  size: [number, number];
  floors: number;
  /** Height above base, metres. */
  height: number;
  /** Ground elevation at the footprint (lowest DEM cell), orthometric, metres. */
  base: number;
  footprintArea: number;
}

export function buildBuildings(parcels: readonly Parcel[], obstacles: CorridorIndex, seed: number): Building[] {
  const rng = createRng(seed, RNG_STREAMS.buildings);
  const out: Building[] = [];
  for (const p of parcels) {
    const prog = BUILDING_PROGRAMMES[p.landUse];
    const use = LAND_USE_CLASSES[p.landUse].buildingUse;
    const w = p.size[0] - 2 * prog.setback;
    const h = p.size[1] - 2 * prog.setback;
    if (w < 6 || h < 6) continue;
    const nu = Math.max(1, Math.round(w / prog.slot[0]));
    const nv = Math.max(1, Math.round(h / prog.slot[1]));
    const su = w / nu;
    const sv = h / nv;
    const c = Math.cos(p.angle);
    const s = Math.sin(p.angle);
    for (let iu = 0; iu < nu; iu++) {
      for (let iv = 0; iv < nv; iv++) {
        if (!rng.chance(prog.probability)) continue;
        const bw = Math.min(su - 1.2, su * rng.range(prog.fill[0], prog.fill[1]) + (prog.slot[0] < 20 ? 2 : 0));
        const bh = Math.min(sv - 1.2, sv * rng.range(prog.fill[0], prog.fill[1]) + (prog.slot[1] < 20 ? 2 : 0));
        if (bw < 4 || bh < 4) continue;
        // Slot centre in the parcel frame, jittered within the free margin.
        const lu = -w / 2 + su * (iu + 0.5) + rng.range(-0.5, 0.5) * (su - 1.2 - bw);
        const lv = -h / 2 + sv * (iv + 0.5) + rng.range(-0.5, 0.5) * (sv - 1.2 - bh);
        const cx = p.centre[0] + lu * c - lv * s;
        const cy = p.centre[1] + lu * s + lv * c;
        const ring = rotatedRect(cx, cy, bw, bh, p.angle);
        if (!obstacles.clear(ring, 1)) continue;
        const floors = rng.int(prog.floors[0], prog.floors[1]);
        out.push({
          id: `bldg-${String(out.length + 1).padStart(5, '0')}`,
          parcelId: p.id,
          use,
          ring,
          centre: [cx, cy],
          angle: p.angle,
          size: [bw, bh],
          floors,
          height: +(floors * prog.floorHeight + rng.range(0.3, 1.8)).toFixed(1),
          base: 0,
          footprintArea: Math.abs(ringArea(ring)),
        });
      }
    }
  }
  return out;
}

/** Set each building's base to the lowest DEM value under its footprint (cells whose centre is inside it). */
export function setBuildingBases(buildings: Building[], grid: RasterGrid, dem: Float32Array): void {
  for (const b of buildings) {
    let low = Infinity;
    fillPolygon(grid, b.ring, (k) => { low = Math.min(low, dem[k]); });
    if (!Number.isFinite(low)) low = sampleBilinear(grid, dem, b.centre[0], b.centre[1]);
    b.base = Math.round(low * 100) / 100;
  }
}
