/**
 * Coarser stand-ins for parent tiles: meshes merged per material, welded by position within each
 * feature (so simplification sees connected surfaces, and feature IDs never mix), then simplified
 * with meshoptimizer to a triangle budget. Small disconnected parts (whole small buildings) may be
 * pruned. The error meshoptimizer reports (absolute, metres: the frame is metric) is returned as
 * the geometric error of the result relative to its input.
 */
import { MeshoptSimplifier } from 'meshoptimizer';
import type { EnuFrame } from '../../cim-model/index.ts';
import type { GeoMesh, MaterialSpec } from '../core/index.ts';
import { compactMesh } from './compact-mesh.ts';

export interface SimplifyMeshesOptions {
  /** Triangles to aim for over all meshes. */
  targetTriangles: number;
  /** Largest error to accept, metres. */
  maxError: number;
}

export interface SimplifiedMeshes {
  meshes: GeoMesh[];
  /** Largest error of the simplification, metres. */
  error: number;
  triangles: number;
}

/** Concatenates meshes sharing a material (count, then fill). Attributes only when all have them. */
function mergeByMaterial(meshes: readonly GeoMesh[]): GeoMesh[] {
  const groups = new Map<MaterialSpec, GeoMesh[]>();
  for (const mesh of meshes) groups.set(mesh.material, [...(groups.get(mesh.material) ?? []), mesh]);
  return [...groups.values()].map((list) => {
    if (list.length === 1) return list[0];
    const vertexCount = list.reduce((s, m) => s + m.positions.length / 3, 0);
    const indexCount = list.reduce((s, m) => s + m.indices.length, 0);
    const withUv = list.every((m) => m.texcoords), withColor = list.every((m) => m.colors), withNormals = list.every((m) => m.normals);
    const withFeatures = list.every((m) => m.featureIds);
    const out: GeoMesh = {
      positions: new Float64Array(vertexCount * 3),
      indices: new Uint32Array(indexCount),
      material: list[0].material,
      ...(withUv ? { texcoords: new Float32Array(vertexCount * 2) } : {}),
      ...(withColor ? { colors: new Uint8Array(vertexCount * 4) } : {}),
      ...(withNormals ? { normals: new Float32Array(vertexCount * 3) } : {}),
      ...(withFeatures ? { featureIds: new Uint32Array(vertexCount) } : {}),
    };
    let v = 0, i = 0;
    for (const m of list) {
      out.positions.set(m.positions, 3 * v);
      out.texcoords?.set(m.texcoords!, 2 * v);
      out.colors?.set(m.colors!, 4 * v);
      out.normals?.set(m.normals!, 3 * v);
      out.featureIds?.set(m.featureIds!, v);
      for (let k = 0; k < m.indices.length; k++) out.indices[i + k] = m.indices[k] + v;
      v += m.positions.length / 3;
      i += m.indices.length;
    }
    return out;
  });
}

export async function simplifyMeshes(meshes: readonly GeoMesh[], frame: EnuFrame, options: SimplifyMeshesOptions): Promise<SimplifiedMeshes> {
  await MeshoptSimplifier.ready;
  const merged = mergeByMaterial(meshes);
  const total = merged.reduce((s, m) => s + m.indices.length / 3, 0);
  const out: GeoMesh[] = [];
  let error = 0, triangles = 0;
  const enu = new Float64Array(3);
  for (const mesh of merged) {
    const vertexCount = mesh.positions.length / 3;
    const local = new Float32Array(vertexCount * 3);
    for (let v = 0; v < vertexCount; v++) {
      frame.fromEcef(mesh.positions[3 * v], mesh.positions[3 * v + 1], mesh.positions[3 * v + 2], enu);
      local.set(enu, 3 * v);
    }
    // Weld equal positions of the same feature, so faces split for normals or UVs join up.
    const remap = MeshoptSimplifier.generatePositionRemap(local, 3);
    const welded = new Uint32Array(mesh.indices.length);
    for (let i = 0; i < welded.length; i++) {
      const v = mesh.indices[i], w = remap[v];
      welded[i] = !mesh.featureIds || mesh.featureIds[w] === mesh.featureIds[v] ? w : v;
    }
    const share = (mesh.indices.length / 3) / total;
    const target = Math.max(3, Math.floor(options.targetTriangles * share) * 3);
    const [indices, achieved] = MeshoptSimplifier.simplify(welded, local, 3, target, options.maxError, ['ErrorAbsolute', 'Prune']);
    error = Math.max(error, achieved);
    triangles += indices.length / 3;
    if (indices.length > 0) out.push(compactMesh(mesh, indices));
  }
  return { meshes: out, error, triangles };
}
