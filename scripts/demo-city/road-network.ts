/**
 * The road network: a street grid per district (its own direction and block pitch, major streets every few
 * lines), riverside roads along the banks, the north–south arterial through the railway underpass, and two
 * bridges. Grid streets stop at the riverside road. Crossing streets share their crossing vertex exactly, so
 * the network is a graph by coordinates. EPSG:4544 [easting, northing], metres.
 */
import { offsetPolyline, pointInPolygon, pointPolylineDistance, type Point } from './geometry.ts';
import { riverClearance } from './river-clearance.ts';
import type { DistrictPlan, TownPlan } from './town-plan.ts';

export type RoadClass = 'arterial' | 'major' | 'street' | 'riverside' | 'bridge';

export interface Road {
  id: string;
  name: string;
  roadClass: RoadClass;
  /** Carriageway plus footways, metres. */
  width: number;
  line: Point[];
  bridge: boolean;
  /** District whose grid the street belongs to; undefined for arterials, riverside roads and bridges. */
  district?: string;
}

export interface RoadSegment {
  roadId: string;
  a: Point;
  b: Point;
  width: number;
  bridge: boolean;
}

/** Grid lines of a district: origin and unit axes in EPSG:4544. */
export interface DistrictGrid {
  district: DistrictPlan;
  origin: Point;
  e1: Point;
  e2: Point;
  /** Line indices along e1 (lines of constant e1 coordinate, running along e2) and along e2. */
  range1: [number, number];
  range2: [number, number];
}

export interface RoadNetworkOptions {
  /** Distance from the water edge to the riverside road centre, metres. */
  riversideOffset: number;
  riversideWidth: number;
  /** Sampling step when clipping grid lines, metres. */
  clipStep: number;
}

export const ROAD_NETWORK_DEFAULTS: RoadNetworkOptions = { riversideOffset: 35, riversideWidth: 18, clipStep: 3 };

export interface RoadNetwork {
  roads: Road[];
  segments: RoadSegment[];
  grids: DistrictGrid[];
}

const ORDINALS = ['1st', '2nd', '3rd'];
const ordinal = (k: number) => ORDINALS[k - 1] ?? `${k}th`;

export function districtGrid(d: DistrictPlan): DistrictGrid {
  const e1: Point = [Math.cos(d.angle), Math.sin(d.angle)];
  const e2: Point = [-e1[1], e1[0]];
  let cx = 0;
  let cy = 0;
  for (const p of d.outline) {
    cx += p[0] / d.outline.length;
    cy += p[1] / d.outline.length;
  }
  const origin: Point = [cx, cy];
  let a0 = Infinity, a1 = -Infinity, b0 = Infinity, b1 = -Infinity;
  for (const p of d.outline) {
    const u = (p[0] - cx) * e1[0] + (p[1] - cy) * e1[1];
    const v = (p[0] - cx) * e2[0] + (p[1] - cy) * e2[1];
    a0 = Math.min(a0, u); a1 = Math.max(a1, u); b0 = Math.min(b0, v); b1 = Math.max(b1, v);
  }
  return {
    district: d, origin, e1, e2,
    range1: [Math.floor(a0 / d.pitch[0]), Math.ceil(a1 / d.pitch[0])],
    range2: [Math.floor(b0 / d.pitch[1]), Math.ceil(b1 / d.pitch[1])],
  };
}

/** The grid node (a, b) in EPSG:4544: the one formula every crossing uses, so shared vertices are identical. */
export function gridNode(g: DistrictGrid, a: number, b: number): Point {
  const u = a * g.district.pitch[0];
  const v = b * g.district.pitch[1];
  return [g.origin[0] + u * g.e1[0] + v * g.e2[0], g.origin[1] + u * g.e1[1] + v * g.e2[1]];
}

export function buildRoadNetwork(plan: TownPlan, options: Partial<RoadNetworkOptions> = {}): RoadNetwork {
  const o = { ...ROAD_NETWORK_DEFAULTS, ...options };
  const riversideOffset = Math.max(o.riversideOffset * Math.min(1, plan.scale * 2), 20);
  const roads: Road[] = [];
  const railFoot = plan.railway.topWidth / 2 + 2 * plan.railway.embankment;
  const onLand = (p: Point, pad: number) =>
    riverClearance(plan.rivers, p) >= riversideOffset - 0.5 && pointPolylineDistance(p, plan.railway.line).distance > railFoot + pad;
  const inExtent = (p: Point) => p[0] >= plan.west && p[1] >= plan.south && p[0] <= plan.west + plan.size && p[1] <= plan.south + plan.size;

  const grids = plan.districts.map(districtGrid);
  for (const g of grids) {
    const d = g.district;
    // Lines of constant a (run along e2) and of constant b (run along e1).
    for (const [dir, fixedRange, runRange] of [[0, g.range1, g.range2], [1, g.range2, g.range1]] as const) {
      for (let f = fixedRange[0]; f <= fixedRange[1]; f++) {
        const major = f % d.majorEvery === 0;
        const width = major ? d.majorWidth : d.streetWidth;
        const node = (t: number) => (dir === 0 ? gridNode(g, f, t) : gridNode(g, t, f));
        const pitch = d.pitch[dir === 0 ? 1 : 0];
        const ok = (p: Point) => inExtent(p) && pointInPolygon(p[0], p[1], d.outline) && onLand(p, width / 2 + 3);
        // Walk the line in small steps; keep runs where it is inside the district and on land.
        let run: Point[] = [];
        let runs = 0;
        const flush = () => {
          if (run.length >= 2 && Math.hypot(run[run.length - 1][0] - run[0][0], run[run.length - 1][1] - run[0][1]) > 25) {
            runs++;
            const axis = dir === 0 ? 'N–S' : 'E–W';
            roads.push({
              id: `${d.id}-${dir === 0 ? 'a' : 'b'}${f}-${runs}`,
              name: `${d.name} ${ordinal(f - fixedRange[0] + 1)} ${major ? 'Road' : 'Street'} (${axis})`,
              roadClass: major ? 'major' : 'street', width, line: run, bridge: false, district: d.id,
            });
          }
          run = [];
        };
        const steps = Math.ceil(((runRange[1] - runRange[0]) * pitch) / o.clipStep);
        let prev: Point | undefined;
        for (let s = 0; s <= steps; s++) {
          const t = runRange[0] + (s * o.clipStep) / pitch;
          const p = node(t);
          if (ok(p)) {
            if (run.length === 0) run.push(p);
            // Exact crossing vertices between the previous sample and this one.
            if (prev) for (let c = Math.ceil(t - o.clipStep / pitch); c <= Math.floor(t); c++) if (c > t - o.clipStep / pitch) run.push(node(c));
            prev = p;
          } else {
            if (run.length > 0 && prev) run.push(prev);
            flush();
            prev = undefined;
          }
        }
        if (run.length > 0 && prev) run.push(prev);
        flush();
      }
    }
  }
  for (const r of roads) r.line = dedupe(r.line);

  // Riverside roads: both banks, where they are in the extent, clear of other rivers and near a district.
  const inDistrict = (p: Point) => plan.districts.some((d) => pointInPolygon(p[0], p[1], d.outline));
  for (const river of plan.rivers) {
    for (const side of [1, -1]) {
      const line = offsetPolyline(river.centerline, side * (river.halfWidth + riversideOffset));
      // Probe inland of the road: a riverside road is built where a district lies behind it.
      const inland = offsetPolyline(river.centerline, side * (river.halfWidth + riversideOffset + 60 * Math.max(plan.scale, 0.3)));
      let run: Point[] = [];
      let runs = 0;
      const flush = () => {
        if (run.length >= 3) {
          runs++;
          roads.push({
            id: `riverside-${river.id}-${side > 0 ? 'left' : 'right'}-${runs}`,
            name: `${river.name.replace(/ \(.*\)/, '')} Riverside Road (${side > 0 ? 'left' : 'right'} bank)`,
            roadClass: 'riverside', width: o.riversideWidth, line: run, bridge: false,
          });
        }
        run = [];
      };
      for (let i = 0; i < line.length; i++) {
        const p = line[i];
        if (inExtent(p) && riverClearance(plan.rivers, p) >= riversideOffset - 2 && inDistrict(inland[i]) && onLand(p, o.riversideWidth / 2 + 3)) run.push(p);
        else flush();
      }
      flush();
    }
  }

  // Arterials and bridges: ends snapped to the nearest existing road vertex so the graph is connected.
  const vertices = roads.flatMap((r) => r.line);
  const snap = (p: Point): Point => {
    let best = p;
    let bd = Infinity;
    for (const q of vertices) {
      const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
      if (d < bd) { bd = d; best = q; }
    }
    return bd < 200 * Math.max(plan.scale, 0.5) ? best : p;
  };
  for (const a of plan.arterials) {
    const line = a.line.slice();
    line[0] = snap(line[0]);
    line[line.length - 1] = snap(line[line.length - 1]);
    roads.push({ id: a.id, name: a.name, roadClass: a.bridge ? 'bridge' : 'arterial', width: a.width, line, bridge: a.bridge });
  }

  const segments: RoadSegment[] = roads.flatMap((r) =>
    r.line.slice(1).map((b, i) => ({ roadId: r.id, a: r.line[i], b, width: r.width, bridge: r.bridge })));
  return { roads, segments, grids };
}

function dedupe(line: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of line) {
    const q = out[out.length - 1];
    if (!q || Math.hypot(p[0] - q[0], p[1] - q[1]) > 0.01) out.push(p);
  }
  return out;
}
