import { parse } from '@loaders.gl/core';
import { QuantizedMeshLoader } from '@loaders.gl/terrain';
import { describe, expect, it } from 'vitest';
import { encodeQuantizedMesh } from './quantized-mesh.ts';
import { RtinTree } from './rtin.ts';
import { tileRect } from './geographic-tiling.ts';

/** Decode the raw fields straight from the spec's layout, independently of the encoder. */
function decodeRaw(bytes: Uint8Array) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = dv.getUint32(88, true);
  const read = (k: number) => {
    const out = new Uint16Array(n);
    let v = 0;
    for (let i = 0; i < n; i++) {
      const z = dv.getUint16(92 + 2 * (k * n + i), true);
      v += (z >> 1) ^ -(z & 1);
      out[i] = v;
    }
    return out;
  };
  let o = 92 + 6 * n;
  if (o % 2) o++;
  const triCount = dv.getUint32(o, true);
  o += 4;
  const idx = new Uint32Array(3 * triCount);
  let highest = 0;
  for (let t = 0; t < idx.length; t++) {
    const code = dv.getUint16(o + 2 * t, true);
    idx[t] = highest - code;
    if (code === 0) highest++;
  }
  o += 2 * idx.length;
  const edges: number[] = [];
  for (let e = 0; e < 4; e++) {
    const count = dv.getUint32(o, true);
    edges.push(count);
    o += 4 + 2 * count;
  }
  const extension = o < bytes.byteLength ? { id: dv.getUint8(o), length: dv.getUint32(o + 1, true), end: o + 5 + dv.getUint32(o + 1, true) } : undefined;
  return { n, u: read(0), v: read(1), h: read(2), minH: dv.getFloat32(24, true), maxH: dv.getFloat32(28, true), idx, edges, extension };
}

describe('encodeQuantizedMesh', () => {
  const size = 17;
  const tree = new RtinTree(size);
  const heights = new Float64Array(size * size).map((_, k) => 180 + 20 * Math.sin((k % size) / 3) + 0.5 * Math.floor(k / size));
  const mesh = tree.mesh(tree.errors(heights), 0.1);
  const nv = mesh.vertices.length / 2;
  const u = new Float64Array(nv), v = new Float64Array(nv), h = new Float64Array(nv);
  for (let i = 0; i < nv; i++) {
    const gx = mesh.vertices[2 * i], gy = mesh.vertices[2 * i + 1];
    u[i] = gx / (size - 1);
    v[i] = 1 - gy / (size - 1); // grid row 0 is the north edge
    h[i] = heights[gy * size + gx];
  }
  const rect = tileRect({ z: 14, x: 27036, y: 11650 });
  const bytes = encodeQuantizedMesh({ rect, u, v, height: h, triangles: mesh.triangles, normals: true });

  it('round-trips vertices, heights and triangles through the spec layout', () => {
    const d = decodeRaw(bytes);
    expect(d.n).toBe(nv);
    expect(d.idx.length).toBe(mesh.triangles.length);
    expect(d.minH).toBeCloseTo(Math.min(...h), 3);
    expect(d.maxH).toBeCloseTo(Math.max(...h), 3);
    // Every decoded vertex is one of the input vertices (order may change).
    const key = (a: number, b: number) => `${a},${b}`;
    const input = new Map<string, number>();
    for (let i = 0; i < nv; i++) input.set(key(Math.round(u[i] * 32767), Math.round(v[i] * 32767)), h[i]);
    for (let i = 0; i < d.n; i++) {
      const hi = input.get(key(d.u[i], d.v[i]));
      expect(hi).toBeDefined();
      expect(Math.abs(d.minH + (d.h[i] / 32767) * (d.maxH - d.minH) - hi!)).toBeLessThan(0.002);
    }
    // Edge lists: west, south, east, north each hold the vertices on that side.
    const count = (a: Uint16Array, x: number) => Array.from(a).filter((q) => q === x).length;
    expect(d.edges).toEqual([count(d.u, 0), count(d.v, 0), count(d.u, 32767), count(d.v, 32767)]);
    expect(d.edges.every((e) => e >= 2)).toBe(true);
    expect(d.extension).toEqual({ id: 1, length: 2 * d.n, end: bytes.byteLength });
    // Counter-clockwise in (u, v).
    for (let t = 0; t < d.idx.length; t += 3) {
      const [a, b, c] = [d.idx[t], d.idx[t + 1], d.idx[t + 2]];
      expect((d.u[b] - d.u[a]) * (d.v[c] - d.v[a]) - (d.v[b] - d.v[a]) * (d.u[c] - d.u[a])).toBeGreaterThan(0);
    }
  });

  it('is read by loaders.gl QuantizedMeshLoader with edges and the normals extension', async () => {
    const tile = await parse(bytes.slice().buffer, QuantizedMeshLoader, { 'quantized-mesh': { bounds: [rect.west, rect.south, rect.east, rect.north] } } as never) as unknown as {
      indices: { value: Uint32Array }; attributes: { POSITION: { value: Float32Array } };
    };
    const pos = tile.attributes.POSITION.value;
    expect(pos.length / 3).toBe(nv);
    expect(tile.indices.value.length).toBe(mesh.triangles.length);
    for (let i = 0; i < pos.length; i += 3) {
      expect(pos[i]).toBeGreaterThanOrEqual(rect.west - 1e-4);
      expect(pos[i]).toBeLessThanOrEqual(rect.east + 1e-4);
      expect(pos[i + 1]).toBeGreaterThanOrEqual(rect.south - 1e-4);
      expect(pos[i + 1]).toBeLessThanOrEqual(rect.north + 1e-4);
    }
    let zmin = Infinity, zmax = -Infinity;
    for (let i = 2; i < pos.length; i += 3) { zmin = Math.min(zmin, pos[i]); zmax = Math.max(zmax, pos[i]); }
    expect(zmin).toBeCloseTo(Math.min(...h), 2);
    expect(zmax).toBeCloseTo(Math.max(...h), 2);
  });
});

describe('horizon occlusion point', () => {
  const hop = (bytes: Uint8Array) => {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return [64, 72, 80].map((o) => dv.getFloat64(o, true));
  };
  const flat = (z: number, x: number, y: number) => encodeQuantizedMesh({
    rect: tileRect({ z, x, y }), u: Float64Array.of(0, 1, 1, 0), v: Float64Array.of(0, 0, 1, 1), height: Float64Array.of(0, 0, 10, 10), triangles: Uint32Array.of(0, 1, 2, 0, 2, 3),
  });

  it('is never the Earth centre, even for hemisphere-sized level-0 tiles', () => {
    for (const [z, x, y] of [[0, 0, 0], [0, 1, 0], [1, 3, 1], [14, 27036, 11650]]) {
      const p = hop(flat(z, x, y));
      expect(Math.hypot(p[0], p[1], p[2]), `${z}/${x}/${y}`).toBeGreaterThan(1);
      expect(p.every(Number.isFinite)).toBe(true);
    }
  });

  it('lies just above the surface for a small tile (scaled-space magnitude slightly over 1)', () => {
    const p = hop(flat(14, 27036, 11650));
    expect(Math.hypot(p[0], p[1], p[2])).toBeLessThan(1.001);
  });
});
