// Rooms of one storey: each zone becomes a row of rooms, or two rows either side of a central corridor when it is
// deep enough; partitions are the boundaries two rooms share. Local x, y in metres.
import type { Point2, Rect } from './plan-geometry.ts';
import { PLAN_EPSILON, overlapsPolygonBoundary } from './plan-geometry.ts';

export interface PlanRoom {
  /** Rectangle between wall axes / outer faces, m. */
  rect: Rect;
  kind: 'room' | 'corridor';
}

export interface RoomPlanOptions {
  roomBay: number;
  corridorWidth: number;
  corridorMinDepth: number;
}

/** Splits a zone along its long axis into rooms about `roomBay` wide, around a central corridor if deep enough. */
export function subdivideZone(zone: Rect, { roomBay, corridorWidth, corridorMinDepth }: RoomPlanOptions): PlanRoom[] {
  const alongX = zone.x1 - zone.x0 >= zone.y1 - zone.y0;
  // Work in (long, short) coordinates, then map back.
  const [l0, l1, s0, s1] = alongX ? [zone.x0, zone.x1, zone.y0, zone.y1] : [zone.y0, zone.y1, zone.x0, zone.x1];
  const toRect = (a0: number, a1: number, b0: number, b1: number): Rect =>
    alongX ? { x0: a0, x1: a1, y0: b0, y1: b1 } : { x0: b0, x1: b1, y0: a0, y1: a1 };
  const count = Math.max(1, Math.round((l1 - l0) / roomBay));
  const row = (b0: number, b1: number): PlanRoom[] =>
    Array.from({ length: count }, (_, i) => ({
      rect: toRect(l0 + ((l1 - l0) * i) / count, l0 + ((l1 - l0) * (i + 1)) / count, b0, b1),
      kind: 'room' as const,
    }));
  if (s1 - s0 < corridorMinDepth) return row(s0, s1);
  const c0 = (s0 + s1) / 2 - corridorWidth / 2;
  const c1 = c0 + corridorWidth;
  return [...row(s0, c0), { rect: toRect(l0, l1, c0, c1), kind: 'corridor' }, ...row(c1, s1)];
}

export interface Partition {
  a: Point2;
  b: Point2;
  /** Indices of the two rooms it separates. */
  rooms: [number, number];
}

/** Every stretch of boundary shared by two rooms (rooms tile the plan, so these are the interior walls). */
export function sharedBoundaries(rooms: readonly PlanRoom[]): Partition[] {
  const out: Partition[] = [];
  for (let i = 0; i < rooms.length; i++) {
    for (let j = i + 1; j < rooms.length; j++) {
      const p = rooms[i].rect;
      const q = rooms[j].rect;
      const yLo = Math.max(p.y0, q.y0);
      const yHi = Math.min(p.y1, q.y1);
      const xLo = Math.max(p.x0, q.x0);
      const xHi = Math.min(p.x1, q.x1);
      const touchX = Math.abs(p.x1 - q.x0) <= PLAN_EPSILON ? p.x1 : Math.abs(p.x0 - q.x1) <= PLAN_EPSILON ? p.x0 : null;
      const touchY = Math.abs(p.y1 - q.y0) <= PLAN_EPSILON ? p.y1 : Math.abs(p.y0 - q.y1) <= PLAN_EPSILON ? p.y0 : null;
      if (touchX !== null && yHi - yLo > PLAN_EPSILON) out.push({ a: [touchX, yLo], b: [touchX, yHi], rooms: [i, j] });
      else if (touchY !== null && xHi - xLo > PLAN_EPSILON) out.push({ a: [xLo, touchY], b: [xHi, touchY], rooms: [i, j] });
    }
  }
  return out;
}

/** Net (clear) rectangle of a room: sides on the outline lose the exterior wall, others half an interior wall. */
export function netRoomRect(rect: Rect, outline: readonly Point2[], exteriorWall: number, interiorWall: number): Rect {
  const inset = (a: Point2, b: Point2): number =>
    overlapsPolygonBoundary(a, b, outline) ? exteriorWall : interiorWall / 2;
  return {
    x0: rect.x0 + inset([rect.x0, rect.y0], [rect.x0, rect.y1]),
    x1: rect.x1 - inset([rect.x1, rect.y0], [rect.x1, rect.y1]),
    y0: rect.y0 + inset([rect.x0, rect.y0], [rect.x1, rect.y0]),
    y1: rect.y1 - inset([rect.x0, rect.y1], [rect.x1, rect.y1]),
  };
}
