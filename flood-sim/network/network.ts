/**
 * A runnable SWMM network: routing steps in time with lateral inflows (runoff, external inflows, and a
 * per-node injection array for 1D–2D coupling), dynamic-wave hydraulics, and running statistics and volume
 * balance as SWMM's report tables need them (routing.c routing_execute, stats.c, massbal.c).
 * Internal units are SWMM's (ft, s, cfs, ft³); `units` converts to the file's units.
 */
import { IdMap } from './id-map.ts';
import { buildNetwork, NodeType, type NetworkData } from './build-network.ts';
import { DynamicWave } from './dynamic-wave.ts';
import { KinematicWave } from './kinematic-wave.ts';
import { createHydState, type HydState } from './hyd-state.ts';
import type { InpModel } from './inp-model.ts';
import { InpError } from './inp-error.ts';
import { Runoff } from './runoff.ts';
import { seriesAt } from './time-series.ts';

const FLOW_TOL = 0.00001;
/** SI conversions of the coupling surface (SWMM's own factors: 0.3048 m/ft, 0.02832 m³/s per cfs). */
const FT_TO_M = 0.3048;
const CFS_TO_CMS = 0.02832;
const MIN_RUNOFF_FLOW = 0.001;
const DEFAULT_SURFAREA = 12.566;
const DEFAULT_HEADTOL = 0.005;
const DEFAULT_MAXTRIALS = 8;

export interface NodeStats {
  sumDepth: Float64Array;
  maxDepth: Float64Array;
  maxDepthTime: Float64Array;
  timeFlooded: Float64Array;
  volFlooded: Float64Array;
  maxOverflow: Float64Array;
  maxOverflowTime: Float64Array;
  timeSurcharged: Float64Array;
  maxInflow: Float64Array;
  maxInflowTime: Float64Array;
  outfallSumFlow: Float64Array;
  outfallPeriods: Float64Array;
  outfallMaxFlow: Float64Array;
  outfallVolume: Float64Array;
}

export interface LinkStats {
  maxFlow: Float64Array;
  maxFlowTime: Float64Array;
  maxVeloc: Float64Array;
  maxDepth: Float64Array;
}

/** Routing volume balance (ft³), massbal.c. */
export interface RoutingTotals {
  dryWeatherInflow: number;
  wetWeatherInflow: number;
  externalInflow: number;
  externalOutflow: number;
  flooding: number;
  initialStorage: number;
}

/** How a network is run beyond its `.inp` file. */
export interface NetworkOptions {
  /**
   * Volume accounting (dynamic wave). 'swmm': as SWMM 5.2 (massbal.c): conduits hold ½(A₁ + A₂)·L, outfalls
   * pass their inflow out. 'continuity': the water the node continuity puts in conduits
   * (`DynamicWave.continuityVolume`), and an outfall's discharge less the filling of its conduits' share
   * (`DynamicWave.outfallFillRate`), so that the routing balance measures what the scheme really loses or
   * makes (coupled runs).
   */
  accounting: 'swmm' | 'continuity';
}

export const NETWORK_DEFAULTS: NetworkOptions = { accounting: 'swmm' };

export interface StepStats {
  steps: number;
  minStep: number;
  maxStep: number;
  sumStep: number;
  iterations: number;
  nonConverging: number;
}

export class SwmmNetwork {
  readonly net: NetworkData;
  readonly state: HydState;
  /** Flow router chosen by FLOW_ROUTING: dynamic or kinematic wave. */
  readonly router: DynamicWave | KinematicWave;
  readonly runoff: Runoff;
  private readonly nodeIds = new IdMap();
  /** Extra lateral inflow per node (cfs), e.g. from a 2D surface; negative withdraws. Kept until changed. */
  readonly injection: Float64Array;
  /** The injection of the previous step (cfs): node continuity takes the injection as a step-wise constant rate. */
  private readonly lastInjection: Float64Array;
  /** The file's outfall gates, saved by the first `gateOutfall`. */
  private fileGates: Uint8Array | null = null;
  /** System outflow (cfs) of each outlet node over the last step (node.c node_getSystemOutflow). */
  private readonly outletFlow: Float64Array;
  /** Volumes (ft³) injected into (`in`) and withdrawn from (`out`) the nodes through `injection`, since the start. */
  readonly injected = { in: 0, out: 0 };
  /** Seconds since the simulation start. */
  time = 0;
  readonly nodeStats: NodeStats;
  readonly linkStats: LinkStats;
  readonly totals: RoutingTotals = { dryWeatherInflow: 0, wetWeatherInflow: 0, externalInflow: 0, externalOutflow: 0, flooding: 0, initialStorage: 0 };
  readonly stepStats: StepStats = { steps: 0, minStep: Infinity, maxStep: 0, sumStep: 0, iterations: 0, nonConverging: 0 };
  /** Step rates (cfs) of the previous and current step, for the trapezoidal volume totals. */
  private readonly rates = { dw: 0, ww: 0, ex: 0, out: 0, flood: 0 };

  constructor(readonly model: InpModel, readonly options: NetworkOptions = NETWORK_DEFAULTS) {
    this.net = buildNetwork(model);
    const { net } = this;
    const o = net.options;
    if (o.routing === 'STEADY') {
      const opt = model.options.find((x) => x.key === 'FLOW_ROUTING')!;
      throw new InpError(model.file, opt.line, 'OPTIONS', 'FLOW_ROUTING', 'STEADY routing is not supported by this engine (DYNWAVE, KINWAVE)');
    }
    const regulator = model.pumps[0] ?? model.orifices[0] ?? model.weirs[0];
    if (o.routing === 'KINWAVE' && regulator) {
      const section = model.pumps.length > 0 ? 'PUMPS' : model.orifices.length > 0 ? 'ORIFICES' : 'WEIRS';
      throw new InpError(model.file, regulator.line, section, 'Name', 'pumps, orifices and weirs need DYNWAVE routing in this engine');
    }
    const nN = net.nodeIds.length;
    const nL = net.linkIds.length;
    this.state = createHydState(nN, nL);
    const ucfL = net.units.length;
    this.router = o.routing === 'KINWAVE' ? new KinematicWave(net, this.state, o.allowPonding) : new DynamicWave(net, this.state, {
      minSurfArea: o.minSurfArea === 0 ? DEFAULT_SURFAREA : o.minSurfArea / (ucfL * ucfL),
      headTol: o.headTol === 0 ? DEFAULT_HEADTOL : o.headTol / ucfL,
      maxTrials: o.maxTrials === 0 ? DEFAULT_MAXTRIALS : o.maxTrials,
      courantFactor: o.variableStep,
      minRouteStep: Math.max(Math.min(o.minRouteStep, o.routeStep), 0.001),
      routeStep: o.routeStep,
      allowPonding: o.allowPonding,
      inertialDamping: o.inertialDamping,
      normalFlowLimited: o.normalFlowLimited,
      surchargeMethod: o.surchargeMethod,
    });
    net.nodeIds.forEach((id, i) => this.nodeIds.set(id, i));
    this.runoff = new Runoff(model, o, net.units, this.nodeIds);
    this.injection = new Float64Array(nN);
    this.lastInjection = new Float64Array(nN);
    this.outletFlow = new Float64Array(nN);
    const f = (n: number): Float64Array => new Float64Array(n);
    this.nodeStats = {
      sumDepth: f(nN), maxDepth: f(nN), maxDepthTime: f(nN), timeFlooded: f(nN), volFlooded: f(nN), maxOverflow: f(nN),
      maxOverflowTime: f(nN), timeSurcharged: f(nN), maxInflow: f(nN), maxInflowTime: f(nN), outfallSumFlow: f(nN),
      outfallPeriods: f(nN), outfallMaxFlow: f(nN), outfallVolume: f(nN),
    };
    this.linkStats = { maxFlow: f(nL), maxFlowTime: f(nL), maxVeloc: f(nL), maxDepth: f(nL) };
    this.router.initialize(0);
    this.totals.initialStorage = this.storedVolume();
    for (let n = 0; n < nN; n++) {
      this.nodeStats.maxDepth[n] = this.state.newDepth[n];
    }
  }

  get duration(): number {
    return this.net.options.duration;
  }

  /** Water stored in nodes and conduits (ft³), as `options.accounting` counts it. */
  storedVolume(): number {
    const { state: s } = this;
    let v = 0;
    for (let n = 0; n < s.newVolume.length; n++) v += s.newVolume[n];
    const links = this.options.accounting === 'continuity' && this.router instanceof DynamicWave ? this.router.continuityVolume : s.newLinkVolume;
    for (let k = 0; k < links.length; k++) v += links[k];
    return v;
  }

  /** Index of a node by id (case-insensitive), or -1. */
  nodeIndex(id: string): number {
    return this.nodeIds.get(id) ?? -1;
  }

  // --- coupling surface, in SI (m, m³/s), independent of the file's units -----------------------------

  /** Hydraulic head (m) of node n. */
  headSI(n: number): number {
    return (this.net.invert[n] + this.state.newDepth[n]) * FT_TO_M;
  }

  /** Rim elevation (m) of node n: invert + maximum depth. */
  rimSI(n: number): number {
    return (this.net.invert[n] + this.net.fullDepth[n]) * FT_TO_M;
  }

  /** Flow leaving node n over its rim during the last step (m³/s). */
  overflowSI(n: number): number {
    return this.state.overflow[n] * CFS_TO_CMS;
  }

  /** Flow (m³/s) leaving the system at outlet node n during the last step; negative when it flowed in. */
  outletFlowSI(n: number): number {
    return this.outletFlow[n] * CFS_TO_CMS;
  }

  /** Set the extra lateral inflow into node n (m³/s; negative withdraws), kept until changed. */
  setInjectionSI(n: number, q: number): void {
    this.injection[n] = q / CFS_TO_CMS;
  }

  /** Impose the water level (m) at an outfall, e.g. a river stage or a 2D cell level; NaN restores its own boundary. */
  setOutfallStageSI(n: number, stage: number): void {
    this.router.stageOverride[n] = stage / FT_TO_M;
  }

  /** Node type of node n: 0 junction, 1 outfall, 2 storage, 3 divider (build-network NodeType). */
  nodeTypeOf(n: number): number {
    return this.net.nodeType[n];
  }

  /**
   * Link node n to a surface model: water above its rim ponds over `pondArea` m² (e.g. the surface cell's
   * area) inside the network, instead of flooding away or ponding over the file's area, until the surface
   * model takes it out through `setInjectionSI` (e.g. an orifice law on the head difference). Ponding keeps
   * node continuity volume-exact above the rim, where SWMM's surcharge head (Eq. 3-39) is not. Needs DYNWAVE.
   */
  linkToSurface(n: number, pondArea: number): void {
    const cfg = this.dynamicWave().cfg;
    if (!cfg.allowPonding) {
      // ponding only where a surface is linked, as if ALLOW_PONDING were NO elsewhere
      this.net.pondedArea.fill(0);
      cfg.allowPonding = true;
    }
    this.net.pondedArea[n] = pondArea / (FT_TO_M * FT_TO_M);
  }

  /** Highest crown (m) of the conduits at node n. */
  crownSI(n: number): number {
    return this.net.crownElev[n] * FT_TO_M;
  }

  /**
   * Move node n's rim to `elevation` (m), not below its highest crown: a coarse surface cell's ground is
   * where the surface water meets the manhole. Needs DYNWAVE; call before routing.
   */
  setRimSI(n: number, elevation: number): void {
    const rim = Math.max(elevation / FT_TO_M, this.net.crownElev[n]);
    this.dynamicWave().setFullDepth(n, rim - this.net.invert[n]);
  }

  /** The dynamic-wave router, or an error naming FLOW_ROUTING: coupling to a surface needs node storage. */
  private dynamicWave(): DynamicWave {
    if (this.router instanceof DynamicWave) return this.router;
    const opt = this.model.options.find((x) => x.key === 'FLOW_ROUTING');
    throw new InpError(this.model.file, opt?.line ?? 0, 'OPTIONS', 'FLOW_ROUTING', 'coupling to a surface needs DYNWAVE routing, found KINWAVE');
  }

  /** Routing volume balance in m³ (volumes convert with the same factor as the SI flows, so q·dt matches). */
  totalsSI(): { initial: number; inflow: number; outflow: number; flooding: number; stored: number; injectedIn: number; injectedOut: number } {
    const T = this.totals;
    return {
      initial: T.initialStorage * CFS_TO_CMS,
      inflow: (T.dryWeatherInflow + T.wetWeatherInflow + T.externalInflow) * CFS_TO_CMS,
      outflow: T.externalOutflow * CFS_TO_CMS,
      flooding: T.flooding * CFS_TO_CMS,
      stored: this.storedVolume() * CFS_TO_CMS,
      injectedIn: this.injected.in * CFS_TO_CMS,
      injectedOut: this.injected.out * CFS_TO_CMS,
    };
  }

  /** Close outfall n's flap gate (no backflow), or give it back the file's setting (`closed` = null). */
  gateOutfall(n: number, closed: boolean | null): void {
    if (!this.fileGates) this.fileGates = this.net.outfallGated.slice();
    this.net.outfallGated[n] = closed === null ? this.fileGates[n] : closed ? 1 : 0;
  }

  /** Length of the next routing step (s), not past `until`. */
  nextStep(until = this.duration): number {
    let dt = this.router.routingStep(this.net.options.routeStep);
    if (this.time + dt > until) dt = Math.max(until - this.time, 0.001);
    return dt;
  }

  /** Route one step of `dt` seconds (default: the model's fixed or variable step). */
  step(dt = this.nextStep()): void {
    const { net, state: s, runoff } = this;
    const o = net.options;
    const tOld = this.time;
    const tNew = tOld + dt;
    while (runoff.count > 0 && runoff.newTime < tNew && runoff.newTime < this.duration) runoff.execute(o, this.duration);

    // massbal: first half of the step with the previous step's rates
    this.addTotals(dt / 2);
    const r = this.rates;
    r.dw = r.ww = r.ex = r.out = r.flood = 0;

    // lateral inflows: external at the end of the step, runoff at its start (routing.c addSystemInflows)
    s.newLatFlow.set(this.injection);
    // calendar of the step's end for time patterns (UTC clock used as the model's local time)
    const ms = net.options.startMs + tNew * 1000;
    const days = Math.floor(ms / 86_400_000);
    const month = monthOfDay(days);
    const day = (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    const hour = Math.floor((ms - days * 86_400_000) / 3_600_000);
    for (let i = 0; i < net.dwfNode.length; i++) {
      const q = net.dwfAverage[i] * this.dwfFactor(i, month, day, hour);
      s.newLatFlow[net.dwfNode[i]] += q;
      r.dw += q;
    }
    for (let i = 0; i < net.inflowNode.length; i++) {
      const ser = net.inflowSeries[i];
      const p = net.inflowPattern[i];
      const base = net.inflowBaseline[i] * (p >= 0 ? this.patternFactor(p, month, day, hour) : 1);
      let q = base + (ser ? seriesAt(ser, tNew, false) * net.inflowFactor[i] : 0);
      if (Math.abs(q) < FLOW_TOL) q = 0;
      s.newLatFlow[net.inflowNode[i]] += q;
      if (q >= 0) r.ex += q;
      else r.out -= q;
    }
    for (let j = 0; j < runoff.count; j++) {
      const q = runoff.runoffAt(j, tOld);
      s.newLatFlow[runoff.outNode[j]] += q;
      r.ww += q;
    }

    this.router.saveOldState();
    // The injection enters as a constant rate over the step (not SWMM's trapezoid of the old and new lateral
    // flows), so that a coupled surface gives or takes exactly q·dt: swap the old injection for the new one
    // in the old net inflow of the node continuity (dynwave.c setNodeDepth: dV = ½(oldNetInflow + dQ)·dt).
    const inj = this.injection, last = this.lastInjection;
    let vIn = 0, vOut = 0;
    for (let n = 0; n < inj.length; n++) {
      const q = inj[n];
      if (q === 0 && last[n] === 0) continue;
      s.oldNetInflow[n] += q - last[n];
      last[n] = q;
      if (q > 0) vIn += q * dt;
      else vOut -= q * dt;
    }
    this.injected.in += vIn;
    this.injected.out += vOut;
    this.totals.externalInflow += vIn;
    this.totals.externalOutflow += vOut;

    this.router.execute(dt, tNew);
    this.time = tNew;

    // outflows and flooding (routing.c removeOutflows, node.c node_getSystemOutflow)
    for (let n = 0; n < s.newDepth.length; n++) {
      if (this.router.isSystemOutlet(n)) {
        let q = 0;
        if (s.outflow[n] === 0) q = s.inflow[n];
        else if (s.inflow[n] === 0) {
          q = -s.outflow[n];
          s.inflow[n] = -q;
        }
        s.overflow[n] = 0;
        s.newVolume[n] = 0;
        if (this.options.accounting === 'continuity' && this.router instanceof DynamicWave) {
          // the outfall's share of its conduits holds this back (or gives it); counted exactly as q·dt, as a
          // coupled surface counts it (not SWMM's trapezoid of step rates)
          q -= this.router.outfallFillRate(n, dt);
          if (q > 0) this.totals.externalOutflow += q * dt;
          else this.totals.externalInflow -= q * dt;
        } else if (q > 0) r.out += q;
        else r.ex -= q;
        this.outletFlow[n] = q;
      } else if (s.newVolume[n] <= this.router.nodeFullVolume(n) && s.overflow[n] > 0) {
        r.flood += s.overflow[n];
      }
    }
    this.addTotals(dt / 2);
    this.updateStats(dt, tNew);
  }

  /** Route until `t` seconds (or the end of the simulation). */
  advanceTo(t: number): void {
    const until = Math.min(t, this.duration);
    while (this.time < until - 1e-6) this.step(this.nextStep(until));
  }

  /** Factor of time pattern p at a month (0–11), weekday (0 = Sunday) and hour (inflow.c getPatternFactor). */
  private patternFactor(p: number, month: number, day: number, hour: number): number {
    const f = this.net.patternFactors[p];
    switch (this.net.patternType[p]) {
      case 0: return f[month];
      case 1: return f[day];
      case 2: return f[hour];
      default: return day === 0 || day === 6 ? f[hour] : 1;
    }
  }

  /** Combined pattern factor of dry-weather flow i; weekend hours replace the hourly pattern (inflow.c). */
  private dwfFactor(i: number, month: number, day: number, hour: number): number {
    const pats = this.net.dwfPatterns;
    let f = 1;
    if (pats[4 * i] >= 0) f *= this.patternFactor(pats[4 * i], month, day, hour);
    if (pats[4 * i + 1] >= 0) f *= this.patternFactor(pats[4 * i + 1], month, day, hour);
    const hourly = pats[4 * i + 2];
    const weekend = pats[4 * i + 3];
    if (weekend >= 0 && (day === 0 || day === 6)) f *= this.patternFactor(weekend, month, day, hour);
    else if (hourly >= 0) f *= this.patternFactor(hourly, month, day, hour);
    return f;
  }

  /** Add half a step of the current rates (called before and after each step: trapezoidal totals). */
  private addTotals(half: number): void {
    const r = this.rates;
    const T = this.totals;
    T.dryWeatherInflow += r.dw * half;
    T.wetWeatherInflow += r.ww * half;
    T.externalInflow += r.ex * half;
    T.externalOutflow += r.out * half;
    T.flooding += r.flood * half;
  }

  private updateStats(dt: number, t: number): void {
    const { net, state: s, nodeStats: ns, linkStats: ls, stepStats: st } = this;
    st.steps++;
    st.sumStep += dt;
    st.minStep = Math.min(st.minStep, dt);
    st.maxStep = Math.max(st.maxStep, dt);
    st.iterations += this.router.steps;
    if (!this.router.converged) st.nonConverging++;
    for (let n = 0; n < s.newDepth.length; n++) {
      const d = s.newDepth[n];
      ns.sumDepth[n] += d;
      if (d > ns.maxDepth[n]) {
        ns.maxDepth[n] = d;
        ns.maxDepthTime[n] = t;
      }
      if (net.nodeType[n] !== NodeType.Outfall) {
        if (s.newVolume[n] > this.router.nodeFullVolume(n) || s.overflow[n] > 0) {
          ns.timeFlooded[n] += dt;
          ns.volFlooded[n] += s.overflow[n] * dt;
        }
        if (d + net.invert[n] + 0.0001 >= net.crownElev[n]) ns.timeSurcharged[n] += dt;
      } else if (s.inflow[n] >= MIN_RUNOFF_FLOW) {
        ns.outfallSumFlow[n] += s.inflow[n];
        ns.outfallPeriods[n]++;
        ns.outfallMaxFlow[n] = Math.max(ns.outfallMaxFlow[n], s.inflow[n]);
      }
      if (net.nodeType[n] === NodeType.Outfall) ns.outfallVolume[n] += s.inflow[n] * dt;
      if (s.inflow[n] > ns.maxInflow[n]) {
        ns.maxInflow[n] = s.inflow[n];
        ns.maxInflowTime[n] = t;
      }
      if (s.overflow[n] > ns.maxOverflow[n]) {
        ns.maxOverflow[n] = s.overflow[n];
        ns.maxOverflowTime[n] = t;
      }
    }
    for (let k = 0; k < s.newFlow.length; k++) {
      const q = Math.abs(s.newFlow[k]);
      if (q > ls.maxFlow[k]) {
        ls.maxFlow[k] = q;
        ls.maxFlowTime[k] = t;
      }
      const y = s.newLinkDepth[k];
      // velocities only for conduits (link.c link_getVelocity)
      if (y > 0.01 && net.linkType[k] === 0) {
        const a = net.xsect[k].areaOfDepth(y);
        if (a > 0.0001) ls.maxVeloc[k] = Math.max(ls.maxVeloc[k], q / net.barrels[k] / a);
      }
      if (y > ls.maxDepth[k]) ls.maxDepth[k] = y;
    }
  }
}

/** Month (0–11) of a day number since 1970-01-01 (civil calendar, H. Hinnant's days-to-civil algorithm). */
function monthOfDay(days: number): number {
  const z = days + 719468;
  const doe = z - Math.floor(z / 146097) * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return mp < 10 ? mp + 2 : mp - 10;
}

/** Build a runnable network from a parsed model. Throws `InpError` naming the line and field of bad input. */
export function createNetwork(model: InpModel, options: Partial<NetworkOptions> = {}): SwmmNetwork {
  return new SwmmNetwork(model, { ...NETWORK_DEFAULTS, ...options });
}
