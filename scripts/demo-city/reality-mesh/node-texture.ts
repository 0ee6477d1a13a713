/**
 * Texture of one mesh node: the orthophoto cropped to the node's rectangle (sampled from a 2×
 * box-filtered pyramid so coarse levels do not alias), with a facade band along the bottom rows
 * that building walls map to. Square, power of two, row 0 = north; encoded as JPEG.
 *
 * Texture coordinates follow OpenSceneGraph: t = 0 is the bottom row of the image. The ortho part
 * spans t ∈ [FACADE_BAND, 1] (south → north), the facade band t ∈ [0, FACADE_BAND].
 */
import { encodeJpeg } from './jpeg-encoder.ts';

export interface Ortho { width: number; height: number; rgb: Uint8Array }
export interface Rect { x0: number; y0: number; x1: number; y1: number }

/** Fraction of the texture height given to the facade band. */
export const FACADE_BAND = 1 / 8;
/** Number of facade colour slots across the band. */
export const FACADE_SLOTS = 8;

// Plaster, concrete and brick tones typical of small Chinese towns (sRGB).
const FACADE_COLOURS: Array<[number, number, number]> = [
  [214, 210, 200], [196, 190, 178], [232, 228, 220], [222, 206, 176],
  [168, 120, 100], [176, 184, 190], [226, 218, 196], [188, 170, 148],
];

/** The ortho as a pyramid of RGB levels, each half the size of the previous (box filter). */
export interface OrthoPyramid { levels: Ortho[]; west: number; north: number; widthM: number; heightM: number }

export function buildOrthoPyramid(ortho: Ortho, extent: { west: number; north: number; widthM: number; heightM: number }, minSize = 16): OrthoPyramid {
  const levels: Ortho[] = [ortho];
  let cur = ortho;
  while (cur.width >= minSize * 2 && cur.height >= minSize * 2) {
    const w = cur.width >> 1;
    const h = cur.height >> 1;
    const rgb = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const a = ((2 * y) * cur.width + 2 * x) * 3;
        const b = a + cur.width * 3;
        for (let c = 0; c < 3; c++) rgb[(y * w + x) * 3 + c] = (cur.rgb[a + c] + cur.rgb[a + 3 + c] + cur.rgb[b + c] + cur.rgb[b + 3 + c] + 2) >> 2;
      }
    }
    cur = { width: w, height: h, rgb };
    levels.push(cur);
  }
  return { levels, ...extent };
}

/** Metres per ortho pixel (level 0). */
export function orthoResolution(p: OrthoPyramid): number {
  return Math.max(p.widthM / p.levels[0].width, p.heightM / p.levels[0].height);
}

/** RGB pixels (size × size) for `rect`: ortho crop above, facade band below. */
export function nodeTexturePixels(p: OrthoPyramid, rect: Rect, size: number): Uint8Array {
  const out = new Uint8Array(size * size * 3);
  const band = Math.max(2, Math.round(size * FACADE_BAND));
  const orthoRows = size - band;
  const targetRes = Math.max((rect.x1 - rect.x0) / size, (rect.y1 - rect.y0) / orthoRows);
  let li = 0;
  while (li + 1 < p.levels.length && orthoResolution(p) * 2 ** (li + 1) <= targetRes) li++;
  const lv = p.levels[li];
  const sx = lv.width / p.widthM;
  const sy = lv.height / p.heightM;
  for (let r = 0; r < orthoRows; r++) {
    const y = rect.y1 - ((r + 0.5) / orthoRows) * (rect.y1 - rect.y0);
    const fy = Math.min(lv.height - 1, Math.max(0, (p.north - y) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(lv.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let c = 0; c < size; c++) {
      const x = rect.x0 + ((c + 0.5) / size) * (rect.x1 - rect.x0);
      const fx = Math.min(lv.width - 1, Math.max(0, (x - p.west) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(lv.width - 1, x0 + 1);
      const wx = fx - x0;
      const o = (r * size + c) * 3;
      for (let k = 0; k < 3; k++) {
        const top = lv.rgb[(y0 * lv.width + x0) * 3 + k] * (1 - wx) + lv.rgb[(y0 * lv.width + x1) * 3 + k] * wx;
        const bottom = lv.rgb[(y1 * lv.width + x0) * 3 + k] * (1 - wx) + lv.rgb[(y1 * lv.width + x1) * 3 + k] * wx;
        out[o + k] = Math.round(top * (1 - wy) + bottom * wy);
      }
    }
  }
  // Facade band: a colour per slot, window rows darker, ground floor a little darker still.
  const slotWidth = size / FACADE_SLOTS;
  for (let r = 0; r < band; r++) {
    const fromTop = r / band;
    for (let c = 0; c < size; c++) {
      const slot = Math.min(FACADE_SLOTS - 1, Math.floor(c / slotWidth));
      const inSlot = (c - slot * slotWidth) / slotWidth;
      const window = Math.floor(inSlot * 12) % 3 === 1 && Math.floor(fromTop * 8) % 2 === 1;
      const shade = (window ? 0.55 : 1) * (fromTop > 0.85 ? 0.8 : 1);
      const o = ((orthoRows + r) * size + c) * 3;
      for (let k = 0; k < 3; k++) out[o + k] = Math.round(FACADE_COLOURS[slot][k] * shade);
    }
  }
  return out;
}

/** t coordinate (OSG convention, 0 = bottom row) where the ortho part of a `size` texture starts. */
export function orthoBandStart(size: number): number {
  return Math.max(2, Math.round(size * FACADE_BAND)) / size;
}

export function encodeNodeTexture(p: OrthoPyramid, rect: Rect, size: number, quality = 80): Uint8Array {
  return encodeJpeg(nodeTexturePixels(p, rect, size), size, size, 3, { quality });
}
