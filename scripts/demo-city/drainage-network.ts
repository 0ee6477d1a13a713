/**
 * The storm drainage network under the roads. Manholes sit on road centrelines (at crossings and at most
 * `spacing` apart); pipes follow the roads and form a forest, each tree draining to an outfall on a river bank.
 * Design, in order:
 *  1. route: Dijkstra from the outfalls over the road graph, penalising pipes that would run against the ground;
 *  2. subcatchments: every urban DEM cell drains to its nearest manhole (distance transform labels);
 *  3. sizing: rational method Q = ψ·q·A with the Chongqing formula at the design return period, full-bore
 *     Manning capacity, standard diameters, never smaller than any pipe upstream;
 *  4. inverts: leaves first, invert = min(rim − cover − D, upstream inverts − grade·L), so every pipe falls and
 *     keeps the minimum cover at both ends.
 * Heights are orthometric (1985 datum, m); coordinates EPSG:4544 [easting, northing], metres.
 */
import { distanceTransform } from './distance-transform.ts';
import { stormIntensity } from './design-storm.ts';
import { convexHull, pointAlong, pointPolylineDistance, type Point } from './geometry.ts';
import { LAND_COVER_BY_CODE, LAND_COVER_CLASSES } from './land-cover.ts';
import { cellIndexAt, type RasterGrid } from './raster-grid.ts';
import { riverClearance } from './river-clearance.ts';
import type { Road } from './road-network.ts';
import type { RiverPlan, TownPlan } from './town-plan.ts';

export interface DrainageOptions {
  /** Largest distance between manholes along a road, metres (scaled down for small towns). */
  spacing: number;
  /** Nodes closer than this along a road are merged into one manhole, metres. */
  minPipeLength: number;
  /** Minimum cover over the pipe crown, metres. */
  minCover: number;
  /** Design return period for pipe sizing, years (GB 50014-2021: 2–5 years for ordinary urban areas). */
  designReturnPeriod: number;
  /** Inlet time, minutes, and assumed flow velocity for the time of concentration, m/s. */
  inletTime: number;
  designVelocity: number;
  /** Manning n of concrete pipes. */
  roughness: number;
  /** Standard inside diameters, metres. */
  diameters: number[];
  /** Largest distance from a manhole that still drains to it, metres. */
  catchmentRadius: number;
  /** A road node this close to a river's water edge can take an outfall, metres. */
  outfallReach: number;
  /** Route cost of an outfall pipe per metre, relative to a metre of pipe along a road. */
  outfallWeight: number;
  /** Minimum spacing between outfalls of one network, metres. */
  outfallSpacing: number;
  /** Cost per metre of pipe running against the ground slope, as metres of extra route length. */
  adversePenalty: number;
}

export const DRAINAGE_DEFAULTS: DrainageOptions = {
  spacing: 60,
  minPipeLength: 12,
  minCover: 1.0,
  designReturnPeriod: 3,
  inletTime: 10,
  designVelocity: 1,
  roughness: 0.013,
  diameters: [0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.2, 1.35, 1.5, 1.65, 1.8, 2.0, 2.2, 2.4],
  catchmentRadius: 70,
  outfallReach: 450,
  outfallWeight: 3,
  outfallSpacing: 300,
  adversePenalty: 150,
};

/** Minimum grade for a diameter (self-cleansing velocity; GB 50014 gives 0.003 for 300 mm). */
export function minimumGrade(diameter: number): number {
  return Math.max(0.0005, 0.0009 / diameter);
}

export interface DrainNode {
  id: string;
  kind: 'manhole' | 'outfall';
  x: number;
  y: number;
  /** Rim = DEM cell value at the node (manholes); bank ground (outfalls). */
  rim: number;
  invert: number;
  /** Outfalls: receiving river and its normal water level. */
  river?: RiverPlan;
  waterLevel?: number;
  /** Own subcatchment: area (m²), impervious fraction, mean slope (m/m), outline (convex hull of its cells). */
  catchmentArea: number;
  impervious: number;
  slope: number;
  outline: Point[];
  /** Road the manhole lies on. */
  roadId?: string;
}

export interface DrainPipe {
  id: string;
  from: number;
  to: number;
  length: number;
  diameter: number;
  /** Total contributing area upstream, m², and design flow, m³/s. */
  area: number;
  designFlow: number;
}

export interface DrainageNetwork {
  nodes: DrainNode[];
  pipes: DrainPipe[];
  options: DrainageOptions;
}

interface GraphNode {
  x: number;
  y: number;
  roadId: string;
  edges: Array<{ to: number; length: number }>;
}

export function designDrainage(
  plan: TownPlan, roads: readonly Road[], grid: RasterGrid, dem: Float32Array, landCover: Uint8Array,
  options: Partial<DrainageOptions> = {},
): DrainageNetwork {
  const o = { ...DRAINAGE_DEFAULTS, ...options };
  const spacing = o.spacing * Math.max(0.5, Math.min(1, plan.scale * 2));
  const rimAt = (x: number, y: number) => {
    const k = cellIndexAt(grid, x, y);
    return Math.round(dem[k] * 1000) / 1000;
  };

  // Road graph: vertices shared by coordinates, edges split to at most `spacing`.
  let graph: GraphNode[] = [];
  const byKey = new Map<string, number>();
  const nodeAt = (p: Point, roadId: string) => {
    const key = `${p[0].toFixed(2)},${p[1].toFixed(2)}`;
    let id = byKey.get(key);
    if (id === undefined) {
      id = graph.length;
      byKey.set(key, id);
      graph.push({ x: p[0], y: p[1], roadId, edges: [] });
    }
    return id;
  };
  const link = (a: number, b: number) => {
    if (a === b || graph[a].edges.some((e) => e.to === b)) return;
    const length = Math.hypot(graph[a].x - graph[b].x, graph[a].y - graph[b].y);
    graph[a].edges.push({ to: b, length });
    graph[b].edges.push({ to: a, length });
  };
  const inExtent = (p: Point) => cellIndexAt(grid, p[0], p[1]) >= 0;
  const isWater = (x: number, y: number) => landCover[cellIndexAt(grid, x, y)] === LAND_COVER_CLASSES.water.code;
  for (const r of roads) {
    if (r.bridge) continue;
    for (let s = 0; s + 1 < r.line.length; s++) {
      const a = r.line[s];
      const b = r.line[s + 1];
      const pieces = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / spacing));
      let prev = -1;
      for (let q = 0; q <= pieces; q++) {
        const p: Point = [a[0] + ((b[0] - a[0]) * q) / pieces, a[1] + ((b[1] - a[1]) * q) / pieces];
        if (!inExtent(p)) {
          prev = -1;
          continue;
        }
        const id = nodeAt(q === 0 ? a : q === pieces ? b : p, r.id);
        if (prev >= 0) link(prev, id);
        prev = id;
      }
    }
  }
  // Dead ends meet the nearest node of another road (T-junctions at riverside roads, arterial ends).
  const joinRadius = Math.max(25, spacing * 0.8);
  for (let a = 0; a < graph.length; a++) {
    if (graph[a].edges.length !== 1) continue;
    let best = -1;
    let bd = joinRadius;
    for (let b = 0; b < graph.length; b++) {
      if (graph[b].roadId === graph[a].roadId) continue;
      const d = Math.hypot(graph[a].x - graph[b].x, graph[a].y - graph[b].y);
      if (d < bd) { bd = d; best = b; }
    }
    if (best >= 0) link(a, best);
  }
  graph = contractShortEdges(graph, o.minPipeLength);

  // Outfall sites: nodes within reach of a river edge, spaced apart, lowest first. A site's route cost starts at
  // the length of its outfall pipe (weighted), so long outfall pipes are used only where the roads would climb.
  const scale = Math.max(0.4, Math.min(1, plan.scale * 2));
  const clearance = graph.map((g) => riverClearance(plan.rivers, [g.x, g.y]));
  const rims = graph.map((g) => rimAt(g.x, g.y));
  const outfallSite = graph.map((g, i) => (clearance[i] < o.outfallReach * scale ? outfallPoint(plan.rivers, [g.x, g.y], isWater) : undefined));
  const candidates = graph.map((_, i) => i)
    .filter((i) => outfallSite[i] && inExtent((outfallSite[i] as OutfallSite).at))
    .sort((a, b) => rims[a] - rims[b] || a - b);
  const sites: number[] = [];
  for (const c of candidates) {
    if (sites.every((s) => Math.hypot(graph[s].x - graph[c].x, graph[s].y - graph[c].y) >= o.outfallSpacing * scale)) sites.push(c);
  }

  // Route: multi-source Dijkstra from the outfall sites; `down[i]` is the next node towards the outfall.
  const n = graph.length;
  const cost = new Float64Array(n).fill(Infinity);
  const down = new Int32Array(n).fill(-1);
  const site = new Int32Array(n).fill(-1);
  const heap = new MinHeap();
  for (const s of sites) {
    cost[s] = o.outfallWeight * clearance[s];
    site[s] = s;
    heap.push(cost[s], s);
  }
  while (heap.size > 0) {
    const [c, u] = heap.pop();
    if (c > cost[u]) continue;
    for (const e of graph[u].edges) {
      // Water would flow from e.to down to u: penalise when the ground rises towards u.
      const adverse = Math.max(0, rims[u] - rims[e.to]);
      const nc = c + e.length + o.adversePenalty * adverse;
      if (nc < cost[e.to]) {
        cost[e.to] = nc;
        down[e.to] = u;
        site[e.to] = site[u];
        heap.push(nc, e.to);
      }
    }
  }
  // Sites that no other node drains through and that are not the best route for themselves are dropped.
  const used = new Set<number>();
  for (let i = 0; i < n; i++) if (site[i] >= 0) used.add(site[i]);
  for (let k = sites.length - 1; k >= 0; k--) if (!used.has(sites[k])) sites.splice(k, 1);

  // Keep reached nodes; build manholes and outfalls.
  const nodes: DrainNode[] = [];
  const index = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (site[i] < 0) continue;
    index[i] = nodes.length;
    nodes.push({
      id: '', kind: 'manhole', x: graph[i].x, y: graph[i].y, rim: rims[i], invert: 0,
      catchmentArea: 0, impervious: 0, slope: 0, outline: [], roadId: graph[i].roadId,
    });
  }
  nodes.forEach((nd, k) => { nd.id = `MH${String(k + 1).padStart(4, '0')}`; });
  const downNode = new Int32Array(nodes.length + sites.length).fill(-1);
  for (let i = 0; i < n; i++) if (index[i] >= 0 && down[i] >= 0) downNode[index[i]] = index[down[i]];
  sites.forEach((s, k) => {
    const { river, at } = outfallSite[s] as OutfallSite;
    downNode[index[s]] = nodes.length;
    nodes.push({
      id: `OF${String(k + 1).padStart(2, '0')}`, kind: 'outfall', x: at[0], y: at[1], rim: rimAt(at[0], at[1]), invert: 0,
      river, waterLevel: +plan.waterLevelAt(at[1]).toFixed(2), catchmentArea: 0, impervious: 0, slope: 0, outline: [],
    });
  });

  assignCatchments(grid, dem, landCover, nodes, o.catchmentRadius * Math.max(0.5, Math.min(1, plan.scale * 2)));

  // Leaves-first order: by decreasing number of pipes to the outfall.
  const depth = new Int32Array(nodes.length).fill(-1);
  const depthOf = (i: number): number => {
    if (depth[i] >= 0) return depth[i];
    let d = 0;
    let j = i;
    const path: number[] = [];
    while (downNode[j] >= 0 && depth[j] < 0) {
      path.push(j);
      j = downNode[j];
    }
    d = depth[j] >= 0 ? depth[j] : 0;
    if (depth[j] < 0) depth[j] = 0;
    for (let p = path.length - 1; p >= 0; p--) depth[path[p]] = ++d;
    return depth[i];
  };
  const order = nodes.map((_, i) => i).sort((a, b) => depthOf(b) - depthOf(a) || a - b);

  // Sizing and inverts, leaves first.
  const area = nodes.map((nd) => nd.catchmentArea);
  const imperviousArea = nodes.map((nd) => nd.catchmentArea * nd.impervious);
  const flowTime = new Float64Array(nodes.length);
  const maxInDiameter = new Float64Array(nodes.length);
  const lowestArrival = new Float64Array(nodes.length).fill(Infinity);
  const pipes: DrainPipe[] = [];
  for (const i of order) {
    const nd = nodes[i];
    const j = downNode[i];
    if (j < 0) {
      // Outfall: the lowest pipe arrival.
      nd.invert = round3(lowestArrival[i]);
      continue;
    }
    const to = nodes[j];
    const length = Math.max(1, Math.hypot(to.x - nd.x, to.y - nd.y));
    const ground = (nd.rim - to.rim) / length;
    const psi = 0.15 + 0.75 * (imperviousArea[i] / Math.max(area[i], 1));
    const tc = o.inletTime + flowTime[i] / 60;
    const q = (psi * stormIntensity(o.designReturnPeriod, tc) * area[i]) / 1e4 / 1000;
    let diameter = o.diameters[0];
    for (const d of o.diameters) {
      diameter = d;
      const s = Math.max(ground, minimumGrade(d));
      if (fullBoreCapacity(d, s, o.roughness) >= q) break;
    }
    diameter = Math.max(diameter, maxInDiameter[i]);
    const grade = Math.max(ground, minimumGrade(diameter));
    nd.invert = round3(Math.min(nd.rim - o.minCover - diameter, lowestArrival[i]));
    lowestArrival[j] = Math.min(lowestArrival[j], nd.invert - grade * length);
    maxInDiameter[j] = Math.max(maxInDiameter[j], diameter);
    area[j] += area[i];
    imperviousArea[j] += imperviousArea[i];
    flowTime[j] = Math.max(flowTime[j], flowTime[i] + length / o.designVelocity);
    pipes.push({ id: '', from: i, to: j, length: round3(length), diameter, area: area[i], designFlow: +q.toFixed(4) });
  }
  // Pipe ids in network order (by upstream node).
  pipes.sort((a, b) => a.from - b.from);
  pipes.forEach((p, k) => { p.id = `P${String(k + 1).padStart(4, '0')}`; });
  return { nodes, pipes, options: o };
}

/** Full-bore discharge of a circular pipe, Manning: Q = (1/n)·A·R^(2/3)·S^(1/2), m³/s. */
export function fullBoreCapacity(diameter: number, slope: number, n: number): number {
  const a = (Math.PI * diameter * diameter) / 4;
  return (a * (diameter / 4) ** (2 / 3) * Math.sqrt(slope)) / n;
}

/**
 * Merges the ends of edges shorter than `minLength` (union–find); each group keeps the position of its
 * best-connected node, so crossings stay where they are.
 */
function contractShortEdges(graph: GraphNode[], minLength: number): GraphNode[] {
  const parent = graph.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const better = (a: number, b: number) => (graph[a].edges.length > graph[b].edges.length || (graph[a].edges.length === graph[b].edges.length && a < b) ? a : b);
  graph.forEach((g, a) => {
    for (const e of g.edges) {
      if (e.length >= minLength) continue;
      const ra = find(a);
      const rb = find(e.to);
      if (ra === rb) continue;
      const keep = better(ra, rb);
      parent[keep === ra ? rb : ra] = keep;
    }
  });
  const index = new Int32Array(graph.length).fill(-1);
  const out: GraphNode[] = [];
  graph.forEach((g, i) => {
    if (find(i) === i) {
      index[i] = out.length;
      out.push({ x: g.x, y: g.y, roadId: g.roadId, edges: [] });
    }
  });
  graph.forEach((g, a) => {
    const ra = index[find(a)];
    for (const e of g.edges) {
      const rb = index[find(e.to)];
      if (ra === rb || out[ra].edges.some((x) => x.to === rb)) continue;
      out[ra].edges.push({ to: rb, length: Math.hypot(out[ra].x - out[rb].x, out[ra].y - out[rb].y) });
    }
  });
  return out;
}

interface OutfallSite {
  river: RiverPlan;
  /** On the bank, 1 m from the normal water edge, towards the road node. */
  at: Point;
}

/**
 * The outfall for a road node: walk from the node towards the nearest river centreline and stop one metre
 * before the first water cell of the land-cover raster, so the outfall sits on the bank at the water's edge;
 * undefined when the way to the river leaves the extent.
 */
function outfallPoint(rivers: readonly RiverPlan[], p: Point, isWater: (x: number, y: number) => boolean): OutfallSite | undefined {
  let river = rivers[0];
  let best = Infinity;
  for (const r of rivers) {
    const d = pointPolylineDistance(p, r.centerline).distance - r.halfWidth;
    if (d < best) {
      best = d;
      river = r;
    }
  }
  const near = pointAlong(river.centerline, pointPolylineDistance(p, river.centerline).chainage).point;
  const dx = near[0] - p[0];
  const dy = near[1] - p[1];
  const len = Math.hypot(dx, dy) || 1;
  for (let t = 0; t <= len; t += 1) {
    if (isWater(p[0] + (dx / len) * t, p[1] + (dy / len) * t)) {
      const back = Math.max(0, t - 1);
      return { river, at: [p[0] + (dx / len) * back, p[1] + (dy / len) * back] };
    }
  }
  return undefined;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

const DRAINED_CLASSES = new Set<number>([
  LAND_COVER_CLASSES.road.code, LAND_COVER_CLASSES.building.code, LAND_COVER_CLASSES.denseUrban.code,
  LAND_COVER_CLASSES.urbanOpen.code, LAND_COVER_CLASSES.industrialYard.code, LAND_COVER_CLASSES.park.code,
  LAND_COVER_CLASSES.square.code,
]);

/** Nearest-manhole subcatchments on the DEM grid: area, impervious fraction, mean slope and convex outline. */
function assignCatchments(grid: RasterGrid, dem: Float32Array, landCover: Uint8Array, nodes: DrainNode[], radius: number): void {
  const seeds = new Uint8Array(grid.nx * grid.ny);
  const owner = new Map<number, number>();
  nodes.forEach((nd, i) => {
    if (nd.kind !== 'manhole') return;
    const k = cellIndexAt(grid, nd.x, nd.y);
    if (k >= 0 && !owner.has(k)) {
      seeds[k] = 1;
      owner.set(k, i);
    }
  });
  const { distance, nearest } = distanceTransform(grid, seeds);
  const cellArea = grid.cellSize * grid.cellSize;
  const count = new Float64Array(nodes.length);
  const imp = new Float64Array(nodes.length);
  const slope = new Float64Array(nodes.length);
  // Row extremes per node (the outline is the convex hull of these cell centres).
  const extremes: Point[][] = nodes.map(() => []);
  const { nx, ny } = grid;
  for (let j = 0; j < ny; j++) {
    let runOwner = -1;
    let runStart = 0;
    const y = grid.north - (j + 0.5) * grid.cellSize;
    const close = (end: number) => {
      if (runOwner >= 0) {
        extremes[runOwner].push([grid.west + (runStart + 0.5) * grid.cellSize, y], [grid.west + (end - 0.5) * grid.cellSize, y]);
      }
    };
    for (let i = 0; i < nx; i++) {
      const k = i + j * nx;
      let who = -1;
      if (distance[k] <= radius && DRAINED_CLASSES.has(landCover[k])) {
        who = owner.get(nearest[k]) ?? -1;
        if (who >= 0) {
          count[who]++;
          imp[who] += LAND_COVER_BY_CODE[landCover[k]].impervious;
          const gx = (dem[Math.min(k + 1, k - i + nx - 1)] - dem[Math.max(k - 1, k - i)]) / (2 * grid.cellSize);
          const gy = (dem[Math.min(k + nx, nx * ny - 1)] - dem[Math.max(k - nx, 0)]) / (2 * grid.cellSize);
          slope[who] += Math.min(0.3, Math.hypot(gx, gy));
        }
      }
      if (who !== runOwner) {
        close(i);
        runOwner = who;
        runStart = i;
      }
    }
    close(nx);
  }
  nodes.forEach((nd, i) => {
    if (count[i] === 0) return;
    nd.catchmentArea = count[i] * cellArea;
    nd.impervious = imp[i] / count[i];
    nd.slope = slope[i] / count[i];
    nd.outline = convexHull(extremes[i]);
  });
}

/** Binary min-heap of (priority, value) pairs. */
class MinHeap {
  private readonly keys: number[] = [];
  private readonly values: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(key: number, value: number): void {
    const k = this.keys;
    const v = this.values;
    let i = k.length;
    k.push(key);
    v.push(value);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p] <= key) break;
      k[i] = k[p];
      v[i] = v[p];
      i = p;
    }
    k[i] = key;
    v[i] = value;
  }
  pop(): [number, number] {
    const k = this.keys;
    const v = this.values;
    const top: [number, number] = [k[0], v[0]];
    const lastK = k.pop() as number;
    const lastV = v.pop() as number;
    if (k.length > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= k.length) break;
        if (c + 1 < k.length && k[c + 1] < k[c]) c++;
        if (k[c] >= lastK) break;
        k[i] = k[c];
        v[i] = v[c];
        i = c;
      }
      k[i] = lastK;
      v[i] = lastV;
    }
    return top;
  }
}
