/**
 * Design storms from the Chongqing (Shapingba) storm intensity formula, 2014 revision:
 *   q = 1132 · (1 + 0.958 · lg P) / (t + 5.408)^0.595   [L/(s·ha)], t in minutes, P return period in years,
 * and the Chicago hyetograph (Keifer & Chu 1957) built on it, integrated exactly over each time step.
 */
export const CHONGQING_STORM_FORMULA = {
  name: 'Chongqing (Shapingba) storm intensity formula, 2014',
  a: 1132,
  c: 0.958,
  b: 5.408,
  n: 0.595,
  text: 'q = 1132·(1 + 0.958·lg P)/(t + 5.408)^0.595 L/(s·ha)',
} as const;

/** Litres per second per hectare → millimetres per minute (1 L/(s·ha) = 0.006 mm/min). */
const LSHA_TO_MM_PER_MIN = 0.006;

/** Average intensity over a storm of `t` minutes with return period `P` years, L/(s·ha). */
export function stormIntensity(P: number, t: number): number {
  const f = CHONGQING_STORM_FORMULA;
  return (f.a * (1 + f.c * Math.log10(P))) / (t + f.b) ** f.n;
}

export interface ChicagoStormOptions {
  returnPeriod: number;
  /** Storm duration, minutes. */
  duration: number;
  /** Peak position as a fraction of the duration. */
  peakRatio: number;
  /** Time step of the hyetograph, minutes. */
  step: number;
}

export const CHICAGO_STORM_DEFAULTS: ChicagoStormOptions = { returnPeriod: 50, duration: 120, peakRatio: 0.4, step: 5 };

export interface Hyetograph {
  options: ChicagoStormOptions;
  /** Mean intensity in each step, mm/h (step k covers [k·step, (k+1)·step) minutes). */
  intensity: number[];
  /** Total depth, mm. */
  depth: number;
  peakIntensity: number;
}

/**
 * Chicago hyetograph: the depth falling within a window of length τ around the peak equals the formula's
 * depth for duration τ, H(τ) = i(τ)·τ; split before/after the peak in the ratio r : 1 − r.
 */
export function chicagoStorm(options: Partial<ChicagoStormOptions> = {}): Hyetograph {
  const o = { ...CHICAGO_STORM_DEFAULTS, ...options };
  const H = (tau: number) => (tau <= 0 ? 0 : stormIntensity(o.returnPeriod, tau) * LSHA_TO_MM_PER_MIN * tau);
  const r = o.peakRatio;
  const tp = r * o.duration;
  const cumulative = (t: number) => (t <= tp ? r * H(o.duration) - r * H((tp - t) / r) : r * H(o.duration) + (1 - r) * H((t - tp) / (1 - r)));
  const intensity: number[] = [];
  for (let t = 0; t < o.duration - 1e-9; t += o.step) {
    const t1 = Math.min(o.duration, t + o.step);
    intensity.push(((cumulative(t1) - cumulative(t)) / (t1 - t)) * 60);
  }
  return { options: o, intensity, depth: cumulative(o.duration), peakIntensity: Math.max(...intensity) };
}
