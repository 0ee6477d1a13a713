/**
 * The town plan: where the rivers, districts, railway, arterials and planted low spots are. A confluence town
 * modelled on Hechuan (Chongqing): the wider Jialing from the north-west and the Fu from the north-east meet
 * south of a low-lying old town; newer districts sit on the terraces, hills rise at the edges.
 * The plan is laid out on a unit square (u east, v north) over the extent and scaled to metres, so small test
 * towns keep the same structure. All coordinates EPSG:4544 [easting, northing], metres.
 */
import { smoothPolyline, type Point, type Ring } from './geometry.ts';
import { createRng, RNG_STREAMS } from './prng.ts';

export interface RiverPlan {
  id: string;
  name: string;
  /** Centreline from upstream to downstream, EPSG:4544. */
  centerline: Point[];
  /** Half of the water width at normal level, metres. */
  halfWidth: number;
  /** Bed depth below the normal water level at the centreline, metres. */
  depth: number;
}

export type DistrictKind = 'old-town' | 'residential-terrace' | 'mixed-terrace' | 'industrial' | 'village';

export interface DistrictPlan {
  id: string;
  name: string;
  kind: DistrictKind;
  /** Counter-clockwise outline, EPSG:4544. */
  outline: Ring;
  /** Street grid direction, radians anticlockwise from east. */
  angle: number;
  /** Block pitch along and across the grid direction (road centre to road centre), metres. */
  pitch: [number, number];
  /** Width of ordinary streets and of every `majorEvery`-th (major) street, metres. */
  streetWidth: number;
  majorWidth: number;
  majorEvery: number;
}

export interface ArterialPlan {
  id: string;
  name: string;
  line: Point[];
  width: number;
  /** Bridges cross water: not burnt into the DEM, no drains. */
  bridge: boolean;
}

export interface TownPlan {
  /** Extent, EPSG:4544 metres. */
  west: number;
  south: number;
  size: number;
  /** Scale of the plan relative to the 3 km reference town. */
  scale: number;
  rivers: RiverPlan[];
  /** Normal water level (1985 height datum, metres) as a function of northing: falls downstream (south). */
  waterLevelAt(northing: number): number;
  districts: DistrictPlan[];
  arterials: ArterialPlan[];
  railway: { line: Point[]; embankment: number; topWidth: number };
  /** The arterial passing under the railway and the crossing point. */
  underpass: { arterialId: string; at: Point; depth: number; halfLength: number };
  /** Planted closed depressions (ponding hot spots): centre, radius, depth. */
  depressions: Array<{ id: string; at: Point; radius: number; depth: number }>;
  /** Design flood levels (1985 datum, m) used for shelters and river gauge thresholds; synthetic. */
  floodLevels: { warning: number; guarantee: number; hundredYear: number };
}

/** Normal water level at the south edge and its rise per unit v (north), metres. */
const WATER_LEVEL = { south: 199.8, risePerExtent: 0.8 };

export function planTown(west: number, south: number, size: number, seed: number): TownPlan {
  const rng = createRng(seed, RNG_STREAMS.plan);
  const scale = size / 3000;
  const jitter = () => rng.range(-0.012, 0.012);
  const P = (u: number, v: number, fixed = false): Point => [west + (u + (fixed ? 0 : jitter())) * size, south + (v + (fixed ? 0 : jitter())) * size];
  const confluence = P(0.52, 0.3);
  const river = (id: string, name: string, ctrl: Point[], halfWidth: number, depth: number): RiverPlan => ({
    id,
    name,
    centerline: smoothPolyline(ctrl, 12),
    halfWidth: Math.max(12, halfWidth * scale),
    depth,
  });
  const rivers = [
    river('jialing-upper', 'Jialing River (above the confluence)', [P(-0.02, 0.72, true), P(0.16, 0.63), P(0.29, 0.5), P(0.41, 0.37), confluence], 85, 5.5),
    river('fu', 'Fu River', [P(1.02, 0.8, true), P(0.86, 0.67), P(0.75, 0.53), P(0.63, 0.38), confluence], 55, 4.5),
    river('jialing-lower', 'Jialing River (below the confluence)', [confluence, P(0.56, 0.18), P(0.6, 0.08), P(0.63, -0.02, true)], 110, 6),
  ];
  const waterLevelAt = (n: number) => WATER_LEVEL.south + (WATER_LEVEL.risePerExtent * (n - south)) / size;
  const deg = Math.PI / 180;
  // Street blocks keep their real size in small test towns (fewer blocks, not smaller ones).
  const m = (x: number) => x;
  const districts: DistrictPlan[] = [
    {
      id: 'old-town', name: 'Old town (lower terrace)', kind: 'old-town',
      outline: [P(0.4, 0.36, true), P(0.52, 0.3, true), P(0.64, 0.37, true), P(0.74, 0.5, true), P(0.68, 0.55, true), P(0.36, 0.55, true), P(0.29, 0.5, true)],
      angle: 4 * deg, pitch: [m(62), m(50)], streetWidth: 9, majorWidth: 16, majorEvery: 3,
    },
    {
      id: 'north-terrace', name: 'North terrace new district', kind: 'residential-terrace',
      outline: [P(0.3, 0.6, true), P(0.74, 0.6, true), P(0.84, 0.72, true), P(0.76, 0.9, true), P(0.4, 0.92, true), P(0.22, 0.76, true)],
      angle: 12 * deg, pitch: [m(150), m(120)], streetWidth: 16, majorWidth: 30, majorEvery: 3,
    },
    {
      id: 'west-bank', name: 'West bank terrace', kind: 'mixed-terrace',
      outline: [P(0.03, 0.03, true), P(0.56, 0.02, true), P(0.5, 0.18, true), P(0.44, 0.27, true), P(0.35, 0.33, true), P(0.23, 0.45, true), P(0.12, 0.56, true), P(0.03, 0.58, true)],
      angle: -22 * deg, pitch: [m(115), m(95)], streetWidth: 14, majorWidth: 24, majorEvery: 3,
    },
    {
      id: 'east-bank', name: 'East bank industrial park', kind: 'industrial',
      outline: [P(0.7, 0.08, true), P(0.97, 0.06, true), P(0.97, 0.55, true), P(0.84, 0.6, true), P(0.7, 0.42, true)],
      angle: 8 * deg, pitch: [m(190), m(140)], streetWidth: 16, majorWidth: 26, majorEvery: 2,
    },
    {
      id: 'north-west-terrace', name: 'Nanjin terrace', kind: 'mixed-terrace',
      outline: [P(0.0, 0.64, true), P(0.26, 0.6, true), P(0.22, 0.76, true), P(0.0, 0.78, true)],
      angle: 18 * deg, pitch: [m(110), m(90)], streetWidth: 14, majorWidth: 22, majorEvery: 3,
    },
    {
      id: 'north-west-village', name: 'Huilong village', kind: 'village',
      outline: [P(0.02, 0.8, true), P(0.2, 0.78, true), P(0.22, 0.97, true), P(0.02, 0.98, true)],
      angle: 30 * deg, pitch: [m(70), m(52)], streetWidth: 7, majorWidth: 10, majorEvery: 4,
    },
    {
      id: 'north-east-village', name: 'Shuanglong village', kind: 'village',
      outline: [P(0.82, 0.86, true), P(0.98, 0.84, true), P(0.98, 0.98, true), P(0.8, 0.98, true)],
      angle: -15 * deg, pitch: [m(70), m(52)], streetWidth: 7, majorWidth: 10, majorEvery: 4,
    },
  ];
  const railwayLine: Point[] = [P(-0.01, 0.575, true), P(1.01, 0.575, true)];
  const arterialA1: Point[] = [P(0.515, 0.54, true), P(0.515, 0.575, true), P(0.52, 0.61, true)];
  const arterials: ArterialPlan[] = [
    { id: 'a1', name: 'Jiaxing Avenue (north–south arterial)', line: arterialA1, width: 24, bridge: false },
    { id: 'bridge-jialing', name: 'Jialing Bridge', line: [P(0.38, 0.45, true), P(0.17, 0.36, true)], width: 20, bridge: true },
    { id: 'bridge-fu', name: 'Fu River Bridge', line: [P(0.645, 0.47, true), P(0.82, 0.44, true)], width: 18, bridge: true },
  ];
  const underpassAt: Point = P(0.515, 0.575, true);
  const depressions = [
    { id: 'depression-old-town', at: P(0.5, 0.44, true), radius: m(38), depth: 1.3 },
    { id: 'depression-north', at: P(0.6, 0.7, true), radius: m(45), depth: 1.2 },
    { id: 'depression-west', at: P(0.17, 0.25, true), radius: m(40), depth: 1.4 },
  ];
  const wlTown = waterLevelAt(confluence[1]);
  return {
    west, south, size, scale, rivers, waterLevelAt, districts, arterials,
    railway: { line: railwayLine, embankment: 4, topWidth: 10 },
    underpass: { arterialId: 'a1', at: underpassAt, depth: 4, halfLength: m(70) },
    depressions,
    floodLevels: { warning: +(wlTown + 5).toFixed(2), guarantee: +(wlTown + 7.5).toFixed(2), hundredYear: +(wlTown + 9).toFixed(2) },
  };
}
