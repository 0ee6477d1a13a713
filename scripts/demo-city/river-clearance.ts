/**
 * Distance from a point to the nearest river's normal-water edge (metres, negative in the water), evaluated on
 * the river centrelines of the town plan. EPSG:4544 metres.
 */
import { pointPolylineDistance, type Point } from './geometry.ts';
import type { RiverPlan } from './town-plan.ts';

export function riverClearance(rivers: readonly RiverPlan[], p: Point): number {
  let best = Infinity;
  for (const r of rivers) best = Math.min(best, pointPolylineDistance(p, r.centerline).distance - r.halfWidth);
  return best;
}
