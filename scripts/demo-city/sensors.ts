/**
 * The IoT monitoring network, each sensor tied to the feature it observes: river level gauges at cross-sections
 * of both rivers and below the confluence; rain gauges on public roofs; ponding-depth sensors in the planted
 * depressions, the underpass and the lowest street sags; level and flow meters in trunk pipes; cover-tilt and
 * gas (H2S, CH4) sensors in manholes. Thresholds in the sensor's unit (UCUM codes).
 */
import type { Building } from './buildings.ts';
import type { DrainageNetwork } from './drainage-network.ts';
import { fullBoreCapacity, minimumGrade } from './drainage-network.ts';
import { pointSegmentDistance, type Point } from './geometry.ts';
import { mm, source, type FeatureInput } from './feature-input.ts';
import type { Road } from './road-network.ts';
import type { TownPlan } from './town-plan.ts';
import { createRng, RNG_STREAMS } from './prng.ts';

export interface SensorOptions {
  riverGaugesPerReach: number;
  rainGauges: number;
  streetSags: number;
  trunkPipes: number;
  coverSensors: number;
  gasSensorsPerGas: number;
  /** Ponding thresholds, m: warning 0.15 is GB 50014-2021's limit for water on a road; alarm; critical. */
  ponding: [number, number, number];
  /** Underpass depth thresholds, m (closure at the alarm level). */
  underpass: [number, number, number];
}

export const SENSOR_DEFAULTS: SensorOptions = {
  riverGaugesPerReach: 2, rainGauges: 8, streetSags: 8, trunkPipes: 8, coverSensors: 12, gasSensorsPerGas: 6,
  ponding: [0.15, 0.3, 0.5], underpass: [0.15, 0.27, 0.5],
};

type Sensor = FeatureInput<'sensor'>;
const FILE = 'sensors.geojson';
const INSTALLED = '2025-04-01';

export interface SensorInputs {
  plan: TownPlan;
  roads: readonly Road[];
  buildings: readonly Building[];
  drainage: DrainageNetwork;
  crossSections: ReadonlyArray<FeatureInput<'cross-section'>>;
  underpassPoint: Point;
  seed: number;
}

export function placeSensors(input: SensorInputs, options: Partial<SensorOptions> = {}): Sensor[] {
  const o = { ...SENSOR_DEFAULTS, ...options };
  const rng = createRng(input.seed, RNG_STREAMS.sensors);
  const { plan, drainage } = input;
  const out: Sensor[] = [];
  const add = (prefix: string, s: Omit<Sensor, 'type' | 'id' | 'source' | 'status' | 'installedDate'>) => {
    const n = out.filter((x) => x.id.startsWith(prefix)).length + 1;
    out.push({ type: 'sensor', id: `${prefix}-${String(n).padStart(2, '0')}`, source: source(FILE), status: 'active', installedDate: INSTALLED, ...s } as Sensor);
  };
  const at = (p: Point) => ({ type: 'Point' as const, coordinates: [mm(p[0]), mm(p[1])] as [number, number] });

  // River level gauges: evenly spaced cross-sections of each reach; the gauge stands on the left bank edge.
  const levels = plan.floodLevels;
  for (const reach of plan.rivers) {
    const xs = input.crossSections.filter((x) => x.reachId === reach.id);
    for (let g = 0; g < Math.min(o.riverGaugesPerReach, xs.length); g++) {
      const x = xs[Math.floor(((g + 0.5) * xs.length) / o.riverGaugesPerReach)];
      const line = x.geometry?.coordinates as Array<[number, number]>;
      const t = x.leftBankStation / x.points[x.points.length - 1][0];
      add('RL', {
        name: `${reach.name} level gauge ${g + 1}`, kind: 'river-level', unit: 'm',
        geometry: at([line[0][0] + (line[1][0] - line[0][0]) * t, line[0][1] + (line[1][1] - line[0][1]) * t]),
        observes: x.id, datumElevation: 0, samplingInterval: 300,
        thresholds: { direction: 'above', warning: levels.warning, alarm: levels.guarantee, critical: levels.hundredYear },
        attributes: { reachId: reach.id, note: 'reading is the water level, 1985 datum (gauge zero 0 m); warning = 警戒水位, alarm = 保证水位' },
      });
    }
  }

  // Rain gauges on public roofs, spread out: farthest-point choice among schools, hospitals and offices.
  const roofs = input.buildings.filter((b) => b.use === 'education' || b.use === 'healthcare' || b.use === 'office');
  const chosenRoofs: Building[] = [];
  for (let g = 0; g < o.rainGauges && chosenRoofs.length < roofs.length; g++) {
    let best = roofs[0];
    let bd = -1;
    for (const b of roofs) {
      const d = chosenRoofs.length === 0 ? -Math.hypot(b.centre[0] - plan.west - plan.size / 2, b.centre[1] - plan.south - plan.size / 2)
        : Math.min(...chosenRoofs.map((c) => Math.hypot(c.centre[0] - b.centre[0], c.centre[1] - b.centre[1])));
      if (d > bd) { bd = d; best = b; }
    }
    chosenRoofs.push(best);
    add('RG', {
      name: `Rain gauge ${g + 1} (roof of ${best.id})`, kind: 'rain', unit: 'mm/h', geometry: at(best.centre),
      observes: best.id, samplingInterval: 60, thresholds: { direction: 'above', warning: 30, alarm: 50, critical: 80 },
      attributes: { mountHeight: mm(best.base + best.height) },
    });
  }

  // Ponding: the planted depressions and the underpass first, then the lowest street sags.
  const nearestRoad = (p: Point) => {
    let best = input.roads[0];
    let bd = Infinity;
    for (const r of input.roads) {
      if (r.bridge) continue;
      for (let s = 0; s + 1 < r.line.length; s++) {
        const d = pointSegmentDistance(p[0], p[1], r.line[s][0], r.line[s][1], r.line[s + 1][0], r.line[s + 1][1]);
        if (d < bd) { bd = d; best = r; }
      }
    }
    return best;
  };
  const [pw, pa, pc] = o.ponding;
  for (const dep of plan.depressions) {
    add('PD', {
      name: `Ponding sensor, ${dep.id}`, kind: 'ponding-depth', unit: 'm', geometry: at(dep.at), observes: nearestRoad(dep.at).id,
      samplingInterval: 60, thresholds: { direction: 'above', warning: pw, alarm: pa, critical: pc }, attributes: { site: dep.id },
    });
  }
  const [uw, ua, uc] = o.underpass;
  add('PD', {
    name: 'Ponding sensor, railway underpass', kind: 'ponding-depth', unit: 'm', geometry: at(input.underpassPoint),
    observes: plan.underpass.arterialId, samplingInterval: 60, thresholds: { direction: 'above', warning: uw, alarm: ua, critical: uc },
    attributes: { site: 'underpass' },
  });
  const neighbours = drainage.nodes.map(() => [] as number[]);
  for (const p of drainage.pipes) {
    neighbours[p.from].push(p.to);
    neighbours[p.to].push(p.from);
  }
  const sags = drainage.nodes
    .map((n, i) => ({ n, i, dip: n.kind === 'manhole' && neighbours[i].length > 1 ? Math.min(...neighbours[i].map((j) => drainage.nodes[j].rim)) - n.rim : -1 }))
    .filter((s) => s.dip > 0 && plan.depressions.every((d) => Math.hypot(d.at[0] - s.n.x, d.at[1] - s.n.y) > d.radius))
    .sort((a, b) => a.n.rim - b.n.rim || a.i - b.i)
    .slice(0, o.streetSags);
  for (const s of sags) {
    add('PD', {
      name: `Ponding sensor at street sag ${s.n.id}`, kind: 'ponding-depth', unit: 'm', geometry: at([s.n.x, s.n.y]),
      observes: s.n.roadId ?? nearestRoad([s.n.x, s.n.y]).id, samplingInterval: 60,
      thresholds: { direction: 'above', warning: pw, alarm: pa, critical: pc }, attributes: { site: 'street sag', manhole: s.n.id },
    });
  }

  // Trunk pipes: the largest pipes of different outfall trees first, then the next largest.
  const pipes = drainage.pipes.slice().sort((a, b) => b.diameter - a.diameter || b.area - a.area || a.id.localeCompare(b.id));
  const trunk: typeof pipes = [];
  const usedOutfalls = new Set<number>();
  const down = new Map(drainage.pipes.map((p) => [p.from, p.to]));
  const outfallOf = (node: number): number => {
    let i = node;
    while (down.has(i)) i = down.get(i) as number;
    return i;
  };
  for (const p of pipes) {
    if (trunk.length >= o.trunkPipes) break;
    const of = outfallOf(p.to);
    if (!usedOutfalls.has(of)) {
      usedOutfalls.add(of);
      trunk.push(p);
    }
  }
  for (const p of pipes) if (trunk.length < o.trunkPipes && !trunk.includes(p)) trunk.push(p);
  for (const p of trunk) {
    const a = drainage.nodes[p.from];
    const b = drainage.nodes[p.to];
    const mid: Point = [(a.x + b.x) / 2, (a.y + b.y) / 2];
    const capacity = fullBoreCapacity(p.diameter, Math.max(minimumGrade(p.diameter), (a.invert - b.invert) / p.length), drainage.options.roughness);
    add('PL', {
      name: `Pipe level meter in ${p.id} (DN${Math.round(p.diameter * 1000)})`, kind: 'pipe-level', unit: 'm', geometry: at(mid), observes: p.id,
      datumElevation: mm(Math.min(a.invert, b.invert)), samplingInterval: 60,
      thresholds: { direction: 'above', warning: mm(0.8 * p.diameter), alarm: p.diameter, critical: mm(p.diameter + 1) },
      attributes: { note: 'reading is depth above the pipe invert; alarm = pipe full (surcharge)' },
    });
    add('PF', {
      name: `Pipe flow meter in ${p.id}`, kind: 'pipe-flow', unit: 'm3/s', geometry: at(mid), observes: p.id, samplingInterval: 60,
      thresholds: { direction: 'above', warning: mm(0.8 * capacity), alarm: mm(capacity) },
      attributes: { fullBoreCapacity: mm(capacity), designFlow: p.designFlow },
    });
  }

  // Manhole covers on arterials and major roads; gas sensors in deep manholes.
  const manholes = drainage.nodes.map((n, i) => ({ n, i })).filter((m) => m.n.kind === 'manhole');
  const busy = manholes.filter((m) => input.roads.find((r) => r.id === m.n.roadId)?.roadClass !== 'street');
  for (let c = 0; c < o.coverSensors && busy.length > 0; c++) {
    const m = busy.splice(rng.int(0, busy.length - 1), 1)[0];
    add('MC', {
      name: `Cover sensor on ${m.n.id}`, kind: 'manhole-cover', unit: 'deg', geometry: at([m.n.x, m.n.y]), observes: m.n.id,
      samplingInterval: 600, thresholds: { direction: 'above', warning: 5, alarm: 15 },
      attributes: { note: 'cover tilt; lifting under surcharge or removal raises the alarm' },
    });
  }
  const deep = manholes.slice().sort((a, b) => b.n.rim - b.n.invert - (a.n.rim - a.n.invert) || a.i - b.i);
  for (const [gas, unit, warning, alarm] of [['H2S', 'ppm', 10, 20], ['CH4', '%', 10, 25]] as const) {
    for (let g = 0; g < o.gasSensorsPerGas && deep.length > 0; g++) {
      const m = deep.shift() as (typeof deep)[number];
      add(gas === 'H2S' ? 'GH' : 'GM', {
        name: `${gas} sensor in ${m.n.id}`, kind: 'gas', unit, geometry: at([m.n.x, m.n.y]), observes: m.n.id, samplingInterval: 300,
        thresholds: { direction: 'above', warning, alarm },
        attributes: { gas, note: gas === 'CH4' ? 'percent of the lower explosive limit (%LEL)' : 'hydrogen sulphide, ppm by volume' },
      });
    }
  }
  return out;
}
