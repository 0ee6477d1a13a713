/**
 * 1D–2D coupling (dual drainage): exchange law, links between network nodes and surface cells, the
 * operator-split exchange and the coupled run with its single volume balance.
 */
export { exchangeFlow, EXCHANGE_DEFAULTS, type ExchangeCoefficients } from './exchange-law.ts';
export { resolveLinks, nodeCoordinates, openCellNear, LINK_DEFAULTS, type LinkSpec, type LinkOptions, type ResolvedLinks, type SurfaceGrid } from './links.ts';
export {
  DualDrainage, DUAL_DRAINAGE_DEFAULTS,
  type DualDrainageOptions, type ExchangeTotals, type CoupledBalance, type SurfaceBalance,
} from './dual-drainage.ts';
export { simulateCoupled, createCoupledNetwork, drainageFromScenario, type CoupledFrame, type CoupledNetworkOptions } from './coupled-run.ts';
