/**
 * Conduit cross-section geometry in SWMM's internal units (ft, ft², cfs):
 * area A(y), top width W(y), hydraulic radius R(y), section factor S = A·R^(2/3), depth from area,
 * normal depth from S and critical depth. SWMM 5 Reference Manual Vol. II (Hydraulics), §3.2 and Appendix A.
 * Circular sections use 51-point tables of A/Afull, R/Rfull, W/Wmax (against y/yFull) and y/yFull, S/Sfull
 * (against A/Afull) interpolated linearly with a quadratic correction in the first two intervals, as SWMM does;
 * the tables are generated here from the exact circle geometry.
 */

export const enum Shape {
  Circular = 0,
  RectClosed = 1,
  RectOpen = 2,
  Trapezoidal = 3,
  Triangular = 4,
  /** natural channel from a [TRANSECTS] entry: tabulated like the circle, with its own tables */
  Irregular = 5,
}

/** Shapes this engine can route, by SWMM keyword. FORCE_MAIN uses circular geometry (Manning friction). */
export const SHAPE_CODES: Record<string, Shape> = {
  CIRCULAR: Shape.Circular,
  FORCE_MAIN: Shape.Circular,
  RECT_CLOSED: Shape.RectClosed,
  RECT_OPEN: Shape.RectOpen,
  TRAPEZOIDAL: Shape.Trapezoidal,
  TRIANGULAR: Shape.Triangular,
};

const N = 51;
const DELTA = 1 / (N - 1);

/** θ (rad) subtended by the water surface in a circle with relative area α = A/Afull. */
function thetaOfAlpha(alpha: number): number {
  if (alpha <= 0) return 0;
  if (alpha >= 1) return 2 * Math.PI;
  let theta = 2 * Math.PI * alpha > 0.1 ? Math.PI : Math.cbrt(12 * Math.PI * alpha);
  for (let k = 0; k < 60; k++) {
    const f = theta - Math.sin(theta) - 2 * Math.PI * alpha;
    const df = 1 - Math.cos(theta);
    if (df < 1e-12) break;
    const d = f / df;
    theta -= d;
    if (theta < 0) theta = 1e-9;
    if (Math.abs(d) < 1e-12) break;
  }
  return theta;
}

function makeTable(f: (x: number) => number): Float64Array {
  const t = new Float64Array(N);
  for (let i = 0; i < N; i++) t[i] = f(i * DELTA);
  return t;
}

const A_CIRC = makeTable((yn) => {
  const th = 2 * Math.acos(1 - 2 * yn);
  return (th - Math.sin(th)) / (2 * Math.PI);
});
const R_CIRC = makeTable((yn) => {
  if (yn <= 0) return 0;
  const th = 2 * Math.acos(1 - 2 * yn);
  return (th - Math.sin(th)) / th;
});
const W_CIRC = makeTable((yn) => 2 * Math.sqrt(Math.max(0, yn * (1 - yn))));
const Y_CIRC = makeTable((alpha) => (1 - Math.cos(thetaOfAlpha(alpha) / 2)) / 2);
const S_CIRC = makeTable((alpha) => sCircExact(alpha));

/** S/Sfull of a circle on a fine α grid over [0, 0.05], to invert S for shallow flows without iterating. */
const SMALL_N = 2001;
const SMALL_ALPHA_MAX = 0.05;
const S_SMALL = new Float64Array(SMALL_N);
for (let i = 1; i < SMALL_N; i++) S_SMALL[i] = sCircExact((i / (SMALL_N - 1)) * SMALL_ALPHA_MAX);

const Y_SMALL = new Float64Array(SMALL_N);
for (let i = 1; i < SMALL_N; i++) Y_SMALL[i] = (1 - Math.cos(thetaOfAlpha((i / (SMALL_N - 1)) * SMALL_ALPHA_MAX) / 2)) / 2;

/** α of a circle whose S/Sfull is psi (psi within the fine grid). */
function alphaOfSmallS(psi: number): number {
  const i = locate(psi, S_SMALL, SMALL_N - 1);
  if (i >= SMALL_N - 1) return SMALL_ALPHA_MAX;
  const f = (psi - S_SMALL[i]) / (S_SMALL[i + 1] - S_SMALL[i]);
  return ((i + f) / (SMALL_N - 1)) * SMALL_ALPHA_MAX;
}

/** S/Sfull of a circle at relative area α. */
function sCircExact(alpha: number): number {
  if (alpha <= 0) return 0;
  const th = thetaOfAlpha(alpha);
  return alpha * Math.pow((th - Math.sin(th)) / th, 2 / 3);
}

/** Critical flow of a unit-diameter circle with g = 1 at depths i/25 (i = 0..25): Q = A·sqrt(A/W). */
const QC_CIRC = new Float64Array(26);
for (let i = 1; i <= 25; i++) {
  const a = (Math.PI / 4) * A_CIRC[2 * i];
  const w = W_CIRC[2 * i];
  QC_CIRC[i] = w > 0 ? a * Math.sqrt(a / w) : 0;
}

/** Table lookup at x ∈ [0,1] (SWMM xsect.c `lookup`: linear, quadratic in the first two intervals). */
function lookup(x: number, t: Float64Array): number {
  if (x >= 1) return t[N - 1];
  const u = x * (N - 1);
  const i = u | 0;
  const f = u - i;
  let y = t[i] + f * (t[i + 1] - t[i]);
  if (i < 2) {
    const y2 = y + f * (f - 1) * (t[i] / 2 - t[i + 1] + t[i + 2] / 2);
    if (y2 > 0) y = y2;
  }
  return y < 0 ? 0 : y;
}

/** Inverse lookup of a table increasing up to a possible hump near its end (S_CIRC peaks at ~0.96). */
function invLookup(y: number, t: Float64Array): number {
  let n = N;
  if (t[n - 3] > t[n - 1]) n = n - 2;
  let i: number;
  if (n < N && y > t[N - 1]) {
    if (y >= t[N - 3]) return (n - 1) * DELTA;
    i = y <= t[N - 2] ? N - 2 : N - 3;
  } else {
    i = locate(y, t, n - 1);
  }
  if (i >= n - 1) return (n - 1) * DELTA;
  const dy = t[i + 1] - t[i];
  let x = i * DELTA + (dy === 0 ? 0 : ((y - t[i]) * DELTA) / dy);
  if (x < 0) x = 0;
  if (x > 1) x = 1;
  return x;
}

function locate(y: number, t: Float64Array, jLast: number): number {
  if (y <= t[0]) return 0;
  if (y >= t[jLast]) return jLast;
  let j1 = 0;
  let j2 = jLast;
  while (j2 - j1 > 1) {
    const j = (j1 + j2) >> 1;
    if (y >= t[j]) j1 = j;
    else j2 = j;
  }
  return j1;
}

/**
 * One cross-section: dimensions in ft and the geometry functions of depth, area and section factor.
 * Methods (not free functions) so the solver's hot loop calls stay monomorphic and module-local.
 */
export class Xsect {
  /** full depth (ft) */
  yFull = 0;
  /** max top width (ft) */
  wMax = 0;
  /** full area (ft²) */
  aFull = 0;
  /** full hydraulic radius (ft) */
  rFull = 0;
  /** full section factor A·R^(2/3) (ft^(8/3)) */
  sFull = 0;
  /** max section factor (circular: 1.08·sFull at ~94 % depth) */
  sMax = 0;
  /** largest flow area before the section closes (ft²): where a kinematic-wave search stops */
  aMax = 0;
  /** trapezoid: bottom width (ft) */
  yBot = 0;
  /** trapezoid/triangle: mean side slope (run/rise) */
  sBot = 0;
  /** trapezoid/triangle: wetted perimeter per unit depth of the two sides */
  rBot = 0;
  /** top width at 96 % of full depth (ft): closed sections' surface width above that (EXTRAN crown cutoff) */
  wCrown = 0;
  /** open channel (no surcharge, no crown cutoff) */
  readonly isOpen: boolean;

  constructor(readonly shape: Shape) {
    this.isOpen = shape === Shape.RectOpen || shape === Shape.Trapezoidal || shape === Shape.Triangular || shape === Shape.Irregular;
  }

  /** Irregular sections: A/Afull, R/Rfull, W/Wmax at 51 relative depths (transect.ts). */
  areaTbl = A_CIRC;
  hradTbl = R_CIRC;
  widthTbl = W_CIRC;

  /**
   * Area (ft²), hydraulic radius (ft) and top width (ft) at depth y into g[o], g[o+1], g[o+2]; at or above
   * full depth the full area and radius. Circular sections share one table position for all three.
   */
  geometryAt(y: number, g: Float64Array, o: number): void {
    if (this.shape !== Shape.Circular) {
      const yy = y < this.yFull ? y : this.yFull;
      g[o] = y >= this.yFull ? this.aFull : this.areaOfDepth(yy);
      g[o + 1] = y >= this.yFull ? this.rFull : this.radiusOfDepth(yy);
      g[o + 2] = this.widthOfDepth(yy);
      return;
    }
    const x = y / this.yFull;
    if (x >= 1) {
      g[o] = this.aFull;
      g[o + 1] = this.rFull;
      g[o + 2] = this.wMax * W_CIRC[N - 1];
      return;
    }
    if (x <= 0) {
      g[o] = 0;
      g[o + 1] = 0;
      g[o + 2] = 0;
      return;
    }
    const u = x * (N - 1);
    const i = u | 0;
    const f = u - i;
    let a = A_CIRC[i] + f * (A_CIRC[i + 1] - A_CIRC[i]);
    let r = R_CIRC[i] + f * (R_CIRC[i + 1] - R_CIRC[i]);
    let w = W_CIRC[i] + f * (W_CIRC[i + 1] - W_CIRC[i]);
    if (i < 2) {
      // quadratic correction near the invert, as `lookup`
      const c = f * (f - 1);
      const a2 = a + c * (A_CIRC[i] / 2 - A_CIRC[i + 1] + A_CIRC[i + 2] / 2);
      const r2 = r + c * (R_CIRC[i] / 2 - R_CIRC[i + 1] + R_CIRC[i + 2] / 2);
      const w2 = w + c * (W_CIRC[i] / 2 - W_CIRC[i + 1] + W_CIRC[i + 2] / 2);
      if (a2 > 0) a = a2;
      if (r2 > 0) r = r2;
      if (w2 > 0) w = w2;
    }
    g[o] = this.aFull * (a < 0 ? 0 : a);
    g[o + 1] = this.rFull * (r < 0 ? 0 : r);
    g[o + 2] = this.wMax * (w < 0 ? 0 : w);
  }

  /** Flow area (ft²) at depth y (ft), y ≤ yFull. */
  areaOfDepth(y: number): number {
    if (y <= 0) return 0;
    switch (this.shape) {
      case Shape.Circular: return this.aFull * lookup(y / this.yFull, A_CIRC);
      case Shape.RectClosed:
      case Shape.RectOpen: return y * this.wMax;
      case Shape.Trapezoidal: return (this.yBot + this.sBot * y) * y;
      case Shape.Triangular: return this.sBot * y * y;
      case Shape.Irregular: return this.aFull * lookup(y / this.yFull, this.areaTbl);
    }
  }

  /** Top width (ft) at depth y (ft). */
  widthOfDepth(y: number): number {
    switch (this.shape) {
      case Shape.Circular: return this.wMax * lookup(y / this.yFull, W_CIRC);
      case Shape.RectClosed: return y / this.yFull === 1 ? 0 : this.wMax;
      case Shape.RectOpen: return this.wMax;
      case Shape.Trapezoidal: return this.yBot + 2 * y * this.sBot;
      case Shape.Triangular: return 2 * this.sBot * y;
      case Shape.Irregular: return this.wMax * lookup(y / this.yFull, this.widthTbl);
    }
  }

  /** Hydraulic radius (ft) at depth y (ft). */
  radiusOfDepth(y: number): number {
    if (y <= 0) return 0;
    switch (this.shape) {
      case Shape.Circular: return this.rFull * lookup(y / this.yFull, R_CIRC);
      case Shape.RectClosed:
      case Shape.RectOpen: return this.radiusOfArea(y * this.wMax);
      case Shape.Trapezoidal: return this.areaOfDepth(y) / (this.yBot + y * this.rBot);
      case Shape.Triangular: return this.areaOfDepth(y) / (y * this.rBot);
      case Shape.Irregular: return this.rFull * lookup(y / this.yFull, this.hradTbl);
    }
  }

  /** Hydraulic radius (ft) from area (ft²). A closed rectangle adds its roof to the perimeter above 97 % full. */
  radiusOfArea(a: number): number {
    if (a <= 0) return 0;
    switch (this.shape) {
      case Shape.RectClosed: {
        let p = this.wMax + (2 * a) / this.wMax;
        const alpha = a / this.aFull;
        if (alpha > 0.97) p += ((alpha - 0.97) / 0.03) * this.wMax;
        return a / p;
      }
      case Shape.RectOpen: return a / (this.wMax + (2 * a) / this.wMax);
      default: return this.radiusOfDepth(this.depthOfArea(a));
    }
  }

  /** Depth (ft) from area (ft²). */
  depthOfArea(a: number): number {
    if (a <= 0) return 0;
    switch (this.shape) {
      case Shape.Circular: {
        const alpha = a / this.aFull;
        if (alpha < 0.04) {
          const u = (alpha / SMALL_ALPHA_MAX) * (SMALL_N - 1);
          const i = Math.floor(u);
          return this.yFull * (Y_SMALL[i] + (u - i) * (Y_SMALL[i + 1] - Y_SMALL[i]));
        }
        return this.yFull * lookup(alpha, Y_CIRC);
      }
      case Shape.RectClosed:
      case Shape.RectOpen: return a / this.wMax;
      case Shape.Trapezoidal:
        if (this.sBot === 0) return a / this.yBot;
        return (Math.sqrt(this.yBot * this.yBot + 4 * this.sBot * a) - this.yBot) / (2 * this.sBot);
      case Shape.Triangular: return Math.sqrt(a / this.sBot);
      case Shape.Irregular: return this.yFull * invLookup(a / this.aFull, this.areaTbl);
    }
  }

  /** Section factor A·R^(2/3) from area. */
  sectionFactorOfArea(a: number): number {
    if (a <= 0) return 0;
    if (this.shape === Shape.Circular) {
      const alpha = a / this.aFull;
      return this.sFull * (alpha < 0.04 ? sCircExact(alpha) : lookup(alpha, S_CIRC));
    }
    return a * Math.pow(this.radiusOfArea(a), 2 / 3);
  }

  /** Area (ft²) whose section factor is s (normal flow: s = Q/β). */
  areaOfSectionFactor(s: number): number {
    if (s <= 0) return 0;
    if (s > this.sMax) s = this.sMax;
    if (this.shape === Shape.Circular) {
      const psi = s / this.sFull;
      if (psi >= 1) return this.aFull;
      if (psi <= 0.015) return this.aFull * alphaOfSmallS(psi);
      return this.aFull * invLookup(psi, S_CIRC);
    }
    let lo = 0;
    let hi = this.aMax;
    if (this.sectionFactorOfArea(hi) <= s) return hi;
    for (let k = 0; k < 60 && hi - lo > 1e-9 * (1 + hi); k++) {
      const mid = 0.5 * (lo + hi);
      if (this.sectionFactorOfArea(mid) < s) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  }

  /** Critical flow (cfs) at depth y: Q = A·sqrt(g·A/W). */
  private criticalFlow(y: number, g: number): number {
    const a = this.areaOfDepth(y);
    const w = this.widthOfDepth(y);
    return w > 0 ? a * Math.sqrt((g * a) / w) : 0;
  }

  /** Critical depth (ft) for flow q (cfs); gravity g in ft/s² (xsect.c xsect_getYcrit). */
  criticalDepth(q: number, g: number): number {
    const q2g = (q * q) / g;
    if (q2g === 0) return 0;
    let y: number;
    switch (this.shape) {
      case Shape.RectClosed:
      case Shape.RectOpen:
        y = Math.cbrt(q2g / (this.wMax * this.wMax));
        break;
      case Shape.Triangular:
        y = Math.pow((2 * q2g) / (this.sBot * this.sBot), 0.2);
        break;
      case Shape.Circular: {
        // enumeration over 25 depth increments with linear interpolation (xsect.c getYcritEnum)
        let y0 = 1.01 * Math.pow(q2g / this.yFull, 0.25);
        if (y0 >= this.yFull) y0 = 0.97 * this.yFull;
        const dy = this.yFull / 25;
        const i1 = Math.floor(y0 / dy);
        // critical flows at the 25 grid depths scale as sqrt(g)·D^2.5 of a unit circle's
        const scale = Math.sqrt(g) * this.yFull * this.yFull * Math.sqrt(this.yFull);
        let q0 = QC_CIRC[i1] * scale;
        if (q0 < q) {
          y = this.yFull;
          for (let i = i1 + 1; i <= 25; i++) {
            const qc = QC_CIRC[i] * scale;
            if (qc >= q) {
              y = ((q - q0) / (qc - q0) + (i - 1)) * dy;
              break;
            }
            q0 = qc;
          }
        } else {
          y = 0;
          for (let i = i1 - 1; i >= 0; i--) {
            const qc = QC_CIRC[i] * scale;
            if (qc < q) {
              y = ((q - qc) / (q0 - qc) + i) * dy;
              break;
            }
            q0 = qc;
          }
        }
        break;
      }
      default: {
        let lo = 0;
        let hi = this.yFull;
        if (this.criticalFlow(hi, g) <= q) return hi;
        for (let k = 0; k < 60 && hi - lo > 1e-9 * (1 + hi); k++) {
          const mid = 0.5 * (lo + hi);
          if (this.criticalFlow(mid, g) < q) lo = mid;
          else hi = mid;
        }
        y = 0.5 * (lo + hi);
      }
    }
    return Math.min(y, this.yFull);
  }
}

/** An irregular section from transect tables (dimensions in ft). */
export function makeIrregularXsect(t: {
  yFull: number; wMax: number; aFull: number; rFull: number; sMax: number; aMax: number;
  areaTbl: Float64Array; hradTbl: Float64Array; widthTbl: Float64Array;
}): Xsect {
  const x = new Xsect(Shape.Irregular);
  x.yFull = t.yFull;
  x.wMax = t.wMax;
  x.aFull = t.aFull;
  x.rFull = t.rFull;
  x.sFull = t.aFull * Math.pow(t.rFull, 2 / 3);
  x.sMax = t.sMax;
  x.aMax = t.aMax;
  x.areaTbl = t.areaTbl;
  x.hradTbl = t.hradTbl;
  x.widthTbl = t.widthTbl;
  x.wCrown = x.widthOfDepth(0.96 * x.yFull);
  return x;
}

/** Build a section from SWMM [XSECTIONS] Geom1..Geom4 already converted to ft. Returns undefined if invalid. */
export function makeXsect(shape: Shape, g: number[]): Xsect | undefined {
  const x = dimensions(shape, g);
  if (x) x.wCrown = x.widthOfDepth(0.96 * x.yFull);
  return x;
}

function dimensions(shape: Shape, g: number[]): Xsect | undefined {
  if (!(g[0] > 0)) return undefined;
  const x = new Xsect(shape);
  x.yFull = g[0];
  switch (shape) {
    case Shape.Circular:
      x.wMax = g[0];
      x.aFull = (Math.PI / 4) * g[0] * g[0];
      x.rFull = 0.25 * g[0];
      x.sFull = x.aFull * Math.pow(x.rFull, 2 / 3);
      x.sMax = 1.08 * x.sFull;
      x.aMax = 0.9756 * x.aFull;
      return x;
    case Shape.RectClosed:
    case Shape.RectOpen:
      if (!(g[1] > 0)) return undefined;
      x.wMax = g[1];
      x.aFull = g[0] * g[1];
      x.rFull = shape === Shape.RectClosed ? x.aFull / (2 * (g[0] + g[1])) : x.aFull / (g[1] + 2 * g[0]);
      x.sFull = x.aFull * Math.pow(x.rFull, 2 / 3);
      x.sMax = shape === Shape.RectClosed ? x.sectionFactorOfArea(0.97 * x.aFull) : x.sFull;
      x.aMax = shape === Shape.RectClosed ? 0.97 * x.aFull : x.aFull;
      return x;
    case Shape.Trapezoidal:
      if (g[1] < 0 || g[2] < 0 || g[3] < 0) return undefined;
      x.yBot = g[1];
      x.sBot = (g[2] + g[3]) / 2;
      x.rBot = Math.sqrt(1 + g[2] * g[2]) + Math.sqrt(1 + g[3] * g[3]);
      x.aFull = (x.yBot + x.sBot * g[0]) * g[0];
      x.rFull = x.aFull / (x.yBot + g[0] * x.rBot);
      x.wMax = x.yBot + 2 * g[0] * x.sBot;
      x.sFull = x.aFull * Math.pow(x.rFull, 2 / 3);
      x.sMax = x.sFull;
      x.aMax = x.aFull;
      return x.aFull > 0 ? x : undefined;
    case Shape.Triangular:
      if (!(g[1] > 0)) return undefined;
      x.wMax = g[1];
      x.sBot = (0.5 * g[1]) / g[0];
      x.rBot = 2 * Math.sqrt(1 + x.sBot * x.sBot);
      x.aFull = x.sBot * g[0] * g[0];
      x.rFull = x.aFull / (g[0] * x.rBot);
      x.sFull = x.aFull * Math.pow(x.rFull, 2 / 3);
      x.sMax = x.sFull;
      x.aMax = x.aFull;
      return x;
  }
}
