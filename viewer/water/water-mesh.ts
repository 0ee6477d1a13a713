/**
 * A replay depth frame as a triangle mesh over the wet cells, for drawing water in 3D. The grid
 * (row 0 north, nx × ny cells) has (nx + 1) × (ny + 1) corners; corner (i, j) touches cells
 * (i − 1 … i, j − 1 … j). A corner's height above the ground is the mean depth of the wet cells it
 * touches, so the surface follows the terrain at the depth the model computed ("DEM + depth") and
 * is continuous between wet cells. Corners are positioned by the caller as an Earth-fixed point on
 * the terrain plus the ellipsoid normal (metres, ECEF), so a vertex is `ground + up · depth`.
 * Only wet cells (depth ≥ the first legend break) get two triangles; colours follow the legend.
 */
import { classOf } from './depth-colors.ts';

export interface WaterCorners {
  nx: number;
  ny: number;
  /** ECEF position (m) of each corner on the terrain, 3 per corner, index i + j · (nx + 1). */
  ground: Float64Array;
  /** Unit ellipsoid normal of each corner, 3 per corner. */
  up: Float64Array;
}

export interface WaterMesh {
  /** ECEF positions (m), 3 per vertex. */
  positions: Float64Array;
  /** RGBA 0–255, 4 per vertex. */
  colors: Uint8Array;
  /** Two triangles per wet cell. */
  indices: Uint32Array;
  wetCells: number;
}

export interface WaterMeshOptions {
  /** Depth classes (m) and their RGBA colours (depth-colors.ts); below the first break a cell is dry. */
  breaks: readonly number[];
  colors: ReadonlyArray<readonly [number, number, number, number]>;
  /** Metres added to every vertex so that shallow water is not hidden by the terrain's coarser levels. */
  lift?: number;
}

export const WATER_MESH_DEFAULTS = { lift: 0.05 } as const;

/** Reusable scratch for one grid size (allocated once; the outputs are exact-sized per frame). */
export class WaterMeshBuilder {
  private readonly sum: Float32Array;
  private readonly count: Uint8Array;
  private readonly vertexOf: Int32Array;

  constructor(readonly corners: WaterCorners) {
    const n = (corners.nx + 1) * (corners.ny + 1);
    this.sum = new Float32Array(n);
    this.count = new Uint8Array(n);
    this.vertexOf = new Int32Array(n);
  }

  build(depth: ArrayLike<number>, options: WaterMeshOptions): WaterMesh {
    const { nx, ny, ground, up } = this.corners;
    const { breaks, colors } = options;
    const lift = options.lift ?? WATER_MESH_DEFAULTS.lift;
    const dry = breaks[0];
    const cw = nx + 1;
    const { sum, count, vertexOf } = this;
    sum.fill(0);
    count.fill(0);
    vertexOf.fill(-1);

    // Count: wet cells and the corners they touch.
    let wetCells = 0, vertices = 0;
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
      const d = depth[i + j * nx];
      if (!(d >= dry)) continue;
      wetCells++;
      for (let q = 0; q < 4; q++) {
        const c = i + (q & 1) + (j + (q >> 1)) * cw;
        if (count[c] === 0) vertexOf[c] = vertices++;
        sum[c] += d;
        count[c]++;
      }
    }

    // Fill exactly-sized arrays.
    const positions = new Float64Array(3 * vertices);
    const rgba = new Uint8Array(4 * vertices);
    const indices = new Uint32Array(6 * wetCells);
    for (let c = 0; c < vertexOf.length; c++) {
      const v = vertexOf[c];
      if (v < 0) continue;
      const d = sum[c] / count[c];
      const h = d + lift;
      for (let k = 0; k < 3; k++) positions[3 * v + k] = ground[3 * c + k] + up[3 * c + k] * h;
      const col = colors[Math.max(0, classOf(d, breaks))];
      rgba.set(col, 4 * v);
    }
    let t = 0;
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
      if (!(depth[i + j * nx] >= dry)) continue;
      const nw = vertexOf[i + j * cw], ne = vertexOf[i + 1 + j * cw], sw = vertexOf[i + (j + 1) * cw], se = vertexOf[i + 1 + (j + 1) * cw];
      // Counter-clockwise seen from above (north up, east right): sw → se → ne, sw → ne → nw.
      indices[t++] = sw; indices[t++] = se; indices[t++] = ne;
      indices[t++] = sw; indices[t++] = ne; indices[t++] = nw;
    }
    return { positions, colors: rgba, indices, wetCells };
  }
}

/**
 * Mean depth of each `s × s` block of cells (the east and south blocks may be partial and average the
 * cells they hold), into `out` of ⌈nx / s⌉ × ⌈ny / s⌉ cells: a coarser grid that keeps the stored volume,
 * for drawing large grids with fewer triangles.
 */
export function blockMean(depth: ArrayLike<number>, nx: number, ny: number, s: number, out: Float32Array): void {
  const cx = Math.ceil(nx / s), cy = Math.ceil(ny / s);
  for (let J = 0; J < cy; J++) for (let I = 0; I < cx; I++) {
    let sum = 0, n = 0;
    for (let j = J * s; j < Math.min(ny, (J + 1) * s); j++) for (let i = I * s; i < Math.min(nx, (I + 1) * s); i++) {
      sum += depth[i + j * nx];
      n++;
    }
    out[I + J * cx] = sum / n;
  }
}
