/**
 * Bounds-checked cursor over a decompressed OSGB stream, plus the object-level readers of
 * osgDB::InputStream (readObject, readImage and the pre-112 readArray/readPrimitiveSet).
 * Source: OpenSceneGraph src/osgDB/InputStream.cpp and src/osgPlugins/osg/BinaryStreamOperator.h.
 *
 * Every read checks the remaining length first, so truncated or corrupt input ends in an OsgbError
 * naming the file, byte offset, expected and found values, never a RangeError or a huge allocation.
 */
import { ARRAY_TYPE_BY_ID, BRACKET64_SINCE, COMPONENT_BYTES, IMAGE_INLINE_DATA, IMAGE_INLINE_FILE, PRIMITIVE_TYPES } from './osgb-constants.ts';
import type { ComponentType } from './osgb-constants.ts';
import { OsgbError } from './osgb-error.ts';
import type { RawImage, RawObject, RawVector, TypedVector } from './osgb-raw.ts';
import { CLASS_SPECS, inVersionRange } from './osgb-schema.ts';

const MAX_DEPTH = 200;
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const utf8 = new TextDecoder('utf-8');

export interface OsgbInputOptions {
  file: string;
  version: number;
  /** Header attribute bit 0x4: every `{` is followed by the block size. */
  brackets: boolean;
  /** True when the stream was written on a big-endian machine. */
  byteSwap: boolean;
}

export class OsgbInput {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly file: string;
  readonly version: number;
  readonly brackets: boolean;
  readonly littleEndian: boolean;
  pos: number;
  private readonly blockEnds: number[] = [];
  private readonly objects = new Map<number, RawObject | RawImage>();
  private readonly inProgress = new Set<number>();
  private readonly arrays = new Map<number, RawObject>();
  private readonly path: string[] = [];

  constructor(bytes: Uint8Array, offset: number, options: OsgbInputOptions) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = offset;
    this.file = options.file;
    this.version = options.version;
    this.brackets = options.brackets;
    this.littleEndian = !options.byteSwap;
  }

  fail(expected: string, found: string, offset = this.pos): never {
    throw new OsgbError({ file: this.file, offset, expected, found, path: this.path.join('/') });
  }

  /** Throws unless `n` more bytes are available. */
  need(n: number, what: string): void {
    const left = this.bytes.length - this.pos;
    if (!(n <= left)) this.fail(`${what} (${n} bytes)`, `end of data (${left} bytes left)`);
  }

  u8(what = 'byte'): number { this.need(1, what); return this.bytes[this.pos++]; }
  bool(what = 'bool'): boolean { return this.u8(what) !== 0; }
  i32(what = 'int32'): number { this.need(4, what); const v = this.view.getInt32(this.pos, this.littleEndian); this.pos += 4; return v; }
  u32(what = 'uint32'): number { this.need(4, what); const v = this.view.getUint32(this.pos, this.littleEndian); this.pos += 4; return v; }
  f32(what = 'float'): number { this.need(4, what); const v = this.view.getFloat32(this.pos, this.littleEndian); this.pos += 4; return v; }
  f64(what = 'double'): number { this.need(8, what); const v = this.view.getFloat64(this.pos, this.littleEndian); this.pos += 8; return v; }
  f64s(n: number, what: string): number[] { const out: number[] = []; for (let i = 0; i < n; i++) out.push(this.f64(what)); return out; }
  f32s(n: number, what: string): number[] { const out: number[] = []; for (let i = 0; i < n; i++) out.push(this.f32(what)); return out; }

  /** A size/count word; checked against what the remaining bytes could hold at `minBytesEach`. */
  count(what: string, minBytesEach = 1): number {
    const at = this.pos;
    const n = this.u32(`${what} count`);
    const left = this.bytes.length - this.pos;
    if (n * minBytesEach > left) this.fail(`${what} count that fits in the ${left} remaining bytes`, String(n), at);
    return n;
  }

  /** osgDB binary string: int32 length then bytes (BinaryInputIterator::readString). */
  string(what = 'string'): string {
    const at = this.pos;
    const n = this.i32(`${what} length`);
    if (n < 0) this.fail(`${what} length >= 0`, String(n), at);
    this.need(n, what);
    const s = utf8.decode(this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }

  /** A copy of the next `n` bytes. */
  take(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** `count` elements of `components` values each, copied into an exactly-sized typed array. */
  vector(type: ComponentType, components: number, count: number, what: string): RawVector {
    const size = COMPONENT_BYTES[type];
    const n = count * components;
    this.need(n * size, what);
    let data: TypedVector;
    if (this.littleEndian === HOST_LITTLE_ENDIAN || size === 1) {
      const buf = this.bytes.slice(this.pos, this.pos + n * size).buffer;
      data = makeTyped(type, buf, n);
    } else {
      data = makeTyped(type, new ArrayBuffer(n * size), n);
      const le = this.littleEndian;
      for (let i = 0; i < n; i++) {
        const o = this.pos + i * size;
        switch (type) {
          case 'i16': data[i] = this.view.getInt16(o, le); break;
          case 'u16': data[i] = this.view.getUint16(o, le); break;
          case 'i32': data[i] = this.view.getInt32(o, le); break;
          case 'u32': data[i] = this.view.getUint32(o, le); break;
          case 'f32': data[i] = this.view.getFloat32(o, le); break;
          default: data[i] = this.view.getFloat64(o, le); break;
        }
      }
    }
    this.pos += n * size;
    return { type, components, data };
  }

  /** BEGIN_BRACKET: with binary brackets a 4-byte (version < 149) or 8-byte block size follows. */
  beginBracket(): void {
    if (!this.brackets) return;
    const begin = this.pos;
    let size: number;
    if (this.version >= BRACKET64_SINCE) {
      const lo = this.u32('block size (low word)');
      const hi = this.u32('block size (high word)');
      size = hi * 2 ** 32 + lo;
    } else {
      size = this.i32('block size');
    }
    const end = begin + size;
    const outer = this.blockEnds.length ? this.blockEnds[this.blockEnds.length - 1] : this.bytes.length;
    if (size < (this.version >= BRACKET64_SINCE ? 8 : 4) || end > outer) {
      this.fail(`block size within ${outer - begin} bytes`, String(size), begin);
    }
    this.blockEnds.push(end);
  }

  /** END_BRACKET: pops the block without moving. */
  endBracket(): void {
    if (this.brackets) this.blockEnds.pop();
  }

  /** advanceToCurrentEndBracket(): with binary brackets, jump to the end of the current block. */
  skipToBlockEnd(): void {
    if (!this.brackets) return;
    const end = this.blockEnds.pop();
    if (end === undefined) return;
    if (this.pos > end) this.fail(`object block to end at byte ${end}`, `fields running to byte ${this.pos}`);
    this.pos = end;
  }

  /** InputStream::readObject: class name, `{`, UniqueID, the fields of every associate class, `}`. */
  readObject(): RawObject | null {
    const at = this.pos;
    const className = this.string('class name');
    if (className === 'NULL') return null;
    if (!/^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)+$/.test(className)) {
      this.fail('a class name such as "osg::Geode"', JSON.stringify(className.slice(0, 40)), at);
    }
    this.beginBracket();
    const id = this.u32('UniqueID');
    const seen = this.objects.get(id);
    if (seen) {
      if (this.inProgress.has(id)) this.fail('a reference to a finished object', `a reference to object ${id} inside itself`, at);
      if ('decision' in seen) this.fail(`object ${id} of class ${className}`, 'an image with that UniqueID', at);
      this.skipToBlockEnd();
      return seen;
    }
    const spec = CLASS_SPECS.get(className);
    if (!spec) {
      if (!this.brackets) this.fail('a supported OSG class (this file has no binary brackets, so unknown classes cannot be skipped)', className, at);
      this.skipToBlockEnd();
      const skipped: RawObject = { className, id, fields: {}, skipped: true };
      this.objects.set(id, skipped);
      return skipped;
    }
    if (this.path.length >= MAX_DEPTH) this.fail(`object nesting below ${MAX_DEPTH}`, 'deeper nesting', at);
    const obj: RawObject = { className, id, fields: {} };
    this.objects.set(id, obj);
    this.inProgress.add(id);
    this.path.push(className);
    this.readFields(className, obj.fields);
    this.path.pop();
    this.inProgress.delete(id);
    this.skipToBlockEnd();
    return obj;
  }

  /** InputStream::readObjectFields: each associate wrapper in order, gated by version. */
  readFields(className: string, fields: Record<string, unknown>): void {
    const spec = CLASS_SPECS.get(className);
    if (!spec) this.fail('a supported OSG class', className);
    for (const assoc of spec.associates) {
      if (!inVersionRange(assoc, this.version)) continue;
      const assocSpec = CLASS_SPECS.get(assoc.name);
      if (!assocSpec) continue;
      for (const field of assocSpec.fields) {
        if (!inVersionRange(field, this.version)) continue;
        if (field.optional && !this.bool(`${field.name} presence flag`)) continue;
        fields[field.name] = field.codec.read(this);
      }
    }
  }

  /** InputStream::readImage (binary branch). Images carry no brackets of their own. */
  readImage(): RawImage | null {
    const at = this.pos;
    const className = this.version > 94 ? this.string('image class name') : 'osg::Image';
    const id = this.u32('image UniqueID');
    const seen = this.objects.get(id);
    if (seen) {
      if (!('decision' in seen)) this.fail(`image ${id}`, `a ${seen.className} with that UniqueID`, at);
      return seen;
    }
    const fileName = this.string('image FileName');
    const writeHint = this.i32('image WriteHint');
    const decisionAt = this.pos;
    const decision = this.i32('image storage decision');
    if (decision < 0 || decision > 3) this.fail('image storage decision 0..3', String(decision), decisionAt);
    const image: RawImage = { className, id, fileName, writeHint, decision, fields: {} };
    this.objects.set(id, image);
    if (decision === IMAGE_INLINE_DATA) {
      const h = [this.i32(), this.i32(), this.i32(), this.i32(), this.i32(), this.i32(), this.i32(), this.i32(), this.i32()];
      image.pixelHeader = { origin: h[0], s: h[1], t: h[2], r: h[3], internalFormat: h[4], pixelFormat: h[5], dataType: h[6], packing: h[7], allocationMode: h[8] };
      const size = this.count('image data', 1);
      if (size > 0) image.data = this.take(size, 'image pixel data');
      const levels = this.count('mipmap level', 4);
      image.mipmapOffsets = [];
      for (let i = 0; i < levels; i++) image.mipmapOffsets.push(this.u32('mipmap offset'));
    } else if (decision === IMAGE_INLINE_FILE) {
      const size = this.count('inline image file', 1);
      if (size > 0) image.data = this.take(size, 'inline image file bytes');
    }
    this.path.push(className);
    this.readFields('osg::Object', image.fields);
    this.path.pop();
    return image;
  }

  /** Pre-112 InputStream::readArray: ArrayID, then (if new) type id and the element data. */
  readArrayOld(): RawObject {
    const id = this.u32('ArrayID');
    const seen = this.arrays.get(id);
    if (seen) return seen;
    const at = this.pos;
    const typeId = this.i32('array type');
    const info = ARRAY_TYPE_BY_ID.get(typeId);
    if (!info) this.fail('array type id 0..31', String(typeId), at);
    const count = this.count(`${info.className} element`, info.components);
    this.beginBracket();
    const vector = this.vector(info.type, info.components, count, `${info.className} data`);
    this.endBracket();
    const obj: RawObject = { className: info.className, id, fields: { vector } };
    this.arrays.set(id, obj);
    return obj;
  }

  /** Pre-112 InputStream::readPrimitiveSet. */
  readPrimitiveSetOld(): RawObject {
    const at = this.pos;
    const typeId = this.i32('primitive set type');
    const className = PRIMITIVE_TYPES[typeId];
    if (!className) this.fail('primitive set type 50..54', String(typeId), at);
    const mode = this.i32('primitive mode');
    const numInstances = this.version > 96 ? this.u32('NumInstances') : 0;
    const fields: Record<string, unknown> = { Mode: mode, NumInstances: numInstances };
    if (className === 'osg::DrawArrays') {
      fields.First = this.i32('DrawArrays first');
      fields.Count = this.i32('DrawArrays count');
    } else {
      if (className === 'osg::DrawArrayLengths') fields.First = this.i32('DrawArrayLengths first');
      const type: ComponentType = className === 'osg::DrawArrayLengths' ? 'i32' : className === 'osg::DrawElementsUByte' ? 'u8' : className === 'osg::DrawElementsUShort' ? 'u16' : 'u32';
      const count = this.count(`${className} index`, COMPONENT_BYTES[type]);
      this.beginBracket();
      fields.vector = this.vector(type, 1, count, `${className} indices`);
      this.endBracket();
    }
    return { className, id: 0, fields };
  }
}

function makeTyped(type: ComponentType, buf: ArrayBuffer, n: number): TypedVector {
  switch (type) {
    case 'i8': return new Int8Array(buf, 0, n);
    case 'u8': return new Uint8Array(buf, 0, n);
    case 'i16': return new Int16Array(buf, 0, n);
    case 'u16': return new Uint16Array(buf, 0, n);
    case 'i32': return new Int32Array(buf, 0, n);
    case 'u32': return new Uint32Array(buf, 0, n);
    case 'f32': return new Float32Array(buf, 0, n);
    default: return new Float64Array(buf, 0, n);
  }
}

