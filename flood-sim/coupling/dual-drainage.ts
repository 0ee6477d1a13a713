/**
 * Dual drainage: a 1D network (SwmmNetwork) and the 2D surface exchange water through manholes, inlets,
 * river banks and outfalls, by operator splitting at a coupling interval (the scheme of SWMM-coupled 2D
 * models, e.g. Leandro, Chen, Djordjević & Savić 2009; Seyoum et al. 2012, J. Hydraul. Eng. 138(1):23):
 *
 *   exchangeWithPipes(t0, t1)  — with the 2D solver idle, the network takes its own sub-steps to t1; before
 *                                each one the exchange law (exchange-law.ts) gives every link's flow from the
 *                                node head and the cell's water level, held as the node's injection for the
 *                                sub-step; the volumes are applied to the cells at the end, before the 2D
 *                                solver runs over [t0, t1].
 *
 * A linked node ponds above its rim over the cell's area inside the network (SwmmNetwork.linkToSurface), so
 * that its continuity stays volume-exact when it surcharges; the exchange empties that pond onto the street.
 *
 * An outfall on the surface discharges into its cell; while the cell is wet its level is the outfall's stage
 * and the outfall is gated (surface water enters only through the inlets' law, which limits it to the
 * water there); while it is dry the outfall keeps its own boundary.
 *
 * Limits (each sub-step): a cell gives at most the water it holds and never drops below a submerged node's
 * head; a node's pond and the surface (the cell and its 8 neighbours, which the 2D step reaches) at most
 * meet at one level; a link's flow does not change sign without passing through zero. The volume balance is
 * exact on both sides: the network takes the injection as q·dt (network.ts), the cells get the same q·dt.
 * Results do not depend on the number of 2D workers (this runs on the main thread).
 */
import { BLOCK_WIDTH, SLOT, type FloodArrays } from '../solver/state.ts';
import type { SwmmNetwork } from '../network/network.ts';
import type { VolumeBalance } from '../simulate.ts';
import { EXCHANGE_DEFAULTS, exchangeFlow, type ExchangeCoefficients } from './exchange-law.ts';
import { LINK_DEFAULTS, resolveLinks, type LinkOptions, type ResolvedLinks, type SurfaceGrid } from './links.ts';

export interface DualDrainageOptions extends LinkOptions {
  coefficients: ExchangeCoefficients;
  /** Coupling interval (s): the 2D run stops this often for the exchange. */
  interval: number;
  /** Depth (m) below which a cell is dry (the solver's hMin). */
  hMin: number;
}

export const DUAL_DRAINAGE_DEFAULTS: DualDrainageOptions = {
  ...LINK_DEFAULTS,
  coefficients: { weir: EXCHANGE_DEFAULTS.weir, orifice: EXCHANGE_DEFAULTS.orifice },
  interval: 1,
  hMin: 1e-3,
};

/** Exchanged volumes (m³) since the start. */
export interface ExchangeTotals {
  /** Surface → network through inlets and banks. */
  toNetwork: number;
  /** Network → surface through inlets and banks (surcharge, bank overtopping). */
  toSurface: number;
  /** Network outfalls → surface cells. */
  outfallToSurface: number;
  /** Surface cells → network outfalls (backflow while the cell's level sets the outfall's stage). */
  surfaceToOutfall: number;
}

/** One volume balance over both domains (m³). */
export interface CoupledBalance {
  /** Water in at the start: 2D surface + network storage. */
  initial: number;
  /** Rain on the surface, boundary and point inflows, network inflows (external, dry weather, runoff). */
  inflow: number;
  /** Leaving the system: 2D boundaries, losses, network outfalls not on the surface, network flooding. */
  outflow: number;
  stored: number;
  error: number;
  relativeError: number;
}

/** The 2D part of a frame's balance the coupler needs. */
export type SurfaceBalance = Pick<VolumeBalance, 'initial' | 'rain' | 'inflow' | 'outflow' | 'losses' | 'stored'>;

export class DualDrainage {
  readonly links: ResolvedLinks;
  readonly totals: ExchangeTotals = { toNetwork: 0, toSurface: 0, outfallToSurface: 0, surfaceToOutfall: 0 };
  /** Last flow (m³/s, + into the network) of each link and outfall discharge onto the surface. */
  readonly linkFlow: Float64Array;
  readonly outfallFlow: Float64Array;
  /** Volume (m³) cells lacked for flow drawn back in through outfalls (water the coupling created; in the error). */
  shortfall = 0;
  /** Wall time (ms) spent in exchange and 1D routing. */
  wallMs = 0;
  private readonly outfallWet: Uint8Array;
  /** Distinct nodes with links, and the exchange flow (m³/s) summed per node in a sub-step. */
  private readonly linkedNodes: Int32Array;
  private readonly nodeFlow: Float64Array;
  private readonly slotOfLink: Int32Array;
  private readonly slotOfOutfall: Int32Array;
  private readonly slotCell: Int32Array;
  private readonly h0: Float64Array;
  private readonly zc: Float64Array;
  private readonly added: Float64Array;
  private readonly area: number;
  private readonly spread: number;
  /** Area (m²) over which a node's pond (the cell's area) and the surface (`spread`) meet at one level. */
  private readonly exchangeArea: number;

  constructor(readonly network: SwmmNetwork, readonly grid: SurfaceGrid, readonly options: DualDrainageOptions = DUAL_DRAINAGE_DEFAULTS) {
    if (!(options.interval > 0)) throw new Error(`coupling interval must be positive, found ${options.interval}`);
    this.links = resolveLinks(network, grid, options);
    const L = this.links;
    this.area = grid.dx * grid.dx;
    this.spread = 9 * this.area;
    for (let k = 0; k < L.node.length; k++) {
      if (L.node2[k] >= 0) continue; // a reach's bank cell: its nodes have their own links
      network.linkToSurface(L.node[k], this.area);
      if (options.rims === 'surface') network.setRimSI(L.node[k], L.crest[k]);
    }
    this.linkedNodes = Int32Array.from(new Set(L.node));
    this.nodeFlow = new Float64Array(network.net.nodeIds.length);
    this.exchangeArea = 1 / (1 / this.area + 1 / this.spread);
    // One slot per distinct cell: several nodes may share a cell.
    const slots = new Map<number, number>();
    const slotOf = (c: number) => {
      let s = slots.get(c);
      if (s === undefined) slots.set(c, (s = slots.size));
      return s;
    };
    this.slotOfLink = Int32Array.from(L.cell, slotOf);
    this.slotOfOutfall = Int32Array.from(L.outfallCell, slotOf);
    this.slotCell = Int32Array.from(slots.keys());
    const n = this.slotCell.length;
    this.h0 = new Float64Array(n);
    this.zc = new Float64Array(n);
    this.added = new Float64Array(n);
    this.linkFlow = new Float64Array(L.node.length);
    this.outfallFlow = new Float64Array(L.outfallNode.length);
    this.outfallWet = new Uint8Array(L.outfallNode.length);
  }

  /**
   * Route the network from t0 to t1 exchanging with the surface as it was at t0, then put the exchanged
   * water into the cells. Call with the 2D solver idle. Returns the volumes (m³) given to / taken from the surface.
   */
  exchangeWithPipes(t0: number, t1: number, a: FloodArrays): { toSurface: number; toNetwork: number } {
    const start = performance.now();
    const { network: nw, links: L, h0, zc, added, area, spread } = this;
    const coef = this.options.coefficients;
    const hMin = this.options.hMin;
    for (let s = 0; s < this.slotCell.length; s++) {
      const c = this.slotCell[s];
      h0[s] = a.h[c];
      zc[s] = a.z[c];
    }
    added.fill(0);
    let up = 0, down = 0, outUp = 0, outDown = 0;
    const end = Math.min(t1, nw.duration);
    while (nw.time < end - 1e-6) {
      const dt = nw.nextStep(end);
      const nodeFlow = this.nodeFlow;
      for (let k = 0; k < L.node.length; k++) {
        const s = this.slotOfLink[k];
        const n = L.node[k], n2 = L.node2[k], w = L.share2[k];
        const water = h0[s] * area + added[s];
        const eta = zc[s] + (added[s] > 0 ? h0[s] + added[s] / spread : water / area);
        const head = n2 < 0 ? nw.headSI(n) : (1 - w) * nw.headSI(n) + w * nw.headSI(n2);
        let q = exchangeFlow(eta, head, L.crest[k], L.perimeter[k], L.area[k], coef);
        if (q > 0) {
          // the cell gives at most its water, and no more than brings it down to a submerged node's head
          let cap = water > 0 ? water / dt : 0;
          if (head > L.crest[k]) cap = Math.min(cap, ((eta - head) * area) / dt);
          if (q > cap) q = cap > 0 ? cap : 0;
        } else if (q < 0) {
          const cap = ((head - eta) * this.exchangeArea) / dt;
          if (-q > cap) q = cap > 0 ? -cap : 0;
        }
        if (q * this.linkFlow[k] < 0) q = 0;
        this.linkFlow[k] = q;
        if (n2 < 0) nodeFlow[n] += q;
        else {
          nodeFlow[n] += (1 - w) * q;
          nodeFlow[n2] += w * q;
        }
        added[s] -= q * dt;
        if (q > 0) down += q * dt;
        else up -= q * dt;
      }
      for (let k = 0; k < this.linkedNodes.length; k++) {
        const n = this.linkedNodes[k];
        nw.setInjectionSI(n, nodeFlow[n]);
        nodeFlow[n] = 0;
      }
      for (let k = 0; k < L.outfallNode.length; k++) {
        // a wet outfall cell sets the outfall's stage; a dry one leaves the outfall's own boundary
        const s = this.slotOfOutfall[k];
        const depth = h0[s] + added[s] / (added[s] > 0 ? spread : area);
        const wet = depth > hMin;
        this.outfallWet[k] = wet ? 1 : 0;
        nw.setOutfallStageSI(L.outfallNode[k], wet ? zc[s] + depth : NaN);
        // surface water enters through the inlets' law only: no backflow from a cell through an outfall
        nw.gateOutfall(L.outfallNode[k], wet ? true : null);
      }
      nw.step(dt);
      for (let k = 0; k < L.outfallNode.length; k++) {
        const s = this.slotOfOutfall[k];
        const q = nw.outletFlowSI(L.outfallNode[k]);
        this.outfallFlow[k] = q;
        if (q > 0) {
          added[s] += q * dt;
          outUp += q * dt;
        } else if (q < 0 && this.outfallWet[k]) {
          // backflow from the cell; with a dry cell it comes from the outfall's own boundary (a network inflow)
          added[s] += q * dt;
          outDown -= q * dt;
        }
      }
    }
    if (nw.time >= nw.duration - 1e-6) {
      // the network's run has ended: no more exchange
      for (let k = 0; k < this.linkedNodes.length; k++) nw.setInjectionSI(this.linkedNodes[k], 0);
      this.linkFlow.fill(0);
    }
    this.totals.toSurface += up;
    this.totals.toNetwork += down;
    this.totals.outfallToSurface += outUp;
    this.totals.surfaceToOutfall += outDown;
    const short = this.applyToCells(a);
    this.wallMs += performance.now() - start;
    // what the surface really gained and lost: a shortfall was water it did not have (counted as gained)
    return { toSurface: up + outUp + short, toNetwork: down + outDown };
  }

  /**
   * Add the chunk's volumes to the cells; keep the solver's wet-block flags and depth maximum current.
   * Returns the volume (m³) a cell lacked (only outfall backflow can ask for more than a cell holds).
   */
  private applyToCells(a: FloodArrays): number {
    const { nx } = this.grid;
    const nbx = Math.ceil(nx / BLOCK_WIDTH);
    let top = 0, short = 0;
    for (let s = 0; s < this.slotCell.length; s++) {
      if (this.added[s] === 0) continue;
      const c = this.slotCell[s];
      let h = this.h0[s] + this.added[s] / this.area;
      if (h < 0) {
        short -= h * this.area;
        h = 0;
      }
      a.h[c] = h;
      if (h > a.hMax[c]) a.hMax[c] = h;
      if (h > top) top = h;
      const i = c % nx, j = (c - i) / nx;
      a.blockWet[Math.floor(i / BLOCK_WIDTH) + j * nbx] = 1;
    }
    // The time step of the next 2D step comes from the largest depth in the slots.
    if (top > a.slots[SLOT.hMax]) a.slots[SLOT.hMax] = top;
    this.shortfall += short;
    return short;
  }

  /** One balance over surface and network, from the surface's own balance (m³). */
  balance(surface: SurfaceBalance): CoupledBalance {
    const n = this.network.totalsSI();
    const T = this.totals;
    // Network inflows other than the surface's injection; outflows other than the injection's withdrawal
    // and the outfalls that discharge onto the surface (their volume is the surface's inflow from the network).
    const netIn = n.inflow - n.injectedIn - T.surfaceToOutfall;
    const netOut = n.outflow - n.injectedOut - T.outfallToSurface;
    const initial = surface.initial + n.initial;
    const inflow = surface.rain + surface.inflow + netIn;
    const outflow = surface.outflow + surface.losses + netOut + n.flooding;
    const stored = surface.stored + n.stored;
    const error = initial + inflow - outflow - stored;
    return { initial, inflow, outflow, stored, error, relativeError: error / Math.max(initial + inflow, 1e-12) };
  }
}
