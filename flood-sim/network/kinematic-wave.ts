/**
 * Kinematic-wave routing: SWMM 5 Reference Manual Vol. II §3.3 / kinwave.c, flowrout.c.
 * Links are visited upstream to downstream; each conduit solves the continuity equation with Manning's
 * equation as momentum (Q = β·S(A)) on a 4-point implicit grid (weights WX = WT = 0.6, Eq. 3-20);
 * inflow above full-flow capacity stays at the upstream node and floods it. Nodes store no water
 * (junction volume is zero), their depth follows the connected conduit ends. Units: ft, ft², s, cfs.
 */
import { NodeType, type NetworkData } from './build-network.ts';
import type { HydState } from './hyd-state.ts';

const WX = 0.6;
const WT = 0.6;
const EPSIL = 0.001;
const TINY = 1e-6;
const FUDGE = 0.0001;
const MAX_ITERATIONS = 60;

export class KinematicWave {
  steps = 1;
  converged = true;
  /** Outfall water levels imposed from outside (unused by kinematic waves, kept for the common interface). */
  readonly stageOverride: Float64Array;
  /** links sorted upstream first */
  private readonly order: Int32Array;
  /** per-barrel inflow, outflow (cfs) and inlet/outlet areas (ft²) of each conduit */
  private readonly q1: Float64Array;
  private readonly q2: Float64Array;
  private readonly a2: Float64Array;
  /** number of links leaving each node */
  private readonly outDegree: Int32Array;
  private readonly isOutfall: Uint8Array;
  // per-call coefficients of the continuity residual (normalised by full area and flow)
  private beta1 = 0;
  private c1 = 0;
  private c2 = 0;

  constructor(readonly net: NetworkData, readonly s: HydState, private readonly allowPonding: boolean) {
    const nN = net.nodeIds.length;
    const nL = net.linkIds.length;
    this.stageOverride = new Float64Array(nN).fill(NaN);
    this.q1 = new Float64Array(nL);
    this.q2 = new Float64Array(nL);
    this.a2 = new Float64Array(nL);
    this.outDegree = new Int32Array(nN);
    this.isOutfall = net.nodeType.map((t) => (t === NodeType.Outfall ? 1 : 0));
    for (let k = 0; k < nL; k++) this.outDegree[net.node1[k]]++;
    this.order = topologicalOrder(net);
  }

  nodeFullVolume(_n: number): number {
    return 0;
  }

  /** Nodes whose inflow leaves the system: outfalls and, under kinematic waves, dead-end junctions. */
  isSystemOutlet(n: number): boolean {
    return this.isOutfall[n] === 1 || this.outDegree[n] === 0;
  }

  initialize(_time: number): void {
    const { net, s } = this;
    for (let n = 0; n < net.nodeIds.length; n++) {
      s.newDepth[n] = s.oldDepth[n] = net.initDepth[n];
      s.newVolume[n] = s.oldVolume[n] = 0;
    }
    for (let k = 0; k < net.linkIds.length; k++) {
      const x = net.xsect[k];
      const q = net.q0[k] / net.barrels[k];
      const a = q > 0 ? x.areaOfSectionFactor(q / net.beta[k]) : 0;
      s.newFlow[k] = s.oldFlow[k] = net.q0[k];
      this.q1[k] = this.q2[k] = q;
      s.a1[k] = this.a2[k] = a;
      s.newLinkDepth[k] = x.depthOfArea(a);
      s.newLinkVolume[k] = a * net.length[k] * net.barrels[k];
    }
  }

  routingStep(fixedStep: number): number {
    return fixedStep;
  }

  saveOldState(): void {
    const { s } = this;
    s.oldDepth.set(s.newDepth);
    s.oldVolume.set(s.newVolume);
    for (let n = 0; n < s.oldNetInflow.length; n++) s.oldNetInflow[n] = s.inflow[n] - s.outflow[n];
    s.oldFlow.set(s.newFlow);
  }

  /** Route one step (flowrout.c flowrout_execute for KW). Lateral flows must be set in `newLatFlow`. */
  execute(dt: number, _time: number): void {
    const { net, s } = this;
    const nN = net.nodeIds.length;
    for (let n = 0; n < nN; n++) {
      s.inflow[n] = s.newLatFlow[n];
      s.outflow[n] = 0;
      // water ponded above the rim is released again (flowrout.c; junction full volume is zero)
      s.overflow[n] = s.newVolume[n] > 0 ? s.newVolume[n] / dt : 0;
    }
    for (let i = 0; i < this.order.length; i++) {
      const k = this.order[i];
      const n1 = net.node1[k];
      // what the upstream node passes on: all it receives (junctions store nothing, node.c node_getOutflow)
      let qin = Math.max(0, s.inflow[n1] + s.overflow[n1]);
      if (net.qLimit[k] > 0) qin = Math.min(qin, net.qLimit[k]);
      const qout = this.conduit(k, qin, dt);
      s.newFlow[k] = qout;
      s.outflow[n1] += this.lastInflow;
      s.inflow[net.node2[k]] += qout;
    }
    for (let n = 0; n < nN; n++) {
      // setNewNodeState: what a junction cannot pass on overflows (or ponds)
      const net0 = s.inflow[n] - s.outflow[n];
      let v = s.oldVolume[n] + net0 * dt;
      if (v < FUDGE) v = 0;
      s.overflow[n] = 0;
      if (v > 0 && !this.isOutfall[n] && this.outDegree[n] > 0) {
        s.overflow[n] = (v - Math.max(s.oldVolume[n], 0)) / dt;
        if (s.overflow[n] < FUDGE) s.overflow[n] = 0;
        if (!(this.allowPonding && net.pondedArea[n] > 0)) v = 0;
      }
      s.newVolume[n] = this.isOutfall[n] || this.outDegree[n] === 0 ? 0 : v;
      s.newDepth[n] = 0;
    }
    for (let k = 0; k < net.linkIds.length; k++) {
      // setNewLinkState: depths at conduit ends raise their nodes' depths
      const x = net.xsect[k];
      const a1 = s.a1[k];
      const a2 = this.a2[k];
      s.newLinkVolume[k] = 0.5 * (a1 + a2) * net.length[k] * net.barrels[k];
      const y1 = x.depthOfArea(a1);
      const y2 = x.depthOfArea(a2);
      s.newLinkDepth[k] = 0.5 * (y1 + y2);
      this.raiseNodeDepth(net.node1[k], y1 + net.offset1[k]);
      this.raiseNodeDepth(net.node2[k], y2 + net.offset2[k]);
    }
  }

  private lastInflow = 0;

  private raiseNodeDepth(n: number, y: number): void {
    const { net, s } = this;
    if (!this.isOutfall[n] && this.outDegree[n] > 0 && s.overflow[n] > 0) y = net.fullDepth[n];
    if (s.newDepth[n] < y) {
      s.newDepth[n] = net.fullDepth[n] > 0 && y > net.fullDepth[n] ? net.fullDepth[n] : y;
    }
  }

  /** Kinematic wave through one conduit (kinwave.c kinwave_execute); returns outflow (cfs). */
  private conduit(k: number, qinTotal: number, dt: number): number {
    const { net, s } = this;
    const x = net.xsect[k];
    const barrels = net.barrels[k];
    const qFull = net.qFull[k];
    const aFull = x.aFull;
    this.beta1 = net.beta[k] / qFull;
    const q1 = this.q1[k] / qFull;
    const q2 = this.q2[k] / qFull;
    let qin = qinTotal / barrels / qFull;
    const a1 = s.a1[k] / aFull;
    const a2 = this.a2[k] / aFull;
    const ain = qin >= 1 ? 1 : x.areaOfSectionFactor(qin / this.beta1) / aFull;
    let qout: number;
    let aout: number;
    if (qin <= TINY && q2 <= TINY) {
      qout = 0;
      aout = 0;
    } else {
      const dxdt = ((net.length[k] / dt) * aFull) / qFull;
      const dq = q2 - q1;
      this.c1 = (dxdt * WT) / WX;
      this.c2 = (((1 - WT) * (ain - a1) - WT * a2) * dxdt) / WX + ((1 - WX) / WX) * dq - qin;
      aout = this.solveContinuity(k, qin, ain, a2);
      qout = this.beta1 * x.sectionFactorOfArea(aout * aFull);
      if (qin > 1) qin = 1;
    }
    this.q1[k] = qin * qFull;
    s.a1[k] = ain * aFull;
    this.q2[k] = qout * qFull;
    this.a2[k] = aout * aFull;
    this.lastInflow = this.q1[k] * barrels;
    return this.q2[k] * barrels;
  }

  /** Residual f(a) = β1·S(a) + C1·a + C2 of the normalised continuity equation and its derivative. */
  private residual(k: number, a: number): number {
    const x = this.net.xsect[k];
    return this.beta1 * x.sectionFactorOfArea(a * x.aFull) + this.c1 * a + this.c2;
  }

  private dResidual(k: number, a: number): number {
    const x = this.net.xsect[k];
    const da = 0.001;
    const lo = Math.max(a - da, 0);
    const ds = (x.sectionFactorOfArea((a + da) * x.aFull) - x.sectionFactorOfArea(lo * x.aFull)) / (a + da - lo);
    return this.beta1 * Math.max(ds, 1e-30) + this.c1;
  }

  /** Outlet area (fraction of full) solving the continuity residual (kinwave.c solveContinuity). */
  private solveContinuity(k: number, qin: number, ain: number, aGuess: number): number {
    const x = this.net.xsect[k];
    let aHi = 1;
    let fHi = 1 + this.c1 + this.c2;
    let aLo = x.aMax / x.aFull;
    let fLo = aLo < aHi ? this.beta1 * x.sMax + this.c1 * aLo + this.c2 : fHi;
    if (fHi * fLo > 0) {
      aHi = aLo;
      fHi = fLo;
      aLo = 0;
      fLo = this.c2;
    }
    if (fHi * fLo <= 0) {
      let a = aGuess;
      if (a < aLo || a > aHi) a = 0.5 * (aLo + aHi);
      if (fLo > fHi) {
        const t = aLo;
        aLo = aHi;
        aHi = t;
      }
      return this.newtonSafe(k, aLo, aHi, a);
    }
    if (fLo < 0) return qin > 1 ? ain : 1;
    return 0;
  }

  /** Newton–Raphson kept inside a bracket by bisection (findroot.c findroot_Newton). */
  private newtonSafe(k: number, x1: number, x2: number, x0: number): number {
    let x = x0;
    let xlo = x1;
    let xhi = x2;
    let dxold = Math.abs(x2 - x1);
    let dx = dxold;
    let f = this.residual(k, x);
    let df = this.dResidual(k, x);
    for (let j = 1; j <= MAX_ITERATIONS; j++) {
      if (((x - xhi) * df - f) * ((x - xlo) * df - f) >= 0 || Math.abs(2 * f) > Math.abs(dxold * df)) {
        dxold = dx;
        dx = 0.5 * (xhi - xlo);
        x = xlo + dx;
        if (xlo === x) break;
      } else {
        dxold = dx;
        dx = f / df;
        const t = x;
        x -= dx;
        if (t === x) break;
      }
      if (Math.abs(dx) < EPSIL) break;
      f = this.residual(k, x);
      df = this.dResidual(k, x);
      if (f < 0) xlo = x;
      else xhi = x;
    }
    return x;
  }
}

/** Links ordered so that every link comes after all links entering its upstream node (Kahn's algorithm). */
function topologicalOrder(net: NetworkData): Int32Array {
  const nN = net.nodeIds.length;
  const nL = net.linkIds.length;
  const inCount = new Int32Array(nN);
  for (let k = 0; k < nL; k++) inCount[net.node2[k]]++;
  const byNode: number[][] = Array.from({ length: nN }, () => []);
  for (let k = 0; k < nL; k++) byNode[net.node1[k]].push(k);
  const order = new Int32Array(nL);
  let m = 0;
  const queue: number[] = [];
  for (let n = 0; n < nN; n++) if (inCount[n] === 0) queue.push(n);
  while (queue.length > 0) {
    const n = queue.shift()!;
    for (const k of byNode[n]) {
      order[m++] = k;
      if (--inCount[net.node2[k]] === 0) queue.push(net.node2[k]);
    }
  }
  if (m < nL) throw new Error('kinematic-wave routing needs a network without loops');
  return order;
}
