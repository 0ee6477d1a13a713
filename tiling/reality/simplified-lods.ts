/**
 * Level-of-detail pyramids for meshes that arrive with only one level (OBJ exports): each coarser
 * level is simplified from the full mesh by meshoptimizer, and its geometric error is the error
 * the simplifier reports (absolute, metres) — the real deviation from the full mesh.
 */
import { MeshoptSimplifier } from 'meshoptimizer';

export interface LocalMesh {
  /** x, y, z per vertex in a local metric frame. */
  positions: Float64Array;
  indices: Uint32Array;
}

export interface SimplifiedLevel {
  /** Per input mesh: the simplified index list (same vertices). */
  indices: Uint32Array[];
  /** Largest deviation from the full meshes, metres. */
  error: number;
  triangles: number;
}

export interface SimplifiedLodsOptions {
  /** Triangle ratio between consecutive levels. */
  ratio?: number;
  /** Stop when a level has fewer triangles than this. */
  minTriangles?: number;
  maxLevels?: number;
}

export const SIMPLIFIED_LODS_DEFAULTS: Required<SimplifiedLodsOptions> = { ratio: 0.25, minTriangles: 2000, maxLevels: 4 };

/** Levels from the full mesh (error 0) to the coarsest. */
export async function simplifiedLods(meshes: LocalMesh[], options: SimplifiedLodsOptions = {}): Promise<SimplifiedLevel[]> {
  const o = { ...SIMPLIFIED_LODS_DEFAULTS, ...options };
  await MeshoptSimplifier.ready;
  const total = meshes.reduce((s, m) => s + m.indices.length / 3, 0);
  const levels: SimplifiedLevel[] = [{ indices: meshes.map((m) => m.indices), error: 0, triangles: total }];
  // Float32 positions relative to the first vertex keep the simplifier's arithmetic well conditioned.
  const local = meshes.map((m) => {
    const p = new Float32Array(m.positions.length);
    const [x0, y0, z0] = [m.positions[0] ?? 0, m.positions[1] ?? 0, m.positions[2] ?? 0];
    for (let i = 0; i < p.length; i += 3) {
      p[i] = m.positions[i] - x0;
      p[i + 1] = m.positions[i + 1] - y0;
      p[i + 2] = m.positions[i + 2] - z0;
    }
    return p;
  });
  let target = total;
  while (levels.length < o.maxLevels) {
    target = Math.floor(target * o.ratio);
    if (target < o.minTriangles / 4 || levels[levels.length - 1].triangles < o.minTriangles) break;
    let error = 0, tris = 0;
    const indices = meshes.map((m, k) => {
      const share = Math.max(3, 3 * Math.floor((target * (m.indices.length / 3)) / total));
      const [idx, err] = MeshoptSimplifier.simplify(m.indices, local[k], 3, share, 1e9, ['ErrorAbsolute']);
      error = Math.max(error, err);
      tris += idx.length / 3;
      return idx;
    });
    // No further reduction possible: stop rather than repeat a level.
    if (tris >= levels[levels.length - 1].triangles * 0.9) break;
    levels.push({ indices, error, triangles: tris });
  }
  return levels;
}
