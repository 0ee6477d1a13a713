/**
 * Subcatchment runoff, SWMM 5 Reference Manual Vol. I (Hydrology) ch. 3 (nonlinear reservoir) and ch. 4
 * (Horton infiltration): each subcatchment is three sub-areas — impervious without depression storage,
 * impervious with it, pervious — whose ponded depth d (ft) follows
 *   dd/dt = i − e − f − α·(d − ds)^(5/3),  α = 1.49·W·sqrt(S)/(A·n)   (Eq. 3-4)
 * integrated over each runoff step with an adaptive Runge–Kutta scheme. Rain gauges give step-wise
 * intensities. Units: ft, s, ft³, cfs internally.
 */
import { IdMap } from './id-map.ts';
import { InpError } from './inp-error.ts';
import type { InpModel } from './inp-model.ts';
import type { SimOptions } from './sim-options.ts';
import { parseClock } from './sim-options.ts';
import { compileSeries, seriesStepAt, type Series } from './time-series.ts';
import type { UnitFactors } from './units.ts';

const MCOEFF = 1.49;
const MEXP = 5 / 3;
const ODETOL = 0.0001;

interface Gage {
  series: Series;
  /** recording interval (s) */
  interval: number;
  /** value → ft/s */
  toRate: number;
}

export interface RunoffTotals {
  /** ft³ */
  rain: number;
  evap: number;
  infil: number;
  runoff: number;
}

export class Runoff {
  readonly count: number;
  /** outlet node index per subcatchment */
  readonly outNode: Int32Array;
  /** runoff at the start and end of the current runoff step (cfs) */
  readonly oldRunoff: Float64Array;
  readonly newRunoff: Float64Array;
  oldTime = 0;
  newTime = 0;
  readonly totals: RunoffTotals = { rain: 0, evap: 0, infil: 0, runoff: 0 };
  /** total subcatchment area (ft²) */
  readonly totalArea: number;
  private isWet = false;

  private readonly area: Float64Array;
  private readonly gage: Int32Array;
  private readonly gages: Gage[];
  /** per sub-area (3 per subcatchment): fraction of area, α, depression storage (ft), depth (ft), inflow (ft/s), n */
  private readonly fArea: Float64Array;
  private readonly alpha: Float64Array;
  private readonly dStore: Float64Array;
  private readonly depth: Float64Array;
  private readonly inflow: Float64Array;
  /** Horton parameters per subcatchment (ft/s, 1/s) and state */
  private readonly f0: Float64Array;
  private readonly fmin: Float64Array;
  private readonly decay: Float64Array;
  private readonly regen: Float64Array;
  private readonly fMax: Float64Array;
  private readonly tp: Float64Array;
  private readonly fe: Float64Array;
  private readonly evapRate: number;
  private readonly dryOnly: boolean;

  constructor(model: InpModel, options: SimOptions, units: UnitFactors, nodeIndex: IdMap) {
    const subs = model.subcatchments;
    const n = subs.length;
    this.count = n;
    const fail: (line: number, section: string, field: string, problem: string) => never = (line, section, field, problem) => {
      throw new InpError(model.file, line, section, field, problem);
    };
    if (n > 0 && options.infiltration !== 'HORTON' && options.infiltration !== 'MODIFIED_HORTON') {
      const o = model.options.find((x) => x.key === 'INFILTRATION')!;
      fail(o.line, 'OPTIONS', 'INFILTRATION', `${options.infiltration} infiltration is not supported by this engine yet (HORTON)`);
    }
    const gageIndex = new IdMap();
    this.gages = model.raingages.map((g, k) => {
      gageIndex.set(g.name, k);
      if (g.source !== 'TIMESERIES') fail(g.line, 'RAINGAGES', 'Source', `rain gage source ${g.source} is not supported (TIMESERIES)`);
      const ts = model.timeseries.find((t) => t.name.toUpperCase() === g.sourceArgs[0]?.toUpperCase());
      if (!ts) fail(g.line, 'RAINGAGES', 'Series', `time series '${g.sourceArgs[0] ?? ''}' is not defined in [TIMESERIES]`);
      const interval = parseClock(g.interval);
      if (interval === undefined || !(interval > 0)) fail(g.line, 'RAINGAGES', 'Interval', `expected a positive interval, found '${g.interval}'`);
      let toRate: number;
      if (g.format === 'INTENSITY') toRate = g.snowCatch / units.rainfall;
      else if (g.format === 'VOLUME') toRate = (g.snowCatch * 3600) / interval / units.rainfall;
      else fail(g.line, 'RAINGAGES', 'Format', `rain format ${g.format} is not supported (INTENSITY, VOLUME)`);
      return { series: compileSeries(ts, model.file, options.startMs), interval, toRate };
    });
    this.outNode = new Int32Array(n);
    this.oldRunoff = new Float64Array(n);
    this.newRunoff = new Float64Array(n);
    this.area = new Float64Array(n);
    this.gage = new Int32Array(n);
    this.fArea = new Float64Array(3 * n);
    this.alpha = new Float64Array(3 * n);
    this.dStore = new Float64Array(3 * n);
    this.depth = new Float64Array(3 * n);
    this.inflow = new Float64Array(3 * n);
    this.f0 = new Float64Array(n);
    this.fmin = new Float64Array(n);
    this.decay = new Float64Array(n);
    this.regen = new Float64Array(n);
    this.fMax = new Float64Array(n);
    this.tp = new Float64Array(n);
    this.fe = new Float64Array(n);
    const subIndex = new IdMap();
    let total = 0;
    subs.forEach((s, j) => {
      if (subIndex.has(s.name)) fail(s.line, 'SUBCATCHMENTS', 'Name', `duplicate subcatchment id '${s.name}'`);
      subIndex.set(s.name, j);
      const g = gageIndex.get(s.gage);
      if (g === undefined) fail(s.line, 'SUBCATCHMENTS', 'Rain Gage', `rain gage '${s.gage}' is not defined`);
      const out = nodeIndex.get(s.outlet);
      if (out === undefined) fail(s.line, 'SUBCATCHMENTS', 'Outlet', `outlet '${s.outlet}' is not a node (runoff onto subcatchments is not supported)`);
      if (!(s.area > 0)) fail(s.line, 'SUBCATCHMENTS', 'Area', `must be positive, found ${s.area}`);
      this.gage[j] = g;
      this.outNode[j] = out;
      this.area[j] = s.area / units.landArea;
      total += this.area[j];
    });
    this.totalArea = total;
    const seen = new Uint8Array(n);
    for (const a of model.subareas) {
      const j = subIndex.get(a.subcatchment);
      if (j === undefined) fail(a.line, 'SUBAREAS', 'Subcatchment', `subcatchment '${a.subcatchment}' is not defined`);
      if (a.routeTo !== 'OUTLET' && (a.pctRouted ?? 100) > 0) {
        fail(a.line, 'SUBAREAS', 'RouteTo', `internal routing ${a.routeTo} is not supported by this engine yet (OUTLET)`);
      }
      seen[j] = 1;
      const s = subs[j];
      const imp = s.imperv / 100;
      const zero = a.pctZero / 100;
      this.fArea[3 * j] = imp * zero;
      this.fArea[3 * j + 1] = imp * (1 - zero);
      this.fArea[3 * j + 2] = 1 - imp;
      this.dStore[3 * j + 1] = a.sImperv / units.rainDepth;
      this.dStore[3 * j + 2] = a.sPerv / units.rainDepth;
      const width = s.width / units.length;
      const slope = s.slope / 100;
      const nn = [a.nImperv, a.nImperv, a.nPerv];
      for (let i = 0; i < 3; i++) {
        // sub-catchment validate: both impervious sub-areas use the whole impervious area in α
        const area = (i === 2 ? 1 - imp : imp) * this.area[j];
        this.alpha[3 * j + i] = area > 0 && nn[i] > 0 ? (MCOEFF * width * Math.sqrt(slope)) / area / nn[i] : 0;
      }
    }
    subs.forEach((s, j) => { if (!seen[j]) fail(s.line, 'SUBCATCHMENTS', 'Name', `subcatchment '${s.name}' has no [SUBAREAS] entry`); });
    const infSeen = new Uint8Array(n);
    for (const f of model.infiltration) {
      const j = subIndex.get(f.subcatchment);
      if (j === undefined) fail(f.line, 'INFILTRATION', 'Subcatchment', `subcatchment '${f.subcatchment}' is not defined`);
      const p = f.params;
      if (p.length < 4 || p.some((v) => v < 0) || p[0] < p[1]) fail(f.line, 'INFILTRATION', 'MaxRate', 'Horton parameters must be non-negative with MaxRate ≥ MinRate');
      infSeen[j] = 1;
      this.f0[j] = p[0] / units.rainfall;
      this.fmin[j] = p[1] / units.rainfall;
      this.decay[j] = p[2] / 3600;
      const dry = p[3] === 0 ? 1e-6 : p[3];
      this.regen[j] = -Math.log(1 - 0.98) / dry / 86400;
      this.fMax[j] = (p[4] ?? 0) / units.rainDepth;
    }
    subs.forEach((s, j) => { if (!infSeen[j]) fail(s.line, 'SUBCATCHMENTS', 'Name', `subcatchment '${s.name}' has no [INFILTRATION] entry`); });
    // [EVAPORATION] CONSTANT rate; other sources are not supported.
    let evap = 0;
    let dryOnly = false;
    for (const sec of model.raw) {
      if (!sec.name.toUpperCase().startsWith('EVAP')) continue;
      for (const r of sec.rows) {
        const key = r.tokens[0].toUpperCase();
        if (key === 'CONSTANT') evap = Number(r.tokens[1] ?? 0) / units.evapRate;
        else if (key === 'DRY_ONLY') dryOnly = (r.tokens[1] ?? '').toUpperCase() === 'YES';
        else if (n > 0) fail(r.line, sec.name, 'Data Source', `evaporation source ${key} is not supported (CONSTANT)`);
      }
    }
    this.evapRate = evap;
    this.dryOnly = dryOnly;
  }

  /** Rainfall rate (ft/s) of a gauge at time t (s). */
  private rainAt(g: number, t: number): number {
    const gg = this.gages[g];
    return seriesStepAt(gg.series, t + 1, gg.interval) * gg.toRate;
  }

  /** Time (s) of the next change in any gauge's rainfall after t. */
  private nextRainChange(t: number): number {
    let next = Infinity;
    for (const g of this.gages) {
      const ts = g.series.t;
      for (let i = 0; i < ts.length; i++) {
        if (ts[i] > t + 1 && ts[i] < next) next = ts[i];
        const end = ts[i] + g.interval;
        if (end > t + 1 && end < next && ts[i] <= t + 1) next = end;
        if (ts[i] > next) break;
      }
    }
    return next;
  }

  /** Advance runoff by one runoff step (runoff.c runoff_execute); `duration` caps the end time (s). */
  execute(options: SimOptions, duration: number): void {
    const t = this.newTime;
    let raining = false;
    for (let g = 0; g < this.gages.length; g++) if (this.rainAt(g, t) > 0) raining = true;
    let step = raining || this.isWet ? options.wetStep : options.dryStep;
    const next = this.nextRainChange(t);
    if (next - t > 0 && next - t < step) step = next - t;
    this.oldTime = t;
    this.newTime = Math.min(t + step, duration);
    step = this.newTime - t;
    this.oldRunoff.set(this.newRunoff);
    this.inflow.fill(0);
    let anyRunoff = false;
    for (let j = 0; j < this.count; j++) {
      const rain = this.rainAt(this.gage[j], t);
      const evap = this.dryOnly && rain > 0 ? 0 : this.evapRate;
      let vOut = 0;
      for (let i = 0; i < 3; i++) {
        const k = 3 * j + i;
        const area = this.area[j] * this.fArea[k];
        if (area === 0) continue;
        vOut += this.subareaRunoff(j, k, i === 2, area, rain, evap, step) * area * step;
      }
      this.newRunoff[j] = vOut / step;
      if (vOut > 0) anyRunoff = true;
      this.totals.rain += rain * step * this.area[j];
      this.totals.runoff += vOut;
    }
    this.isWet = anyRunoff;
  }

  /** Runoff rate (ft/s) of one sub-area over a step (subcatch.c getSubareaRunoff). */
  private subareaRunoff(j: number, k: number, pervious: boolean, area: number, precip: number, evap: number, dt: number): number {
    let surfMoisture = this.depth[k] / dt;
    const surfEvap = Math.min(surfMoisture, evap);
    const infil = pervious ? this.horton(j, dt, precip + this.inflow[k], this.depth[k]) : 0;
    this.inflow[k] += precip;
    surfMoisture += this.inflow[k];
    this.totals.evap += surfEvap * area * dt;
    this.totals.infil += infil * area * dt;
    const alpha = this.alpha[k];
    const ds = this.dStore[k];
    let tRunoff = dt;
    if (surfEvap + infil >= surfMoisture) {
      this.depth[k] = 0;
    } else {
      const ix = this.inflow[k] - surfEvap - infil;
      let d = this.depth[k];
      let tx = dt;
      if (d + ix * tx <= ds) d += ix * tx;
      else {
        const dx = ds - d;
        if (dx > 0 && ix > 0) {
          tx -= dx / ix;
          d = ds;
        }
        if (alpha > 0 && tx > 0) d = integrateReservoir(d, ix, alpha, ds, tx);
        else d += ix * Math.max(tx, 0);
      }
      this.depth[k] = Math.max(d, 0);
      tRunoff = tx;
    }
    const xDepth = this.depth[k] - ds;
    if (xDepth <= 1e-10) return 0;
    if (alpha > 0) return alpha * Math.pow(xDepth, MEXP);
    this.depth[k] = ds;
    return xDepth / tRunoff;
  }

  /** Horton infiltration rate (ft/s) over a step (infil.c horton_getInfil, Vol. I Eq. 4-3). */
  private horton(j: number, tstep: number, irate: number, depth: number): number {
    const f0 = this.f0[j];
    const fmin = this.fmin[j];
    const df = f0 - fmin;
    const kd = this.decay[j];
    const kr = this.regen[j];
    const fMax = this.fMax[j];
    let tp = this.tp[j];
    let fp = 0;
    if (df === 0 || kd === 0) return Math.max(0, Math.min(f0, irate + depth / tstep));
    const fa = irate + depth / tstep;
    if (fa > 1e-10) {
      const t1 = tp + tstep;
      const tlim = 16 / kd;
      let Fp: number;
      let F1: number;
      if (tp >= tlim) {
        Fp = fmin * tp + df / kd;
        F1 = Fp + fmin * tstep;
      } else {
        Fp = fmin * tp + (df / kd) * (1 - Math.exp(-kd * tp));
        F1 = fmin * t1 + (df / kd) * (1 - Math.exp(-kd * t1));
      }
      fp = Math.max((F1 - Fp) / tstep, fmin);
      if (fp > fa) fp = fa;
      if (t1 > tlim || fp < fa) tp = t1;
      else {
        // infiltration limited by supply: find the equivalent time on the Horton curve (Newton)
        F1 = Fp + fp * tstep;
        tp += tstep / 2;
        for (let it = 0; it < 20; it++) {
          const ex = Math.exp(-Math.min(60, kd * tp));
          const r = (fmin * tp + (df / kd) * (1 - ex) - F1) / (fmin + df * ex);
          tp -= r;
          if (Math.abs(r) <= 0.001 * tstep) break;
        }
      }
      if (fMax > 0) {
        if (this.fe[j] + fp * tstep > fMax) fp = (fMax - this.fe[j]) / tstep;
        fp = Math.max(fp, 0);
        this.fe[j] += fp * tstep;
      }
    } else if (kr > 0) {
      // recovery of infiltration capacity during dry periods
      const r = Math.exp(-kr * tstep);
      const x = 1 - Math.exp(-kd * tp);
      tp = -Math.log(1 - r * x) / kd;
      if (fMax > 0) this.fe[j] = fmin * tp + (df / kd) * (1 - Math.exp(-kd * tp));
    }
    this.tp[j] = tp;
    return fp;
  }

  /** Volume ponded on all sub-areas (ft³). */
  storedVolume(): number {
    let v = 0;
    for (let j = 0; j < this.count; j++) {
      for (let i = 0; i < 3; i++) v += this.depth[3 * j + i] * this.fArea[3 * j + i] * this.area[j];
    }
    return v;
  }

  /** Runoff of subcatchment j interpolated at time t within the current runoff step (cfs). */
  runoffAt(j: number, t: number): number {
    let f = (t - this.oldTime) / (this.newTime - this.oldTime);
    if (!(f >= 0)) f = 0;
    if (f > 1) f = 1;
    return (1 - f) * this.oldRunoff[j] + f * this.newRunoff[j];
  }
}

/** dd/dt = ix − α·(d − ds)^(5/3) over tx seconds, adaptive Runge–Kutta–Fehlberg 4(5) with tolerance ODETOL. */
function integrateReservoir(d0: number, ix: number, alpha: number, ds: number, tx: number): number {
  const f = (d: number): number => ix - (d > ds ? alpha * Math.pow(d - ds, MEXP) : 0);
  let d = d0;
  let t = 0;
  let h = tx;
  for (let guard = 0; guard < 10000 && t < tx; guard++) {
    if (t + h > tx) h = tx - t;
    const k1 = h * f(d);
    const k2 = h * f(d + k1 / 4);
    const k3 = h * f(d + (3 * k1) / 32 + (9 * k2) / 32);
    const k4 = h * f(d + (1932 * k1) / 2197 - (7200 * k2) / 2197 + (7296 * k3) / 2197);
    const k5 = h * f(d + (439 * k1) / 216 - 8 * k2 + (3680 * k3) / 513 - (845 * k4) / 4104);
    const k6 = h * f(d - (8 * k1) / 27 + 2 * k2 - (3544 * k3) / 2565 + (1859 * k4) / 4104 - (11 * k5) / 40);
    const d4 = d + (25 * k1) / 216 + (1408 * k3) / 2565 + (2197 * k4) / 4104 - k5 / 5;
    const d5 = d + (16 * k1) / 135 + (6656 * k3) / 12825 + (28561 * k4) / 56430 - (9 * k5) / 50 + (2 * k6) / 55;
    const errAbs = Math.abs(d5 - d4);
    const scale = Math.abs(d) + Math.abs(k1) + 1e-30;
    if (errAbs <= ODETOL * scale || h < 1e-6) {
      t += h;
      d = d5;
    }
    const ratio = errAbs > 0 ? 0.9 * Math.pow((ODETOL * scale) / errAbs, 0.2) : 4;
    h *= Math.min(4, Math.max(0.1, ratio));
  }
  return d;
}
