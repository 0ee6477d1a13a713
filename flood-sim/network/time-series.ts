/**
 * [TIMESERIES] compiled for lookup: times in seconds from the simulation start, values as written.
 * Points without a date are hours from the start (or from the last date given), as in SWMM.
 */
import { InpError } from './inp-error.ts';
import type { TimeSeries } from './inp-model.ts';
import { parseClock, parseDate } from './sim-options.ts';

export interface Series {
  name: string;
  /** s from the simulation start, non-decreasing */
  t: Float64Array;
  v: Float64Array;
  /** index of the interval last used (lookups move forward in time) */
  cursor: number;
}

export function compileSeries(ts: TimeSeries, file: string, startMs: number): Series {
  if (ts.file !== undefined) throw new InpError(file, ts.line, 'TIMESERIES', 'File Name', `external time series files are not supported ('${ts.file}')`);
  const n = ts.points.length;
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  let dayMs: number | undefined;
  for (let i = 0; i < n; i++) {
    const p = ts.points[i];
    if (p.date !== undefined) {
      dayMs = parseDate(p.date);
      if (dayMs === undefined) throw new InpError(file, p.line, 'TIMESERIES', 'Date', `expected mm/dd/yyyy, found '${p.date}'`);
    }
    const s = parseClock(p.time);
    if (s === undefined) throw new InpError(file, p.line, 'TIMESERIES', 'Time', `expected hours or hh:mm, found '${p.time}'`);
    t[i] = dayMs === undefined ? s : (dayMs - startMs) / 1000 + s;
    v[i] = p.value;
    if (i > 0 && t[i] < t[i - 1]) throw new InpError(file, p.line, 'TIMESERIES', 'Time', `time goes backwards in series '${ts.name}'`);
  }
  return { name: ts.name, t, v, cursor: 0 };
}

/** Linear interpolation at time s; outside the series: first value before it, `after` beyond it. */
export function seriesAt(s: Series, time: number, extend: boolean): number {
  const n = s.t.length;
  if (n === 0) return 0;
  if (time < s.t[0]) return extend ? s.v[0] : 0;
  if (time > s.t[n - 1]) return extend ? s.v[n - 1] : 0;
  let i = s.cursor;
  if (i >= n - 1 || s.t[i] > time) i = 0;
  while (i < n - 2 && s.t[i + 1] < time) i++;
  s.cursor = i;
  if (n === 1) return s.v[0];
  const t0 = s.t[i];
  const t1 = s.t[i + 1];
  if (t1 <= t0) return s.v[i + 1];
  return s.v[i] + ((time - t0) * (s.v[i + 1] - s.v[i])) / (t1 - t0);
}

/** Step lookup for rain gauges: the value recorded at the last time ≤ `time` applies for one interval. */
export function seriesStepAt(s: Series, time: number, interval: number): number {
  const n = s.t.length;
  if (n === 0 || time < s.t[0]) return 0;
  let i = s.cursor;
  if (i >= n || s.t[i] > time) i = 0;
  while (i < n - 1 && s.t[i + 1] <= time) i++;
  s.cursor = i;
  return time < s.t[i] + interval ? s.v[i] : 0;
}
