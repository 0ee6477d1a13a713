/**
 * From a parsed `.inp` model to the engine's flat arrays, in SWMM's internal units (ft, s, cfs),
 * checking what the file refers to: every error names the `.inp` line and field.
 * Conduit set-up follows SWMM 5 Reference Manual Vol. II §3.4 / link.c `conduit_validate`:
 * slope from end inverts, reversal of adverse conduits, conduit lengthening for the Courant condition.
 */
import { IdMap } from './id-map.ts';
import { InpError } from './inp-error.ts';
import type { Curve, InpModel, Located, Xsection } from './inp-model.ts';
import { readOptions, type SimOptions } from './sim-options.ts';
import { compileSeries, type Series } from './time-series.ts';
import { GRAVITY, PHI, unitFactors, type UnitFactors } from './units.ts';
import { LinkType, PumpType, WeirType, type RegulatorData } from './regulators.ts';
import { readTransects } from './transect.ts';
import { makeIrregularXsect, makeXsect, Shape, SHAPE_CODES, type Xsect } from './xsect.ts';

export const enum NodeType { Junction = 0, Outfall = 1, Storage = 2 }
export const enum OutfallType { Free = 0, Normal = 1, Fixed = 2, Series = 3 }

export interface NetworkData {
  options: SimOptions;
  units: UnitFactors;
  nodeIds: string[];
  linkIds: string[];
  nodeType: Uint8Array;
  /** invert elevation (ft) */
  invert: Float64Array;
  /** rim depth above invert (ft) */
  fullDepth: Float64Array;
  /** extra depth allowed above the rim before flooding (ft) */
  surDepth: Float64Array;
  /** ponded area (ft²) */
  pondedArea: Float64Array;
  initDepth: Float64Array;
  /** highest conduit crown at the node (ft, elevation) */
  crownElev: Float64Array;
  /** number of links leaving the node; negative when no link enters it (SWMM `degree`) */
  degree: Int32Array;
  outfallType: Uint8Array;
  /** fixed outfall stage (ft, elevation) */
  outfallStage: Float64Array;
  /** stage series per node, or undefined */
  outfallSeries: (Series | undefined)[];
  outfallGated: Uint8Array;
  /** storage area curve: area (ft²) = a·d^b + c for FUNCTIONAL; tabular curves as (depth, area) pairs in ft */
  storageA: Float64Array;
  storageB: Float64Array;
  storageC: Float64Array;
  storageTable: (Float64Array | undefined)[];

  /** `LinkType` of regulators.ts: conduits first, then pumps, orifices, weirs */
  linkType: Uint8Array;
  reg: RegulatorData;
  node1: Int32Array;
  node2: Int32Array;
  /** +1, or −1 when the conduit was reversed to run downhill */
  direction: Int8Array;
  offset1: Float64Array;
  offset2: Float64Array;
  xsect: Xsect[];
  /** true length (ft) */
  length: Float64Array;
  /** lengthened length used in the momentum equation (ft) */
  modLength: Float64Array;
  /** g·(n/1.486)² */
  roughFactor: Float64Array;
  /** 1.486·sqrt(S)/n */
  beta: Float64Array;
  slope: Float64Array;
  barrels: Float64Array;
  qFull: Float64Array;
  qMax: Float64Array;
  /** flow limit (cfs), 0 = none */
  qLimit: Float64Array;
  lossInlet: Float64Array;
  lossOutlet: Float64Array;
  lossAvg: Float64Array;
  flapGate: Uint8Array;
  /** initial flow (cfs) */
  q0: Float64Array;

  /** external FLOW inflows: node index, series (or undefined), conversion factor, scale, baseline */
  inflowNode: Int32Array;
  inflowSeries: (Series | undefined)[];
  inflowFactor: Float64Array;
  inflowBaseline: Float64Array;
  /** baseline pattern per external inflow, −1 = none */
  inflowPattern: Int32Array;
  /** time patterns: `PATTERN_TYPES` index and factors */
  patternType: Uint8Array;
  patternFactors: Float64Array[];
  /** dry-weather flows: node, average (cfs), pattern per type (4 per entry, −1 = none) */
  dwfNode: Int32Array;
  dwfAverage: Float64Array;
  dwfPatterns: Int32Array;
}

export const PATTERN_TYPES = ['MONTHLY', 'DAILY', 'HOURLY', 'WEEKEND'];

function err(model: InpModel, rec: Located, section: string, field: string, problem: string): never {
  throw new InpError(model.file, rec.line, section, field, problem);
}

export function buildNetwork(model: InpModel): NetworkData {
  const options = readOptions(model);
  const units = unitFactors(options.flowUnits);
  const ucfL = units.length;
  const nodeIndex = new IdMap();
  const nodeIds: string[] = [];
  const addNode = (name: string, rec: Located, section: string): void => {
    if (nodeIndex.has(name)) err(model, rec, section, 'Name', `duplicate node id '${name}'`);
    nodeIndex.set(name, nodeIds.length);
    nodeIds.push(name);
  };
  for (const j of model.junctions) addNode(j.name, j, 'JUNCTIONS');
  for (const o of model.outfalls) addNode(o.name, o, 'OUTFALLS');
  for (const s of model.storage) addNode(s.name, s, 'STORAGE');
  const nN = nodeIds.length;

  const seriesByName = new IdMap<Series>();
  for (const ts of model.timeseries) seriesByName.set(ts.name, compileSeries(ts, model.file, options.startMs));
  const needSeries = (name: string, rec: Located, section: string, field: string): Series => {
    const s = seriesByName.get(name);
    if (!s) err(model, rec, section, field, `time series '${name}' is not defined in [TIMESERIES]`);
    return s;
  };

  const nodeType = new Uint8Array(nN);
  const invert = new Float64Array(nN);
  const fullDepth = new Float64Array(nN);
  const surDepth = new Float64Array(nN);
  const pondedArea = new Float64Array(nN);
  const initDepth = new Float64Array(nN);
  const outfallType = new Uint8Array(nN);
  const outfallStage = new Float64Array(nN);
  const outfallSeries: (Series | undefined)[] = new Array(nN).fill(undefined);
  const outfallGated = new Uint8Array(nN);
  const storageA = new Float64Array(nN);
  const storageB = new Float64Array(nN);
  const storageC = new Float64Array(nN);
  const storageTable: (Float64Array | undefined)[] = new Array(nN).fill(undefined);
  const ucfA = ucfL * ucfL;

  let i = 0;
  for (const j of model.junctions) {
    if (j.maxDepth < 0) err(model, j, 'JUNCTIONS', 'MaxDepth', `must not be negative, found ${j.maxDepth}`);
    nodeType[i] = NodeType.Junction;
    invert[i] = j.elevation / ucfL;
    fullDepth[i] = j.maxDepth / ucfL;
    initDepth[i] = j.initDepth / ucfL;
    surDepth[i] = j.surDepth / ucfL;
    pondedArea[i] = j.pondedArea / ucfA;
    i++;
  }
  for (const o of model.outfalls) {
    nodeType[i] = NodeType.Outfall;
    invert[i] = o.elevation / ucfL;
    outfallGated[i] = o.gated ? 1 : 0;
    switch (o.type) {
      case 'FREE': outfallType[i] = OutfallType.Free; break;
      case 'NORMAL': outfallType[i] = OutfallType.Normal; break;
      case 'FIXED': {
        const v = Number(o.stageData);
        if (!Number.isFinite(v)) err(model, o, 'OUTFALLS', 'Stage Data', `expected a stage, found '${o.stageData}'`);
        outfallType[i] = OutfallType.Fixed;
        outfallStage[i] = v / ucfL;
        break;
      }
      case 'TIMESERIES':
        outfallType[i] = OutfallType.Series;
        outfallSeries[i] = needSeries(o.stageData ?? '', o, 'OUTFALLS', 'Stage Data');
        break;
      default: err(model, o, 'OUTFALLS', 'Type', `outfall type ${o.type} is not supported by this engine`);
    }
    i++;
  }
  for (const s of model.storage) {
    nodeType[i] = NodeType.Storage;
    invert[i] = s.elevation / ucfL;
    fullDepth[i] = s.maxDepth / ucfL;
    initDepth[i] = s.initDepth / ucfL;
    const p = s.params.map(Number);
    if (s.shape === 'FUNCTIONAL') {
      if (p.length < 3 || p.slice(0, 3).some((v) => !Number.isFinite(v))) err(model, s, 'STORAGE', 'Params', 'FUNCTIONAL needs coefficient, exponent and constant');
      // A = a·d^b + c in user units (ft² or m²) with d in user length units.
      storageA[i] = p[0] * Math.pow(ucfL, p[1]) / ucfA;
      storageB[i] = p[1];
      storageC[i] = p[2] / ucfA;
      surDepth[i] = (Number.isFinite(p[3]) ? p[3] : 0) / ucfL;
    } else if (s.shape === 'TABULAR') {
      const curve = model.curves.find((c) => c.name.toUpperCase() === s.params[0]?.toUpperCase());
      if (!curve) err(model, s, 'STORAGE', 'Curve Name', `curve '${s.params[0]}' is not defined in [CURVES]`);
      const t = new Float64Array(curve.points.length * 2);
      curve.points.forEach((pt, k) => { t[2 * k] = pt.x / ucfL; t[2 * k + 1] = pt.y / ucfA; });
      storageTable[i] = t;
      surDepth[i] = (Number.isFinite(p[1]) ? p[1] : 0) / ucfL;
    } else err(model, s, 'STORAGE', 'Shape', `storage shape ${s.shape} is not supported by this engine (FUNCTIONAL, TABULAR)`);
    i++;
  }

  // --- links
  const linkIds: string[] = [];
  const linkIndex = new IdMap();
  const linkSections: [Located & { name: string }, string][] = [
    ...model.conduits.map((c) => [c, 'CONDUITS'] as [Located & { name: string }, string]),
    ...model.pumps.map((c) => [c, 'PUMPS'] as [Located & { name: string }, string]),
    ...model.orifices.map((c) => [c, 'ORIFICES'] as [Located & { name: string }, string]),
    ...model.weirs.map((c) => [c, 'WEIRS'] as [Located & { name: string }, string]),
  ];
  for (const [c, section] of linkSections) {
    if (linkIndex.has(c.name)) err(model, c, section, 'Name', `duplicate link id '${c.name}'`);
    linkIndex.set(c.name, linkIds.length);
    linkIds.push(c.name);
  }
  const nL = linkIds.length;
  const nC = model.conduits.length;
  const linkType = new Uint8Array(nL);
  const reg: RegulatorData = {
    cd: new Float64Array(nL), cd2: new Float64Array(nL), kind: new Uint8Array(nL), endContractions: new Float64Array(nL),
    canSurcharge: new Uint8Array(nL), pumpCurve: new Array(nL).fill(undefined), startupDepth: new Float64Array(nL),
    shutoffDepth: new Float64Array(nL), initiallyOn: new Uint8Array(nL),
  };
  const node1 = new Int32Array(nL);
  const node2 = new Int32Array(nL);
  const direction = new Int8Array(nL).fill(1);
  const offset1 = new Float64Array(nL);
  const offset2 = new Float64Array(nL);
  const xsect: Xsect[] = new Array(nL);
  const length = new Float64Array(nL);
  const modLength = new Float64Array(nL);
  const roughFactor = new Float64Array(nL);
  const beta = new Float64Array(nL);
  const slope = new Float64Array(nL);
  const barrels = new Float64Array(nL).fill(1);
  const qFull = new Float64Array(nL);
  const qMax = new Float64Array(nL);
  const qLimit = new Float64Array(nL);
  const lossInlet = new Float64Array(nL);
  const lossOutlet = new Float64Array(nL);
  const lossAvg = new Float64Array(nL);
  const flapGate = new Uint8Array(nL);
  const q0 = new Float64Array(nL);
  const roughness = new Float64Array(nL);
  const fileLength = new Float64Array(nL);

  const xsByLink = new IdMap<(typeof model.xsections)[number]>();
  for (const x of model.xsections) {
    if (!linkIndex.has(x.link)) err(model, x, 'XSECTIONS', 'Link', `link '${x.link}' is not defined`);
    if (xsByLink.has(x.link)) err(model, x, 'XSECTIONS', 'Link', `duplicate cross-section for link '${x.link}'`);
    xsByLink.set(x.link, x);
  }
  for (const l of model.losses) {
    const k = linkIndex.get(l.link);
    if (k === undefined) err(model, l, 'LOSSES', 'Link', `link '${l.link}' is not defined`);
    lossInlet[k] = l.kEntry;
    lossOutlet[k] = l.kExit;
    lossAvg[k] = l.kAvg;
    flapGate[k] = l.flapGate ? 1 : 0;
  }

  const transects = readTransects(model, ucfL);
  model.conduits.forEach((c, k) => {
    const n1 = nodeIndex.get(c.from);
    const n2 = nodeIndex.get(c.to);
    if (n1 === undefined) err(model, c, 'CONDUITS', 'From Node', `node '${c.from}' is not defined`);
    if (n2 === undefined) err(model, c, 'CONDUITS', 'To Node', `node '${c.to}' is not defined`);
    if (!(c.length > 0)) err(model, c, 'CONDUITS', 'Length', `must be positive, found ${c.length}`);
    if (!(c.roughness > 0)) err(model, c, 'CONDUITS', 'Roughness', `must be positive, found ${c.roughness}`);
    const xs = xsByLink.get(c.name);
    if (!xs) err(model, c, 'CONDUITS', 'Name', `conduit '${c.name}' has no [XSECTIONS] entry`);
    if (!(xs.barrels >= 1)) err(model, xs, 'XSECTIONS', 'Barrels', `must be at least 1, found ${xs.barrels}`);
    length[k] = c.length / ucfL;
    fileLength[k] = length[k];
    roughness[k] = c.roughness;
    if (xs.shape === 'IRREGULAR') {
      // natural channel: the transect's n (× sqrt of its meander factor) and the main-channel length (link.c)
      const t = transects.get(xs.curve ?? '');
      if (!t) err(model, xs, 'XSECTIONS', 'Geom1', `transect '${xs.curve}' is not defined in [TRANSECTS]`);
      xsect[k] = makeIrregularXsect(t);
      roughness[k] = t.roughness * Math.sqrt(t.lengthFactor);
      length[k] /= t.lengthFactor;
    } else {
      const shape = SHAPE_CODES[xs.shape];
      if (shape === undefined) err(model, xs, 'XSECTIONS', 'Shape', `unknown or unsupported cross-section shape '${xs.shape}'`);
      const x = makeXsect(shape, xs.geom.map((v) => v / ucfL));
      if (!x) err(model, xs, 'XSECTIONS', 'Geom1', `invalid ${xs.shape} dimensions ${xs.geom.join(' ')} (sizes must be positive)`);
      xsect[k] = x;
    }
    node1[k] = n1;
    node2[k] = n2;
    barrels[k] = xs.barrels;
    // LINK_OFFSETS ELEVATION gives offsets as elevations.
    const elevOffsets = (model.options.find((o) => o.key === 'LINK_OFFSETS')?.value ?? 'DEPTH').toUpperCase() === 'ELEVATION';
    offset1[k] = elevOffsets ? c.inOffset / ucfL - invert[n1] : c.inOffset / ucfL;
    offset2[k] = elevOffsets ? c.outOffset / ucfL - invert[n2] : c.outOffset / ucfL;
    if (offset1[k] < 0) offset1[k] = 0;
    if (offset2[k] < 0) offset2[k] = 0;
    q0[k] = c.initFlow / units.flow;
    qLimit[k] = c.maxFlow / units.flow;
  });

  readRegulators(model, nC, nodeIndex, xsByLink, { node1, node2, offset1, xsect, linkType, flapGate, reg, invert, ucfL });

  // --- conduit slope, reversal, lengthening, friction (link.c conduit_validate)
  const dw = options.routing === 'DYNWAVE';
  for (let k = 0; k < nC; k++) {
    const len = length[k];
    const e1 = offset1[k] + invert[node1[k]];
    const e2 = offset2[k] + invert[node2[k]];
    let delta = Math.abs(e1 - e2);
    if (delta < 0.001) delta = 0.001;
    let s = delta >= len ? delta / len : delta / Math.sqrt(len * len - delta * delta);
    if (options.minSlope > 0 && s < options.minSlope / 100) s = options.minSlope / 100;
    if (e1 < e2) s = -s;
    if (dw && s < 0) {
      const t = node1[k]; node1[k] = node2[k]; node2[k] = t;
      const o = offset1[k]; offset1[k] = offset2[k]; offset2[k] = o;
      const c = lossInlet[k]; lossInlet[k] = lossOutlet[k]; lossOutlet[k] = c;
      s = -s;
      direction[k] = -1;
      q0[k] = -q0[k];
    }
    slope[k] = s;
    const x = xsect[k];
    let n = roughness[k];
    let lengthFactor = 1;
    if (dw && options.lengtheningStep > 0) {
      let yFull = x.yFull;
      if (x.isOpen) yFull = x.aFull / x.widthOfDepth(yFull);
      const vFull = (PHI / n) * x.sFull * Math.sqrt(Math.abs(s)) / x.aFull;
      const tStep = Math.min(options.routeStep, options.lengtheningStep);
      const ratio = ((Math.sqrt(GRAVITY * yFull) + vFull) * tStep) / len;
      if (ratio > 1) lengthFactor = ratio;
    }
    // SWMM's momentum length: the conduit's full length as written (an irregular channel's meander length
    // included) unless lengthened for the Courant condition, then the lengthened main-channel length
    modLength[k] = lengthFactor !== 1 ? len * lengthFactor : fileLength[k];
    if (lengthFactor !== 1) {
      s /= lengthFactor;
      n /= Math.sqrt(lengthFactor);
    }
    roughFactor[k] = GRAVITY * (n / PHI) * (n / PHI);
    beta[k] = (PHI * Math.sqrt(Math.abs(s))) / n;
    qFull[k] = x.sFull * beta[k];
    qMax[k] = x.sMax * beta[k];
  }

  // --- link_validate: regulator crests not below the outlet invert (DW); rims at least at link crowns
  for (let k = nC; k < nL; k++) {
    if (dw && linkType[k] !== LinkType.Pump && invert[node1[k]] + offset1[k] < invert[node2[k]]) {
      offset1[k] = invert[node2[k]] - invert[node1[k]];
    }
  }
  for (let k = 0; k < nL; k++) {
    if (linkType[k] === LinkType.Pump || (linkType[k] === LinkType.Orifice && reg.kind[k] === 1)) continue;
    const a = node1[k];
    const b = node2[k];
    if (nodeType[a] !== NodeType.Storage || surDepth[a] > 0) fullDepth[a] = Math.max(fullDepth[a], offset1[k] + xsect[k].yFull);
    if ((nodeType[b] !== NodeType.Storage || surDepth[b] > 0) && linkType[k] === LinkType.Conduit) {
      fullDepth[b] = Math.max(fullDepth[b], offset2[k] + xsect[k].yFull);
    }
  }

  // --- node crowns and degrees
  const crownElev = Float64Array.from(invert);
  const degree = new Int32Array(nN);
  const hasInflowLink = new Uint8Array(nN);
  const connected = new Uint8Array(nN);
  for (let k = 0; k < nL; k++) {
    const a = node1[k];
    const b = node2[k];
    if (linkType[k] !== LinkType.Pump) crownElev[a] = Math.max(crownElev[a], invert[a] + offset1[k] + xsect[k].yFull);
    if (linkType[k] !== LinkType.Pump) crownElev[b] = Math.max(crownElev[b], invert[b] + offset2[k] + xsect[k].yFull);
    degree[a]++;
    hasInflowLink[b] = 1;
    connected[a] = connected[b] = 1;
  }
  // SWMM dynwave validateGeneralLayout: an outfall takes one link; a node with no inflow link has degree < 0.
  for (let n = 0; n < nN; n++) {
    if (!connected[n]) {
      const rec = n < model.junctions.length ? model.junctions[n] : n < model.junctions.length + model.outfalls.length
        ? model.outfalls[n - model.junctions.length] : model.storage[n - model.junctions.length - model.outfalls.length];
      err(model, rec, nodeType[n] === NodeType.Outfall ? 'OUTFALLS' : nodeType[n] === NodeType.Storage ? 'STORAGE' : 'JUNCTIONS', 'Name', `node '${nodeIds[n]}' is not connected to any link`);
    }
    if (!hasInflowLink[n] && nodeType[n] !== NodeType.Outfall) degree[n] = -degree[n];
  }

  // --- time patterns (inflow.c getPatternFactor): MONTHLY 12, DAILY 7 (Sunday first), HOURLY / WEEKEND 24 factors
  const patternIndex = new IdMap();
  const patternType = new Uint8Array(model.patterns.length);
  const patternFactors: Float64Array[] = [];
  model.patterns.forEach((p, i) => {
    const type = PATTERN_TYPES.indexOf(p.type);
    if (type < 0) err(model, p, 'PATTERNS', 'Type', `expected MONTHLY, DAILY, HOURLY or WEEKEND, found '${p.type}'`);
    const count = [12, 7, 24, 24][type];
    if (p.factors.length !== count) err(model, p, 'PATTERNS', 'Factors', `a ${p.type} pattern needs ${count} factors, found ${p.factors.length}`);
    patternIndex.set(p.name, i);
    patternType[i] = type;
    patternFactors.push(Float64Array.from(p.factors));
  });
  const needPattern = (name: string, rec: Located, section: string, field: string): number => {
    const i = patternIndex.get(name);
    if (i === undefined) err(model, rec, section, field, `time pattern '${name}' is not defined in [PATTERNS]`);
    return i;
  };

  // --- external inflows (FLOW only): (series·Sfactor + baseline·pattern) in flow units (inflow.c)
  const flowInflows = model.inflows.filter((f) => f.constituent.toUpperCase() === 'FLOW');
  const inflowNode = new Int32Array(flowInflows.length);
  const inflowSeries: (Series | undefined)[] = [];
  const inflowFactor = new Float64Array(flowInflows.length);
  const inflowBaseline = new Float64Array(flowInflows.length);
  const inflowPattern = new Int32Array(flowInflows.length).fill(-1);
  flowInflows.forEach((f, k) => {
    const n = nodeIndex.get(f.node);
    if (n === undefined) err(model, f, 'INFLOWS', 'Node', `node '${f.node}' is not defined`);
    inflowNode[k] = n;
    inflowSeries.push(f.series === '' ? undefined : needSeries(f.series, f, 'INFLOWS', 'Time Series'));
    inflowFactor[k] = f.sFactor / units.flow;
    inflowBaseline[k] = f.baseline / units.flow;
    if (f.pattern) inflowPattern[k] = needPattern(f.pattern, f, 'INFLOWS', 'Pattern');
  });

  // --- dry-weather inflows (FLOW only): average × monthly × daily × hourly (or weekend) factors
  const dwf = model.dwf.filter((d) => d.constituent.toUpperCase() === 'FLOW');
  const dwfNode = new Int32Array(dwf.length);
  const dwfAverage = new Float64Array(dwf.length);
  /** pattern index per DWF and pattern type (4 per DWF), −1 = none */
  const dwfPatterns = new Int32Array(4 * dwf.length).fill(-1);
  dwf.forEach((d, k) => {
    const n = nodeIndex.get(d.node);
    if (n === undefined) err(model, d, 'DWF', 'Node', `node '${d.node}' is not defined`);
    dwfNode[k] = n;
    dwfAverage[k] = d.average / units.flow;
    for (const name of d.patterns) {
      if (name === '') continue;
      const i = needPattern(name, d, 'DWF', 'Patterns');
      dwfPatterns[4 * k + patternType[i]] = i;
    }
  });

  return {
    options, units, nodeIds, linkIds, nodeType, invert, fullDepth, surDepth, pondedArea, initDepth, crownElev, degree,
    outfallType, outfallStage, outfallSeries, outfallGated, storageA, storageB, storageC, storageTable,
    linkType, reg, node1, node2, direction, offset1, offset2, xsect, length, modLength, roughFactor, beta, slope, barrels, qFull, qMax,
    qLimit, lossInlet, lossOutlet, lossAvg, flapGate, q0, inflowNode, inflowSeries, inflowFactor, inflowBaseline,
    inflowPattern, patternType, patternFactors, dwfNode, dwfAverage, dwfPatterns,
  };
}

interface LinkArrays {
  node1: Int32Array;
  node2: Int32Array;
  offset1: Float64Array;
  xsect: Xsect[];
  linkType: Uint8Array;
  flapGate: Uint8Array;
  reg: RegulatorData;
  invert: Float64Array;
  ucfL: number;
}

/** Pumps, orifices and weirs (links nC.. in that order): end nodes, opening geometry, coefficients. */
function readRegulators(model: InpModel, nC: number, nodeIndex: IdMap, xsByLink: IdMap<Xsection>, a: LinkArrays): void {
  const { reg, ucfL } = a;
  const elevOffsets = (model.options.find((o) => o.key === 'LINK_OFFSETS')?.value ?? 'DEPTH').toUpperCase() === 'ELEVATION';
  const ends = (k: number, rec: Located & { from: string; to: string }, section: string): void => {
    const n1 = nodeIndex.get(rec.from);
    const n2 = nodeIndex.get(rec.to);
    if (n1 === undefined) err(model, rec, section, 'From Node', `node '${rec.from}' is not defined`);
    if (n2 === undefined) err(model, rec, section, 'To Node', `node '${rec.to}' is not defined`);
    a.node1[k] = n1;
    a.node2[k] = n2;
  };
  const opening = (k: number, name: string, rec: Located, section: string, allowed: string[]): void => {
    const xs = xsByLink.get(name);
    if (!xs) err(model, rec, section, 'Name', `link '${name}' has no [XSECTIONS] entry`);
    if (!allowed.includes(xs.shape)) err(model, xs, 'XSECTIONS', 'Shape', `${section.toLowerCase()} need a ${allowed.join(' or ')} opening, found '${xs.shape}'`);
    const x = makeXsect(SHAPE_CODES[xs.shape], xs.geom.map((v) => v / ucfL));
    if (!x) err(model, xs, 'XSECTIONS', 'Geom1', `invalid ${xs.shape} dimensions ${xs.geom.join(' ')} (sizes must be positive)`);
    a.xsect[k] = x;
  };
  const curveByName = new IdMap<Curve>();
  for (const c of model.curves) curveByName.set(c.name, c);
  let k = nC;
  for (const p of model.pumps) {
    ends(k, p, 'PUMPS');
    a.linkType[k] = LinkType.Pump;
    a.xsect[k] = makeXsect(Shape.RectOpen, [1e-6, 1e-6])!;
    reg.initiallyOn[k] = p.status === 'OFF' ? 0 : 1;
    reg.startupDepth[k] = p.startup / ucfL;
    reg.shutoffDepth[k] = p.shutoff / ucfL;
    if (p.curve === '*') reg.kind[k] = PumpType.Ideal;
    else {
      const c = curveByName.get(p.curve);
      if (!c) err(model, p, 'PUMPS', 'Pump Curve', `curve '${p.curve}' is not defined in [CURVES]`);
      const type = ['PUMP1', 'PUMP2', 'PUMP3', 'PUMP4'].indexOf(c.type) + 1;
      if (type === 0) err(model, c, 'CURVES', 'Type', `pump curve type ${c.type} is not supported (PUMP1..PUMP4)`);
      reg.kind[k] = type;
      reg.pumpCurve[k] = Float64Array.from(c.points.flatMap((pt) => [pt.x, pt.y]));
    }
    k++;
  }
  for (const o of model.orifices) {
    ends(k, o, 'ORIFICES');
    a.linkType[k] = LinkType.Orifice;
    opening(k, o.name, o, 'ORIFICES', ['CIRCULAR', 'RECT_CLOSED']);
    if (o.type !== 'SIDE' && o.type !== 'BOTTOM') err(model, o, 'ORIFICES', 'Type', `expected SIDE or BOTTOM, found '${o.type}'`);
    reg.kind[k] = o.type === 'BOTTOM' ? 1 : 0;
    reg.cd[k] = o.cd;
    a.flapGate[k] = o.gated ? 1 : 0;
    a.offset1[k] = Math.max(0, elevOffsets ? o.offset / ucfL - a.invert[a.node1[k]] : o.offset / ucfL);
    k++;
  }
  const weirKinds: Record<string, [WeirType, string]> = {
    TRANSVERSE: [WeirType.Transverse, 'RECT_OPEN'], SIDEFLOW: [WeirType.Sideflow, 'RECT_OPEN'],
    'V-NOTCH': [WeirType.VNotch, 'TRIANGULAR'], TRAPEZOIDAL: [WeirType.Trapezoidal, 'TRAPEZOIDAL'],
  };
  for (const w of model.weirs) {
    ends(k, w, 'WEIRS');
    a.linkType[k] = LinkType.Weir;
    const kind = weirKinds[w.type];
    if (!kind) err(model, w, 'WEIRS', 'Type', `weir type ${w.type} is not supported (TRANSVERSE, SIDEFLOW, V-NOTCH, TRAPEZOIDAL)`);
    opening(k, w.name, w, 'WEIRS', [kind[1]]);
    reg.kind[k] = kind[0];
    reg.cd[k] = w.cd;
    a.flapGate[k] = (w.extra[0] ?? 'NO').toUpperCase() === 'YES' ? 1 : 0;
    reg.endContractions[k] = Number(w.extra[1] ?? 0) || 0;
    reg.cd2[k] = Number(w.extra[2] ?? 0) || 0;
    reg.canSurcharge[k] = (w.extra[3] ?? 'YES').toUpperCase() === 'NO' ? 0 : 1;
    a.offset1[k] = Math.max(0, elevOffsets ? w.crestHeight / ucfL - a.invert[a.node1[k]] : w.crestHeight / ucfL);
    k++;
  }
}
