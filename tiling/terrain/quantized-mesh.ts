/**
 * Cesium quantized-mesh-1.0 terrain tiles (https://github.com/CesiumGS/quantized-mesh):
 * an 88-byte header (tile centre, height range, bounding sphere, horizon occlusion point),
 * zig-zag delta-encoded u, v, height (0–32767), high-water-mark encoded triangle indices, the
 * edge vertex lists Cesium hangs its skirts from, and the oct-encoded vertex normals extension.
 * Heights are ellipsoidal metres (WGS 84 / CGCS2000 ellipsoid); little-endian throughout.
 */
import { WGS84_ELLIPSOID, geodeticToEcef } from '../../cim-model/index.ts';
import type { LonLatRect } from './geographic-tiling.ts';

export interface QuantizedMeshInput {
  rect: LonLatRect;
  /** Per vertex: position across the tile, 0 (west) … 1 (east) and 0 (south) … 1 (north). */
  u: Float64Array;
  v: Float64Array;
  /** Per vertex: ellipsoidal height, m. */
  height: Float64Array;
  /** Triangles in any vertex order and winding (made counter-clockwise and renumbered here). */
  triangles: Uint32Array;
  /** Include the oct-encoded vertex normals extension (id 1). */
  normals?: boolean;
}

const MAX = 32767;
const A = WGS84_ELLIPSOID.a, B = WGS84_ELLIPSOID.a * (1 - WGS84_ELLIPSOID.f);

const zigzag = (n: number) => ((n << 1) ^ (n >> 31)) & 0xffff;

/**
 * The horizon occlusion point in ellipsoid-scaled space (Cesium's
 * EllipsoidalOccluder.computeHorizonCullingPointFromVertices): any point of the tile is below
 * the horizon whenever this point is.
 */
function horizonOcclusionPoint(ecef: Float64Array, cx: number, cy: number, cz: number): [number, number, number] | undefined {
  let dx = cx / A, dy = cy / A, dz = cz / B;
  const dl = Math.hypot(dx, dy, dz);
  dx /= dl; dy /= dl; dz /= dl;
  let best = 0;
  for (let i = 0; i < ecef.length; i += 3) {
    const px = ecef[i] / A, py = ecef[i + 1] / A, pz = ecef[i + 2] / B;
    const m2 = Math.max(1, px * px + py * py + pz * pz);
    const m = Math.sqrt(m2);
    const l = Math.hypot(px, py, pz);
    const ux = px / l, uy = py / l, uz = pz / l;
    const cosAlpha = ux * dx + uy * dy + uz * dz;
    const sinAlpha = Math.hypot(uy * dz - uz * dy, uz * dx - ux * dz, ux * dy - uy * dx);
    const cosBeta = 1 / m;
    const sinBeta = Math.sqrt(m2 - 1) * cosBeta;
    const r = 1 / (cosAlpha * cosBeta - sinAlpha * sinBeta);
    // A vertex 90° or more from the tile's direction (tiles of the first levels span a hemisphere)
    // has no finite point: then no occlusion point exists.
    if (!(r > 0) || !Number.isFinite(r)) return undefined;
    if (r > best) best = r;
  }
  return [dx * best, dy * best, dz * best];
}

/** A point 1000 ellipsoid radii out along the direction of (x, y, z), in ellipsoid-scaled space. */
function farPointOver(x: number, y: number, z: number): [number, number, number] {
  const sx = x / A, sy = y / A, sz = z / B;
  const l = Math.hypot(sx, sy, sz) || 1;
  return [(1000 * sx) / l, (1000 * sy) / l, (1000 * sz) / l];
}

/** Oct-encode a unit vector into two bytes (Cesium AttributeCompression.octEncode, range 255). */
function octEncode(x: number, y: number, z: number, out: Uint8Array, o: number): void {
  const s = Math.abs(x) + Math.abs(y) + Math.abs(z) || 1;
  let px = x / s, py = y / s;
  if (z < 0) {
    const ox = px, oy = py;
    px = (1 - Math.abs(oy)) * (ox >= 0 ? 1 : -1);
    py = (1 - Math.abs(ox)) * (oy >= 0 ? 1 : -1);
  }
  out[o] = Math.round((Math.max(-1, Math.min(1, px)) * 0.5 + 0.5) * 255);
  out[o + 1] = Math.round((Math.max(-1, Math.min(1, py)) * 0.5 + 0.5) * 255);
}

export function encodeQuantizedMesh(input: QuantizedMeshInput): Uint8Array {
  const { rect, u, v, height, triangles } = input;
  const n = u.length;
  let hmin = Infinity, hmax = -Infinity;
  for (let i = 0; i < n; i++) {
    if (height[i] < hmin) hmin = height[i];
    if (height[i] > hmax) hmax = height[i];
  }
  if (hmax - hmin < 1e-3) hmax = hmin + 1e-3;
  // Quantize first, then place the quantized vertices, so the header describes what Cesium decodes.
  const qu = new Uint16Array(n), qv = new Uint16Array(n), qh = new Uint16Array(n);
  const ecef = new Float64Array(3 * n);
  const g = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    qu[i] = Math.round(Math.min(1, Math.max(0, u[i])) * MAX);
    qv[i] = Math.round(Math.min(1, Math.max(0, v[i])) * MAX);
    qh[i] = Math.round(((height[i] - hmin) / (hmax - hmin)) * MAX);
    const lon = rect.west + (qu[i] / MAX) * (rect.east - rect.west);
    const lat = rect.south + (qv[i] / MAX) * (rect.north - rect.south);
    geodeticToEcef(lon, lat, hmin + (qh[i] / MAX) * (hmax - hmin), WGS84_ELLIPSOID, g);
    ecef[3 * i] = g[0]; ecef[3 * i + 1] = g[1]; ecef[3 * i + 2] = g[2];
  }
  const c = geodeticToEcef((rect.west + rect.east) / 2, (rect.south + rect.north) / 2, (hmin + hmax) / 2, WGS84_ELLIPSOID);
  let radius = 0;
  for (let i = 0; i < ecef.length; i += 3) radius = Math.max(radius, Math.hypot(ecef[i] - c[0], ecef[i + 1] - c[1], ecef[i + 2] - c[2]));
  // Without a finite occlusion point (hemisphere-sized tiles) use a point far out over the tile:
  // never behind the horizon for a camera on the tile's side. (0, 0, 0) — the Earth's centre —
  // would be, and Cesium would cull the tile from everywhere.
  const hop = horizonOcclusionPoint(ecef, c[0], c[1], c[2]) ?? farPointOver(c[0], c[1], c[2]);

  // Counter-clockwise in (u, v).
  const tri = Uint32Array.from(triangles);
  for (let t = 0; t < tri.length; t += 3) {
    const a = tri[t], b = tri[t + 1], d = tri[t + 2];
    if ((qu[b] - qu[a]) * (qv[d] - qv[a]) - (qv[b] - qv[a]) * (qu[d] - qu[a]) < 0) {
      tri[t + 1] = d;
      tri[t + 2] = b;
    }
  }
  // Renumber vertices in order of first use, as the high-water-mark index encoding needs.
  {
    const { order, triangles: renumbered } = orderForHighWaterMark(n, tri);
    tri.set(renumbered);
    const pu = qu.slice(), pv = qv.slice(), ph = qh.slice(), pe = ecef.slice();
    for (let i = 0; i < n; i++) {
      const k = order[i];
      qu[i] = pu[k]; qv[i] = pv[k]; qh[i] = ph[k];
      ecef[3 * i] = pe[3 * k]; ecef[3 * i + 1] = pe[3 * k + 1]; ecef[3 * i + 2] = pe[3 * k + 2];
    }
  }
  const edges = { west: [] as number[], south: [] as number[], east: [] as number[], north: [] as number[] };
  for (let i = 0; i < n; i++) {
    if (qu[i] === 0) edges.west.push(i);
    if (qu[i] === MAX) edges.east.push(i);
    if (qv[i] === 0) edges.south.push(i);
    if (qv[i] === MAX) edges.north.push(i);
  }
  const wide = n > 65536;
  const isz = wide ? 4 : 2;
  const vertexBytes = 4 + 6 * n;
  // 32-bit indices start on a 4-byte boundary (quantized-mesh spec, "IndexData").
  const pad = wide ? (4 - ((88 + vertexBytes) % 4)) % 4 : (88 + vertexBytes) % 2;
  const edgeCount = edges.west.length + edges.south.length + edges.east.length + edges.north.length;
  const normalsBytes = input.normals ? 1 + 4 + 2 * n : 0;
  const size = 88 + vertexBytes + pad + 4 + isz * tri.length + 16 + isz * edgeCount + normalsBytes;
  const buf = new ArrayBuffer(size);
  const dv = new DataView(buf);
  let o = 0;
  const f64 = (x: number) => { dv.setFloat64(o, x, true); o += 8; };
  f64(c[0]); f64(c[1]); f64(c[2]);
  dv.setFloat32(o, hmin, true); dv.setFloat32(o + 4, hmax, true); o += 8;
  f64(c[0]); f64(c[1]); f64(c[2]); f64(radius);
  f64(hop[0]); f64(hop[1]); f64(hop[2]);
  dv.setUint32(o, n, true); o += 4;
  for (const q of [qu, qv, qh]) {
    let prev = 0;
    for (let i = 0; i < n; i++) {
      dv.setUint16(o, zigzag(q[i] - prev), true);
      prev = q[i];
      o += 2;
    }
  }
  o += pad;
  dv.setUint32(o, tri.length / 3, true); o += 4;
  let highest = 0;
  for (let t = 0; t < tri.length; t++) {
    const code = highest - tri[t];
    if (code < 0) throw new RangeError('triangle indices must first appear in increasing order (high-water mark)');
    if (wide) dv.setUint32(o, code, true); else dv.setUint16(o, code, true);
    o += isz;
    if (code === 0) highest++;
  }
  for (const list of [edges.west, edges.south, edges.east, edges.north]) {
    dv.setUint32(o, list.length, true); o += 4;
    for (const i of list) {
      if (wide) dv.setUint32(o, i, true); else dv.setUint16(o, i, true);
      o += isz;
    }
  }
  if (input.normals) {
    const nrm = new Float64Array(3 * n);
    for (let t = 0; t < tri.length; t += 3) {
      const [a, b, d] = [3 * tri[t], 3 * tri[t + 1], 3 * tri[t + 2]];
      const e1 = [ecef[b] - ecef[a], ecef[b + 1] - ecef[a + 1], ecef[b + 2] - ecef[a + 2]];
      const e2 = [ecef[d] - ecef[a], ecef[d + 1] - ecef[a + 1], ecef[d + 2] - ecef[a + 2]];
      const cx = e1[1] * e2[2] - e1[2] * e2[1], cy = e1[2] * e2[0] - e1[0] * e2[2], cz = e1[0] * e2[1] - e1[1] * e2[0];
      for (const k of [a, b, d]) { nrm[k] += cx; nrm[k + 1] += cy; nrm[k + 2] += cz; }
    }
    dv.setUint8(o, 1); o += 1;
    dv.setUint32(o, 2 * n, true); o += 4;
    const bytes = new Uint8Array(buf);
    for (let i = 0; i < n; i++) {
      const l = Math.hypot(nrm[3 * i], nrm[3 * i + 1], nrm[3 * i + 2]) || 1;
      octEncode(nrm[3 * i] / l, nrm[3 * i + 1] / l, nrm[3 * i + 2] / l, bytes, o + 2 * i);
    }
    o += 2 * n;
  }
  return new Uint8Array(buf, 0, o);
}

/**
 * Reorder vertices so that each first appears in triangle order, as the high-water-mark index
 * encoding requires; returns the permutation applied (new → old) and the remapped triangles.
 */
export function orderForHighWaterMark(vertexCount: number, triangles: Uint32Array): { order: Uint32Array; triangles: Uint32Array } {
  const newIndex = new Int32Array(vertexCount).fill(-1);
  const order = new Uint32Array(vertexCount);
  let next = 0;
  const out = new Uint32Array(triangles.length);
  for (let t = 0; t < triangles.length; t++) {
    const old = triangles[t];
    if (newIndex[old] < 0) {
      newIndex[old] = next;
      order[next++] = old;
    }
    out[t] = newIndex[old];
  }
  // Vertices no triangle uses go last (they still carry edge information).
  for (let i = 0; i < vertexCount; i++) if (newIndex[i] < 0) order[next++] = i;
  return { order, triangles: out };
}
