/**
 * [OPTIONS] of a SWMM model, typed, with times in seconds from the simulation start
 * (SWMM 5 User's Manual, Appendix D, [OPTIONS]; defaults as SWMM's project.c setDefaults: DYNWAVE,
 * PARTIAL inertial damping, variable step 0.75, BOTH normal-flow limitation).
 */
import { InpError } from './inp-error.ts';
import type { InpModel, InpOption } from './inp-model.ts';
import { FLOW_UNITS, type FlowUnits } from './units.ts';

export interface SimOptions {
  flowUnits: FlowUnits;
  infiltration: 'HORTON' | 'MODIFIED_HORTON' | 'GREEN_AMPT' | 'MODIFIED_GREEN_AMPT' | 'CURVE_NUMBER';
  routing: 'DYNWAVE' | 'KINWAVE' | 'STEADY';
  allowPonding: boolean;
  /** Start date-time, ms since 1970 (UTC clock used as a plain calendar). */
  startMs: number;
  /** Duration, s. */
  duration: number;
  reportStep: number;
  wetStep: number;
  dryStep: number;
  routeStep: number;
  /** Courant factor for the variable step; 0 = fixed step. */
  variableStep: number;
  lengtheningStep: number;
  /** ft² in the user's length units² (converted by the engine). */
  minSurfArea: number;
  minRouteStep: number;
  maxTrials: number;
  /** user length units */
  headTol: number;
  inertialDamping: 'NONE' | 'PARTIAL' | 'FULL';
  normalFlowLimited: 'SLOPE' | 'FROUDE' | 'BOTH';
  surchargeMethod: 'EXTRAN' | 'SLOT';
  minSlope: number;
}

/** Parse mm/dd/yyyy into ms (UTC). */
export function parseDate(text: string): number | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})$/.exec(text);
  if (!m) return undefined;
  let y = Number(m[3]);
  if (y < 100) y += 2000;
  return Date.UTC(y, Number(m[1]) - 1, Number(m[2]));
}

/** Parse hh:mm[:ss] or decimal hours into seconds. */
export function parseClock(text: string): number | undefined {
  if (text.includes(':')) {
    const parts = text.split(':').map(Number);
    if (parts.some((p) => !Number.isFinite(p))) return undefined;
    return parts[0] * 3600 + (parts[1] ?? 0) * 60 + (parts[2] ?? 0);
  }
  const h = Number(text);
  return Number.isFinite(h) && text.trim() !== '' ? h * 3600 : undefined;
}

export function readOptions(model: InpModel): SimOptions {
  const map = new Map<string, InpOption>();
  for (const o of model.options) map.set(o.key, o);
  const fail: (o: InpOption, problem: string) => never = (o, problem) => {
    throw new InpError(model.file, o.line, 'OPTIONS', o.key, problem);
  };
  const str = (key: string, def: string): string => (map.get(key)?.value ?? def).toUpperCase();
  const num = (key: string, def: number): number => {
    const o = map.get(key);
    if (!o) return def;
    const v = Number(o.value);
    if (!Number.isFinite(v) || o.value.trim() === '') fail(o, `expected a number, found '${o.value}'`);
    return v;
  };
  const oneOf = <T extends string>(key: string, def: T, values: readonly T[]): T => {
    const v = str(key, def);
    if (!values.includes(v as T)) fail(map.get(key)!, `expected one of ${values.join(', ')}, found '${v}'`);
    return v as T;
  };
  const clock = (key: string, def: number): number => {
    const o = map.get(key);
    if (!o) return def;
    const v = parseClock(o.value);
    if (v === undefined) fail(o, `expected hh:mm:ss, found '${o.value}'`);
    return v;
  };
  const date = (key: string, def: number): number => {
    const o = map.get(key);
    if (!o) return def;
    const v = parseDate(o.value);
    if (v === undefined) fail(o, `expected mm/dd/yyyy, found '${o.value}'`);
    return v;
  };
  const startDay = date('START_DATE', Date.UTC(2004, 0, 1));
  const startMs = startDay + clock('START_TIME', 0) * 1000;
  const endMs = date('END_DATE', startDay) + clock('END_TIME', 24 * 3600) * 1000;
  if (endMs <= startMs) fail(map.get('END_DATE') ?? map.get('END_TIME') ?? model.options[0], 'simulation ends before it starts');
  const reportStep = clock('REPORT_STEP', 900);
  const wetStep = Math.min(clock('WET_STEP', 300), reportStep);
  const routeStepOpt = map.get('ROUTING_STEP');
  let routeStep = 20;
  if (routeStepOpt) {
    const v = routeStepOpt.value.includes(':') ? parseClock(routeStepOpt.value) : Number(routeStepOpt.value);
    if (v === undefined || !(v > 0)) fail(routeStepOpt, `expected a positive step, found '${routeStepOpt.value}'`);
    routeStep = v;
  }
  routeStep = Math.min(routeStep, wetStep);
  return {
    flowUnits: oneOf('FLOW_UNITS', 'CFS', FLOW_UNITS),
    infiltration: oneOf('INFILTRATION', 'HORTON', ['HORTON', 'MODIFIED_HORTON', 'GREEN_AMPT', 'MODIFIED_GREEN_AMPT', 'CURVE_NUMBER']),
    routing: oneOf('FLOW_ROUTING', 'DYNWAVE', ['DYNWAVE', 'KINWAVE', 'STEADY']),
    allowPonding: str('ALLOW_PONDING', 'NO') === 'YES',
    startMs,
    duration: (endMs - startMs) / 1000,
    reportStep,
    wetStep,
    dryStep: clock('DRY_STEP', 3600),
    routeStep,
    variableStep: num('VARIABLE_STEP', 0.75),
    lengtheningStep: num('LENGTHENING_STEP', 0),
    minSurfArea: num('MIN_SURFAREA', 0),
    minRouteStep: num('MINIMUM_STEP', 0.5),
    maxTrials: num('MAX_TRIALS', 0),
    headTol: num('HEAD_TOLERANCE', 0),
    inertialDamping: oneOf('INERTIAL_DAMPING', 'PARTIAL', ['NONE', 'PARTIAL', 'FULL']),
    normalFlowLimited: oneOf('NORMAL_FLOW_LIMITED', 'BOTH', ['SLOPE', 'FROUDE', 'BOTH']),
    surchargeMethod: oneOf('SURCHARGE_METHOD', 'EXTRAN', ['EXTRAN', 'SLOT']),
    minSlope: num('MIN_SLOPE', 0),
  };
}
