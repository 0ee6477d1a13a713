/**
 * Merges element pieces into one GeoMesh per material group (a colour for BIM, a network for
 * pipes), counting first and filling exactly-sized arrays, then georeferences every vertex from
 * the engineering frame to ECEF (EPSG:4978) through the model's IfcGeoref, and turns the normals
 * into the ECEF frame.
 */
import { srgbToLinear, type GeoMesh, type MaterialSpec } from '../core/index.ts';
import type { ElementPiece } from './ifc-geometry.ts';
import type { IfcGeoref } from './ifc-georef.ts';

export interface MeshGroup {
  material: MaterialSpec;
  parts: { featureIndex: number; piece: ElementPiece }[];
}

/** A glTF material for a web-ifc (sRGB) colour; BLEND when it is translucent. */
export function materialForColor([r, g, b, a]: readonly number[], name?: string): MaterialSpec {
  const alpha = Math.min(1, Math.max(0, a));
  return {
    ...(name ? { name } : {}),
    baseColor: [srgbToLinear(r), srgbToLinear(g), srgbToLinear(b), alpha],
    metallic: 0,
    roughness: 0.9,
    doubleSided: true,
    alphaMode: alpha < 1 ? 'BLEND' : 'OPAQUE',
  };
}

/** Key for grouping by colour, quantised to 8 bits per channel. */
export function colorKey(color: readonly number[]): string {
  return color.map((c) => Math.round(Math.min(1, Math.max(0, c)) * 255)).join(',');
}

/**
 * The linear part of engineering → ECEF at a point, by central differences over ±1 m: columns are the
 * images of the engineering x, y, z axes. The georeferencings here are conformal up to a height
 * scale, so it turns normals correctly; over a model a few km wide it changes by well under 0.1°.
 */
function ecefJacobian(georef: IfcGeoref, [x, y, z]: readonly number[]): Float64Array {
  const p = new Float64Array([x + 1, y, z, x - 1, y, z, x, y + 1, z, x, y - 1, z, x, y, z + 1, x, y, z - 1]);
  georef.toEcef(p, 6);
  const j = new Float64Array(9);
  for (let axis = 0; axis < 3; axis++) for (let c = 0; c < 3; c++) j[3 * axis + c] = (p[6 * axis + c] - p[6 * axis + 3 + c]) / 2;
  return j;
}

function centroid(groups: readonly MeshGroup[]): number[] {
  const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  for (const g of groups) for (const { piece } of g.parts) {
    const p = piece.positions;
    for (let i = 0; i < p.length; i++) {
      if (p[i] < lo[i % 3]) lo[i % 3] = p[i];
      if (p[i] > hi[i % 3]) hi[i % 3] = p[i];
    }
  }
  return lo.map((l, c) => (Number.isFinite(l) ? (l + hi[c]) / 2 : 0));
}

export function buildGeoMeshes(groupList: Iterable<MeshGroup>, georef: IfcGeoref): GeoMesh[] {
  const groups = [...groupList];
  const j = ecefJacobian(georef, centroid(groups));
  const meshes: GeoMesh[] = [];
  for (const group of groups) {
    let vertexCount = 0, indexCount = 0;
    for (const { piece } of group.parts) {
      vertexCount += piece.positions.length / 3;
      indexCount += piece.indices.length;
    }
    if (vertexCount === 0) continue;
    const positions = new Float64Array(3 * vertexCount);
    const normals = new Float32Array(3 * vertexCount);
    const featureIds = new Uint32Array(vertexCount);
    const indices = new Uint32Array(indexCount);
    let v = 0, i = 0;
    for (const { featureIndex, piece } of group.parts) {
      positions.set(piece.positions, 3 * v);
      const nrm = piece.normals;
      for (let k = 0; k < nrm.length; k += 3) {
        const ex = j[0] * nrm[k] + j[3] * nrm[k + 1] + j[6] * nrm[k + 2];
        const ey = j[1] * nrm[k] + j[4] * nrm[k + 1] + j[7] * nrm[k + 2];
        const ez = j[2] * nrm[k] + j[5] * nrm[k + 1] + j[8] * nrm[k + 2];
        const len = Math.hypot(ex, ey, ez) || 1;
        normals[3 * v + k] = ex / len;
        normals[3 * v + k + 1] = ey / len;
        normals[3 * v + k + 2] = ez / len;
      }
      const n = piece.positions.length / 3;
      featureIds.fill(featureIndex, v, v + n);
      for (let k = 0; k < piece.indices.length; k++) indices[i + k] = piece.indices[k] + v;
      v += n;
      i += piece.indices.length;
    }
    georef.toEcef(positions, vertexCount);
    meshes.push({ positions, normals, indices, featureIds, material: group.material });
  }
  return meshes;
}
