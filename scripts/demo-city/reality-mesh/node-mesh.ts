/**
 * The mesh of one reality-mesh node: a regular ground grid sampled from the DEM at `step` metres
 * with the buildings whose centroid lies in the node merged in as prisms (walls + ear-clipped
 * roof). Coordinates are written relative to the SRS origin (easting, northing, orthometric
 * height, metres), as ContextCapture does; texture coordinates address the node texture of
 * node-texture.ts (ortho for ground and roofs, facade band for walls).
 */
import { FACADE_SLOTS, orthoBandStart } from './node-texture.ts';
import type { Rect } from './node-texture.ts';
import { normalizeRing, triangulateRing } from './triangulate-ring.ts';

/** DEM on cell centres: row 0 = north edge, centre of cell (i, j) at west+(i+0.5)·cs, north−(j+0.5)·cs. */
export interface Dem { nx: number; ny: number; cellSize: number; west: number; north: number; heights: Float32Array }

export interface PreparedBuilding {
  /** Counter-clockwise footprint without closing vertex (easting, northing). */
  ring: Array<[number, number]>;
  /** Roof triangles as ring indices. */
  roof: number[];
  /** Wall bottom and roof height, orthometric metres. */
  bottom: number;
  top: number;
  cx: number;
  cy: number;
  /** Facade colour slot. */
  slot: number;
  /** Cumulative edge length at each ring vertex (for wrapping the facade texture), and the total. */
  along: number[];
  perimeter: number;
}

export interface NodeMesh {
  positions: Float32Array;
  texcoords: Float32Array;
  indices: Uint16Array | Uint32Array;
  /** Bounding box in origin-relative metres. */
  min: [number, number, number];
  max: [number, number, number];
}

/** Bilinear height at (easting, northing), clamped to the DEM's cell centres. */
export function sampleDem(dem: Dem, x: number, y: number): number {
  const fx = Math.min(dem.nx - 1, Math.max(0, (x - dem.west) / dem.cellSize - 0.5));
  const fy = Math.min(dem.ny - 1, Math.max(0, (dem.north - y) / dem.cellSize - 0.5));
  const i0 = Math.floor(fx);
  const j0 = Math.floor(fy);
  const i1 = Math.min(dem.nx - 1, i0 + 1);
  const j1 = Math.min(dem.ny - 1, j0 + 1);
  const wx = fx - i0;
  const wy = fy - j0;
  const h = dem.heights;
  const top = h[i0 + j0 * dem.nx] * (1 - wx) + h[i1 + j0 * dem.nx] * wx;
  const bottom = h[i0 + j1 * dem.nx] * (1 - wx) + h[i1 + j1 * dem.nx] * wx;
  return top * (1 - wy) + bottom * wy;
}

/** Walls start this far below the footprint's base so they meet sloping ground. */
const WALL_SINK = 0.3;

export function prepareBuildings(buildings: ReadonlyArray<{ ring: ReadonlyArray<readonly [number, number]>; base: number; height: number }>): PreparedBuilding[] {
  const out: PreparedBuilding[] = [];
  buildings.forEach((b, index) => {
    const ring = normalizeRing(b.ring);
    if (ring.length < 3 || !(b.height > 0)) return;
    const roof = triangulateRing(ring);
    let cx = 0;
    let cy = 0;
    for (const p of ring) { cx += p[0]; cy += p[1]; }
    const along: number[] = [0];
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i];
      const c = ring[(i + 1) % ring.length];
      along.push(along[i] + Math.hypot(c[0] - a[0], c[1] - a[1]));
    }
    out.push({
      ring, roof, bottom: b.base - WALL_SINK, top: b.base + b.height, cx: cx / ring.length, cy: cy / ring.length,
      slot: (index * 2654435761) % FACADE_SLOTS >>> 0, along, perimeter: along[ring.length] || 1,
    });
  });
  return out;
}

export function buildNodeMesh(dem: Dem, rect: Rect, step: number, buildings: readonly PreparedBuilding[], origin: readonly [number, number, number], textureSize: number): NodeMesh {
  const w = rect.x1 - rect.x0;
  const h = rect.y1 - rect.y0;
  const gx = Math.max(1, Math.ceil(w / step - 1e-9));
  const gy = Math.max(1, Math.ceil(h / step - 1e-9));
  // Count first, then fill exactly-sized arrays.
  let vertexCount = (gx + 1) * (gy + 1);
  let indexCount = gx * gy * 6;
  for (const b of buildings) {
    vertexCount += b.ring.length * 4 + b.ring.length;
    indexCount += b.ring.length * 6 + b.roof.length;
  }
  const positions = new Float32Array(vertexCount * 3);
  const texcoords = new Float32Array(vertexCount * 2);
  const indices = vertexCount > 65535 ? new Uint32Array(indexCount) : new Uint16Array(indexCount);
  const [ox, oy, oz] = origin;
  const tBand = orthoBandStart(textureSize);
  const half = 0.5 / textureSize;
  const u = (x: number) => Math.min(1 - half, Math.max(half, (x - rect.x0) / w));
  const t = (y: number) => Math.min(1 - half, Math.max(tBand + half, tBand + ((y - rect.y0) / h) * (1 - tBand)));
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  let v = 0;
  let k = 0;
  const vertex = (x: number, y: number, z: number, s: number, tt: number) => {
    const px = x - ox, py = y - oy, pz = z - oz;
    positions[v * 3] = px; positions[v * 3 + 1] = py; positions[v * 3 + 2] = pz;
    texcoords[v * 2] = s; texcoords[v * 2 + 1] = tt;
    if (px < min[0]) min[0] = px; if (px > max[0]) max[0] = px;
    if (py < min[1]) min[1] = py; if (py > max[1]) max[1] = py;
    if (pz < min[2]) min[2] = pz; if (pz > max[2]) max[2] = pz;
    return v++;
  };
  // Ground grid, row-major from the south-west corner; quads split into two CCW triangles.
  for (let j = 0; j <= gy; j++) {
    const y = rect.y0 + (h * j) / gy;
    for (let i = 0; i <= gx; i++) {
      const x = rect.x0 + (w * i) / gx;
      vertex(x, y, sampleDem(dem, x, y), u(x), t(y));
    }
  }
  for (let j = 0; j < gy; j++) {
    for (let i = 0; i < gx; i++) {
      const a = i + j * (gx + 1);
      const b = a + 1;
      const c = a + gx + 2;
      const d = a + gx + 1;
      indices[k++] = a; indices[k++] = b; indices[k++] = c;
      indices[k++] = a; indices[k++] = c; indices[k++] = d;
    }
  }
  // Buildings: walls to the facade band, roof to the ortho.
  const wallT0 = half;
  const wallT1 = tBand - half;
  for (const b of buildings) {
    const n = b.ring.length;
    const slot0 = b.slot / FACADE_SLOTS;
    const slotW = 1 / FACADE_SLOTS;
    for (let i = 0; i < n; i++) {
      const [ax, ay] = b.ring[i];
      const [bx, by] = b.ring[(i + 1) % n];
      const sa = slot0 + slotW * (0.1 + (0.8 * b.along[i]) / b.perimeter);
      const sb = slot0 + slotW * (0.1 + (0.8 * b.along[i + 1]) / b.perimeter);
      const a0 = vertex(ax, ay, b.bottom, sa, wallT0);
      const b0 = vertex(bx, by, b.bottom, sb, wallT0);
      const b1 = vertex(bx, by, b.top, sb, wallT1);
      const a1 = vertex(ax, ay, b.top, sa, wallT1);
      indices[k++] = a0; indices[k++] = b0; indices[k++] = b1;
      indices[k++] = a0; indices[k++] = b1; indices[k++] = a1;
    }
    const first = v;
    for (const [x, y] of b.ring) vertex(x, y, b.top, u(x), t(y));
    for (const r of b.roof) indices[k++] = first + r;
  }
  return { positions, texcoords, indices, min, max };
}
