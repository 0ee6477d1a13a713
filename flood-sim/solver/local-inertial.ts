/**
 * The local inertial approximation of the 2D shallow-water equations on a regular grid.
 *
 *   Bates, Horritt & Fewtrell (2010) A simple inertial formulation of the shallow water equations
 *   for efficient two-dimensional flood inundation modelling. J. Hydrol. 387:33–45.
 *   de Almeida, Bates, Freer & Souvignet (2012) Improving the stability of a simple formulation of the
 *   shallow water equations for 2-D flood modeling. Water Resour. Res. 48, W05528.
 *
 * One time step is two passes over a strip of rows, separated by a barrier:
 *   updateFluxes  — face discharges (de Almeida 2012 eq. 14 = Bates 2010 eq. 11 with θ weighting)
 *                   and the outflow limiter that keeps depths non-negative;
 *   updateDepths  — continuity (Bates 2010 eq. 1/13), rain, losses, sources, maxima;
 * then computeTimeStep (Bates 2010 eq. 12) on the global maximum depth.
 *
 * Everything here is pure: flat typed arrays in, flat typed arrays out; no allocation per step.
 */
import { BLOCK_WIDTH, BUDGET, BUDGET_FIELDS, BoundaryCode, CTRL, DIAG, SLOT, type FloodArrays } from './state.ts';

export interface SolverParams {
  nx: number;
  ny: number;
  /** Cell size (m), square cells. */
  dx: number;
  /** Gravity (m/s²). */
  g: number;
  /** de Almeida (2012) θ: 1 = Bates (2010) scheme, 0.7–0.9 adds the diffusion that damps checkerboarding. */
  theta: number;
  /** Depth (m) below which a face carries no flow (wet/dry threshold). */
  hMin: number;
  /** Courant number α of Bates 2010 eq. 12. */
  cfl: number;
  /** Largest time step (s), used on dry or very shallow grids. */
  dtMax: number;
  /** Depth (m) below which cell velocities are reported as zero (thin films carry no meaningful speed). */
  hVelocity: number;
  /** Depth (m) above which a cell counts as wet for the time of first wetting. */
  wetThreshold: number;
  /** Depth (m) of the ponding limit whose duration is reported (0.15 m for roads, GB 50014). */
  pondingDepth: number;
  /** A depth (m) that no physical run reaches: exceeding it (or NaN) stops the run as unstable. */
  hLimit: number;
  /** A speed (m/s) that no physical overland flow reaches: exceeding it stops the run as unstable. */
  uLimit: number;
  /** Largest depth (m) a stage boundary can put on its cells; enters the time step from the start. */
  hBoundary: number;
  /**
   * 1 adds the convective acceleration along each face's direction, in the momentum-conservative
   * upwind form of Stelling & Duinmeijer (2003, Int. J. Numer. Meth. Fluids 43:1329) — needed for
   * supercritical fronts (dam breaks); 0 is the plain local inertial scheme of Bates (2010).
   */
  advection: number;
  /** Depth (m) below which face velocities count as zero in the advection term and the time step. */
  hAdvection: number;
  /** Debris factor DF of the hazard rating for depths above debrisDepth (FD2320/TR2: urban 1). */
  debrisFactor: number;
  debrisDepth: number;
}

/** Time-dependent forcing of one step, computed identically by every worker. */
export interface StepForcing {
  /** Time at the start of the step (s). */
  t: number;
  dt: number;
  /** Uniform rain intensity (m/s), multiplied by rainFactor per cell. Ignored when gauge rates are present. */
  rain: number;
  /** Rain intensity (m/s) of each gauge; cells take their inverse-distance weights of these. */
  gaugeRates: Float64Array;
  /** Horton infiltration capacity (m/s) at this time, 0 when runoff coefficients are used. */
  infiltration: number;
  /** Current value of each time series (stage in m, inflow in m³/s). */
  series: Float64Array;
}

/** Point and line inflows, resolved to cells: cell index, series index, share of the series' discharge. */
export interface CellSources {
  cell: Int32Array;
  series: Int32Array;
  share: Float64Array;
}

/**
 * Bates 2010 eq. 12: Δt = α Δx / √(g h_max), capped at dtMax; with advection the largest
 * cell speed is added to the wave celerity (Δt = α Δx / (√(g h_max) + |u|_max)).
 */
export function computeTimeStep(p: SolverParams, hMaxGlobal: number, uMaxGlobal: number): number {
  const h = Math.max(hMaxGlobal, p.hBoundary);
  if (!(h > p.hMin)) return p.dtMax;
  return Math.min(p.dtMax, (p.cfl * p.dx) / (Math.sqrt(p.g * h) + p.advection * uMaxGlobal));
}

/**
 * Flux of a boundary face, positive outward (m²/s). `q0` is the previous outward flux.
 * Free outflow: normal depth, q = h^(5/3) √S / n (Manning), at most critical flow h√(gh).
 * Stage: the interior face formula with a ghost cell whose water level is the stage.
 */
function boundaryFlux(a: FloodArrays, p: SolverParams, f: StepForcing, face: number, c: number, q0: number): number {
  const type = a.bcType[face];
  if (type === BoundaryCode.closed || a.open[c] === 0) return 0;
  const h = a.h[c];
  if (type === BoundaryCode.free) {
    if (h <= p.hMin) return 0;
    // Normal depth, but never more than critical flow: water cannot leave faster than the wave it makes.
    const n = a.manning[c];
    const critical = h * Math.sqrt(p.g * h);
    const normal = n > 0 ? (Math.pow(h, 5 / 3) * Math.sqrt(a.bcValue[face])) / n : critical;
    return normal < critical ? normal : critical;
  }
  const zc = a.z[c];
  const etaC = zc + h;
  const etaG = f.series[a.bcValue[face]];
  const hf = Math.max(etaC, etaG) - zc;
  if (hf <= p.hMin) return 0;
  const n = a.manning[c];
  const num = q0 - p.g * hf * f.dt * (etaG - etaC) / p.dx;
  return num / (1 + (p.g * f.dt * n * n * Math.abs(q0)) / (hf * hf * fastCbrt(hf)));
}

const CBRT_F32 = new Float32Array(1);
const CBRT_U32 = new Uint32Array(CBRT_F32.buffer);

/**
 * x^(1/3) for x > 0 to ~1e-12 relative: an exponent-halving bit estimate (~3 %) refined by two Halley
 * steps. Math.cbrt is a runtime call that costs several times the rest of a face update.
 */
export function fastCbrt(x: number): number {
  CBRT_F32[0] = x;
  CBRT_U32[0] = ((CBRT_U32[0] / 3) | 0) + 709921077;
  let y = CBRT_F32[0];
  let y3 = y * y * y;
  y = (y * (y3 + 2 * x)) / (2 * y3 + x);
  y3 = y * y * y;
  return (y * (y3 + 2 * x)) / (2 * y3 + x);
}

/** Bates 2010 eq. 8: depth available for flow between cells a and b, max(η) − max(z). */
function faceDepth(z: Float32Array, h: Float32Array, a: number, b: number): number {
  const za = z[a], zb = z[b], ea = za + h[a], eb = zb + h[b];
  return (ea > eb ? ea : eb) - (za > zb ? za : zb);
}

/**
 * Convective acceleration u ∂u/∂x at a face from the previous step's face discharges, in the
 * momentum-conservative upwind form of Stelling & Duinmeijer (2003) eq. 13:
 *   [ (q̄_b u*_b − q̄_a u*_a) − u_f (q̄_b − q̄_a) ] / (Δx h̄_f),
 * q̄ = cell-centre mean of the two face discharges, u* = the upwind face velocity, h̄_f = mean cell depth.
 * Supercritical faces (Fr > 1) and faces next to a boundary face take no advection (their upstream face has no cell behind it).
 * qm, q0, qp: discharges of the faces behind, at and ahead; hm, hf, hp: their flow depths.
 */
function advection(qm: number, q0: number, qp: number, hm: number, hf: number, hp: number, ha: number, hb: number, hAdv: number, rdx: number, g: number): number {
  const hbar = 0.5 * (ha + hb);
  if (hbar <= hAdv || hf <= hAdv) return 0;
  const u0 = q0 / hf;
  // Supercritical faces keep the plain local inertial update: the explicit advection term is
  // unstable there with Bates' face depth, and friction dominates such shallow fast flows anyway.
  if (u0 * u0 > g * hf) return 0;
  const um = hm > hAdv ? qm / hm : 0, up = hp > hAdv ? qp / hp : 0;
  const qa = 0.5 * (qm + q0), qb = 0.5 * (q0 + qp);
  const ua = qa > 0 ? um : u0, ub = qb > 0 ? u0 : up;
  return ((qb * ub - qa * ua) - u0 * (qb - qa)) * rdx / hbar;
}

/** Zero `len` entries of `arr` from `start` (used for faces of skipped, dry blocks). */
function zero(arr: Float32Array, start: number, len: number): void {
  for (let k = start; k < start + len; k++) arr[k] = 0;
}

/**
 * Fluxes of the y-faces of face row fj (between cell rows fj - 1 and fj) into qyNext.
 * Interior faces: de Almeida et al. 2012 eq. 14 (θ-weighted Bates 2010 eq. 11):
 *   q⁺ = [θ q + (1-θ)/2 (q₋ + q₊) − g h_f Δt ∂η/∂y] / [1 + g Δt n² |q| / h_f^(7/3)],
 *   h_f = max(η_a, η_b) − max(z_a, z_b)   (Bates 2010 eq. 8).
 */
function yFaceRow(a: FloodArrays, p: SolverParams, f: StepForcing, fj: number): void {
  const { nx, ny } = p;
  const { z, h, manning, open, qy, qyNext, blockWet } = a;
  const nbx = Math.ceil(nx / BLOCK_WIDTH);
  if (fj === 0 || fj === ny) {
    const row = fj === 0 ? 0 : ny - 1;
    const sign = fj === 0 ? -1 : 1;
    const bc0 = fj === 0 ? 2 * ny : 2 * ny + nx;
    for (let i = 0; i < nx; i++) {
      const face = i + fj * nx;
      qyNext[face] = sign * boundaryFlux(a, p, f, bc0 + i, i + row * nx, sign * qy[face]);
    }
    return;
  }
  const g = p.g, dt = f.dt, hMin = p.hMin, th = p.theta, th1 = (1 - p.theta) / 2, gdt = g * dt, rdx = 1 / p.dx;
  const adv = p.advection !== 0, hAdv = p.hAdvection;
  for (let b = 0; b < nbx; b++) {
    const i0 = b * BLOCK_WIDTH;
    const i1 = Math.min(nx, i0 + BLOCK_WIDTH);
    if (blockWet[b + (fj - 1) * nbx] === 0 && blockWet[b + fj * nbx] === 0) {
      zero(qyNext, i0 + fj * nx, i1 - i0);
      continue;
    }
    for (let i = i0; i < i1; i++) {
      const face = i + fj * nx;
      const ca = face - nx;
      const cb = face;
      const za = z[ca], zb = z[cb];
      const ea = za + h[ca], eb = zb + h[cb];
      const hf = (ea > eb ? ea : eb) - (za > zb ? za : zb);
      if (hf > hMin) {
        const q0 = qy[face];
        const n = 0.5 * (manning[ca] + manning[cb]);
        const qm = qy[face - nx], qp = qy[face + nx];
        const qAvg = th * q0 + th1 * (qm + qp);
        let num = qAvg - gdt * hf * (eb - ea) * rdx;
        if (adv && fj > 1 && fj < ny - 1) {
          const hm = faceDepth(z, h, ca - nx, ca);
          const hp = faceDepth(z, h, cb, cb + nx);
          num -= dt * hf * advection(qm, q0, qp, hm, hf, hp, h[ca], h[cb], hAdv, rdx, g);
        }
        const fr = gdt * n * n * (q0 < 0 ? -q0 : q0);
        const den = fr === 0 ? 1 : 1 + fr / (hf * hf * fastCbrt(hf));
        qyNext[face] = (num / den) * open[ca] * open[cb];
      } else {
        qyNext[face] = 0;
      }
    }
  }
}

/** Fluxes of the x-faces of cell row j into qxNext (same formula as yFaceRow, along x). */
function xFaceRow(a: FloodArrays, p: SolverParams, f: StepForcing, j: number): void {
  const { nx, ny } = p;
  const { z, h, manning, open, qx, qxNext, blockWet } = a;
  const nbx = Math.ceil(nx / BLOCK_WIDTH);
  const row = j * (nx + 1);
  qxNext[row] = -boundaryFlux(a, p, f, j, j * nx, -qx[row]);
  qxNext[row + nx] = boundaryFlux(a, p, f, ny + j, j * nx + nx - 1, qx[row + nx]);
  const g = p.g, dt = f.dt, hMin = p.hMin, th = p.theta, th1 = (1 - p.theta) / 2, gdt = g * dt, rdx = 1 / p.dx;
  const adv = p.advection !== 0, hAdv = p.hAdvection;
  for (let b = 0; b < nbx; b++) {
    const i0 = Math.max(1, b * BLOCK_WIDTH);
    const i1 = Math.min(nx, (b + 1) * BLOCK_WIDTH);
    const wet = blockWet[b + j * nbx] | (b > 0 ? blockWet[b - 1 + j * nbx] : 0);
    if (wet === 0) {
      zero(qxNext, i0 + row, i1 - i0);
      continue;
    }
    for (let i = i0; i < i1; i++) {
      const face = i + row;
      const cb = i + j * nx;
      const ca = cb - 1;
      const za = z[ca], zb = z[cb];
      const ea = za + h[ca], eb = zb + h[cb];
      const hf = (ea > eb ? ea : eb) - (za > zb ? za : zb);
      if (hf > hMin) {
        const q0 = qx[face];
        const n = 0.5 * (manning[ca] + manning[cb]);
        const qm = qx[face - 1], qp = qx[face + 1];
        const qAvg = th * q0 + th1 * (qm + qp);
        let num = qAvg - gdt * hf * (eb - ea) * rdx;
        if (adv && i > 1 && i < nx - 1) {
          const hm = faceDepth(z, h, ca - 1, ca);
          const hp = faceDepth(z, h, cb, cb + 1);
          num -= dt * hf * advection(qm, q0, qp, hm, hf, hp, h[ca], h[cb], hAdv, rdx, g);
        }
        const fr = gdt * n * n * (q0 < 0 ? -q0 : q0);
        const den = fr === 0 ? 1 : 1 + fr / (hf * hf * fastCbrt(hf));
        qxNext[face] = (num / den) * open[ca] * open[cb];
      } else {
        qxNext[face] = 0;
      }
    }
  }
}

/**
 * Outflow limiter of cell row j: the share of its outgoing fluxes a cell can supply,
 * min(1, h / (Δt/Δx Σ outflows)). Applied to each face by its donor cell in updateDepths, so
 * depths never go negative and every face still moves the same volume out of one cell and into
 * the other (conservation by construction).
 */
function limiterRow(a: FloodArrays, p: SolverParams, f: StepForcing, j: number): void {
  const { nx } = p;
  const { h, qxNext, qyNext, limiter } = a;
  const k = f.dt / p.dx;
  const row = j * (nx + 1);
  const lrow = (j + 1) * (nx + 2) + 1;
  for (let i = 0; i < nx; i++) {
    const c = i + j * nx;
    const qw = qxNext[row + i], qe = qxNext[row + i + 1], qn = qyNext[c], qs = qyNext[c + nx];
    const out = ((qe > 0 ? qe : 0) - (qw < 0 ? qw : 0) + (qs > 0 ? qs : 0) - (qn < 0 ? qn : 0)) * k;
    const hc = h[c];
    limiter[lrow + i] = out > hc ? hc / out : 1;
  }
}

/**
 * First pass of a step over rows [j0, j1): face fluxes and outflow limiters.
 * The y-faces on the strip's edges are computed by both neighbouring workers from the same
 * inputs (identical values), so no halo exchange is needed and results do not depend on the strip layout.
 */
export function updateFluxes(a: FloodArrays, p: SolverParams, f: StepForcing, j0: number, j1: number): void {
  yFaceRow(a, p, f, j0);
  for (let j = j0; j < j1; j++) {
    yFaceRow(a, p, f, j + 1);
    xFaceRow(a, p, f, j);
    limiterRow(a, p, f, j);
  }
}

/**
 * Second pass over rows [j0, j1): limited fluxes, continuity (Bates 2010 eq. 13:
 * h⁺ = h + Δt/Δx (q_w − q_e + q_n − q_s)), rain, losses, sources, maxima, the row budget.
 * Writes the strip's largest depth and speed to `a.slots[slot + SLOT.hMax | SLOT.uMax]`; flags an
 * instability (depth above hLimit or NaN) in `a.ctrl` and the diagnostic slots.
 */
export function updateDepths(
  a: FloodArrays, p: SolverParams, f: StepForcing, sources: CellSources, j0: number, j1: number, slot: number, diagSlot: number,
): void {
  const { nx, ny } = p;
  const { h, qx, qy, qxNext, qyNext, limiter, rainFactor, open, gaugeWeights, rowBudget, blockWet } = a;
  const { hMax, vMax, hazardMax, firstWet, durationAbove } = a;
  const dt = f.dt, k = dt / p.dx, area = p.dx * p.dx, cells = nx * ny;
  const lw = nx + 2;
  const nbx = Math.ceil(nx / BLOCK_WIDTH);
  const gauges = f.gaugeRates.length;
  const tEnd = f.t + dt;
  const hMin = p.hMin, hVel = p.hVelocity, hWet = p.wetThreshold, hPond = p.pondingDepth;
  const df = p.debrisFactor, dfDepth = p.debrisDepth, hLimit = p.hLimit, uLimit = p.uLimit;
  const hSpeed = Math.min(hVel, p.hAdvection);
  let hTop = 0, uTop = 0;
  for (let j = j0; j < j1; j++) {
    const row = j * (nx + 1);
    const lrow = (j + 1) * lw + 1;
    // Limited x-face fluxes of this row (owned by this row): donor's limiter.
    for (let i = 0; i <= nx; i++) {
      const q = qxNext[row + i];
      qx[row + i] = q * (q > 0 ? limiter[lrow + i - 1] : limiter[lrow + i]);
    }
    let rainVol = 0, lossVol = 0;
    for (let b = 0; b < nbx; b++) {
      const i1 = Math.min(nx, (b + 1) * BLOCK_WIDTH);
      let wet = 0;
      for (let i = b * BLOCK_WIDTH; i < i1; i++) {
        const c = i + j * nx;
        const l = lrow + i;
        const qn0 = qyNext[c], qs0 = qyNext[c + nx];
        const qn = qn0 * (qn0 > 0 ? limiter[l - lw] : limiter[l]);
        const qs = qs0 * (qs0 > 0 ? limiter[l] : limiter[l + lw]);
        qy[c] = qn;
        const qw = qx[row + i], qe = qx[row + i + 1];
        let r = f.rain;
        if (gauges > 0) {
          r = 0;
          for (let gk = 0; gk < gauges; gk++) r += gaugeWeights[gk * cells + c] * f.gaugeRates[gk];
        }
        const rf = rainFactor[c];
        const op = open[c];
        const rainDepth = r * rf * dt;
        rainVol += r * op * dt;
        lossVol += r * (op - rf) * dt;
        const h0 = h[c];
        let h1 = h0 + k * (qw - qe + qn - qs) + rainDepth;
        if (f.infiltration > 0) {
          const cap = f.infiltration * dt * op;
          const inf = cap < h1 ? cap : h1 > 0 ? h1 : 0;
          h1 -= inf;
          lossVol += inf;
        }
        if (h1 < 0) h1 = 0; // rounding only: the limiter already bounds outflow by the depth
        if (!(h1 < hLimit)) {
          flagUnstable(a, c, tEnd, h1, diagSlot, 'depth (m)');
          return;
        }
        h[c] = h1;
        if (h1 > hTop) hTop = h1;
        if (h1 > hMin) {
          wet = 1;
          if (h1 > hMax[c]) hMax[c] = h1;
          if (h1 > hWet && firstWet[c] < 0) firstWet[c] = tEnd;
          if (h1 > hPond) durationAbove[c] += dt;
          if (h1 > hSpeed) {
            // Speed over the larger of the depths before and after the step: a cell that the step
            // drained almost dry carried its fluxes at the old depth, not at the new one.
            const rh = 0.5 / (h1 > h0 ? h1 : h0);
            const u = (qw + qe) * rh, v = (qn + qs) * rh;
            const s = Math.sqrt(u * u + v * v);
            if (s > uTop) uTop = s;
            if (h1 > hVel) {
              if (s > uLimit) {
                flagUnstable(a, c, tEnd, s, diagSlot, 'speed (m/s)');
                return;
              }
              if (s > vMax[c]) vMax[c] = s;
              const hr = h1 * (s + 0.5) + (h1 > dfDepth ? df : 0);
              if (hr > hazardMax[c]) hazardMax[c] = hr;
            }
          }
        }
      }
      blockWet[b + j * nbx] = wet;
    }
    const rb = j * BUDGET_FIELDS;
    rowBudget[rb + BUDGET.rain] += rainVol * area;
    rowBudget[rb + BUDGET.loss] += lossVol * area;
    // Boundary faces of this row: west (positive = in), east (positive = out).
    const qw = qx[row], qe = qx[row + nx];
    let bin = (qw > 0 ? qw : 0) + (qe < 0 ? -qe : 0);
    let bout = (qw < 0 ? -qw : 0) + (qe > 0 ? qe : 0);
    if (j === 0) {
      for (let i = 0; i < nx; i++) {
        const q = qy[i];
        if (q > 0) bin += q;
        else bout -= q;
      }
    }
    if (j === ny - 1) {
      // The south boundary faces belong to the last row: store their limited values.
      for (let i = 0; i < nx; i++) {
        const face = i + ny * nx;
        const q0 = qyNext[face];
        const q = q0 * (q0 > 0 ? limiter[(j + 1) * lw + 1 + i] : 1);
        qy[face] = q;
        if (q > 0) bout += q;
        else bin -= q;
      }
    }
    rowBudget[rb + BUDGET.inflow] += bin * dt * p.dx;
    rowBudget[rb + BUDGET.outflow] += bout * dt * p.dx;
  }
  // Point and line inflows (sorted by cell; only this strip's cells).
  for (let s = 0; s < sources.cell.length; s++) {
    const c = sources.cell[s];
    const j = (c / nx) | 0;
    if (j < j0 || j >= j1) continue;
    const vol = f.series[sources.series[s]] * sources.share[s] * dt;
    const h1 = h[c] + vol / area;
    h[c] = h1 > 0 ? h1 : 0;
    rowBudget[j * BUDGET_FIELDS + BUDGET.inflow] += vol;
    if (h1 > hTop) hTop = h1;
    if (h1 > hMin) blockWet[Math.floor((c % nx) / BLOCK_WIDTH) + j * nbx] = 1;
    if (h1 > hMax[c]) hMax[c] = h1;
  }
  a.slots[slot + SLOT.hMax] = hTop;
  a.slots[slot + SLOT.uMax] = uTop;
}

function flagUnstable(a: FloodArrays, cell: number, time: number, value: number, diagSlot: number, what: 'depth (m)' | 'speed (m/s)'): void {
  // The first worker to see an instability records where, when and what (1 = depth, 2 = speed).
  if (Atomics.compareExchange(a.ctrl, CTRL.unstable, 0, what === 'depth (m)' ? 1 : 2) === 0) {
    a.slots[diagSlot + DIAG.cell] = cell;
    a.slots[diagSlot + DIAG.time] = time;
    a.slots[diagSlot + DIAG.value] = value;
  }
}

/** Initial active-block flags from the current depths (and everywhere a boundary or source may wet). */
export function initBlockFlags(a: FloodArrays, p: SolverParams): void {
  const nbx = Math.ceil(p.nx / BLOCK_WIDTH);
  a.blockWet.fill(0);
  for (let j = 0; j < p.ny; j++) {
    for (let i = 0; i < p.nx; i++) if (a.h[i + j * p.nx] > p.hMin) a.blockWet[Math.floor(i / BLOCK_WIDTH) + j * nbx] = 1;
  }
}
