/**
 * Design storms: the storm intensity formula of GB 50014 (室外排水设计标准)
 *   q = 167 A1 (1 + C lg P) / (t + b)^n     [L/(s·ha)], t in min, P in years,
 * and the Chicago hyetograph (Keifer & Chu 1957, J. Hydraul. Div. 83(4):1332) built from it.
 * Pure functions; presets are data (storm-presets.json) naming their source.
 */
import presetFile from './storm-presets.json' with { type: 'json' };
import { FloodInputError } from '../raster.ts';

/** q = A (1 + C lg P) / (t + b)^n in L/(s·ha); A = 167·A1. */
export interface StormFormula {
  A: number;
  C: number;
  b: number;
  n: number;
  source?: string;
}

export interface ChicagoOptions {
  /** Return period P (years). */
  returnPeriod: number;
  /** Storm duration (s). */
  duration: number;
  /** Peak position r as a fraction of the duration (0..1), commonly 0.35–0.5. */
  peak: number;
  /** Block length of the hyetograph (s); the duration must be a multiple of it. */
  step: number;
}

export const CHICAGO_DEFAULTS: Omit<ChicagoOptions, 'returnPeriod' | 'duration'> = { peak: 0.4, step: 300 };

/** 1 L/(s·ha) = 1e-3 m³ / (s · 1e4 m²) = 1e-7 m/s = 0.36 mm/h; 167 L/(s·ha) ≈ 1 mm/min. */
export const LPS_PER_HA_TO_M_PER_S = 1e-7;

export const STORM_PRESETS: Record<string, StormFormula & { city: string; zone?: string; source: string }> = presetFile.presets;

export function stormPreset(name: string): StormFormula {
  const p = STORM_PRESETS[name];
  if (!p) throw new FloodInputError('rain.preset', `unknown storm formula '${name}'; known: ${Object.keys(STORM_PRESETS).join(', ')}`);
  return p;
}

/** Average intensity (m/s) over a duration of t seconds for return period P (the IDF curve). */
export function stormIntensity(f: StormFormula, returnPeriod: number, durationS: number): number {
  const a = f.A * (1 + f.C * Math.log10(returnPeriod));
  return (a / Math.pow(durationS / 60 + f.b, f.n)) * LPS_PER_HA_TO_M_PER_S;
}

/**
 * Cumulative depth (m) of the Chicago storm between the peak and `tau` seconds before or after it.
 * The Chicago hyetograph is built so that the window of any length D around the peak, split r : (1 − r),
 * holds the IDF depth i(D)·D. Hence the depth from the peak to τ before it is r·i(τ/r)·τ/r and after it
 * (1 − r)·i(τ/(1 − r))·τ/(1 − r); the intensities of Keifer & Chu are the derivatives of these.
 */
function chicagoCumulative(f: StormFormula, P: number, r: number, tau: number, before: boolean): number {
  const share = before ? r : 1 - r;
  if (tau <= 0 || share <= 0) return 0;
  const window = tau / share;
  return share * stormIntensity(f, P, window) * window;
}

/**
 * Chicago hyetograph as blocks of `step` seconds: start times (s) and mean intensities (m/s) of each block.
 * Block depths are exact differences of the cumulative curve, so the total equals i(duration)·duration.
 */
export function chicagoHyetograph(f: StormFormula, options: ChicagoOptions): { t: number[]; intensity: number[] } {
  const { returnPeriod: P, duration: T, peak: r, step } = { ...CHICAGO_DEFAULTS, ...options };
  if (!(P > 0)) throw new FloodInputError('rain.returnPeriod', `expected a positive return period (years), found ${P}`);
  if (!(T > 0)) throw new FloodInputError('rain.duration', `expected a positive duration (s), found ${T}`);
  if (!(r >= 0 && r <= 1)) throw new FloodInputError('rain.peak', `expected a peak position in [0, 1], found ${r}`);
  if (!(step > 0) || Math.abs(T / step - Math.round(T / step)) > 1e-9) {
    throw new FloodInputError('rain.step', `expected a block length that divides the duration ${T} s, found ${step}`);
  }
  const tp = r * T;
  const cum = (t: number): number =>
    t <= tp ? -chicagoCumulative(f, P, r, tp - t, true) : chicagoCumulative(f, P, r, t - tp, false);
  const blocks = Math.round(T / step);
  const t: number[] = [], intensity: number[] = [];
  for (let k = 0; k < blocks; k++) {
    t.push(k * step);
    intensity.push((cum((k + 1) * step) - cum(k * step)) / step);
  }
  return { t, intensity };
}
