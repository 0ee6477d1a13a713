import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { encodeJpeg } from './jpeg-encoder.ts';

function psnr(a: Uint8Array, aStride: number, b: Uint8Array, bStride: number, n: number): number {
  let se = 0;
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) { const e = a[i * aStride + c] - b[i * bStride + c]; se += e * e; }
  return 10 * Math.log10((255 * 255) / (se / (n * 3) || 1e-9));
}

describe('encodeJpeg', () => {
  it('round-trips through the jpeg-js decoder with high fidelity, odd sizes included', () => {
    for (const [w, h] of [[64, 64], [37, 21], [8, 8], [1, 1]]) {
      const rgb = new Uint8Array(w * h * 3);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
        const o = (y * w + x) * 3;
        rgb[o] = (x * 5) & 255; rgb[o + 1] = (y * 7) & 255; rgb[o + 2] = Math.round(128 + 90 * Math.sin(x / 5 + y / 3));
      }
      const bytes = encodeJpeg(rgb, w, h, 3, { quality: 90 });
      expect([bytes[0], bytes[1], bytes[bytes.length - 2], bytes[bytes.length - 1]]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
      const decoded = jpeg.decode(bytes, { useTArray: true });
      expect([decoded.width, decoded.height]).toEqual([w, h]);
      expect(psnr(rgb, 3, decoded.data, 4, w * h)).toBeGreaterThan(35);
    }
  });

  it('accepts RGBA input and shrinks with lower quality', () => {
    const w = 32, h = 32;
    const rgba = new Uint8Array(w * h * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 13) & 255));
    const hi = encodeJpeg(rgba, w, h, 4, { quality: 95 });
    const lo = encodeJpeg(rgba, w, h, 4, { quality: 30 });
    expect(lo.length).toBeLessThan(hi.length);
    expect(jpeg.decode(lo).width).toBe(32);
  });
});
