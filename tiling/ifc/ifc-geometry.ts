/**
 * Triangle geometry of every product, as web-ifc tessellates it, in the project's engineering
 * frame: metres (web-ifc applies the project length unit), x east-ish, y north-ish, z up.
 * web-ifc hands out float32 vertices (position + normal, 6 floats) relative to each geometry's
 * centre plus a double-precision column-major 4×4 `flatTransformation` that already contains the
 * placement chain and its Y-up convention (NormalizeIFC: X = x, Y = z, Z = −y); both are undone
 * here in double precision, so map-sized coordinates keep their millimetres.
 */
import type { IfcModel } from './ifc-model.ts';

/** One coloured piece of an element's geometry. */
export interface ElementPiece {
  /** sRGB colour 0–1 as web-ifc reports it (IfcStyledItem / material colour), alpha 1 − transparency. */
  color: [number, number, number, number];
  /** Engineering x, y, z in metres, z up. */
  positions: Float64Array;
  /** Unit normals in the engineering frame. */
  normals: Float32Array;
  indices: Uint32Array;
}

export interface ElementGeometry {
  expressID: number;
  pieces: ElementPiece[];
}

export interface IfcGeometryStats {
  /** Products with geometry (web-ifc flat meshes). */
  meshes: number;
  /** Placed geometries (pieces) over all meshes. */
  geometries: number;
  vertices: number;
  triangles: number;
}

const FLOATS_PER_VERTEX = 6;

/** Streams all product geometry (web-ifc skips IfcOpeningElement and IfcSpace). */
export function streamIfcGeometry(model: IfcModel): { elements: ElementGeometry[]; stats: IfcGeometryStats } {
  const { api, modelID } = model;
  const elements: ElementGeometry[] = [];
  const stats: IfcGeometryStats = { meshes: 0, geometries: 0, vertices: 0, triangles: 0 };
  api.StreamAllMeshes(modelID, (mesh) => {
    const pieces: ElementPiece[] = [];
    const placed = mesh.geometries;
    for (let g = 0; g < placed.size(); g++) {
      const pg = placed.get(g);
      const geometry = api.GetGeometry(modelID, pg.geometryExpressID);
      try {
        const verts = api.GetVertexArray(geometry.GetVertexData(), geometry.GetVertexDataSize());
        const index = api.GetIndexArray(geometry.GetIndexData(), geometry.GetIndexDataSize());
        const n = verts.length / FLOATS_PER_VERTEX;
        if (n === 0 || index.length < 3) continue;
        const f = pg.flatTransformation;
        const positions = new Float64Array(3 * n);
        const normals = new Float32Array(3 * n);
        for (let v = 0; v < n; v++) {
          const k = FLOATS_PER_VERTEX * v;
          const vx = verts[k], vy = verts[k + 1], vz = verts[k + 2];
          positions[3 * v] = f[0] * vx + f[4] * vy + f[8] * vz + f[12];
          positions[3 * v + 1] = -(f[2] * vx + f[6] * vy + f[10] * vz + f[14]);
          positions[3 * v + 2] = f[1] * vx + f[5] * vy + f[9] * vz + f[13];
          // Normals through the linear part only (placements are rotations times the unit scale), renormalised.
          const nx = verts[k + 3], ny = verts[k + 4], nz = verts[k + 5];
          const ex = f[0] * nx + f[4] * ny + f[8] * nz;
          const ey = -(f[2] * nx + f[6] * ny + f[10] * nz);
          const ez = f[1] * nx + f[5] * ny + f[9] * nz;
          const len = Math.hypot(ex, ey, ez) || 1;
          normals[3 * v] = ex / len;
          normals[3 * v + 1] = ey / len;
          normals[3 * v + 2] = ez / len;
        }
        const c = pg.color;
        pieces.push({ color: [c.x, c.y, c.z, c.w], positions, normals, indices: Uint32Array.from(index) });
        stats.geometries++;
        stats.vertices += n;
        stats.triangles += Math.floor(index.length / 3);
      } finally {
        geometry.delete();
      }
    }
    stats.meshes++;
    if (pieces.length) elements.push({ expressID: mesh.expressID, pieces });
  });
  return { elements, stats };
}

/** Axis-aligned bounds of an element's pieces in engineering metres: [minX, minY, minZ, maxX, maxY, maxZ]. */
export function elementBounds(element: ElementGeometry): [number, number, number, number, number, number] {
  const b: [number, number, number, number, number, number] = [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity];
  for (const piece of element.pieces) {
    const p = piece.positions;
    for (let i = 0; i < p.length; i += 3) {
      for (let c = 0; c < 3; c++) {
        if (p[i + c] < b[c]) b[c] = p[i + c];
        if (p[i + c] > b[c + 3]) b[c + 3] = p[i + c];
      }
    }
  }
  return b;
}
