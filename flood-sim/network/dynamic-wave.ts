/**
 * Dynamic-wave routing of one step: SWMM 5 Reference Manual Vol. II (Hydraulics) §3.4 / dynwave.c, dwflow.c.
 * Per conduit, the finite-difference Saint-Venant momentum equation (Eq. 3-33)
 *   Q = (Q_old − ΔQ_grav + ΔQ_inertial) / (1 + ΔQ_friction + ΔQ_losses)
 * with upstream weighting of area and radius by the Froude number, inertial damping and normal-flow limitation;
 * per node, continuity with the surface area of half of each connected conduit (Eq. 3-36), or when the node is
 * surcharged the head update that forces net flow to zero (EXTRAN surcharge, Eq. 3-39). Both are repeated as a
 * Picard iteration with under-relaxation ω = 0.5 until heads change by less than HEAD_TOLERANCE.
 * SURCHARGE_METHOD SLOT (SWMM 5.2 dwflow.c getSlotWidth, dynwave.c setNodeDepth) replaces Eq. 3-39 by a Preissmann slot: a closed
 * conduit above 98.5257 % of its depth gets a narrow slot of Sjöberg's width (`slotWidth`), whose area adds to
 * its flow area and volume and whose width to its end nodes' surface area, so a surcharged node keeps the
 * ordinary volume continuity (Eq. 3-36).
 * Units: ft, ft², s, cfs.
 */
import { NodeType, OutfallType, type NetworkData } from './build-network.ts';
import { FlowClass, FUDGE } from './flow-class.ts';
import type { HydState } from './hyd-state.ts';
import { storageArea, storageVolume } from './storage-geometry.ts';
import { seriesAt } from './time-series.ts';
import { GRAVITY as G_FT } from './units.ts';
import { LinkType, PumpType, Regulators } from './regulators.ts';
import type { Xsect } from './xsect.ts';


/** ft/s², read once: module-local constants keep the hot loop free of cross-module lookups. */
const GRAVITY = G_FT;

const OMEGA = 0.5;
const MAX_VELOCITY = 50;
const EXTRAN_CROWN_CUTOFF = 0.96;
/** Relative depth above which a closed conduit's surface width is its slot's (dynwave.c SLOT_CROWN_CUTOFF). */
const SLOT_CROWN_CUTOFF = 0.985257;
/** Relative depth beyond which the slot keeps 1 % of the maximum width (dwflow.c getSlotWidth). */
const SLOT_NARROW = 1.78;
const MIN_TIME_STEP = 0.001;

export interface DynamicWaveSettings {
  /** ft² */
  minSurfArea: number;
  /** ft */
  headTol: number;
  maxTrials: number;
  courantFactor: number;
  minRouteStep: number;
  /** fixed routing step (s), sizes the storage of weirs and orifices */
  routeStep: number;
  allowPonding: boolean;
  inertialDamping: 'NONE' | 'PARTIAL' | 'FULL';
  normalFlowLimited: 'SLOPE' | 'FROUDE' | 'BOTH';
  /** EXTRAN: surcharged nodes by Eq. 3-39; SLOT: Preissmann slot in closed conduits, node continuity throughout. */
  surchargeMethod: 'EXTRAN' | 'SLOT';
}

/**
 * Preissmann slot width (ft) of closed section x at depth y (ft): Sjöberg's formula
 * w = 0.5423·W·exp(−(y/yFull)^2.4) above the crown cutoff, 1 % of the maximum width W beyond 1.78·yFull,
 * as SWMM 5.2 (dwflow.c getSlotWidth).
 */
export function slotWidth(x: Xsect, y: number): number {
  const yNorm = y / x.yFull;
  if (x.isOpen || yNorm < SLOT_CROWN_CUTOFF) return 0;
  if (yNorm > SLOT_NARROW) return 0.01 * x.wMax;
  return x.wMax * 0.5423 * Math.exp(-Math.pow(yNorm, 2.4));
}

/** ∫₁^x 0.5423·exp(−ξ^2.4) dξ at x = 1 + i/100, i = 0..78 (Simpson, 20 panels per interval). */
const SLOT_INTEGRAL = (() => {
  const f = (x: number) => 0.5423 * Math.exp(-Math.pow(x, 2.4));
  const t = new Float64Array(79);
  for (let i = 1; i < t.length; i++) {
    const a = 1 + (i - 1) / 100;
    const h = 0.01 / 20;
    let sum = f(a) + f(a + 0.01);
    for (let j = 1; j < 20; j++) sum += (j % 2 === 1 ? 4 : 2) * f(a + j * h);
    t[i] = t[i - 1] + (sum * h) / 3;
  }
  return t;
})();

/**
 * Area (ft²) of closed section x's slot between the crown and depth y > yFull, as the integral of the slot
 * width: the water a node's continuity puts into the slot through that width. (SWMM's flow area in the slot,
 * (y − yFull)·wSlot(y), is not monotonic in y; it stays the momentum equation's area.)
 */
export function slotStorageArea(x: Xsect, y: number): number {
  const yNorm = y / x.yFull;
  if (yNorm <= 1) return 0;
  const u = (Math.min(yNorm, SLOT_NARROW) - 1) * 100;
  const i = Math.min(u | 0, SLOT_INTEGRAL.length - 2);
  let g = SLOT_INTEGRAL[i] + (u - i) * (SLOT_INTEGRAL[i + 1] - SLOT_INTEGRAL[i]);
  if (yNorm > SLOT_NARROW) g += 0.01 * (yNorm - SLOT_NARROW);
  return g * x.wMax * x.yFull;
}

export class DynamicWave {
  /** Picard iterations taken by the last step. */
  steps = 0;
  converged = true;
  private variableStep = 0;
  private readonly isOutfallLink: Uint8Array;
  /** per node: 1 for outfalls / storage units (copied from the network's node types) */
  private readonly isOutfall: Uint8Array;
  private readonly isStorage: Uint8Array;
  private readonly fullVolume: Float64Array;
  private readonly regulators: Regulators;
  /** links 0..conduitCount-1 are conduits, the rest regulators */
  private readonly conduitCount: number;
  /** Outfall water levels imposed from outside (ft, elevation; NaN = use the outfall's own boundary). */
  readonly stageOverride: Float64Array;
  /**
   * Per conduit, the water (ft³) its end nodes' continuity puts in it: V = L/4·(A₁ + 2·A_mid + A₂), A the
   * integral of the surface width (in a slot, `slotStorageArea`), whose changes are exactly the surface areas
   * of Eq. 3-37 times the end depths' changes: ∂V/∂y₁ = (w₁ + w_mid)·L/4, ∂V/∂y₂ = (w_mid + w₂)·L/4 (subcritical
   * flow). SWMM's ½(A₁ + A₂)·L (`newLinkVolume`, massbal.c) is not: its mass balance shows the difference as
   * continuity error. At an outfall that area's share is the water `outfallFillRate` holds back.
   */
  readonly continuityVolume: Float64Array;

  constructor(readonly net: NetworkData, readonly s: HydState, readonly cfg: DynamicWaveSettings) {
    const nL = net.linkIds.length;
    this.stageOverride = new Float64Array(net.nodeIds.length).fill(NaN);
    this.isOutfall = net.nodeType.map((t) => (t === NodeType.Outfall ? 1 : 0));
    this.isStorage = net.nodeType.map((t) => (t === NodeType.Storage ? 1 : 0));
    this.isOutfallLink = new Uint8Array(nL);
    this.continuityVolume = new Float64Array(nL);
    for (let k = 0; k < nL; k++) {
      if (net.nodeType[net.node1[k]] === NodeType.Outfall || net.nodeType[net.node2[k]] === NodeType.Outfall) this.isOutfallLink[k] = 1;
    }
    this.regulators = new Regulators(net, net.reg, cfg.routeStep);
    let nC = 0;
    while (nC < nL && net.linkType[nC] === LinkType.Conduit) nC++;
    this.conduitCount = nC;
    this.fullVolume = new Float64Array(net.nodeIds.length);
    for (let n = 0; n < this.fullVolume.length; n++) this.fullVolume[n] = this.nodeVolume(n, net.fullDepth[n]);
  }

  /** Set node n's full (rim) depth (ft) after construction, e.g. to the ground of a linked surface cell. */
  setFullDepth(n: number, depth: number): void {
    this.net.fullDepth[n] = depth;
    this.fullVolume[n] = this.nodeVolume(n, depth);
  }

  /**
   * Rate (cfs) at which outfall n's share of its conduits fills over the last step of dt s: its surface area
   * (Eq. 3-37, which SWMM leaves unused at outfalls) times its depth change. Taken from the outfall's discharge
   * it closes the balance of `continuityVolume`.
   */
  outfallFillRate(n: number, dt: number): number {
    const { s } = this;
    return (s.newSurfArea[n] * (s.newDepth[n] - s.oldDepth[n])) / dt;
  }

  nodeFullVolume(n: number): number {
    return this.fullVolume[n];
  }

  /** Nodes whose inflow leaves the system: outfalls. */
  isSystemOutlet(n: number): boolean {
    return this.isOutfall[n] === 1;
  }

  /** Stored volume at depth d (ft³): junctions hold no water below the rim (SWMM 5.2), storage units their V(d). */
  nodeVolume(n: number, d: number): number {
    return this.isStorage[n] === 1 ? storageVolume(this.net, n, d) : 0;
  }

  private nodeSurfArea(n: number, d: number): number {
    return this.isStorage[n] === 1 ? storageArea(this.net, n, d) : 0;
  }

  /** Initial depths: links at the mean of their end depths, nodes at the mean of their links (flowrout.c). */
  initialize(time: number): void {
    const { net, s } = this;
    const nN = net.nodeIds.length;
    const nL = net.linkIds.length;
    for (let n = 0; n < nN; n++) {
      s.newDepth[n] = s.oldDepth[n] = net.initDepth[n];
    }
    for (let k = 0; k < nL; k++) {
      s.newFlow[k] = s.oldFlow[k] = net.q0[k];
      const y = net.q0[k] !== 0 ? this.normalDepth(k, Math.abs(net.q0[k] / net.barrels[k])) : 0;
      s.newLinkDepth[k] = y;
    }
    const sumY = s.inflow;
    const count = s.outflow;
    sumY.fill(0);
    count.fill(0);
    for (let k = 0; k < nL; k++) {
      const y = s.newLinkDepth[k] > FUDGE ? s.newLinkDepth[k] + net.offset1[k] : 0;
      sumY[net.node1[k]] += y;
      count[net.node1[k]] += 1;
      sumY[net.node2[k]] += y;
      count[net.node2[k]] += 1;
    }
    for (let n = 0; n < nN; n++) {
      if (net.nodeType[n] !== NodeType.Junction || net.initDepth[n] > 0) continue;
      if (count[n] > 0) s.newDepth[n] = sumY[n] / count[n];
    }
    for (let k = 0; k < nL; k++) this.setOutfallDepth(k, time);
    for (let k = 0; k < this.conduitCount; k++) {
      if (net.q0[k] !== 0) continue;
      const x = net.xsect[k];
      const y1 = Math.min(Math.max(s.newDepth[net.node1[k]] - net.offset1[k], 0), x.yFull);
      const y2 = Math.min(Math.max(s.newDepth[net.node2[k]] - net.offset2[k], 0), x.yFull);
      s.newLinkDepth[k] = Math.max(0.5 * (y1 + y2), FUDGE);
    }
    for (let n = 0; n < nN; n++) {
      s.oldDepth[n] = s.newDepth[n];
      s.newVolume[n] = s.oldVolume[n] = this.nodeVolume(n, s.newDepth[n]);
      s.inflow[n] = 0;
      s.outflow[n] = 0;
      s.newSurfArea[n] = s.oldSurfArea[n] = 0;
    }
    for (let k = 0; k < nL; k++) {
      const x = net.xsect[k];
      s.q1[k] = s.newFlow[k] / net.barrels[k];
      s.a1[k] = s.a2[k] = x.areaOfDepth(s.newLinkDepth[k]);
      this.initialStore(k);
      this.setLinkVolume(k, s.a1[k], s.a1[k]);
      s.flowClass[k] = FlowClass.Dry;
      s.dqdh[k] = 0;
      const q = s.newFlow[k];
      if (q >= 0) {
        s.outflow[net.node1[k]] += q;
        s.inflow[net.node2[k]] += q;
      } else {
        s.inflow[net.node1[k]] -= q;
        s.outflow[net.node2[k]] -= q;
      }
    }
  }

  /** Routing step (s) for the next step: fixed, or Courant-limited (dynwave.c getVariableStep). */
  routingStep(fixedStep: number): number {
    const { cfg } = this;
    if (cfg.courantFactor === 0 || fixedStep < MIN_TIME_STEP) return fixedStep;
    if (this.variableStep === 0) this.variableStep = cfg.minRouteStep;
    else this.variableStep = this.variableStepFor(fixedStep);
    this.variableStep = Math.floor(1000 * this.variableStep) / 1000;
    return this.variableStep;
  }

  private variableStepFor(maxStep: number): number {
    const { net, s, cfg } = this;
    let tLink = maxStep;
    for (let k = 0; k < this.conduitCount; k++) {
      const q = Math.abs(s.newFlow[k]) / net.barrels[k];
      if (q <= FUDGE || s.a1[k] <= FUDGE || s.froude[k] <= 0.01) continue;
      let t = s.newLinkVolume[k] / net.barrels[k] / q;
      t = (t * net.modLength[k]) / net.length[k];
      t = ((t * s.froude[k]) / (1 + s.froude[k])) * cfg.courantFactor;
      if (t < tLink) tLink = t;
    }
    let tNode = tLink;
    for (let n = 0; n < net.nodeIds.length; n++) {
      if (this.isOutfall[n] === 1) continue;
      if (s.newDepth[n] <= FUDGE) continue;
      const yCrown = net.crownElev[n] - net.invert[n];
      if (s.newDepth[n] + FUDGE >= yCrown) continue;
      const maxDepth = yCrown * 0.25;
      if (maxDepth < FUDGE) continue;
      if (s.dYdT[n] < FUDGE) continue;
      const t1 = maxDepth / s.dYdT[n];
      if (t1 < tNode) tNode = t1;
    }
    const t = Math.min(tLink, tNode);
    return t < cfg.minRouteStep ? cfg.minRouteStep : t;
  }

  /** Save the end-of-step state as the start of the next step (node_setOldHydState, link_setOldHydState). */
  saveOldState(): void {
    const { s } = this;
    s.oldDepth.set(s.newDepth);
    s.oldVolume.set(s.newVolume);
    for (let n = 0; n < s.oldNetInflow.length; n++) s.oldNetInflow[n] = s.inflow[n] - s.outflow[n];
    s.oldFlow.set(s.newFlow);
  }

  /** Route one step of dt seconds ending at `time` (s from start). Lateral flows must be set in `newLatFlow`. */
  execute(dt: number, time: number): void {
    const { net, s, cfg } = this;
    const nN = net.nodeIds.length;
    const nL = net.linkIds.length;
    for (let n = 0; n < nN; n++) {
      // node_initFlows: overflow of water stored above the rim at the start of the step
      s.overflow[n] = s.newVolume[n] > this.fullVolume[n] ? (s.newVolume[n] - this.fullVolume[n]) / dt : 0;
      s.converged[n] = 0;
      s.dYdT[n] = 0;
    }
    for (let k = 0; k < nL; k++) {
      s.bypassed[k] = 0;
      s.surfArea1[k] = 0;
      s.surfArea2[k] = 0;
      s.a2[k] = s.a1[k];
    }
    this.steps = 0;
    let converged = false;
    while (this.steps < cfg.maxTrials) {
      this.initNodeStates();
      this.findLinkFlows(dt);
      converged = this.findNodeDepths(dt, time);
      this.steps++;
      if (this.steps > 1) {
        if (converged) break;
        for (let k = 0; k < nL; k++) s.bypassed[k] = s.converged[net.node1[k]] && s.converged[net.node2[k]] ? 1 : 0;
      }
    }
    this.converged = converged;
  }

  private initNodeStates(): void {
    const { net, s, cfg } = this;
    for (let n = 0; n < net.nodeIds.length; n++) {
      const d = s.newDepth[n];
      if (cfg.allowPonding && net.pondedArea[n] > 0 && d > net.fullDepth[n]) s.newSurfArea[n] = net.pondedArea[n];
      else s.newSurfArea[n] = this.nodeSurfArea(n, d);
      const lat = s.newLatFlow[n];
      s.inflow[n] = lat >= 0 ? lat : 0;
      s.outflow[n] = lat < 0 ? -lat : 0;
      s.sumdqdh[n] = 0;
    }
  }

  /** Conduit flows first, then regulators (which may depend on the node inflows so far), dynwave.c findLinkFlows. */
  private findLinkFlows(dt: number): void {
    const { net, s } = this;
    const nC = this.conduitCount;
    for (let k = 0; k < nC; k++) {
      if (!s.bypassed[k]) this.conduitFlow(k, dt);
      this.addLinkToNodes(k);
    }
    for (let k = nC; k < net.linkIds.length; k++) {
      if (!s.bypassed[k]) this.regulatorFlow(k, dt);
      this.addLinkToNodes(k);
    }
  }

  private addLinkToNodes(k: number): void {
    const { net, s } = this;
    const n1 = net.node1[k];
    const n2 = net.node2[k];
    const q = s.newFlow[k];
    if (q >= 0) {
      s.outflow[n1] += q;
      s.inflow[n2] += q;
    } else {
      s.inflow[n1] -= q;
      s.outflow[n2] -= q;
    }
    const b = net.barrels[k];
    s.newSurfArea[n1] += s.surfArea1[k] * b;
    s.newSurfArea[n2] += s.surfArea2[k] * b;
    s.sumdqdh[n1] += s.dqdh[k];
    // a Type 4 pump's flow does not depend on its outlet's head
    if (!(net.linkType[k] === LinkType.Pump && net.reg.kind[k] === PumpType.Type4)) s.sumdqdh[n2] += s.dqdh[k];
  }

  /** Weir, orifice or pump flow with under-relaxation (dynwave.c findNonConduitFlow, getModPumpFlow). */
  private regulatorFlow(k: number, dt: number): void {
    const { net, s } = this;
    const qLast = s.newFlow[k];
    s.dqdh[k] = 0;
    let q = this.regulators.flow(k, s, dt);
    const n1 = net.node1[k];
    const isPump = net.linkType[k] === LinkType.Pump;
    if (isPump && q !== 0) {
      const kind = net.reg.kind[k];
      if (this.isStorage[n1] || kind === PumpType.Type1) {
        // no more than the inlet holds plus its inflow (node.c node_getMaxOutflow)
        if (this.fullVolume[n1] > 0) q = Math.min(q, s.inflow[n1] + s.oldVolume[n1] / dt);
        q = Math.max(q, 0);
      } else if (kind !== PumpType.Ideal) {
        const netInflow = s.inflow[n1] - s.outflow[n1] - q;
        const y = s.oldDepth[n1] + (0.5 * (s.oldNetInflow[n1] + netInflow) * dt) / Math.max(s.newSurfArea[n1], this.cfg.minSurfArea);
        if (y <= 0) q = s.inflow[n1];
      }
    }
    // an orifice's end storage (findNonConduitSurfArea)
    let a = net.linkType[k] === LinkType.Orifice ? this.regulators.surfArea[k] / 2 : 0;
    s.surfArea1[k] = s.flowClass[k] === FlowClass.UpCritical || this.isStorage[n1] ? 0 : a;
    a = net.linkType[k] === LinkType.Orifice ? this.regulators.surfArea[k] / 2 : 0;
    s.surfArea2[k] = s.flowClass[k] === FlowClass.DnCritical || this.isStorage[net.node2[k]] ? 0 : a;
    if (this.steps > 0 && !isPump) {
      q = (1 - OMEGA) * qLast + OMEGA * q;
      if (q * qLast < 0) q = 0.001 * Math.sign(q);
    }
    s.newFlow[k] = q;
  }

  /** Momentum equation for one conduit (dwflow.c dwflow_findConduitFlow). */
  private conduitFlow(k: number, dt: number): void {
    const { net, s, cfg } = this;
    const x = net.xsect[k];
    const barrels = net.barrels[k];
    const qOld = s.oldFlow[k] / barrels;
    const qLast = s.q1[k];
    const n1 = net.node1[k];
    const n2 = net.node2[k];
    const z1 = net.invert[n1] + net.offset1[k];
    const z2 = net.invert[n2] + net.offset2[k];
    let h1 = Math.max(s.newDepth[n1] + net.invert[n1], z1);
    let h2 = Math.max(s.newDepth[n2] + net.invert[n2], z2);
    let y1 = Math.max(h1 - z1, FUDGE);
    let y2 = Math.max(h2 - z2, FUDGE);
    // depths above the crown only in a slot (open channels too: SWMM lets them run over-full at full area)
    const slot = cfg.surchargeMethod === 'SLOT';
    if (!slot) {
      y1 = Math.min(y1, x.yFull);
      y2 = Math.min(y2, x.yFull);
    }
    const aOld = Math.max(s.a2[k], FUDGE);
    const length = net.modLength[k];

    // Flow class, with the end depths it implies (dwflow.c getFlowClass / findSurfArea).
    const fc = y1 >= x.yFull && y2 >= x.yFull ? FlowClass.Subcritical : this.flowClassOf(k, qLast, h1, h2, y1, y2);
    s.flowClass[k] = fc;
    const sa = this.sa;
    if (fc === FlowClass.UpCritical) {
      y1 = Math.max(sa.yn < sa.yc ? sa.yn : sa.yc, FUDGE);
      h1 = net.invert[n1] + net.offset1[k] + y1;
    } else if (fc === FlowClass.DnCritical) {
      y2 = Math.max(sa.yn < sa.yc ? sa.yn : sa.yc, FUDGE);
      h2 = net.invert[n2] + net.offset2[k] + y2;
    } else if (fc === FlowClass.UpDry) y1 = FUDGE;
    else if (fc === FlowClass.DnDry) y2 = FUDGE;
    const yMid = Math.max(0.5 * (y1 + y2), FUDGE);

    // Geometry at both ends and mid-length in one pass: area, hydraulic radius, top width.
    const g = this.geo;
    x.geometryAt(y1, g, 0);
    x.geometryAt(y2, g, 3);
    x.geometryAt(yMid, g, 6);
    const st = this.store;
    st[0] = g[0];
    st[1] = g[6];
    st[2] = g[3];
    if (slot && !x.isOpen) {
      // slot area above the crown: aFull + (y − yFull)·wSlot(y) (dwflow.c getArea); stored, aFull + ∫wSlot dy up
      // to a ponding node's rim, above which its continuity puts all the water into the pond (getFloodedDepth)
      const y1s = Math.min(y1, this.pondLimit(n1, net.offset1[k]));
      const y2s = Math.min(y2, this.pondLimit(n2, net.offset2[k]));
      if (y1 > x.yFull) {
        g[0] += (y1 - x.yFull) * slotWidth(x, y1);
        st[0] += slotStorageArea(x, y1s);
      }
      if (y2 > x.yFull) {
        g[3] += (y2 - x.yFull) * slotWidth(x, y2);
        st[2] += slotStorageArea(x, y2s);
      }
      if (yMid > x.yFull) {
        g[6] += (yMid - x.yFull) * slotWidth(x, yMid);
        st[1] += slotStorageArea(x, 0.5 * (y1s + y2s));
      }
    }
    const a1 = g[0];
    const r1 = g[1];
    const a2 = g[3];
    const aMid = g[6];
    const rMid = g[7];

    // Surface area the conduit lends its end nodes (Ref. Manual Vol. II Eq. 3-37).
    const w1 = this.topWidth(x, y1, g[2]);
    const w2 = this.topWidth(x, y2, g[5]);
    const wMid = this.topWidth(x, yMid, g[8]);
    let sa1 = 0;
    let sa2 = 0;
    switch (fc) {
      case FlowClass.Subcritical:
        sa1 = ((w1 + wMid) * length) / 4;
        sa2 = (((wMid + w2) * length) / 4) * sa.fasnh;
        break;
      case FlowClass.UpCritical:
        sa2 = (wMid + w2) * length * 0.5;
        break;
      case FlowClass.DnCritical:
        sa1 = (w1 + wMid) * length * 0.5;
        break;
      case FlowClass.UpDry:
        sa2 = ((wMid + w2) * length) / 4;
        if (net.offset1[k] <= 0) sa1 = ((w1 + wMid) * length) / 4;
        break;
      case FlowClass.DnDry:
        sa1 = ((wMid + w1) * length) / 4;
        if (net.offset2[k] <= 0) sa2 = ((w2 + wMid) * length) / 4;
        break;
      default:
        sa1 = (FUDGE * length) / 2;
        sa2 = sa1;
    }
    s.surfArea1[k] = sa1;
    s.surfArea2[k] = sa2;
    const isFull = y1 >= x.yFull && y2 >= x.yFull;

    if (fc === FlowClass.Dry || fc === FlowClass.UpDry || fc === FlowClass.DnDry || aMid <= FUDGE) {
      s.a1[k] = 0.5 * (a1 + a2);
      s.q1[k] = 0;
      s.dqdh[k] = ((GRAVITY * dt * aMid) / length) * barrels;
      s.froude[k] = 0;
      s.newLinkDepth[k] = Math.min(yMid, x.yFull);
      this.setLinkVolume(k, a1, a2);
      s.newFlow[k] = 0;
      return;
    }

    let v = qLast / aMid;
    if (Math.abs(v) > MAX_VELOCITY) v = MAX_VELOCITY * Math.sign(qLast);
    const froude = !x.isOpen && x.yFull - yMid <= FUDGE ? 0 : Math.abs(v) / Math.sqrt((GRAVITY * aMid) / g[8]);
    s.froude[k] = froude;
    if (fc === FlowClass.Subcritical && froude > 1) s.flowClass[k] = FlowClass.Supercritical;

    // Upstream weighting σ of area/radius by Froude number (Eq. 3-35).
    let sigma = froude <= 0.5 ? 1 : froude >= 1 ? 0 : 2 * (1 - froude);
    const rho = !isFull && qLast > 0 && h1 >= h2 ? sigma : 1;
    const aWtd = a1 + (aMid - a1) * rho;
    const rWtd = r1 + (rMid - r1) * rho;
    if (cfg.inertialDamping === 'NONE') sigma = 1;
    else if (cfg.inertialDamping === 'FULL') sigma = 0;
    if (isFull && !x.isOpen) sigma = 0;

    // friction term g·n²·|v|/(1.486²·R^(4/3)); R^(4/3) as cbrt(R)^4 (faster than pow)
    const cr = Math.cbrt(rWtd);
    const dq1 = ((dt * net.roughFactor[k]) / (cr * cr * cr * cr)) * Math.abs(v);
    const dq2 = (dt * GRAVITY * aWtd * (h2 - h1)) / length;
    let dq3 = 0;
    let dq4 = 0;
    if (sigma > 0) {
      dq3 = 2 * v * (aMid - aOld) * sigma;
      dq4 = ((dt * v * v * (a2 - a1)) / length) * sigma;
    }
    let dq5 = 0;
    if (net.lossInlet[k] !== 0 || net.lossOutlet[k] !== 0 || net.lossAvg[k] !== 0) {
      const aq = Math.abs(qLast);
      let losses = 0;
      if (a1 > FUDGE) losses += net.lossInlet[k] * (aq / a1);
      if (a2 > FUDGE) losses += net.lossOutlet[k] * (aq / a2);
      if (aMid > FUDGE) losses += net.lossAvg[k] * (aq / aMid);
      dq5 = (losses / 2 / length) * dt;
    }
    const denom = 1 + dq1 + dq5;
    let q = (qOld - dq2 + dq3 + dq4) / denom;
    s.dqdh[k] = (((1 / denom) * GRAVITY * dt * aWtd) / length) * barrels;

    const cls = s.flowClass[k];
    if (q > 0 && y1 < x.yFull && (cls === FlowClass.Subcritical || cls === FlowClass.Supercritical)) {
      q = this.checkNormalFlow(k, q, y1, y2, a1, r1);
    }
    if (this.steps > 0) {
      q = (1 - OMEGA) * qLast + OMEGA * q;
      if (q * qLast < 0) q = 0.001 * Math.sign(q);
    }
    if (net.qLimit[k] > 0 && Math.abs(q) > net.qLimit[k]) q = Math.sign(q) * net.qLimit[k];
    if (this.flapGateClosed(k, n1, n2, q)) q = 0;
    if (q > FUDGE && s.newDepth[n1] <= FUDGE) q = FUDGE;
    if (q < -FUDGE && s.newDepth[n2] <= FUDGE) q = -FUDGE;

    s.a1[k] = aMid;
    s.q1[k] = q;
    s.newLinkDepth[k] = Math.min(yMid, x.yFull);
    this.setLinkVolume(k, a1, a2);
    s.newFlow[k] = q * barrels;
  }

  /** `store` of link k from its end nodes' initial depths, as `conduitFlow` will find it (regulators: their area). */
  private initialStore(k: number): void {
    const { net, s, store: st } = this;
    if (k >= this.conduitCount) {
      st[0] = st[1] = st[2] = s.a1[k];
      return;
    }
    const x = net.xsect[k];
    const cap = this.cfg.surchargeMethod === 'SLOT' && !x.isOpen ? Infinity : x.yFull;
    const n1 = net.node1[k], n2 = net.node2[k];
    const y1 = Math.min(Math.max(s.newDepth[n1] - net.offset1[k], 0), cap, this.pondLimit(n1, net.offset1[k]));
    const y2 = Math.min(Math.max(s.newDepth[n2] - net.offset2[k], 0), cap, this.pondLimit(n2, net.offset2[k]));
    const stored = (y: number) => (y <= x.yFull ? x.areaOfDepth(y) : x.aFull + slotStorageArea(x, y));
    st[0] = stored(y1);
    st[1] = stored(0.5 * (y1 + y2));
    st[2] = stored(y2);
  }

  /** Depth (ft) above a conduit's invert at offset z (ft) of node n's rim if it ponds, else Infinity. */
  private pondLimit(n: number, z: number): number {
    return this.cfg.allowPonding && this.net.pondedArea[n] > 0 ? this.net.fullDepth[n] - z : Infinity;
  }

  /** Conduit volume ½(a1 + a2)·L·barrels from its end areas (ft²), and its `continuityVolume` from `store`. */
  private setLinkVolume(k: number, a1: number, a2: number): void {
    const { net, s, store: st } = this;
    const lb = net.length[k] * net.barrels[k];
    s.newLinkVolume[k] = 0.5 * (a1 + a2) * lb;
    this.continuityVolume[k] = 0.25 * (st[0] + 2 * st[1] + st[2]) * lb;
  }

  private flapGateClosed(k: number, n1: number, n2: number, q: number): boolean {
    const { net } = this;
    if (net.flapGate[k] && q * net.direction[k] < 0) return true;
    const n = q < 0 ? n2 : q > 0 ? n1 : -1;
    return n >= 0 && this.isOutfall[n] === 1 && net.outfallGated[n] === 1;
  }

  /** Normal-flow limitation (Ref. Manual Vol. II §3.4.5): by slope (y1 < y2) and/or upstream Froude ≥ 1. */
  private checkNormalFlow(k: number, q: number, y1: number, y2: number, a1: number, r1: number): number {
    const { net, cfg } = this;
    const hasOutfall = this.isOutfallLink[k] === 1;
    let check = false;
    if (cfg.normalFlowLimited === 'SLOPE' || cfg.normalFlowLimited === 'BOTH' || hasOutfall) {
      if (y1 < y2) check = true;
    }
    if (!check && (cfg.normalFlowLimited === 'FROUDE' || cfg.normalFlowLimited === 'BOTH') && !hasOutfall) {
      if (y1 > FUDGE && y2 > FUDGE && froudeOf(net.xsect[k], q / a1, y1) >= 1) check = true;
    }
    if (check) {
      const c1 = Math.cbrt(r1);
      const qNorm = net.beta[k] * a1 * c1 * c1;
      if (qNorm < q) {
        return qNorm;
      }
    }
    return q;
  }

  /** Critical and normal depths (ft) and the downstream surface-area fraction set by `flowClassOf`. */
  private readonly sa = { yc: 0, yn: 0, fasnh: 1 };
  /** scratch: area, radius, width at the upstream end, downstream end and mid-length of a conduit */
  private readonly geo = new Float64Array(9);
  /** scratch: stored areas (ft², the slot's as `slotStorageArea`) at the upstream end, mid-length, downstream end */
  private readonly store = new Float64Array(3);

  /**
   * Top width for surface-area purposes (dwflow.c getWidth): above the crown cutoff a closed section's width
   * is frozen at 96 % depth (EXTRAN) or is its slot's (SLOT).
   */
  private topWidth(x: Xsect, y: number, w: number): number {
    if (x.isOpen) return w;
    if (this.cfg.surchargeMethod === 'SLOT') return y / x.yFull >= SLOT_CROWN_CUTOFF ? slotWidth(x, y) : w;
    return y / x.yFull >= EXTRAN_CROWN_CUTOFF ? x.wCrown : w;
  }

  private flowClassOf(k: number, q: number, h1: number, h2: number, y1: number, y2: number): FlowClass {
    const { net, s } = this;
    const r = this.sa;
    r.yn = 0.5 * (y1 + y2);
    r.yc = r.yn;
    r.fasnh = 1;
    const n1 = net.node1[k];
    const n2 = net.node2[k];
    let z1 = net.offset1[k];
    let z2 = net.offset2[k];
    if (this.isOutfall[n1] === 1) z1 = Math.max(0, z1 - s.newDepth[n1]);
    if (this.isOutfall[n2] === 1) z2 = Math.max(0, z2 - s.newDepth[n2]);
    if (y1 > FUDGE && y2 > FUDGE) {
      if (q < 0) {
        if (z1 > 0) {
          this.setCriticalNormal(k, q);
          if (y1 < Math.min(r.yn, r.yc)) return FlowClass.UpCritical;
        }
      } else if (z2 > 0) {
        this.setCriticalNormal(k, q);
        const ycMin = Math.min(r.yn, r.yc);
        const ycMax = Math.max(r.yn, r.yc);
        if (y2 < ycMin) return FlowClass.DnCritical;
        if (y2 < ycMax) r.fasnh = ycMax - ycMin < FUDGE ? 0 : (ycMax - y2) / (ycMax - ycMin);
      }
      return FlowClass.Subcritical;
    }
    if (y1 <= FUDGE && y2 <= FUDGE) return FlowClass.Dry;
    if (y2 > FUDGE) {
      if (h2 < net.invert[n1] + net.offset1[k]) return FlowClass.UpDry;
      if (z1 > 0) {
        this.setCriticalNormal(k, q);
        return FlowClass.UpCritical;
      }
      return FlowClass.Subcritical;
    }
    if (h1 < net.invert[n2] + net.offset2[k]) return FlowClass.DnDry;
    if (z2 > 0) {
      this.setCriticalNormal(k, q);
      return FlowClass.DnCritical;
    }
    return FlowClass.Subcritical;
  }

  private setCriticalNormal(k: number, q: number): void {
    const aq = Math.abs(q);
    this.sa.yn = this.normalDepth(k, aq);
    this.sa.yc = this.net.xsect[k].criticalDepth(aq, GRAVITY);
  }

  /** Normal depth (ft) for per-barrel flow q (cfs) from Manning: S = Q/β (link.c link_getYnorm). */
  normalDepth(k: number, q: number): number {
    const { net } = this;
    q = Math.abs(q);
    if (q > net.qMax[k]) q = net.qMax[k];
    if (q <= 0) return 0;
    const x = net.xsect[k];
    return x.depthOfArea(x.areaOfSectionFactor(q / net.beta[k]));
  }

  /** Depth at outfalls from the flow of their link (link.c link_setOutfallDepth, node.c outfall_setOutletDepth). */
  setOutfallDepth(k: number, time: number): void {
    const { net, s } = this;
    let n: number;
    let z: number;
    if (this.isOutfall[net.node2[k]] === 1) {
      n = net.node2[k];
      z = net.offset2[k];
    } else if (this.isOutfall[net.node1[k]] === 1) {
      n = net.node1[k];
      z = net.offset1[k];
    } else return;
    const q = Math.abs(s.newFlow[k] / net.barrels[k]);
    const isConduit = k < this.conduitCount;
    const yNorm = isConduit ? this.normalDepth(k, q) : 0;
    let yCrit = isConduit ? net.xsect[k].criticalDepth(q, GRAVITY) : 0;
    let stage: number;
    const imposed = this.stageOverride[n];
    switch (Number.isNaN(imposed) ? net.outfallType[n] : -1) {
      case -1:
        stage = imposed;
        break;
      case OutfallType.Free:
        s.newDepth[n] = z > 0 ? 0 : Math.min(yNorm, yCrit);
        return;
      case OutfallType.Normal:
        s.newDepth[n] = z > 0 ? 0 : yNorm;
        return;
      case OutfallType.Fixed:
        stage = net.outfallStage[n];
        break;
      default:
        stage = seriesAt(net.outfallSeries[n]!, time, true) / net.units.length;
    }
    yCrit = Math.min(yCrit, yNorm);
    const inv = net.invert[n];
    let yNew: number;
    if (yCrit + z + inv < stage) yNew = stage - inv;
    else if (z > 0) yNew = stage < inv + z ? Math.max(0, stage - inv) : z + yCrit;
    else yNew = yCrit;
    s.newDepth[n] = yNew;
  }

  private findNodeDepths(dt: number, time: number): boolean {
    const { net, s, cfg } = this;
    for (let k = 0; k < net.linkIds.length; k++) if (this.isOutfallLink[k]) this.setOutfallDepth(k, time);
    let all = true;
    for (let n = 0; n < net.nodeIds.length; n++) {
      if (this.isOutfall[n] === 1) continue;
      const yOld = s.newDepth[n];
      this.setNodeDepth(n, dt);
      const ok = Math.abs(yOld - s.newDepth[n]) <= cfg.headTol;
      s.converged[n] = ok ? 1 : 0;
      if (!ok) all = false;
    }
    return all;
  }

  /** Node continuity (dynwave.c setNodeDepth). */
  private setNodeDepth(n: number, dt: number): void {
    const { net, s, cfg } = this;
    const fullDepth = net.fullDepth[n];
    const canPond = cfg.allowPonding && net.pondedArea[n] > 0;
    const isPonded = canPond && s.newDepth[n] > fullDepth;
    const yCrown = net.crownElev[n] - net.invert[n];
    const yOld = s.oldDepth[n];
    const yLast = s.newDepth[n];
    s.overflow[n] = 0;
    const surfArea = Math.max(s.newSurfArea[n], cfg.minSurfArea);
    const dQ = s.inflow[n] - s.outflow[n];
    const dV = 0.5 * (s.oldNetInflow[n] + dQ) * dt;
    let isSurcharged = false;
    if (!isPonded && cfg.surchargeMethod === 'EXTRAN') {
      if (this.isStorage[n] === 1) isSurcharged = net.surDepth[n] > 0 && yLast > fullDepth;
      else isSurcharged = yCrown > 0 && yLast > yCrown;
    }
    let yNew: number;
    if (!isSurcharged) {
      yNew = yOld + dV / surfArea;
      if (!isPonded) s.oldSurfArea[n] = surfArea;
      if (this.steps > 0) yNew = (1 - OMEGA) * yLast + OMEGA * yNew;
      if (isPonded && yNew < fullDepth) yNew = fullDepth - FUDGE;
    } else {
      // Surcharged: head change that drives the net flow to zero, Eq. 3-39, blended near the crown.
      const corr = net.degree[n] < 0 ? 0.6 : 1;
      let denom = s.sumdqdh[n];
      if (yLast < 1.25 * yCrown) {
        const f = (yLast - yCrown) / yCrown;
        denom += (s.oldSurfArea[n] / dt - s.sumdqdh[n]) * Math.exp(-15 * f);
      }
      const dy = denom === 0 ? 0 : (corr * dQ) / denom;
      yNew = yLast + dy;
      if (yNew < yCrown) yNew = yCrown - FUDGE;
      if (canPond && yNew > fullDepth) yNew = fullDepth + FUDGE;
    }
    if (yNew < 0) yNew = 0;
    let yMax = fullDepth;
    if (!canPond) yMax += net.surDepth[n];
    if (yNew > yMax) {
      // Flooding: overflow leaves (or ponds) (dynwave.c getFloodedDepth).
      const full = this.fullVolume[n];
      if (!canPond) {
        s.overflow[n] = dV / dt;
        s.newVolume[n] = full;
        yNew = yMax;
      } else {
        s.newVolume[n] = Math.max(s.oldVolume[n] + dV, full);
        s.overflow[n] = (s.newVolume[n] - Math.max(s.oldVolume[n], full)) / dt;
      }
      if (s.overflow[n] < FUDGE) s.overflow[n] = 0;
    } else {
      s.newVolume[n] = this.nodeVolume(n, yNew);
    }
    s.dYdT[n] = Math.abs(yNew - yOld) / dt;
    s.newDepth[n] = yNew;
  }
}

/** Froude number v/sqrt(g·A/W); 0 for a full closed conduit (link.c link_getFroude). */
function froudeOf(x: Xsect, v: number, y: number): number {
  if (y <= FUDGE) return 0;
  return froudeAt(x, v, y, x.areaOfDepth(y));
}

/** Froude number at depth y (ft) whose flow area a (ft²) is already known (y ≤ yFull). */
function froudeAt(x: Xsect, v: number, y: number, a: number): number {
  if (y <= FUDGE) return 0;
  if (!x.isOpen && x.yFull - y <= FUDGE) return 0;
  return Math.abs(v) / Math.sqrt((GRAVITY * a) / x.widthOfDepth(y));
}
