/**
 * A small baseline JPEG encoder (8-bit, 4:4:4 YCbCr, standard Huffman tables) on typed arrays.
 * jpeg-js 0.4.4 rebuilds ~65k-entry lookup tables on every encode() call (~0.1 s each), which
 * would dominate writing hundreds of tile textures; this one keeps its tables between calls.
 * Source: ITU-T T.81 (JPEG) — F.1.1.3 FDCT, Annex C code assignment, Tables K.1/K.2 quantisation,
 * K.3–K.6 Huffman tables; JFIF 1.02 APP0 and YCbCr conversion; IJG quality scaling.
 */

// T.81 Table K.1 / K.2, natural (row-major) order.
const LUMA_Q = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA_Q = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
  ...new Array<number>(32).fill(99),
];

// T.81 Tables K.3–K.6: code counts per length 1..16 and symbols.
const DC_LUMA_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_CHROMA_BITS = [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_LUMA_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
const AC_LUMA_VALUES = [
  0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08,
  0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
  0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59,
  0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
  0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6,
  0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
  0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
];
const AC_CHROMA_BITS = [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77];
const AC_CHROMA_VALUES = [
  0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91,
  0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1, 0x17, 0x18, 0x19, 0x1a, 0x26,
  0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58,
  0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
  0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4,
  0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda,
  0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa,
];

interface HuffmanTable { bits: number[]; values: number[]; code: Uint16Array; size: Uint8Array }

/** Canonical code assignment (T.81 Annex C, Figures C.1–C.3). */
function huffmanTable(bits: number[], values: number[]): HuffmanTable {
  const code = new Uint16Array(256);
  const size = new Uint8Array(256);
  let c = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < bits[len - 1]; i++) { code[values[k]] = c++; size[values[k]] = len; k++; }
    c <<= 1;
  }
  return { bits, values, code, size };
}

const TABLES = {
  dcLuma: huffmanTable(DC_LUMA_BITS, DC_VALUES), acLuma: huffmanTable(AC_LUMA_BITS, AC_LUMA_VALUES),
  dcChroma: huffmanTable(DC_CHROMA_BITS, DC_VALUES), acChroma: huffmanTable(AC_CHROMA_BITS, AC_CHROMA_VALUES),
};

/** ZIGZAG[k] = natural index of the k-th coefficient in zig-zag order (T.81 Figure 5). */
const ZIGZAG = (() => {
  const out = new Uint8Array(64);
  let k = 0;
  for (let s = 0; s < 15; s++) {
    for (let t = 0; t <= s; t++) {
      const i = s % 2 === 0 ? s - t : t; // row
      const j = s - i; // column
      if (i < 8 && j < 8) out[k++] = i * 8 + j;
    }
  }
  return out;
})();

/** 1-D DCT basis: DCT_BASIS[u*8+x] = C(u)/2 · cos((2x+1)uπ/16), so F = B·f·Bᵀ (T.81 A.3.3). */
const DCT_BASIS = (() => {
  const b = new Float64Array(64);
  for (let u = 0; u < 8; u++) for (let x = 0; x < 8; x++) b[u * 8 + x] = (u === 0 ? Math.SQRT1_2 : 1) / 2 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
  return b;
})();

function scaledQuant(base: number[], quality: number): Uint8Array {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? Math.floor(5000 / q) : 200 - q * 2;
  return Uint8Array.from(base, (v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))));
}

class ByteWriter {
  buf: Uint8Array;
  pos = 0;
  private acc = 0;
  private nbits = 0;
  constructor(capacity: number) { this.buf = new Uint8Array(capacity); }
  private grow(n: number) {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
  byte(b: number) { this.grow(1); this.buf[this.pos++] = b; }
  word(w: number) { this.byte((w >> 8) & 255); this.byte(w & 255); }
  bytes(a: ArrayLike<number>) { for (let i = 0; i < a.length; i++) this.byte(a[i]); }
  /** Entropy-coded bits, MSB first, with 0xFF byte stuffing (T.81 F.1.2.3). */
  bits(value: number, length: number) {
    this.acc = (this.acc << length) | (value & ((1 << length) - 1));
    this.nbits += length;
    while (this.nbits >= 8) {
      const b = (this.acc >> (this.nbits - 8)) & 255;
      this.byte(b);
      if (b === 0xff) this.byte(0);
      this.nbits -= 8;
    }
    this.acc &= (1 << this.nbits) - 1;
  }
  flushBits() { if (this.nbits > 0) this.bits(0x7f, 8 - this.nbits); }
}

interface BlockState { w: ByteWriter; coef: Int32Array; tmp: Float64Array; pred: number[] }

/** 2-D FDCT as B·f·Bᵀ (columns, then rows) and quantisation to `s.coef` (natural order). */
function fdctQuantize(s: BlockState, data: Float64Array, q: Uint8Array): void {
  const { tmp, coef } = s;
  for (let u = 0; u < 8; u++) {
    for (let x = 0; x < 8; x++) {
      let acc = 0;
      for (let y = 0; y < 8; y++) acc += DCT_BASIS[u * 8 + y] * data[y * 8 + x];
      tmp[u * 8 + x] = acc;
    }
  }
  for (let u = 0; u < 8; u++) {
    for (let v = 0; v < 8; v++) {
      let acc = 0;
      for (let x = 0; x < 8; x++) acc += tmp[u * 8 + x] * DCT_BASIS[v * 8 + x];
      coef[u * 8 + v] = Math.round(acc / q[u * 8 + v]);
    }
  }
}

/** Size category of a coefficient (T.81 Table F.1/F.2). */
function category(v: number): number {
  return v === 0 ? 0 : 32 - Math.clz32(v < 0 ? -v : v);
}

/** Huffman-codes one block: DC difference, then AC run/size symbols with ZRL and EOB (T.81 F.1.2). */
function emitBlock(s: BlockState, c: number, dc: HuffmanTable, ac: HuffmanTable): void {
  const { w, coef, pred } = s;
  const diff = coef[0] - pred[c];
  pred[c] = coef[0];
  const dn = category(diff);
  w.bits(dc.code[dn], dc.size[dn]);
  if (dn) w.bits(diff < 0 ? diff + (1 << dn) - 1 : diff, dn);
  let run = 0;
  for (let k = 1; k < 64; k++) {
    const v = coef[ZIGZAG[k]];
    if (v === 0) { run++; continue; }
    while (run > 15) { w.bits(ac.code[0xf0], ac.size[0xf0]); run -= 16; }
    const n = category(v);
    const sym = (run << 4) | n;
    w.bits(ac.code[sym], ac.size[sym]);
    w.bits(v < 0 ? v + (1 << n) - 1 : v, n);
    run = 0;
  }
  if (run > 0) w.bits(ac.code[0], ac.size[0]);
}

export interface JpegOptions { quality?: number }
export const JPEG_DEFAULTS = { quality: 80 };

/**
 * Encodes interleaved 8-bit pixels (`channels` 3 = RGB or 4 = RGBA, alpha ignored), row 0 = top,
 * to a baseline JFIF JPEG.
 */
export function encodeJpeg(pixels: Uint8Array, width: number, height: number, channels: 3 | 4 = 3, options: JpegOptions = {}): Uint8Array {
  if (width < 1 || height < 1 || width > 65535 || height > 65535) throw new RangeError(`encodeJpeg: bad size ${width}x${height}`);
  if (pixels.length < width * height * channels) throw new RangeError(`encodeJpeg: ${pixels.length} bytes for ${width}x${height}x${channels}`);
  const quality = options.quality ?? JPEG_DEFAULTS.quality;
  const qY = scaledQuant(LUMA_Q, quality);
  const qC = scaledQuant(CHROMA_Q, quality);
  const w = new ByteWriter(1024 + width * height);
  w.word(0xffd8);
  // APP0 JFIF 1.02, no thumbnail.
  w.word(0xffe0); w.word(16); w.bytes([0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 0, 0, 1, 0, 1, 0, 0]);
  // DQT: two 8-bit tables in zig-zag order.
  w.word(0xffdb); w.word(2 + 2 * 65);
  w.byte(0); for (let k = 0; k < 64; k++) w.byte(qY[ZIGZAG[k]]);
  w.byte(1); for (let k = 0; k < 64; k++) w.byte(qC[ZIGZAG[k]]);
  // SOF0: 8-bit, three components, no subsampling.
  w.word(0xffc0); w.word(17); w.byte(8); w.word(height); w.word(width); w.byte(3);
  w.bytes([1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);
  // DHT: the four standard tables.
  const tables: Array<[number, HuffmanTable]> = [[0x00, TABLES.dcLuma], [0x10, TABLES.acLuma], [0x01, TABLES.dcChroma], [0x11, TABLES.acChroma]];
  w.word(0xffc4); w.word(2 + tables.reduce((s, [, t]) => s + 17 + t.values.length, 0));
  for (const [id, t] of tables) { w.byte(id); w.bytes(t.bits); w.bytes(t.values); }
  // SOS
  w.word(0xffda); w.word(12); w.byte(3); w.bytes([1, 0x00, 2, 0x11, 3, 0x11]); w.bytes([0, 63, 0]);

  const state: BlockState = { w, coef: new Int32Array(64), tmp: new Float64Array(64), pred: [0, 0, 0] };
  const yb = new Float64Array(64);
  const cb = new Float64Array(64);
  const crb = new Float64Array(64);
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let y = 0; y < 8; y++) {
        const row = Math.min(height - 1, by + y) * width;
        for (let x = 0; x < 8; x++) {
          const p = (row + Math.min(width - 1, bx + x)) * channels;
          const r = pixels[p], g = pixels[p + 1], b = pixels[p + 2];
          const i = y * 8 + x;
          yb[i] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
          cb[i] = -0.168736 * r - 0.331264 * g + 0.5 * b;
          crb[i] = 0.5 * r - 0.418688 * g - 0.081312 * b;
        }
      }
      fdctQuantize(state, yb, qY); emitBlock(state, 0, TABLES.dcLuma, TABLES.acLuma);
      fdctQuantize(state, cb, qC); emitBlock(state, 1, TABLES.dcChroma, TABLES.acChroma);
      fdctQuantize(state, crb, qC); emitBlock(state, 2, TABLES.dcChroma, TABLES.acChroma);
    }
  }
  w.flushBits();
  w.word(0xffd9);
  return w.buf.slice(0, w.pos);
}
