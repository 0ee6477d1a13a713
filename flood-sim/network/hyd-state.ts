/**
 * Hydraulic state of a network, in SWMM's internal units (ft, ft², ft³, cfs), as flat typed arrays
 * allocated once. `old*` values belong to the start of the current routing step, `new*` to its end.
 */
export interface HydState {
  // nodes
  oldDepth: Float64Array;
  newDepth: Float64Array;
  oldVolume: Float64Array;
  newVolume: Float64Array;
  /** total inflow to the node during the step (cfs) */
  inflow: Float64Array;
  outflow: Float64Array;
  oldNetInflow: Float64Array;
  /** flow lost (or ponded) above the rim (cfs) */
  overflow: Float64Array;
  /** lateral inflow of the step: runoff, external inflows and coupling injection (cfs) */
  newLatFlow: Float64Array;
  /** node surface area for the continuity equation (ft²) */
  newSurfArea: Float64Array;
  oldSurfArea: Float64Array;
  sumdqdh: Float64Array;
  dYdT: Float64Array;
  converged: Uint8Array;
  // links
  oldFlow: Float64Array;
  newFlow: Float64Array;
  newLinkDepth: Float64Array;
  newLinkVolume: Float64Array;
  /** per-barrel flow of the last iteration (cfs) */
  q1: Float64Array;
  /** mid-conduit area now and at the start of the step (ft²) */
  a1: Float64Array;
  a2: Float64Array;
  /** `FlowClass` of dynamic-wave.ts */
  flowClass: Uint8Array;
  dqdh: Float64Array;
  froude: Float64Array;
  surfArea1: Float64Array;
  surfArea2: Float64Array;
  bypassed: Uint8Array;
}

export function createHydState(nodes: number, links: number): HydState {
  const n = (): Float64Array => new Float64Array(nodes);
  const l = (): Float64Array => new Float64Array(links);
  return {
    oldDepth: n(), newDepth: n(), oldVolume: n(), newVolume: n(), inflow: n(), outflow: n(), oldNetInflow: n(), overflow: n(),
    newLatFlow: n(), newSurfArea: n(), oldSurfArea: n(), sumdqdh: n(), dYdT: n(), converged: new Uint8Array(nodes),
    oldFlow: l(), newFlow: l(), newLinkDepth: l(), newLinkVolume: l(), q1: l(), a1: l(), a2: l(),
    flowClass: new Uint8Array(links), dqdh: l(), froude: l(), surfArea1: l(), surfArea2: l(), bypassed: new Uint8Array(links),
  };
}
