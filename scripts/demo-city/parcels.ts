/**
 * Blocks and parcels: each street-grid cell of a district, inset by half the street widths and a setback, is a
 * block if it lies inside the district and clear of every road, river and the railway; a block splits into
 * parcels, each given a GB 50137 land-use class and planning indicators. EPSG:4544 metres.
 */
import { CorridorIndex, pointInPolygon, ringArea, type Point, type Ring } from './geometry.ts';
import { LAND_USE_CLASSES, type LandUseKey } from './land-use-codes.ts';
import { createRng, RNG_STREAMS, type Rng } from './prng.ts';
import { gridNode, type DistrictGrid, type RoadNetwork } from './road-network.ts';
import type { DistrictKind, TownPlan } from './town-plan.ts';

export interface Parcel {
  id: string;
  district: string;
  landUse: LandUseKey;
  /** Counter-clockwise rectangle, EPSG:4544. */
  ring: Ring;
  /** Local frame: centre, direction (radians from east), side lengths along e1 and e2 (m). */
  centre: Point;
  angle: number;
  size: [number, number];
  area: number;
  /** The street block the parcel was cut from: id, outline, centre and side lengths. */
  block: { id: string; ring: Ring; centre: Point; size: [number, number] };
  /** Set when a BIM project occupies the parcel: no generated buildings. */
  bimProject?: string;
}

export interface ParcelOptions {
  /** Gap between a street's edge and the block, metres. */
  setback: number;
  /** Target parcel side per district kind, metres. */
  parcelSide: Record<DistrictKind, number>;
}

export const PARCEL_DEFAULTS: ParcelOptions = {
  setback: 2,
  parcelSide: { 'old-town': 26, 'residential-terrace': 56, 'mixed-terrace': 46, industrial: 80, village: 26 },
};

const LAND_USE_MIX: Record<DistrictKind, Array<[LandUseKey, number]>> = {
  'old-town': [['R2old', 0.62], ['B1old', 0.25], ['A33', 0.04], ['A51', 0.015], ['G1', 0.045], ['G3', 0.03]],
  'residential-terrace': [['R2', 0.6], ['B1', 0.12], ['B2', 0.06], ['A33', 0.08], ['A51', 0.03], ['A1', 0.03], ['G1', 0.08]],
  'mixed-terrace': [['R2', 0.45], ['B1', 0.2], ['B2', 0.05], ['A33', 0.08], ['A51', 0.03], ['A1', 0.05], ['G1', 0.08], ['M1', 0.06]],
  industrial: [['M1', 0.55], ['W1', 0.3], ['B2', 0.05], ['G1', 0.05], ['R2', 0.05]],
  village: [['R2old', 0.9], ['B1old', 0.05], ['G1', 0.05]],
};

function pickWeighted(rng: Rng, items: Array<[LandUseKey, number]>): LandUseKey {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [k, w] of items) {
    r -= w;
    if (r <= 0) return k;
  }
  return items[items.length - 1][0];
}

/** Corridors that parcels and buildings must stay clear of: roads, rivers (with their banks) and the railway. */
export function obstacleIndex(plan: TownPlan, network: RoadNetwork): CorridorIndex {
  const index = new CorridorIndex(100);
  for (const s of network.segments) index.add({ ax: s.a[0], ay: s.a[1], bx: s.b[0], by: s.b[1], halfWidth: s.width / 2 });
  for (const r of plan.rivers) index.addPolyline(r.centerline, r.halfWidth + 15);
  index.addPolyline(plan.railway.line, plan.railway.topWidth / 2 + 2 * plan.railway.embankment + 3);
  return index;
}

export function buildParcels(plan: TownPlan, network: RoadNetwork, seed: number, options: Partial<ParcelOptions> = {}): Parcel[] {
  const o = { ...PARCEL_DEFAULTS, ...options };
  const rng = createRng(seed, RNG_STREAMS.parcels);
  const obstacles = obstacleIndex(plan, network);
  const parcels: Parcel[] = [];
  for (const g of network.grids) {
    const d = g.district;
    const lineWidth = (k: number) => (k % d.majorEvery === 0 ? d.majorWidth : d.streetWidth);
    let count = 0;
    for (let a = g.range1[0]; a < g.range1[1]; a++) {
      for (let b = g.range2[0]; b < g.range2[1]; b++) {
        const u0 = lineWidth(a) / 2 + o.setback;
        const u1 = d.pitch[0] - lineWidth(a + 1) / 2 - o.setback;
        const v0 = lineWidth(b) / 2 + o.setback;
        const v1 = d.pitch[1] - lineWidth(b + 1) / 2 - o.setback;
        const block = localRect(g, a, b, u0, v0, u1, v1);
        if (!block.every((p) => pointInPolygon(p[0], p[1], d.outline)) || !obstacles.clear(block, 0.5)) continue;
        const side = o.parcelSide[d.kind];
        const blockInfo = { id: `${d.id}-${a}-${b}`, ring: block, centre: localPoint(g, a, b, (u0 + u1) / 2, (v0 + v1) / 2), size: [u1 - u0, v1 - v0] as [number, number] };
        const nu = Math.max(1, Math.round((u1 - u0) / side));
        const nv = Math.max(1, Math.round((v1 - v0) / side));
        const nearMajor = (a % d.majorEvery === 0) || ((a + 1) % d.majorEvery === 0) || (b % d.majorEvery === 0) || ((b + 1) % d.majorEvery === 0);
        for (let iu = 0; iu < nu; iu++) {
          for (let iv = 0; iv < nv; iv++) {
            const pu0 = u0 + ((u1 - u0) * iu) / nu;
            const pu1 = u0 + ((u1 - u0) * (iu + 1)) / nu;
            const pv0 = v0 + ((v1 - v0) * iv) / nv;
            const pv1 = v0 + ((v1 - v0) * (iv + 1)) / nv;
            const ring = localRect(g, a, b, pu0, pv0, pu1, pv1);
            let landUse = pickWeighted(rng, LAND_USE_MIX[d.kind]);
            if (d.kind === 'old-town' && nearMajor && landUse === 'R2old' && rng.chance(0.35)) landUse = 'B1old';
            const c = localPoint(g, a, b, (pu0 + pu1) / 2, (pv0 + pv1) / 2);
            parcels.push({
              id: `parcel-${d.id}-${String(++count).padStart(4, '0')}`,
              district: d.id,
              landUse,
              ring,
              centre: c,
              angle: d.angle,
              size: [pu1 - pu0, pv1 - pv0],
              area: Math.abs(ringArea(ring)),
              block: blockInfo,
            });
          }
        }
      }
    }
  }
  return parcels;
}

function localPoint(g: DistrictGrid, a: number, b: number, u: number, v: number): Point {
  const o = gridNode(g, a, b);
  return [o[0] + u * g.e1[0] + v * g.e2[0], o[1] + u * g.e1[1] + v * g.e2[1]];
}

function localRect(g: DistrictGrid, a: number, b: number, u0: number, v0: number, u1: number, v1: number): Ring {
  return [localPoint(g, a, b, u0, v0), localPoint(g, a, b, u1, v0), localPoint(g, a, b, u1, v1), localPoint(g, a, b, u0, v1)];
}

/** Planning indicators of a parcel (synthetic control-plan values for its class). */
export function planningIndicators(p: Parcel) {
  const c = LAND_USE_CLASSES[p.landUse];
  return { maxFar: c.far, maxCoverage: c.coverage, minGreenRatio: c.greenRatio, heightLimit: c.heightLimit };
}
