/**
 * The geometry of an OSGB subtree as GeoMeshes in ECEF: every vertex moved by the transforms
 * above it, offset by the production's SRSOrigin and transformed from the SRS to ECEF on its own
 * (no single-origin shortcut). Textures stay JPEG/PNG; texture v flips to glTF's top-left origin.
 */
import type { Transformer } from '../../cim-model/index.ts';
import type { GeoMesh, MaterialSpec } from '../core/index.ts';
import { toTriangles, type OsgbGeometry, type OsgbNode } from '../osgb/index.ts';

/** 4×4 column-major (OpenGL order; osg::Matrixd's storage order). */
type Mat4 = number[];
const IDENTITY: Mat4 = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

function multiply(a: Mat4, b: Mat4): Mat4 {
  const o = new Array(16).fill(0);
  for (let c = 0; c < 4; c++) for (let r = 0; r < 4; r++) for (let k = 0; k < 4; k++) o[c * 4 + r] += a[k * 4 + r] * b[c * 4 + k];
  return o;
}

export interface GeoreferenceContext {
  /** SRS (with height datum) → ECEF. */
  toEcef: Transformer;
  origin: [number, number, number];
}

/** Geometries below `node`, stopping at PagedLOD children that live in other files. */
export function collectGeometries(node: OsgbNode, matrix: Mat4 = IDENTITY, out: Array<{ geometry: OsgbGeometry; matrix: Mat4; stateSet?: OsgbNode['stateSet'] }> = [], inherited?: OsgbNode['stateSet']): typeof out {
  const state = node.stateSet ?? inherited;
  if (node.kind === 'Geometry') {
    out.push({ geometry: node, matrix, stateSet: node.stateSet ?? inherited });
    return out;
  }
  let m = matrix;
  if (node.kind === 'MatrixTransform') m = multiply(matrix, node.matrix);
  for (const c of node.children) collectGeometries(c, m, out, state);
  return out;
}

function materialOf(stateSet: OsgbNode['stateSet'], name: string): MaterialSpec {
  const tex = stateSet?.textures.find((t) => t.image?.data && (t.image.mimeType === 'image/jpeg' || t.image.mimeType === 'image/png'))?.image;
  const d = stateSet?.material?.diffuse;
  return {
    name,
    baseColor: tex ? [1, 1, 1, 1] : d ? [d[0], d[1], d[2], d[3]] : [0.8, 0.8, 0.8, 1],
    // Photogrammetry textures carry the light already.
    unlit: true,
    metallic: 0,
    roughness: 1,
    doubleSided: false,
    ...(tex ? { texture: { mimeType: tex.mimeType as 'image/jpeg' | 'image/png', data: tex.data!, width: tex.width, height: tex.height, name: tex.fileName || name } } : {}),
  };
}

/** Convert the geometries under `node` into ECEF meshes. */
export function osgbToGeoMeshes(node: OsgbNode, ctx: GeoreferenceContext, name: string): GeoMesh[] {
  const meshes: GeoMesh[] = [];
  for (const { geometry: g, matrix: m, stateSet } of collectGeometries(node)) {
    const indices = toTriangles(g);
    const n = g.positions.length / 3;
    if (indices.length === 0 || n === 0) continue;
    const positions = new Float64Array(3 * n);
    const [ox, oy, oz] = ctx.origin;
    for (let i = 0; i < n; i++) {
      const x = g.positions[3 * i], y = g.positions[3 * i + 1], z = g.positions[3 * i + 2];
      positions[3 * i] = m[0] * x + m[4] * y + m[8] * z + m[12] + ox;
      positions[3 * i + 1] = m[1] * x + m[5] * y + m[9] * z + m[13] + oy;
      positions[3 * i + 2] = m[2] * x + m[6] * y + m[10] * z + m[14] + oz;
    }
    ctx.toEcef.forwardArray(positions);
    let texcoords: Float32Array | undefined;
    if (g.texcoords && g.texcoords.length >= 2 * n) {
      texcoords = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        texcoords[2 * i] = g.texcoords[2 * i];
        texcoords[2 * i + 1] = 1 - g.texcoords[2 * i + 1];
      }
    }
    const material = materialOf(stateSet, name);
    meshes.push({ positions, indices: indices instanceof Uint32Array ? indices : Uint32Array.from(indices), ...(texcoords && material.texture ? { texcoords } : {}), material });
  }
  return meshes;
}
