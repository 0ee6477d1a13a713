/**
 * 1D drainage network engine, SWMM 5 compatible: `.inp` read/write, dynamic-wave routing with surcharge,
 * nonlinear-reservoir runoff with Horton infiltration, and SWMM-style report tables.
 * Internal units are SWMM's (ft, s, cfs, ft³); `SwmmNetwork.net.units` converts to the file's units.
 */
export { InpError } from './inp-error.ts';
export type * from './inp-model.ts';
export { parseInp, type ParseInpOptions } from './parse-inp.ts';
export { writeInp } from './write-inp.ts';
export { withOption } from './with-option.ts';
export { unitFactors, FLOW_UNITS, type FlowUnits, type UnitFactors } from './units.ts';
export { readOptions, type SimOptions } from './sim-options.ts';
export { createNetwork, SwmmNetwork, NETWORK_DEFAULTS, type NetworkOptions } from './network.ts';
export type { HydState } from './hyd-state.ts';
export type { NetworkData } from './build-network.ts';
export { runSwmm, type SwmmReport, type RunSwmmOptions } from './run-swmm.ts';
export { formatReport, formatDaysClock } from './format-report.ts';
export { parseRpt, type RptTables } from './parse-rpt.ts';
