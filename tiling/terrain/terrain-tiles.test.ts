import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { transformPoint } from '../../cim-model/index.ts';
import { tileRect } from './geographic-tiling.ts';
import { writeImageryTiles } from './imagery-tiles.ts';
import { writeTerrainTiles, type HeightGrid } from './terrain-tiles.ts';

// A 400 m × 300 m DEM at 2 m near Hechuan in EPSG:4544: a slope plus a 4 m deep pit.
const nx = 200, ny = 150, dx = 2;
const x0 = 622000, y0 = 3320000;
const data = new Float32Array(nx * ny);
for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
  const r = Math.hypot(i - 100, j - 75);
  data[j * nx + i] = 200 + 0.05 * i - (r < 10 ? 4 : 0);
}
const dem: HeightGrid = { nx, ny, dx, dy: dx, x0, y0, data };
const geoid = { kind: 'constant' as const, offset: -40.04 };

function decodeTile(bytes: Uint8Array) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = dv.getUint32(88, true);
  const minH = dv.getFloat32(24, true), maxH = dv.getFloat32(28, true);
  const arr = (k: number) => {
    let v = 0;
    return Array.from({ length: n }, (_, i) => {
      const z = dv.getUint16(92 + 2 * (k * n + i), true);
      v += (z >> 1) ^ -(z & 1);
      return v;
    });
  };
  const [u, w, h] = [arr(0), arr(1), arr(2)];
  return u.map((_, i) => ({ u: u[i] / 32767, v: w[i] / 32767, h: minH + (h[i] / 32767) * (maxH - minH) }));
}

describe('writeTerrainTiles', async () => {
  const files = new Map<string, Uint8Array>();
  const summary = await writeTerrainTiles(dem, (p, b) => void files.set(p, b), { crs: 'EPSG:4544', geoid });
  const layer = JSON.parse(new TextDecoder().decode(files.get('layer.json')));

  it('writes every tile layer.json declares available, and only those', () => {
    const declared: string[] = [];
    layer.available.forEach((ranges: Array<{ startX: number; endX: number; startY: number; endY: number }>, z: number) => {
      for (const r of ranges) for (let x = r.startX; x <= r.endX; x++) for (let y = r.startY; y <= r.endY; y++) declared.push(`${z}/${x}/${y}.terrain`);
    });
    expect(new Set(declared)).toEqual(new Set([...files.keys()].filter((k) => k.endsWith('.terrain'))));
    expect(files.has('0/0/0.terrain') && files.has('0/1/0.terrain')).toBe(true);
    expect(layer.format).toBe('quantized-mesh-1.0');
    expect(summary.maxLevel).toBe(layer.maxzoom);
    expect(summary.maxLevel).toBeGreaterThanOrEqual(16);
  });

  it('reproduces the DEM in ellipsoidal heights within a few centimetres at the deepest level, pit included', () => {
    const z = summary.maxLevel;
    let checked = 0, worst = 0, deepest = Infinity;
    for (const [path, bytes] of files) {
      if (!path.startsWith(`${z}/`)) continue;
      const [, x, y] = path.replace('.terrain', '').split('/').map(Number);
      const rect = tileRect({ z, x, y });
      for (const p of decodeTile(bytes)) {
        const lon = rect.west + p.u * (rect.east - rect.west), lat = rect.south + p.v * (rect.north - rect.south);
        const [e, n] = transformPoint('EPSG:4490', 'EPSG:4544', [lon, lat]);
        const i = (e - x0) / dx - 0.5, j = (y0 - n) / dx - 0.5;
        if (i < 1 || j < 1 || i > nx - 2 || j > ny - 2) continue;
        // The DEM is bilinear between cell centres; compare there.
        const i0 = Math.floor(i), j0 = Math.floor(j), ti = i - i0, tj = j - j0;
        const H = (1 - tj) * ((1 - ti) * data[j0 * nx + i0] + ti * data[j0 * nx + i0 + 1]) + tj * ((1 - ti) * data[(j0 + 1) * nx + i0] + ti * data[(j0 + 1) * nx + i0 + 1]);
        worst = Math.max(worst, Math.abs(p.h - (H - 40.04)));
        deepest = Math.min(deepest, p.h);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(worst).toBeLessThan(0.06);
    expect(deepest).toBeLessThan(200 + 5 - 4 - 40.04 + 0.1);
  });
});

describe('writeImageryTiles', () => {
  it('tiles a photo so that its colours land where they belong', async () => {
    const w = 100, h = 100;
    const rgb = new Uint8Array(w * h * 3);
    for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) rgb.set(i < 50 ? [200, 30, 30] : [30, 30, 200], 3 * (j * w + i));
    const files = new Map<string, Uint8Array>();
    const meta = await writeImageryTiles({ nx: w, ny: h, dx: 4, dy: 4, x0, y0, rgb }, (p, b) => void files.set(p, b), { crs: 'EPSG:4544', levels: 2 });
    expect(meta.tiles).toBe([...files.keys()].filter((k) => k.endsWith('.jpg')).length);
    // Look up the pixel over the photo's west half at the deepest level.
    const [lon, lat] = transformPoint('EPSG:4544', 'EPSG:4490', [x0 + 100, y0 - 200]);
    const z = meta.maxLevel;
    const span = 180 / 2 ** z;
    const x = Math.floor((lon + 180) / span), yS = Math.floor((lat + 90) / span), yN = 2 ** z - 1 - yS;
    const img = jpeg.decode(files.get(`${z}/${x}/${yN}.jpg`)!, { useTArray: true });
    const px = Math.floor(((lon + 180) / span - x) * 256), py = Math.floor((1 - ((lat + 90) / span - yS)) * 256);
    const o = 4 * (py * 256 + px);
    expect(img.data[o]).toBeGreaterThan(150);
    expect(img.data[o + 2]).toBeLessThan(80);
  });
});
