/**
 * A coupled run: the 2D surface (simulate.ts) and a 1D network (network/) exchanging water through
 * DualDrainage, with one volume balance over both. Pure; the CLI and the server read the files.
 */
import { simulate, type FloodFrame, type SimulateOptions } from '../simulate.ts';
import type { FloodModel } from '../model.ts';
import { createNetwork, type SwmmNetwork } from '../network/network.ts';
import type { InpModel } from '../network/inp-model.ts';
import { withOption } from '../network/with-option.ts';
import type { Scenario } from '../scenario.ts';
import { DUAL_DRAINAGE_DEFAULTS, DualDrainage, type CoupledBalance, type DualDrainageOptions, type ExchangeTotals } from './dual-drainage.ts';

export interface CoupledFrame extends FloodFrame {
  drainage: {
    /** Network time (s). */
    time: number;
    exchange: ExchangeTotals;
    /** The network's own routing balance (m³): it closes by itself, like SWMM's routing continuity. */
    network: ReturnType<SwmmNetwork['totalsSI']> & { error: number; relativeError: number };
    /** Surface and network together. */
    balance: CoupledBalance;
    /** Wall seconds in 1D routing and exchange since the start. */
    wallSeconds: number;
  };
}

export interface CoupledNetworkOptions {
  /** Keep the network's own subcatchments (runoff) — by default rain falls on the 2D surface only. */
  keepSubcatchments?: boolean;
  /** Run the network at least this long (s), e.g. the scenario's duration. */
  duration?: number;
  /**
   * Surcharge method, whatever the file says: SLOT (default) keeps a surcharged node's continuity volume-exact
   * (Preissmann slot), so the coupled balance closes; EXTRAN (Eq. 3-39) reproduces a SWMM run of the file.
   */
  surchargeMethod?: 'EXTRAN' | 'SLOT';
}

/**
 * A network ready to couple: SURCHARGE_METHOD SLOT unless asked otherwise, without its subcatchments (their
 * rain falls on the surface) unless kept.
 */
export function createCoupledNetwork(model: InpModel, o: CoupledNetworkOptions = {}): SwmmNetwork {
  let m = withOption(model, 'SURCHARGE_METHOD', o.surchargeMethod ?? 'SLOT');
  if (!o.keepSubcatchments) m = { ...m, subcatchments: [], subareas: [], infiltration: [] };
  const nw = createNetwork(m, { accounting: 'continuity' });
  if (o.duration !== undefined && o.duration > nw.net.options.duration) nw.net.options.duration = o.duration;
  return nw;
}

/** Network balance in m³ with its error. */
function networkBalance(nw: SwmmNetwork): CoupledFrame['drainage']['network'] {
  const n = nw.totalsSI();
  const error = n.initial + n.inflow - n.outflow - n.flooding - n.stored;
  return { ...n, error, relativeError: error / Math.max(n.initial + n.inflow, 1e-12) };
}

/** Runs the surface coupled to `network`; frames as simulate's plus the drainage balance. */
export async function* simulateCoupled(
  m: FloodModel, network: SwmmNetwork, options: SimulateOptions & { drainage?: Partial<DualDrainageOptions> } = {},
): AsyncGenerator<CoupledFrame, DualDrainage, undefined> {
  const dual = new DualDrainage(network, m, { ...DUAL_DRAINAGE_DEFAULTS, hMin: m.params.hMin, ...options.drainage });
  const coupling = { interval: dual.options.interval, exchange: dual.exchangeWithPipes.bind(dual) };
  for await (const f of simulate(m, { ...options, coupling })) {
    yield {
      ...f,
      drainage: {
        time: network.time,
        exchange: { ...dual.totals },
        network: networkBalance(network),
        balance: dual.balance(f.balance),
        wallSeconds: dual.wallMs / 1000,
      },
    };
  }
  return dual;
}

/** The coupling a scenario's `drainage` field asks for: the network (from the parsed .inp) and the options. */
export function drainageFromScenario(
  d: NonNullable<Scenario['drainage']>, model: InpModel, duration: number,
): { network: SwmmNetwork; options: Partial<DualDrainageOptions> } {
  const network = createCoupledNetwork(model, {
    keepSubcatchments: d.subcatchments === 'keep', duration, surchargeMethod: d.surcharge === 'extran' ? 'EXTRAN' : 'SLOT',
  });
  return {
    network,
    options: {
      links: d.links, diameter: d.diameter, outfalls: d.outfalls, rims: d.rims, interval: d.interval,
      ...(d.coefficients ? { coefficients: d.coefficients } : {}),
    },
  };
}
