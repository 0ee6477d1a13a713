/**
 * River reaches and survey-style cross-sections cut from the DEM every `spacing` metres along each reach:
 * stations from the left end looking downstream, elevations 1985 datum (m), main channel between the
 * normal-water edges. EPSG:4544 metres.
 */
import { pointAlong, polylineLength, type Point } from './geometry.ts';
import { mm, source, type FeatureInput } from './feature-input.ts';
import { cellIndexAt, sampleBilinear, type RasterGrid } from './raster-grid.ts';
import type { TownPlan } from './town-plan.ts';

export interface RiverFeatureOptions {
  /** Distance between cross-sections along a reach, metres (scaled down for small towns). */
  spacing: number;
  /** Overbank width surveyed beyond each water edge, metres. */
  overbank: number;
  /** Station step, metres. */
  stationStep: number;
  manningChannel: number;
  manningBank: number;
}

export const RIVER_FEATURE_DEFAULTS: RiverFeatureOptions = { spacing: 300, overbank: 80, stationStep: 4, manningChannel: 0.03, manningBank: 0.05 };

/** Which reach flows into which (the two upper reaches meet at the confluence). */
const DOWNSTREAM: Record<string, string> = { 'jialing-upper': 'jialing-lower', fu: 'jialing-lower' };

export function riverFeatures(plan: TownPlan, grid: RasterGrid, dem: Float32Array, options: Partial<RiverFeatureOptions> = {}) {
  const o = { ...RIVER_FEATURE_DEFAULTS, ...options };
  const reaches: Array<FeatureInput<'river-reach'>> = [];
  const sections: Array<FeatureInput<'cross-section'>> = [];
  const file = 'rivers.geojson';
  const spacing = o.spacing * Math.max(0.3, Math.min(1, plan.scale));
  const overbank = o.overbank * Math.max(0.5, Math.min(1, plan.scale * 2));
  for (const river of plan.rivers) {
    const bank = +(plan.waterLevelAt(river.centerline[0][1]) + 4.5).toFixed(2);
    reaches.push({
      type: 'river-reach', id: river.id, name: river.name, source: source(file, river.id),
      geometry: { type: 'LineString', coordinates: river.centerline.map((p) => [mm(p[0]), mm(p[1])] as [number, number]) },
      manningChannel: o.manningChannel, manningLeftBank: o.manningBank, manningRightBank: o.manningBank,
      leftBankElevation: bank, rightBankElevation: bank, length: mm(polylineLength(river.centerline)),
      ...(DOWNSTREAM[river.id] ? { downstreamReach: DOWNSTREAM[river.id] } : { upstreamReach: 'jialing-upper' }),
    });
    const length = polylineLength(river.centerline);
    const half = river.halfWidth + overbank;
    for (let s = spacing / 2, n = 1; s < length; s += spacing) {
      const { point: c, dir } = pointAlong(river.centerline, s);
      const left: Point = [c[0] - dir[1] * half, c[1] + dir[0] * half];
      const right: Point = [c[0] + dir[1] * half, c[1] - dir[0] * half];
      if (cellIndexAt(grid, left[0], left[1]) < 0 || cellIndexAt(grid, right[0], right[1]) < 0) continue;
      const steps = Math.round((2 * half) / o.stationStep);
      const points: Array<[number, number]> = [];
      for (let q = 0; q <= steps; q++) {
        const t = q / steps;
        const e = left[0] + (right[0] - left[0]) * t;
        const nn = left[1] + (right[1] - left[1]) * t;
        points.push([mm(2 * half * t), mm(sampleBilinear(grid, dem, e, nn))]);
      }
      sections.push({
        type: 'cross-section', id: `${river.id}-xs${String(n++).padStart(2, '0')}`, source: source(file),
        reachId: river.id, chainage: mm(s), points,
        leftBankStation: mm(overbank), rightBankStation: mm(overbank + 2 * river.halfWidth),
        geometry: { type: 'LineString', coordinates: [[mm(left[0]), mm(left[1])], [mm(right[0]), mm(right[1])]] },
      });
    }
  }
  return { reaches, sections };
}
