/** Sub-meshes with exactly the vertices their triangles use (count, then fill). */
import type { GeoMesh } from '../core/index.ts';

/** Copies the vertices `indices` use into a compact mesh. */
export function compactMesh(mesh: GeoMesh, indices: Uint32Array): GeoMesh {
  const remap = new Int32Array(mesh.positions.length / 3).fill(-1);
  let used = 0;
  for (const v of indices) if (remap[v] < 0) remap[v] = used++;
  const out: GeoMesh = {
    positions: new Float64Array(used * 3),
    indices: new Uint32Array(indices.length),
    material: mesh.material,
    ...(mesh.texcoords ? { texcoords: new Float32Array(used * 2) } : {}),
    ...(mesh.colors ? { colors: new Uint8Array(used * 4) } : {}),
    ...(mesh.normals ? { normals: new Float32Array(used * 3) } : {}),
    ...(mesh.featureIds ? { featureIds: new Uint32Array(used) } : {}),
  };
  for (let v = 0; v < remap.length; v++) {
    const r = remap[v];
    if (r < 0) continue;
    for (let k = 0; k < 3; k++) out.positions[3 * r + k] = mesh.positions[3 * v + k];
    if (out.texcoords) for (let k = 0; k < 2; k++) out.texcoords[2 * r + k] = mesh.texcoords![2 * v + k];
    if (out.colors) for (let k = 0; k < 4; k++) out.colors[4 * r + k] = mesh.colors![4 * v + k];
    if (out.normals) for (let k = 0; k < 3; k++) out.normals[3 * r + k] = mesh.normals![3 * v + k];
    if (out.featureIds) out.featureIds[r] = mesh.featureIds![v];
  }
  for (let i = 0; i < indices.length; i++) out.indices[i] = remap[indices[i]];
  return out;
}
