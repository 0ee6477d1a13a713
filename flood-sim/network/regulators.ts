/**
 * Flow through weirs, orifices and pumps for dynamic-wave routing (SWMM 5 Reference Manual Vol. II §3.5,
 * link.c weir_getInflow, orifice_getInflow, pump_getInflow). Each returns the link flow (cfs, positive from
 * node1 to node2) and its derivative dQ/dH used by the surcharge head update. Units: ft, ft², s, cfs.
 * Not modelled: roadway weirs, discharge-coefficient curves, flap-gate head losses, gate opening rates, controls.
 */
import { FlowClass, FUDGE } from './flow-class.ts';
import type { NetworkData } from './build-network.ts';
import type { HydState } from './hyd-state.ts';
import { GRAVITY } from './units.ts';

export const enum LinkType { Conduit = 0, Pump = 1, Orifice = 2, Weir = 3 }
export const enum WeirType { Transverse = 0, Sideflow = 1, VNotch = 2, Trapezoidal = 3 }
export const enum PumpType { Ideal = 0, Type1 = 1, Type2 = 2, Type3 = 3, Type4 = 4 }

/** Regulator parameters per link (unused entries are zero for conduits). */
export interface RegulatorData {
  /** weir: Cw of the central section (user units, converted by `unitsFactor`), orifice: Cd */
  cd: Float64Array;
  /** trapezoidal weir: Cw of the triangular ends */
  cd2: Float64Array;
  /** weir type, orifice type (0 side, 1 bottom) or pump type */
  kind: Uint8Array;
  endContractions: Float64Array;
  canSurcharge: Uint8Array;
  /** pump curve (x, y pairs in user units), per link */
  pumpCurve: (Float64Array | undefined)[];
  /** pump on/off depths (ft) at the inlet node; 0 = always on */
  startupDepth: Float64Array;
  shutoffDepth: Float64Array;
  initiallyOn: Uint8Array;
}

export class Regulators {
  /** orifice/weir: discharge of the equivalent orifice (cfs/ft^0.5), weir-flow coefficient, critical height (ft) */
  private readonly cOrif: Float64Array;
  private readonly cWeir: Float64Array;
  private readonly hCrit: Float64Array;
  /** surface-area length scale (ft) that gives the regulator's storage at its ends */
  private readonly areaLength: Float64Array;
  /** current surface area (ft²), split between the two end nodes */
  readonly surfArea: Float64Array;
  readonly pumpOn: Uint8Array;

  constructor(readonly net: NetworkData, readonly reg: RegulatorData, routeStep: number) {
    const nL = net.linkIds.length;
    this.cOrif = new Float64Array(nL);
    this.cWeir = new Float64Array(nL);
    this.hCrit = new Float64Array(nL);
    this.areaLength = new Float64Array(nL);
    this.surfArea = new Float64Array(nL);
    this.pumpOn = Uint8Array.from(reg.initiallyOn);
    for (let k = 0; k < nL; k++) {
      const x = net.xsect[k];
      const type = net.linkType[k];
      if (type === LinkType.Orifice) {
        // orifice_setSetting / orifice_getWeirCoeff at full opening
        const h = x.yFull;
        const f = x.areaOfDepth(h) * Math.sqrt(2 * GRAVITY);
        this.cOrif[k] = reg.cd[k] * f;
        let hw: number;
        if (reg.kind[k] === 1) {
          const aOverL = x.isOpen ? h / 4 : (h * x.wMax) / (2 * (h + x.wMax));
          hw = (reg.cd[k] / 0.414) * aOverL;
          this.hCrit[k] = hw;
        } else {
          this.hCrit[k] = h;
          hw = h / 2;
        }
        this.cWeir[k] = reg.cd[k] * Math.sqrt(hw) * f;
        this.areaLength[k] = Math.max(200, 2 * routeStep * Math.sqrt(GRAVITY * x.yFull));
      } else if (type === LinkType.Weir) {
        this.areaLength[k] = Math.max(200, 2 * routeStep * Math.sqrt(GRAVITY * x.yFull));
        // surcharged weir acts as an orifice with the flow of a full weir at half its height
        const q = this.weirFlow(k, x.yFull, 1);
        this.cOrif[k] = q / Math.sqrt(x.yFull / 2);
      }
    }
  }

  /** Weir-equation flow (cfs) for a head (ft), without submergence (link.c weir_getFlow). */
  private weirFlow(k: number, head: number, dir: number): number {
    const { net, reg } = this;
    if (head <= 0) return 0;
    const u = net.units.length;
    const x = net.xsect[k];
    // coefficients are in the user's units: work in them, convert the flow back to cfs
    const h = head * u;
    let length = x.wMax * u;
    let q1 = 0;
    let q2 = 0;
    switch (reg.kind[k]) {
      case WeirType.Transverse:
        length = Math.max(length - 0.1 * reg.endContractions[k] * h, 0);
        q1 = reg.cd[k] * length * Math.pow(h, 1.5);
        break;
      case WeirType.Sideflow:
        length = Math.max(length - 0.1 * reg.endContractions[k] * h, 0);
        q1 = dir < 0 ? reg.cd[k] * length * Math.pow(h, 1.5) : reg.cd[k] * Math.pow(length, 0.83) * Math.pow(h, 1.67);
        break;
      case WeirType.VNotch:
        q1 = reg.cd[k] * x.sBot * Math.pow(h, 2.5);
        break;
      default:
        q1 = reg.cd[k] * x.yBot * u * Math.pow(h, 1.5);
        q2 = reg.cd2[k] * x.sBot * Math.pow(h, 2.5);
    }
    this.q1 = q1 / net.units.volume;
    this.q2 = q2 / net.units.volume;
    return this.q1 + this.q2;
  }

  private q1 = 0;
  private q2 = 0;

  /** Flow (cfs) through link k from the current node heads; sets dqdh, flow class, depth and surface area. */
  flow(k: number, s: HydState, dt: number): number {
    switch (this.net.linkType[k]) {
      case LinkType.Weir: return this.weir(k, s);
      case LinkType.Orifice: return this.orifice(k, s);
      default: return this.pump(k, s, dt);
    }
  }

  private weir(k: number, s: HydState): number {
    const { net, reg } = this;
    const n1 = net.node1[k];
    const n2 = net.node2[k];
    let h1 = s.newDepth[n1] + net.invert[n1];
    let h2 = s.newDepth[n2] + net.invert[n2];
    const dir = h1 > h2 ? 1 : -1;
    if (dir < 0) [h1, h2] = [h2, h1];
    const x = net.xsect[k];
    const hcrest = net.invert[n1] + net.offset1[k];
    const hcrown = hcrest + x.yFull;
    let head = h1 - hcrest;
    s.dqdh[k] = 0;
    this.surfArea[k] = 0;
    if (head <= FUDGE || this.gateClosed(k, dir)) {
      s.newLinkDepth[k] = 0;
      s.flowClass[k] = FlowClass.Dry;
      return 0;
    }
    s.flowClass[k] = hcrest > h2 ? (dir === 1 ? FlowClass.DnCritical : FlowClass.UpCritical) : FlowClass.Subcritical;
    const y = x.yFull - (hcrown - Math.min(h1, hcrown));
    this.surfArea[k] = x.widthOfDepth(y) * this.areaLength[k];
    if (h1 >= hcrown) {
      if (reg.canSurcharge[k]) {
        const mid = (hcrest + hcrown) / 2;
        head = h2 < mid ? h1 - mid : h1 - h2;
        const q = this.cOrif[k] * Math.sqrt(Math.max(head, 0));
        s.dqdh[k] = head > 0 ? q / (2 * head) : 0;
        s.newLinkDepth[k] = hcrown - hcrest;
        return dir * q;
      }
      head = hcrown - hcrest;
    }
    this.weirFlow(k, head, dir);
    let q1 = this.q1;
    let q2 = this.q2;
    // dQ/dH of the weir equation (link.c weir_getdqdh)
    const power = reg.kind[k] === WeirType.Sideflow ? 5 / 3 : reg.kind[k] === WeirType.VNotch ? 2.5 : 1.5;
    s.dqdh[k] = head > 0 ? (power * q1 + 2.5 * q2) / head : 0;
    if (h2 > hcrest) {
      // Villemonte submergence correction
      const ratio = (h2 - hcrest) / (h1 - hcrest);
      q1 *= Math.pow(1 - Math.pow(ratio, power), 0.385);
      if (q2 > 0) q2 *= Math.pow(1 - Math.pow(ratio, 2.5), 0.385);
    }
    s.newLinkDepth[k] = Math.min(h1 - hcrest, x.yFull);
    return dir * (q1 + q2);
  }

  private orifice(k: number, s: HydState): number {
    const { net, reg } = this;
    const n1 = net.node1[k];
    const n2 = net.node2[k];
    let h1 = s.newDepth[n1] + net.invert[n1];
    let h2 = s.newDepth[n2] + net.invert[n2];
    const dir = h1 >= h2 ? 1 : -1;
    let y1 = s.newDepth[n1];
    if (dir < 0) {
      [h1, h2] = [h2, h1];
      y1 = s.newDepth[n2];
    }
    const x = net.xsect[k];
    const hcrest = net.invert[n1] + net.offset1[k];
    let head: number;
    let f: number;
    if (reg.kind[k] === 1) {
      head = h1 < hcrest ? 0 : h2 > hcrest ? h1 - h2 : h1 - hcrest;
      f = Math.min(head / this.hCrit[k], 1);
    } else {
      const hcrown = hcrest + x.yFull;
      const mid = (hcrest + hcrown) / 2;
      f = h1 < hcrown && hcrown > hcrest ? (h1 - hcrest) / (hcrown - hcrest) : 1;
      head = f < 1 ? h1 - hcrest : h2 < mid ? h1 - mid : h1 - h2;
    }
    if (head <= FUDGE || y1 <= FUDGE || this.gateClosed(k, dir)) {
      s.newLinkDepth[k] = 0;
      s.flowClass[k] = FlowClass.Dry;
      this.surfArea[k] = FUDGE * this.areaLength[k];
      s.dqdh[k] = 0;
      return 0;
    }
    s.flowClass[k] = hcrest > h2 ? (dir === 1 ? FlowClass.DnCritical : FlowClass.UpCritical) : FlowClass.Subcritical;
    if (reg.kind[k] === 1) {
      s.newLinkDepth[k] = x.yFull;
      this.surfArea[k] = x.aFull;
    } else {
      s.newLinkDepth[k] = x.yFull * f;
      this.surfArea[k] = x.widthOfDepth(s.newLinkDepth[k]) * this.areaLength[k];
    }
    let q: number;
    if (f <= 0) {
      q = 0;
      s.dqdh[k] = 0;
    } else if (f < 1) {
      q = this.cWeir[k] * Math.pow(f, 1.5);
      s.dqdh[k] = (1.5 * q) / (f * this.hCrit[k]);
    } else {
      q = this.cOrif[k] * Math.sqrt(head);
      s.dqdh[k] = q / (2 * head);
    }
    q *= dir;
    if (f < 1 && h2 > hcrest) {
      const ratio = (h2 - hcrest) / (h1 - hcrest);
      q *= Math.pow(1 - Math.pow(ratio, 1.5), 0.385);
    }
    return q;
  }

  /** Pump flow from its curve (link.c pump_getInflow), switched by the start-up / shut-off depths. */
  private pump(k: number, s: HydState, _dt: number): number {
    const { net, reg } = this;
    const n1 = net.node1[k];
    const n2 = net.node2[k];
    const y1 = s.newDepth[n1];
    if (reg.startupDepth[k] > 0 && y1 > reg.startupDepth[k]) this.pumpOn[k] = 1;
    if (reg.shutoffDepth[k] > 0 && y1 < reg.shutoffDepth[k]) this.pumpOn[k] = 0;
    s.dqdh[k] = 0;
    s.flowClass[k] = FlowClass.Subcritical;
    if (!this.pumpOn[k]) return 0;
    const u = net.units;
    const curve = reg.pumpCurve[k];
    let q: number;
    switch (reg.kind[k]) {
      case PumpType.Ideal:
        q = s.inflow[n1] + s.overflow[n1];
        break;
      case PumpType.Type1:
        q = stepLookup(curve!, s.newVolume[n1] * u.volume) / u.flow;
        break;
      case PumpType.Type2:
        q = stepLookup(curve!, y1 * u.length) / u.flow;
        break;
      case PumpType.Type3: {
        const head = Math.max(s.newDepth[n2] + net.invert[n2] - (y1 + net.invert[n1]), 0) * u.length;
        q = lookup(curve!, head) / u.flow;
        s.dqdh[k] = -(lookup(curve!, head + 0.001) - lookup(curve!, head)) / 0.001 * u.length / u.flow;
        break;
      }
      default: {
        q = lookup(curve!, y1 * u.length) / u.flow;
        const q1 = lookup(curve!, (y1 + 0.001) * u.length) / u.flow;
        s.dqdh[k] = (q1 - q) / 0.001;
      }
    }
    return Math.max(q, 0);
  }

  private gateClosed(k: number, dir: number): boolean {
    const { net } = this;
    if (net.flapGate[k] && dir * net.direction[k] < 0) return true;
    const n = dir < 0 ? net.node2[k] : net.node1[k];
    return net.nodeType[n] === 1 && net.outfallGated[n] === 1;
  }
}

/** Linear interpolation in an (x, y) pair table, held at its ends. */
function lookup(t: Float64Array, x: number): number {
  const m = t.length / 2;
  if (x <= t[0]) return t[1];
  for (let i = 1; i < m; i++) {
    if (x <= t[2 * i]) {
      const x0 = t[2 * i - 2];
      const dx = t[2 * i] - x0;
      return dx > 0 ? t[2 * i - 1] + ((x - x0) * (t[2 * i + 1] - t[2 * i - 1])) / dx : t[2 * i + 1];
    }
  }
  return t[2 * m - 1];
}

/** Step lookup: the y of the first point whose x is at or above x (Type 1 and 2 pump curves). */
function stepLookup(t: Float64Array, x: number): number {
  const m = t.length / 2;
  for (let i = 0; i < m; i++) if (x <= t[2 * i]) return t[2 * i + 1];
  return t[2 * m - 1];
}
