/**
 * The replay container (see replay.fbs for the byte layout): an append-only data file of compressed
 * FlatBuffer blocks and an index of fixed 32-byte records. Pure: bytes go to a ReplaySink and come from a
 * ReplaySource, so the same reader runs in Node (files) and in the browser (fetch with Range requests).
 */
import { deflateSync, inflateSync } from 'fflate';
import {
  decodeFrame, decodeHeader, decodeMaxima, encodeFrame, encodeHeader, encodeMaxima,
  type CellRuns, type ReplayFrameRecord, type ReplayHeader, type ReplayMaximaRecord,
} from './schema.ts';

export const DATA_MAGIC = 'CFRPLAY1';
export const INDEX_MAGIC = 'CFRINDX1';
export const BLOCK_HEADER_BYTES = 16;
export const INDEX_RECORD_BYTES = 32;
export const BlockKind = { header: 1, frame: 2, maxima: 3 } as const;
export const Codec = { none: 0, deflate: 1 } as const;

export type ReplayFile = 'data' | 'index';

/** Where a writer appends bytes. */
export interface ReplaySink {
  append(file: ReplayFile, bytes: Uint8Array): Promise<void>;
}

/** Where a reader reads bytes from. */
export interface ReplaySource {
  size(file: ReplayFile): Promise<number>;
  read(file: ReplayFile, offset: number, length: number): Promise<Uint8Array>;
}

export interface IndexRecord {
  offset: number;
  length: number;
  kind: number;
  time: number;
  frame: number;
}

/** Arrays held in memory (tests; a browser that fetched both files whole). */
export class MemoryReplay implements ReplaySink, ReplaySource {
  private parts: Record<ReplayFile, Uint8Array[]> = { data: [], index: [] };
  private sizes: Record<ReplayFile, number> = { data: 0, index: 0 };
  async append(file: ReplayFile, bytes: Uint8Array): Promise<void> {
    this.parts[file].push(bytes.slice());
    this.sizes[file] += bytes.length;
  }
  bytes(file: ReplayFile): Uint8Array {
    const out = new Uint8Array(this.sizes[file]);
    let o = 0;
    for (const p of this.parts[file]) {
      out.set(p, o);
      o += p.length;
    }
    this.parts[file] = [out];
    return out;
  }
  async size(file: ReplayFile): Promise<number> {
    return this.sizes[file];
  }
  async read(file: ReplayFile, offset: number, length: number): Promise<Uint8Array> {
    return this.bytes(file).slice(offset, offset + length);
  }
}

/** Reads a replay over HTTP: whole index, byte ranges of the data (browser or Node fetch). */
export function httpReplaySource(dataUrl: string, indexUrl: string): ReplaySource {
  const url = (f: ReplayFile) => (f === 'data' ? dataUrl : indexUrl);
  return {
    async size(file) {
      const r = await fetch(url(file), { method: 'HEAD', cache: 'no-store' });
      if (!r.ok) throw new Error(`${url(file)}: HTTP ${r.status}`);
      return Number(r.headers.get('content-length') ?? 0);
    },
    async read(file, offset, length) {
      const r = await fetch(url(file), { headers: { Range: `bytes=${offset}-${offset + length - 1}` }, cache: 'no-store' });
      if (!r.ok) throw new Error(`${url(file)}: HTTP ${r.status}`);
      const buf = new Uint8Array(await r.arrayBuffer());
      // A server that ignores Range sends the whole file.
      return r.status === 206 ? buf : buf.slice(offset, offset + length);
    },
  };
}

/** Wet cells of a dense grid as runs, with the quantized values gathered in run order. */
export function toRuns(wet: (c: number) => boolean, cells: number): CellRuns & { cells: Uint32Array } {
  let count = 0, runs = 0;
  for (let c = 0; c < cells; c++) {
    if (wet(c)) {
      if (c === 0 || !wet(c - 1)) runs++;
      count++;
    }
  }
  const runStart = new Uint32Array(runs), runLength = new Uint32Array(runs), list = new Uint32Array(count);
  let r = -1, k = 0;
  for (let c = 0; c < cells; c++) {
    if (!wet(c)) continue;
    if (c === 0 || !wet(c - 1)) runStart[++r] = c;
    runLength[r]++;
    list[k++] = c;
  }
  return { runStart, runLength, cells: list };
}

/** Expands sparse values to a dense Float32Array (NaN-free: dry cells are `fill`). */
export function densify(runs: CellRuns, values: ArrayLike<number>, cells: number, scale: number, fill = 0): Float32Array {
  const out = new Float32Array(cells).fill(fill);
  let k = 0;
  for (let r = 0; r < runs.runStart.length; r++) {
    const s = runs.runStart[r];
    for (let n = 0; n < runs.runLength[r]; n++) out[s + n] = values[k++] * scale;
  }
  return out;
}

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

export interface FrameInput {
  index: number;
  time: number;
  steps: number;
  depth: Float32Array;
  u: Float32Array;
  v: Float32Array;
  balance: ReplayFrameRecord['balance'];
}

export interface MaximaInput {
  time: number;
  depth: Float32Array;
  speed: Float32Array;
  hazard: Float32Array;
  firstWet: Float32Array;
  durationAbove: Float32Array;
}

/** Quantizes a frame: depth to depth-scale units (mm), wet = at least one unit; velocities to cm/s. */
export function quantizeFrame(f: FrameInput, h: Pick<ReplayHeader, 'depthScale' | 'velocityScale'>): ReplayFrameRecord {
  const mm = (c: number) => Math.round(f.depth[c] / h.depthScale);
  const runs = toRuns((c) => mm(c) >= 1, f.depth.length);
  const n = runs.cells.length;
  const depth = new Uint16Array(n), u = new Int16Array(n), v = new Int16Array(n);
  for (let k = 0; k < n; k++) {
    const c = runs.cells[k];
    depth[k] = clamp(mm(c), 0, 65535);
    u[k] = clamp(Math.round(f.u[c] / h.velocityScale), -32767, 32767);
    v[k] = clamp(Math.round(f.v[c] / h.velocityScale), -32767, 32767);
  }
  return { index: f.index, time: f.time, steps: f.steps, runStart: runs.runStart, runLength: runs.runLength, depth, u, v, balance: f.balance };
}

function quantizeMaxima(m: MaximaInput, h: Pick<ReplayHeader, 'depthScale' | 'velocityScale'>): ReplayMaximaRecord {
  const runs = toRuns((c) => Math.round(m.depth[c] / h.depthScale) >= 1, m.depth.length);
  const n = runs.cells.length;
  const out: ReplayMaximaRecord = {
    time: m.time, runStart: runs.runStart, runLength: runs.runLength,
    depth: new Uint16Array(n), speed: new Uint16Array(n), hazard: new Uint16Array(n),
    firstWet: new Float32Array(n), durationAbove: new Float32Array(n),
  };
  for (let k = 0; k < n; k++) {
    const c = runs.cells[k];
    out.depth[k] = clamp(Math.round(m.depth[c] / h.depthScale), 0, 65535);
    out.speed[k] = clamp(Math.round(m.speed[c] / h.velocityScale), 0, 65535);
    out.hazard[k] = clamp(Math.round(m.hazard[c] * 100), 0, 65535);
    out.firstWet[k] = m.firstWet[c];
    out.durationAbove[k] = m.durationAbove[c];
  }
  return out;
}

/** Appends blocks and their index records; one writer per replay. */
export class ReplayWriter {
  private offset = 0;
  private header: ReplayHeader | null = null;

  constructor(private readonly sink: ReplaySink, private readonly level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6) {}

  async writeHeader(h: Omit<ReplayHeader, 'version' | 'depthScale' | 'velocityScale'> & Partial<ReplayHeader>): Promise<void> {
    if (this.header) throw new Error('replay header already written');
    this.header = { version: 1, depthScale: 0.001, velocityScale: 0.01, ...h };
    const enc = new TextEncoder();
    await this.sink.append('data', enc.encode(DATA_MAGIC));
    await this.sink.append('index', enc.encode(INDEX_MAGIC));
    this.offset = DATA_MAGIC.length;
    await this.block(BlockKind.header, encodeHeader(this.header), 0, 0);
  }

  async writeFrame(f: FrameInput): Promise<void> {
    const h = this.requireHeader();
    await this.block(BlockKind.frame, encodeFrame(quantizeFrame(f, h)), f.time, f.index);
  }

  async writeMaxima(m: MaximaInput): Promise<void> {
    const h = this.requireHeader();
    await this.block(BlockKind.maxima, encodeMaxima(quantizeMaxima(m, h)), m.time, 0);
  }

  private requireHeader(): ReplayHeader {
    if (!this.header) throw new Error('write the replay header first');
    return this.header;
  }

  private async block(kind: number, flat: Uint8Array, time: number, frame: number): Promise<void> {
    const payload = deflateSync(flat, { level: this.level });
    const head = new DataView(new ArrayBuffer(BLOCK_HEADER_BYTES));
    head.setUint32(0, payload.length, true);
    head.setUint8(4, kind);
    head.setUint8(5, Codec.deflate);
    head.setUint32(8, flat.length, true);
    const block = new Uint8Array(BLOCK_HEADER_BYTES + payload.length);
    block.set(new Uint8Array(head.buffer), 0);
    block.set(payload, BLOCK_HEADER_BYTES);
    await this.sink.append('data', block);
    const rec = new DataView(new ArrayBuffer(INDEX_RECORD_BYTES));
    rec.setFloat64(0, this.offset, true);
    rec.setUint32(8, block.length, true);
    rec.setUint8(12, kind);
    rec.setFloat64(16, time, true);
    rec.setUint32(24, frame, true);
    // The index record goes last: a reader never sees a block before all its bytes are written.
    await this.sink.append('index', new Uint8Array(rec.buffer));
    this.offset += block.length;
  }
}

/** A frame read back: dense grids in metres and m/s. */
export interface ReplayFrame {
  index: number;
  time: number;
  steps: number;
  depth: Float32Array;
  u: Float32Array;
  v: Float32Array;
  wetCells: number;
  balance: ReplayFrameRecord['balance'];
}

/** Random access to a replay, also while it is being written (call refresh() to see new frames). */
export class ReplayReader {
  private records: IndexRecord[] = [];
  private indexBytes = 0;
  header!: ReplayHeader;

  private constructor(private readonly source: ReplaySource) {}

  static async open(source: ReplaySource): Promise<ReplayReader> {
    const r = new ReplayReader(source);
    const magic = new TextDecoder().decode(await source.read('index', 0, INDEX_MAGIC.length));
    if (magic !== INDEX_MAGIC) throw new Error(`replay index: expected magic ${INDEX_MAGIC} at byte 0, found '${magic}'`);
    const dmagic = new TextDecoder().decode(await source.read('data', 0, DATA_MAGIC.length));
    if (dmagic !== DATA_MAGIC) throw new Error(`replay data: expected magic ${DATA_MAGIC} at byte 0, found '${dmagic}'`);
    r.indexBytes = INDEX_MAGIC.length;
    await r.refresh();
    const first = r.records[0];
    if (!first || first.kind !== BlockKind.header) throw new Error('replay index: the first block must be the header');
    r.header = decodeHeader(await r.payload(first));
    return r;
  }

  /** Reads index records appended since the last call; returns the number of frames. */
  async refresh(): Promise<number> {
    const size = await this.source.size('index');
    const complete = Math.floor((size - this.indexBytes) / INDEX_RECORD_BYTES);
    if (complete > 0) {
      const bytes = await this.source.read('index', this.indexBytes, complete * INDEX_RECORD_BYTES);
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let k = 0; k < complete; k++) {
        const o = k * INDEX_RECORD_BYTES;
        this.records.push({ offset: dv.getFloat64(o, true), length: dv.getUint32(o + 8, true), kind: dv.getUint8(o + 12), time: dv.getFloat64(o + 16, true), frame: dv.getUint32(o + 24, true) });
      }
      this.indexBytes += complete * INDEX_RECORD_BYTES;
    }
    return this.frameCount;
  }

  get frameCount(): number {
    return this.frameRecords().length;
  }

  /** Times (s) of the frames available so far. */
  get times(): number[] {
    return this.frameRecords().map((r) => r.time);
  }

  private frameRecords(): IndexRecord[] {
    return this.records.filter((r) => r.kind === BlockKind.frame);
  }

  private async payload(rec: IndexRecord): Promise<Uint8Array> {
    const block = await this.source.read('data', rec.offset, rec.length);
    const dv = new DataView(block.buffer, block.byteOffset, block.byteLength);
    const len = dv.getUint32(0, true), kind = dv.getUint8(4), codec = dv.getUint8(5), raw = dv.getUint32(8, true);
    if (kind !== rec.kind || len + BLOCK_HEADER_BYTES !== rec.length) {
      throw new Error(`replay data: block at byte ${rec.offset} does not match its index record (kind ${kind} vs ${rec.kind}, length ${len + BLOCK_HEADER_BYTES} vs ${rec.length})`);
    }
    const body = block.subarray(BLOCK_HEADER_BYTES);
    const flat = codec === Codec.deflate ? inflateSync(body, { out: new Uint8Array(raw) }) : body.slice();
    return flat;
  }

  /** The sparse record of frame k (0-based), as stored. */
  async frameRecord(k: number): Promise<ReplayFrameRecord> {
    const rec = this.frameRecords()[k];
    if (!rec) throw new RangeError(`replay: frame ${k} not available (${this.frameCount} frames)`);
    return decodeFrame(await this.payload(rec));
  }

  /** Frame k as dense grids (m, m/s). */
  async frame(k: number): Promise<ReplayFrame> {
    const r = await this.frameRecord(k);
    const cells = this.header.nx * this.header.ny;
    return {
      index: r.index, time: r.time, steps: r.steps, wetCells: r.depth.length, balance: r.balance,
      depth: densify(r, r.depth, cells, this.header.depthScale),
      u: densify(r, r.u, cells, this.header.velocityScale),
      v: densify(r, r.v, cells, this.header.velocityScale),
    };
  }

  /** The last maxima block, as dense grids (m, m/s, HR, s); null if none yet. */
  async maxima(): Promise<{ time: number; depth: Float32Array; speed: Float32Array; hazard: Float32Array; firstWet: Float32Array; durationAbove: Float32Array } | null> {
    const rec = this.records.filter((r) => r.kind === BlockKind.maxima).pop();
    if (!rec) return null;
    const m = decodeMaxima(await this.payload(rec));
    const cells = this.header.nx * this.header.ny;
    return {
      time: m.time,
      depth: densify(m, m.depth, cells, this.header.depthScale),
      speed: densify(m, m.speed, cells, this.header.velocityScale),
      hazard: densify(m, m.hazard, cells, 0.01),
      firstWet: densify(m, m.firstWet, cells, 1, -1),
      durationAbove: densify(m, m.durationAbove, cells, 1),
    };
  }
}
