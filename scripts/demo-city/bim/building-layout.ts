// From a validated project spec to the building's storeys, walls, openings, spaces and slabs, all in the project's
// local engineering CRS (x, y, z in metres, z up, origin at the ground tier's centre at ±0.000).
// Conventions: exterior walls stand inside the outline (outer face on it); slabs fill the inside of the exterior walls
// with their top face at a floor level; the ground slab therefore reaches one slab thickness below ±0.000.
import type { ResolvedBimProjectSpec, Tier } from './bim-project-spec.ts';
import type { WallOpening } from './facade-openings.ts';
import { door, facadeOpenings } from './facade-openings.ts';
import { footprintPlan } from './footprint-plan.ts';
import type { Point2, Rect } from './plan-geometry.ts';
import {
  PLAN_EPSILON,
  boundsOf,
  distance,
  insetPolygon,
  isOnPolygonBoundary,
  isOnSegment,
  polygonArea,
  rectContains,
} from './plan-geometry.ts';
import type { PlanRoom } from './room-plan.ts';
import { netRoomRect, sharedBoundaries, subdivideZone } from './room-plan.ts';

export interface LayoutWall {
  /** e.g. '外墙-1F-01' (exterior), '内墙-1F-07' (interior). */
  name: string;
  external: boolean;
  /** Origin of the wall's own axes in storey x, y (m): the start of its outer face or axis. */
  origin: Point2;
  /** Unit vector of the wall's local x axis (along the wall); local y is its left normal (into the building). */
  direction: Point2;
  length: number;
  thickness: number;
  /** Local y of the wall face that openings are cut from: 0 (exterior, outer face) or −thickness/2 (interior). */
  faceY: number;
  /** Cross-section in the wall's local x, y, counter-clockwise, m. */
  profile: Point2[];
  height: number;
  openings: WallOpening[];
}

export interface LayoutSpace {
  /** Room number, e.g. '203'. */
  number: string;
  longName: string;
  /** 'core': the stair and lift room, stacked through all storeys. */
  kind: PlanRoom['kind'] | 'core';
  /** Clear floor rectangle, storey x, y (m). */
  rect: Rect;
  height: number;
}

export interface LayoutStorey {
  index: number;
  /** e.g. '3F'. */
  name: string;
  /** e.g. '3层'. */
  longName: string;
  /** Finished floor level above ±0.000, m. */
  elevation: number;
  height: number;
  tier: Tier;
  outline: Point2[];
  walls: LayoutWall[];
  spaces: LayoutSpace[];
}

export interface LayoutSlab {
  name: string;
  kind: 'FLOOR' | 'ROOF';
  /** Index of the storey that contains it: a floor belongs to the storey above, a roof to the storey below. */
  storey: number;
  /** Elevation of the top face above ±0.000, m. */
  top: number;
  thickness: number;
  outline: Point2[];
}

export interface BuildingLayout {
  storeys: LayoutStorey[];
  slabs: LayoutSlab[];
  /** Bounds of everything built: plan rectangle (m) and z range from the ground slab's underside to the roof top. */
  bounds: { plan: Rect; zMin: number; zMax: number };
}

/** Interior door size (m) and the clear wall (m) it needs at each end of its partition. */
const INTERIOR_DOOR = { width: 1, height: 2.1, endClearance: 0.3 };
/** Main entrance: a double door (m); lower in storeys under 3.3 m. */
const ENTRANCE_DOOR = { width: 2.4, height: 2.7 };

export function layoutBuilding(spec: ResolvedBimProjectSpec): BuildingLayout {
  const c = spec.construction;
  const plans = spec.tiers.map((tier) => footprintPlan(tier.footprint, tier.offset.x, tier.offset.y));
  plans.forEach((plan, i) => {
    if (i > 0 && !rectContains(boundsOf(plans[i - 1].outline), boundsOf(plan.outline)))
      throw new Error(`${spec.id}: tier ${i} '${spec.tiers[i].name}' extends beyond the tier below it`);
  });
  const roomsByTier = plans.map((plan) => plan.zones.flatMap((zone) => subdivideZone(zone, c)));
  // The core sits in the top tier's room nearest its centre; lower tiers use the room under that one's centre.
  const top = spec.tiers.length - 1;
  const topCore = roomsByTier[top][nearestRoom(roomsByTier[top], [spec.tiers[top].offset.x, spec.tiers[top].offset.y])];
  const corePoint: Point2 = [(topCore.rect.x0 + topCore.rect.x1) / 2, (topCore.rect.y0 + topCore.rect.y1) / 2];

  const storeys: LayoutStorey[] = [];
  let elevation = 0;
  spec.tiers.forEach((tier, tierIndex) => {
    const plan = plans[tierIndex];
    const rooms = roomsByTier[tierIndex];
    const core = nearestRoom(rooms, corePoint);
    const junctions = sharedBoundaries(rooms).flatMap(({ a, b }) => [a, b]).filter((p) => isOnPolygonBoundary(p, plan.outline));
    for (let k = 0; k < tier.storeys; k++) {
      const index = storeys.length;
      const name = `${index + 1}F`;
      const exterior = exteriorWalls(plan.outline, junctions, tier.storeyHeight, name, spec, index === 0);
      const interior = interiorWalls(rooms, plan.outline, tier.storeyHeight, name, spec);
      const spaces = rooms.map(
        (room, i): LayoutSpace => ({
          number: `${index + 1}${String(i + 1).padStart(2, '0')}`,
          longName: i === core ? '楼梯电梯间' : room.kind === 'corridor' ? '走廊' : tier.use,
          kind: i === core ? 'core' : room.kind,
          rect: netRoomRect(room.rect, plan.outline, c.exteriorWallThickness, c.interiorWallThickness),
          height: tier.storeyHeight - c.slabThickness,
        }),
      );
      storeys.push({
        index,
        name,
        longName: `${index + 1}层`,
        elevation,
        height: tier.storeyHeight,
        tier,
        outline: plan.outline,
        walls: [...exterior, ...interior],
        spaces,
      });
      elevation += tier.storeyHeight;
    }
  });
  return {
    storeys,
    slabs: slabs(storeys, spec),
    bounds: { plan: boundsOf(storeys[0].outline), zMin: -c.slabThickness, zMax: elevation },
  };
}

/** Index of the room (not corridor) whose centre is nearest to `point`. */
function nearestRoom(rooms: readonly PlanRoom[], point: Point2): number {
  let best = -1;
  let bestDistance = Infinity;
  rooms.forEach(({ rect, kind }, i) => {
    const d = distance([(rect.x0 + rect.x1) / 2, (rect.y0 + rect.y1) / 2], point);
    if (kind === 'room' && d < bestDistance - PLAN_EPSILON) [best, bestDistance] = [i, d];
  });
  return best;
}

/**
 * One wall per outline edge, mitred at the corners so neighbours neither overlap nor leave gaps. `junctions` are the
 * points where interior walls meet the outline; windows keep clear of them.
 */
function exteriorWalls(
  outline: readonly Point2[],
  junctions: readonly Point2[],
  height: number,
  storeyName: string,
  spec: ResolvedBimProjectSpec,
  hasEntrance: boolean,
): LayoutWall[] {
  const c = spec.construction;
  const t = c.exteriorWallThickness;
  const inner = insetPolygon(outline, t);
  const facade = { ...c, cornerMargin: t + 0.6, junctionClearance: c.interiorWallThickness / 2 + 0.4 };
  const entrance = { width: ENTRANCE_DOOR.width, height: Math.min(ENTRANCE_DOOR.height, height - 0.6) };
  return outline.map((start, i) => {
    const j = (i + 1) % outline.length;
    const end = outline[j];
    const length = distance(start, end);
    const direction: Point2 = [(end[0] - start[0]) / length, (end[1] - start[1]) / length];
    const toLocal = (p: Point2): Point2 => {
      const dx = p[0] - start[0];
      const dy = p[1] - start[1];
      return [dx * direction[0] + dy * direction[1], -dx * direction[1] + dy * direction[0]];
    };
    const along = junctions.filter((p) => isOnSegment(p, start, end)).map((p) => toLocal(p)[0]);
    return {
      name: `外墙-${storeyName}-${String(i + 1).padStart(2, '0')}`,
      external: true,
      origin: start,
      direction,
      length,
      thickness: t,
      faceY: 0,
      profile: [[0, 0], [length, 0], toLocal(inner[j]), toLocal(inner[i])],
      height,
      // The main entrance is in the first (front) façade of the ground floor.
      openings: facadeOpenings(length, height, facade, {
        junctions: along,
        entrance: hasEntrance && i === 0 ? entrance : undefined,
      }),
    };
  });
}

/** Partitions between rooms; ends that meet the outline stop at the inner face of the exterior wall. */
function interiorWalls(
  rooms: readonly PlanRoom[],
  outline: readonly Point2[],
  height: number,
  storeyName: string,
  spec: ResolvedBimProjectSpec,
): LayoutWall[] {
  const { interiorWallThickness: t, exteriorWallThickness: te } = spec.construction;
  const partitions = sharedBoundaries(rooms);
  const nextToCorridor = new Set<number>();
  for (const { rooms: [i, j] } of partitions) {
    if (rooms[i].kind === 'corridor') nextToCorridor.add(j);
    if (rooms[j].kind === 'corridor') nextToCorridor.add(i);
  }
  return partitions.map(({ a, b, rooms: [i, j] }, n) => {
    const length0 = distance(a, b);
    const direction: Point2 = [(b[0] - a[0]) / length0, (b[1] - a[1]) / length0];
    const trimStart = isOnPolygonBoundary(a, outline) ? te : 0;
    const trimEnd = isOnPolygonBoundary(b, outline) ? te : 0;
    const origin: Point2 = [a[0] + direction[0] * trimStart, a[1] + direction[1] * trimStart];
    const length = length0 - trimStart - trimEnd;
    // Rooms open onto the corridor; rooms of a corridor-less zone open into each other.
    const corridorSide = rooms[i].kind === 'corridor' || rooms[j].kind === 'corridor';
    const wantsDoor = corridorSide || (!nextToCorridor.has(i) && !nextToCorridor.has(j));
    const fits = length >= INTERIOR_DOOR.width + 2 * INTERIOR_DOOR.endClearance;
    return {
      name: `内墙-${storeyName}-${String(n + 1).padStart(2, '0')}`,
      external: false,
      origin,
      direction,
      length,
      thickness: t,
      faceY: -t / 2,
      profile: [[0, -t / 2], [length, -t / 2], [length, t / 2], [0, t / 2]],
      height,
      openings: wantsDoor && fits ? [door(length / 2, INTERIOR_DOOR.width, INTERIOR_DOOR.height)] : [],
    };
  });
}

/**
 * One slab per floor level 0…N. Level j covers the storey below it (it is that storey's ceiling), or the ground
 * storey for j = 0. The top level, and a level where a smaller tier starts (e.g. a podium roof), are roofs.
 */
function slabs(storeys: readonly LayoutStorey[], spec: ResolvedBimProjectSpec): LayoutSlab[] {
  const { slabThickness, exteriorWallThickness } = spec.construction;
  const out: LayoutSlab[] = [];
  for (let j = 0; j <= storeys.length; j++) {
    const covered = storeys[Math.max(0, j - 1)];
    const above = storeys[j];
    const isRoof = j > 0 && (!above || above.tier !== covered.tier);
    out.push({
      name: isRoof ? `屋面板-${covered.name}` : `楼板-${above.name}`,
      kind: isRoof ? 'ROOF' : 'FLOOR',
      storey: isRoof ? j - 1 : j,
      top: above ? above.elevation : covered.elevation + covered.height,
      thickness: slabThickness,
      outline: insetPolygon(covered.outline, exteriorWallThickness),
    });
  }
  return out;
}

/** Gross floor area of a storey (m²), inside the outline. */
export function storeyGrossArea(storey: LayoutStorey): number {
  return polygonArea(storey.outline);
}
