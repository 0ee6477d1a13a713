/**
 * Time-dependent forcing (rain, losses, stage and inflow hydrographs) evaluated per step.
 * Pure and allocation-free per step; every worker evaluates it identically.
 */
import type { StepForcing } from './local-inertial.ts';

/** A time series: times (s, strictly increasing) and values. `step` series hold each value until the next time. */
export interface SeriesData {
  t: Float64Array;
  v: Float64Array;
  kind: 'linear' | 'step';
}

export interface ForcingModel {
  series: SeriesData[];
  /** Index of the uniform rain intensity series (m/s), or -1. */
  rainSeries: number;
  /** Series index of each rain gauge (m/s); IDW weights live in FloodArrays.gaugeWeights. */
  gaugeSeries: number[];
  /** Horton (1940) infiltration f(t) = fc + (f0 − fc) e^(−k t), in m/s and 1/s; null when not used. */
  horton: { f0: number; fc: number; k: number } | null;
  /** Sorted times (s) at which a step series changes value: time steps end there exactly. */
  events: Float64Array;
}

/** Value of a series at time t: linear interpolation (clamped at the ends) or the step value. */
export function seriesValue(s: SeriesData, t: number): number {
  const n = s.t.length;
  if (n === 0) return 0;
  if (s.kind === 'step') {
    if (t < s.t[0] || t >= s.t[n - 1]) return t >= s.t[n - 1] ? s.v[n - 1] : 0;
  } else {
    if (t <= s.t[0]) return s.v[0];
    if (t >= s.t[n - 1]) return s.v[n - 1];
  }
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (s.t[mid] <= t) lo = mid;
    else hi = mid;
  }
  if (s.kind === 'step') return s.v[lo];
  const w = (t - s.t[lo]) / (s.t[hi] - s.t[lo]);
  return s.v[lo] + w * (s.v[hi] - s.v[lo]);
}

/** The first event time strictly after t, or +∞. */
export function nextEvent(m: ForcingModel, t: number): number {
  const e = m.events;
  let lo = 0, hi = e.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (e[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo < e.length ? e[lo] : Infinity;
}

/** Fill `out` for the step [t, t + dt). Linear series are taken at the mid-step, step series at t. */
export function fillForcing(m: ForcingModel, t: number, dt: number, out: StepForcing): void {
  out.t = t;
  out.dt = dt;
  const tm = t + dt / 2;
  for (let k = 0; k < m.series.length; k++) {
    const s = m.series[k];
    out.series[k] = seriesValue(s, s.kind === 'step' ? t : tm);
  }
  out.rain = m.rainSeries >= 0 ? out.series[m.rainSeries] : 0;
  for (let k = 0; k < m.gaugeSeries.length; k++) out.gaugeRates[k] = out.series[m.gaugeSeries[k]];
  out.infiltration = m.horton ? m.horton.fc + (m.horton.f0 - m.horton.fc) * Math.exp(-m.horton.k * tm) : 0;
}

export function newForcing(m: ForcingModel): StepForcing {
  return {
    t: 0, dt: 0, rain: 0, infiltration: 0,
    gaugeRates: new Float64Array(m.gaugeSeries.length),
    series: new Float64Array(m.series.length),
  };
}
