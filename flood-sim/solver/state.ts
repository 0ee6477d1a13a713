/**
 * The solver's state: flat typed arrays, allocated once, in SharedArrayBuffers so that
 * N workers (Node worker_threads or browser Web Workers) update strips of rows in place.
 *
 * Index formulas, written once (row j = 0 is the north edge, as in GeoTIFF / ESRI ASCII):
 *   cell   (i, j)                   c  = i + j * nx                (nx * ny)
 *   x-face west of cell (i, j)      fx = i + j * (nx + 1)          ((nx + 1) * ny), positive = eastward
 *   y-face north of cell (i, j)     fy = i + j * nx                (nx * (ny + 1)), positive = southward (+j)
 *   limiter with a ghost ring       l  = (i + 1) + (j + 1) * (nx + 2)
 *   boundary faces                  west j | east ny + j | north 2ny + i | south 2ny + nx + i
 * Units: metres, seconds, m²/s for unit discharge.
 */

/** Fields of the per-row Float64 volume budget (m³), accumulated by the row's owner worker. */
export const BUDGET = { rain: 0, loss: 1, inflow: 2, outflow: 3 } as const;
export const BUDGET_FIELDS = 4;

/** Width of an active block (columns of one row); a block is skipped when it and its neighbours are dry. */
export const BLOCK_WIDTH = 64;

/** Layout of the shared control block (Int32 words then Float64 slots). */
export const CTRL = { count: 0, generation: 1, unstable: 2, int32Words: 4 } as const;
/** Float64 slots per worker: local maximum depth and speed; then the shared diagnostic. */
export const SLOT = { hMax: 0, uMax: 1, perWorker: 2 } as const;
export const DIAG = { cell: 0, time: 1, value: 2, fields: 3 } as const;

export interface FloodArrays {
  /** Bed elevation (m, the DEM's vertical datum; raised buildings included). */
  z: Float32Array;
  /** Manning's n (s/m^(1/3)) per cell. */
  manning: Float32Array;
  /** 1 for open cells, 0 for blocked cells (buildings, outside the DEM). */
  open: Float32Array;
  /** Fraction of rain that becomes surface water: runoff coefficient × open. */
  rainFactor: Float32Array;
  /** Water depth (m). */
  h: Float32Array;
  /** Unit discharge at faces at the end of the last step (m²/s), after the positivity limiter. */
  qx: Float32Array;
  qy: Float32Array;
  /** Unit discharge at faces before the positivity limiter (work arrays of the current step). */
  qxNext: Float32Array;
  qyNext: Float32Array;
  /**
   * Face velocities (m/s) of the momentum-conservative scheme (advection on): the state at the end of the
   * last step (limited like the fluxes) and the current step's unlimited values. Unused by the plain scheme.
   */
  ux: Float32Array;
  uy: Float32Array;
  uxNext: Float32Array;
  uyNext: Float32Array;
  /** Outflow scaling per cell so that no cell gives more water than it holds, with a ghost ring of 1. */
  limiter: Float32Array;
  /** Running maxima and timings. */
  hMax: Float32Array;
  vMax: Float32Array;
  hazardMax: Float32Array;
  /** Time (s) at which depth first exceeded the wetting threshold; -1 if never. */
  firstWet: Float32Array;
  /** Seconds with depth above the ponding limit (0.15 m by default). */
  durationAbove: Float32Array;
  /** 1 if any cell of the active block holds more than hMin. */
  blockWet: Uint8Array;
  /**
   * 1 if the block or one of its four neighbours was wet when this step's fluxes were computed; the faces of an
   * inactive block carry no flow, so without rain its cells keep their depths and the second pass skips it.
   */
  blockActive: Uint8Array;
  /** Per-row Float64 volume budget, BUDGET_FIELDS per row (m³). */
  rowBudget: Float64Array;
  /** Boundary face type (see BoundaryCode) and its value (slope or series index). */
  bcType: Uint8Array;
  bcValue: Float32Array;
  /** Inverse-distance weights, gauge-major (gauges × cells), or empty for uniform rain. */
  gaugeWeights: Float32Array;
  /** Control words for the barrier and the instability flag. */
  ctrl: Int32Array;
  /** Float64 slots: per worker local maxima, then the diagnostic (cell, time, value). */
  slots: Float64Array;
}

export const BoundaryCode = { closed: 0, free: 1, stage: 2 } as const;

interface FieldSpec {
  name: keyof FloodArrays;
  type: 'f32' | 'f64' | 'u8' | 'i32';
  length: number;
}

/** Sizes of every array for a grid; the one place the layout is written. */
export function arraySpecs(nx: number, ny: number, gauges: number, workers: number): FieldSpec[] {
  const cells = nx * ny;
  const nbx = Math.ceil(nx / BLOCK_WIDTH);
  return [
    { name: 'z', type: 'f32', length: cells },
    { name: 'manning', type: 'f32', length: cells },
    { name: 'open', type: 'f32', length: cells },
    { name: 'rainFactor', type: 'f32', length: cells },
    { name: 'h', type: 'f32', length: cells },
    { name: 'qx', type: 'f32', length: (nx + 1) * ny },
    { name: 'qy', type: 'f32', length: nx * (ny + 1) },
    { name: 'qxNext', type: 'f32', length: (nx + 1) * ny },
    { name: 'qyNext', type: 'f32', length: nx * (ny + 1) },
    { name: 'ux', type: 'f32', length: (nx + 1) * ny },
    { name: 'uy', type: 'f32', length: nx * (ny + 1) },
    { name: 'uxNext', type: 'f32', length: (nx + 1) * ny },
    { name: 'uyNext', type: 'f32', length: nx * (ny + 1) },
    { name: 'limiter', type: 'f32', length: (nx + 2) * (ny + 2) },
    { name: 'hMax', type: 'f32', length: cells },
    { name: 'vMax', type: 'f32', length: cells },
    { name: 'hazardMax', type: 'f32', length: cells },
    { name: 'firstWet', type: 'f32', length: cells },
    { name: 'durationAbove', type: 'f32', length: cells },
    { name: 'blockWet', type: 'u8', length: nbx * ny },
    { name: 'blockActive', type: 'u8', length: nbx * ny },
    { name: 'rowBudget', type: 'f64', length: ny * BUDGET_FIELDS },
    { name: 'bcType', type: 'u8', length: 2 * (nx + ny) },
    { name: 'bcValue', type: 'f32', length: 2 * (nx + ny) },
    { name: 'gaugeWeights', type: 'f32', length: gauges * cells },
    { name: 'ctrl', type: 'i32', length: CTRL.int32Words },
    { name: 'slots', type: 'f64', length: Math.max(1, workers) * SLOT.perWorker + DIAG.fields },
  ];
}

/** The buffers behind FloodArrays, as sent to workers (structured clone shares SharedArrayBuffers). */
export type FloodBuffers = Record<keyof FloodArrays, SharedArrayBuffer>;

const BYTES = { f32: 4, f64: 8, u8: 1, i32: 4 } as const;

export function allocateBuffers(nx: number, ny: number, gauges: number, workers: number): FloodBuffers {
  const out = {} as FloodBuffers;
  for (const s of arraySpecs(nx, ny, gauges, workers)) out[s.name] = new SharedArrayBuffer(Math.max(8, s.length * BYTES[s.type]));
  return out;
}

export function viewBuffers(buffers: FloodBuffers, nx: number, ny: number, gauges: number, workers: number): FloodArrays {
  const out = {} as Record<string, unknown>;
  for (const s of arraySpecs(nx, ny, gauges, workers)) {
    const b = buffers[s.name];
    out[s.name] =
      s.type === 'f32' ? new Float32Array(b, 0, s.length)
      : s.type === 'f64' ? new Float64Array(b, 0, s.length)
      : s.type === 'u8' ? new Uint8Array(b, 0, s.length)
      : new Int32Array(b, 0, s.length);
  }
  return out as unknown as FloodArrays;
}

/** Rows [start, end) of worker k out of n: contiguous strips, as equal as possible. */
export function stripRows(ny: number, workers: number, k: number): [number, number] {
  const base = Math.floor(ny / workers);
  const extra = ny % workers;
  const start = k * base + Math.min(k, extra);
  return [start, start + base + (k < extra ? 1 : 0)];
}
