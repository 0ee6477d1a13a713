/**
 * Hand-written FlatBuffers accessors for replay.fbs (same directory), using the `flatbuffers` runtime.
 * Field ids are the vtable slots of the schema; keep the two in step.
 */
import { Builder, ByteBuffer } from 'flatbuffers';

export interface ReplayHeader {
  version: number;
  name: string;
  crs: string;
  nx: number;
  ny: number;
  cellSize: number;
  originX: number;
  originY: number;
  depthScale: number;
  velocityScale: number;
  outputInterval: number;
  duration: number;
  scenario: string;
}

export interface VolumeBalanceRecord {
  initial: number;
  rain: number;
  inflow: number;
  outflow: number;
  losses: number;
  stored: number;
  error: number;
}
const BALANCE_FIELDS = ['initial', 'rain', 'inflow', 'outflow', 'losses', 'stored', 'error'] as const;

/** Sparse cells: runs of consecutive cell indices. */
export interface CellRuns {
  runStart: Uint32Array;
  runLength: Uint32Array;
}

export interface ReplayFrameRecord extends CellRuns {
  index: number;
  time: number;
  steps: number;
  depth: Uint16Array;
  u: Int16Array;
  v: Int16Array;
  balance: VolumeBalanceRecord;
}

export interface ReplayMaximaRecord extends CellRuns {
  time: number;
  depth: Uint16Array;
  speed: Uint16Array;
  hazard: Uint16Array;
  firstWet: Float32Array;
  durationAbove: Float32Array;
}

/** vtable offset of field id k. */
const slot = (k: number) => 4 + 2 * k;

type Scalar = 'u16' | 'i16' | 'u32' | 'f32';
type TypedFor<S extends Scalar> = S extends 'u16' ? Uint16Array : S extends 'i16' ? Int16Array : S extends 'u32' ? Uint32Array : Float32Array;
const SIZE: Record<Scalar, number> = { u16: 2, i16: 2, u32: 4, f32: 4 };

function vector(b: Builder, kind: Scalar, v: ArrayLike<number>): number {
  b.startVector(SIZE[kind], v.length, SIZE[kind]);
  for (let k = v.length - 1; k >= 0; k--) {
    if (kind === 'f32') b.addFloat32(v[k]);
    else if (kind === 'u32') b.addInt32(v[k] | 0);
    else b.addInt16(v[k]);
  }
  return b.endVector();
}

function rootOf(bytes: Uint8Array): { bb: ByteBuffer; pos: number } {
  const bb = new ByteBuffer(bytes);
  return { bb, pos: bb.readInt32(bb.position()) + bb.position() };
}

function readVector<S extends Scalar>(bb: ByteBuffer, pos: number, id: number, kind: S): TypedFor<S> {
  const o = bb.__offset(pos, slot(id));
  const len = o ? bb.__vector_len(pos + o) : 0;
  const start = o ? bb.__vector(pos + o) : 0;
  const bytes = bb.bytes();
  const Ctor = kind === 'u16' ? Uint16Array : kind === 'i16' ? Int16Array : kind === 'u32' ? Uint32Array : Float32Array;
  // Copy: the buffer's vectors are aligned within the FlatBuffer but not necessarily in memory.
  const out = new Ctor(len);
  new Uint8Array(out.buffer).set(bytes.subarray(start, start + len * SIZE[kind]));
  return out as TypedFor<S>;
}

function readScalar(bb: ByteBuffer, pos: number, id: number, kind: 'u16' | 'u32' | 'f32' | 'f64', def: number): number {
  const o = bb.__offset(pos, slot(id));
  if (!o) return def;
  return kind === 'u16' ? bb.readUint16(pos + o) : kind === 'u32' ? bb.readUint32(pos + o) : kind === 'f32' ? bb.readFloat32(pos + o) : bb.readFloat64(pos + o);
}

function readString(bb: ByteBuffer, pos: number, id: number): string {
  const o = bb.__offset(pos, slot(id));
  return o ? (bb.__string(pos + o) as string) : '';
}

export function encodeHeader(h: ReplayHeader): Uint8Array {
  const b = new Builder(1024);
  const name = b.createString(h.name), crs = b.createString(h.crs), scenario = b.createString(h.scenario);
  b.startObject(13);
  b.addFieldInt16(0, h.version, 1);
  b.addFieldOffset(1, name, 0);
  b.addFieldOffset(2, crs, 0);
  b.addFieldInt32(3, h.nx, 0);
  b.addFieldInt32(4, h.ny, 0);
  b.addFieldFloat64(5, h.cellSize, 0);
  b.addFieldFloat64(6, h.originX, 0);
  b.addFieldFloat64(7, h.originY, 0);
  b.addFieldFloat32(8, h.depthScale, 0.001);
  b.addFieldFloat32(9, h.velocityScale, 0.01);
  b.addFieldFloat64(10, h.outputInterval, 0);
  b.addFieldFloat64(11, h.duration, 0);
  b.addFieldOffset(12, scenario, 0);
  b.finish(b.endObject());
  return b.asUint8Array();
}

export function decodeHeader(bytes: Uint8Array): ReplayHeader {
  const { bb, pos } = rootOf(bytes);
  return {
    version: readScalar(bb, pos, 0, 'u16', 1),
    name: readString(bb, pos, 1),
    crs: readString(bb, pos, 2),
    nx: readScalar(bb, pos, 3, 'u32', 0),
    ny: readScalar(bb, pos, 4, 'u32', 0),
    cellSize: readScalar(bb, pos, 5, 'f64', 0),
    originX: readScalar(bb, pos, 6, 'f64', 0),
    originY: readScalar(bb, pos, 7, 'f64', 0),
    depthScale: readScalar(bb, pos, 8, 'f32', 0.001),
    velocityScale: readScalar(bb, pos, 9, 'f32', 0.01),
    outputInterval: readScalar(bb, pos, 10, 'f64', 0),
    duration: readScalar(bb, pos, 11, 'f64', 0),
    scenario: readString(bb, pos, 12),
  };
}

export function encodeFrame(f: ReplayFrameRecord): Uint8Array {
  const b = new Builder(1024 + f.depth.length * 6 + f.runStart.length * 8);
  const rs = vector(b, 'u32', f.runStart), rl = vector(b, 'u32', f.runLength);
  const d = vector(b, 'u16', f.depth), u = vector(b, 'i16', f.u), v = vector(b, 'i16', f.v);
  b.startObject(9);
  b.addFieldInt32(0, f.index, 0);
  b.addFieldFloat64(1, f.time, 0);
  b.addFieldInt32(2, f.steps, 0);
  b.addFieldOffset(3, rs, 0);
  b.addFieldOffset(4, rl, 0);
  b.addFieldOffset(5, d, 0);
  b.addFieldOffset(6, u, 0);
  b.addFieldOffset(7, v, 0);
  // Struct fields are written inline, last field first.
  b.prep(8, 8 * BALANCE_FIELDS.length);
  for (let k = BALANCE_FIELDS.length - 1; k >= 0; k--) b.writeFloat64(f.balance[BALANCE_FIELDS[k]]);
  b.addFieldStruct(8, b.offset(), 0);
  b.finish(b.endObject());
  return b.asUint8Array();
}

export function decodeFrame(bytes: Uint8Array): ReplayFrameRecord {
  const { bb, pos } = rootOf(bytes);
  const o = bb.__offset(pos, slot(8));
  const balance = {} as VolumeBalanceRecord;
  BALANCE_FIELDS.forEach((k, n) => (balance[k] = o ? bb.readFloat64(pos + o + 8 * n) : 0));
  return {
    index: readScalar(bb, pos, 0, 'u32', 0),
    time: readScalar(bb, pos, 1, 'f64', 0),
    steps: readScalar(bb, pos, 2, 'u32', 0),
    runStart: readVector(bb, pos, 3, 'u32'),
    runLength: readVector(bb, pos, 4, 'u32'),
    depth: readVector(bb, pos, 5, 'u16'),
    u: readVector(bb, pos, 6, 'i16'),
    v: readVector(bb, pos, 7, 'i16'),
    balance,
  };
}

export function encodeMaxima(m: ReplayMaximaRecord): Uint8Array {
  const b = new Builder(1024 + m.depth.length * 14);
  const rs = vector(b, 'u32', m.runStart), rl = vector(b, 'u32', m.runLength);
  const d = vector(b, 'u16', m.depth), s = vector(b, 'u16', m.speed), hz = vector(b, 'u16', m.hazard);
  const fw = vector(b, 'f32', m.firstWet), da = vector(b, 'f32', m.durationAbove);
  b.startObject(8);
  b.addFieldFloat64(0, m.time, 0);
  b.addFieldOffset(1, rs, 0);
  b.addFieldOffset(2, rl, 0);
  b.addFieldOffset(3, d, 0);
  b.addFieldOffset(4, s, 0);
  b.addFieldOffset(5, hz, 0);
  b.addFieldOffset(6, fw, 0);
  b.addFieldOffset(7, da, 0);
  b.finish(b.endObject());
  return b.asUint8Array();
}

export function decodeMaxima(bytes: Uint8Array): ReplayMaximaRecord {
  const { bb, pos } = rootOf(bytes);
  return {
    time: readScalar(bb, pos, 0, 'f64', 0),
    runStart: readVector(bb, pos, 1, 'u32'),
    runLength: readVector(bb, pos, 2, 'u32'),
    depth: readVector(bb, pos, 3, 'u16'),
    speed: readVector(bb, pos, 4, 'u16'),
    hazard: readVector(bb, pos, 5, 'u16'),
    firstWet: readVector(bb, pos, 6, 'f32'),
    durationAbove: readVector(bb, pos, 7, 'f32'),
  };
}
