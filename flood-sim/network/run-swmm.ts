/**
 * Run a SWMM model alone and summarise it as SWMM's status report tables do (statsrpt.c, massbal.c),
 * in the model's own units (CFS → ft, acre-ft; CMS → m, ha-m; ...).
 */
import { NodeType, type NetworkData } from './build-network.ts';
import type { InpModel } from './inp-model.ts';
import { createNetwork } from './network.ts';

export interface NodeDepthRow {
  node: string; type: string; avgDepth: number; maxDepth: number; maxHgl: number; timeOfMax: number;
  /** hours with the water above the highest conduit crown (Node Surcharge Summary) */
  hoursSurcharged: number;
  /** peak total inflow (flow units) and its time (Node Inflow Summary) */
  maxTotalInflow: number; timeOfMaxInflow: number;
}
export interface NodeFloodingRow { node: string; hoursFlooded: number; maxRate: number; timeOfMax: number; totalVolume: number }
export interface LinkFlowRow { link: string; type: string; maxFlow: number; timeOfMax: number; maxVelocity: number; maxOverFullFlow: number; maxOverFullDepth: number }
export interface OutfallRow { node: string; flowFreqPct: number; avgFlow: number; maxFlow: number; totalVolume: number }

export interface SwmmReport {
  flowUnits: string;
  /** Duration simulated (s). */
  duration: number;
  nodeDepth: NodeDepthRow[];
  /** Only nodes that flooded. Volumes in 10^6 gal (US) or 10^6 L (SI). */
  nodeFlooding: NodeFloodingRow[];
  linkFlow: LinkFlowRow[];
  outfalls: OutfallRow[];
  /** acre-ft (US) or hectare-m (SI); depths in in or mm. */
  runoffContinuity?: { precipitation: number; evaporation: number; infiltration: number; runoff: number; finalStorage: number; errorPct: number };
  /** acre-ft (US) or hectare-m (SI). */
  routingContinuity: { dryWeatherInflow: number; wetWeatherInflow: number; externalInflow: number; externalOutflow: number; flooding: number; initialStorage: number; finalStorage: number; errorPct: number };
  timeSteps: { min: number; avg: number; max: number; iterationsPerStep: number; pctNotConverging: number };
  /** Wall time of the run (s). */
  wallSeconds: number;
}

export interface RunSwmmOptions {
  /** Called every `progressEvery` simulated seconds with the elapsed simulated time. */
  onProgress?: (time: number, duration: number) => void;
  progressEvery?: number;
}

const NODE_TYPE_NAMES = ['JUNCTION', 'OUTFALL', 'STORAGE'];
const REGULATOR_NAMES = ['CONDUIT', 'PUMP', 'ORIFICE', 'WEIR'];

/** Link type as SWMM's report names it: open conduits are CHANNELs. */
function linkTypeName(net: NetworkData, k: number): string {
  const t = net.linkType[k];
  if (t === 0) return net.xsect[k].isOpen ? 'CHANNEL' : 'CONDUIT';
  return REGULATOR_NAMES[t];
}

/** Run the whole simulation and build the report tables. */
export function runSwmm(model: InpModel, options: RunSwmmOptions = {}): SwmmReport {
  const t0 = performance.now();
  const nw = createNetwork(model);
  const { net } = nw;
  const every = options.progressEvery ?? 3600;
  for (let t = every; nw.time < nw.duration; t += every) {
    nw.advanceTo(t);
    options.onProgress?.(nw.time, nw.duration);
  }
  const wallSeconds = (performance.now() - t0) / 1000;
  const u = net.units;
  const ns = nw.nodeStats;
  const ls = nw.linkStats;
  const steps = nw.stepStats.steps;
  // acre-ft (43560 ft³) or hectare-m (10^4 m³)
  const bigVolume = u.isSI ? 1e4 : 43560;
  const toBig = (v: number): number => (v * u.volume) / bigVolume;
  // 10^6 gal (7.48052 gal/ft³) or 10^6 L
  const toMega = (v: number): number => (u.isSI ? v * u.volume * 1000 : v * 7.48052) / 1e6;

  const nodeDepth = net.nodeIds.map((id, n) => ({
    node: id, type: NODE_TYPE_NAMES[net.nodeType[n]], avgDepth: (ns.sumDepth[n] / Math.max(steps, 1)) * u.length,
    maxDepth: ns.maxDepth[n] * u.length, maxHgl: (ns.maxDepth[n] + net.invert[n]) * u.length, timeOfMax: ns.maxDepthTime[n],
    hoursSurcharged: ns.timeSurcharged[n] / 3600, maxTotalInflow: ns.maxInflow[n] * u.flow, timeOfMaxInflow: ns.maxInflowTime[n],
  }));
  const nodeFlooding: NodeFloodingRow[] = [];
  net.nodeIds.forEach((id, n) => {
    if (net.nodeType[n] === NodeType.Outfall || ns.timeFlooded[n] <= 0) return;
    nodeFlooding.push({
      node: id, hoursFlooded: ns.timeFlooded[n] / 3600, maxRate: ns.maxOverflow[n] * u.flow, timeOfMax: ns.maxOverflowTime[n],
      totalVolume: toMega(ns.volFlooded[n]),
    });
  });
  const linkFlow = net.linkIds.map((id, k) => ({
    link: id, type: linkTypeName(net, k), maxFlow: ls.maxFlow[k] * u.flow, timeOfMax: ls.maxFlowTime[k], maxVelocity: ls.maxVeloc[k] * u.length,
    maxOverFullFlow: net.qFull[k] > 0 ? ls.maxFlow[k] / (net.qFull[k] * net.barrels[k]) : 0,
    maxOverFullDepth: ls.maxDepth[k] / net.xsect[k].yFull,
  }));
  const outfalls: OutfallRow[] = [];
  net.nodeIds.forEach((id, n) => {
    if (net.nodeType[n] !== NodeType.Outfall) return;
    const periods = ns.outfallPeriods[n];
    outfalls.push({
      node: id, flowFreqPct: (100 * periods) / Math.max(steps, 1), avgFlow: periods > 0 ? (ns.outfallSumFlow[n] / periods) * u.flow : 0,
      maxFlow: ns.outfallMaxFlow[n] * u.flow, totalVolume: toMega(ns.outfallVolume[n]),
    });
  });

  const T = nw.totals;
  const finalStorage = nw.storedVolume();
  const totalIn = T.dryWeatherInflow + T.wetWeatherInflow + T.externalInflow + T.initialStorage;
  const totalOut = T.externalOutflow + T.flooding + finalStorage;
  const ro = nw.runoff;
  let runoffContinuity: SwmmReport['runoffContinuity'];
  if (ro.count > 0) {
    const stored = ro.storedVolume();
    const out = ro.totals.evap + ro.totals.infil + ro.totals.runoff + stored;
    runoffContinuity = {
      precipitation: toBig(ro.totals.rain), evaporation: toBig(ro.totals.evap), infiltration: toBig(ro.totals.infil),
      runoff: toBig(ro.totals.runoff), finalStorage: toBig(stored),
      errorPct: ro.totals.rain > 0 ? (1 - out / ro.totals.rain) * 100 : 0,
    };
  }
  return {
    flowUnits: u.flowUnits,
    duration: nw.duration,
    nodeDepth, nodeFlooding, linkFlow, outfalls, runoffContinuity,
    routingContinuity: {
      dryWeatherInflow: toBig(T.dryWeatherInflow), wetWeatherInflow: toBig(T.wetWeatherInflow), externalInflow: toBig(T.externalInflow), externalOutflow: toBig(T.externalOutflow),
      flooding: toBig(T.flooding), initialStorage: toBig(T.initialStorage), finalStorage: toBig(finalStorage),
      errorPct: totalIn > 0 ? (1 - totalOut / totalIn) * 100 : 0,
    },
    timeSteps: {
      min: nw.stepStats.minStep, avg: nw.stepStats.sumStep / Math.max(steps, 1), max: nw.stepStats.maxStep,
      iterationsPerStep: nw.stepStats.iterations / Math.max(steps, 1), pctNotConverging: (100 * nw.stepStats.nonConverging) / Math.max(steps, 1),
    },
    wallSeconds,
  };
}
