/**
 * Growable little-endian writer for OSGB streams, plus the object-level writers of
 * osgDB::OutputStream (writeObject, writeImage and the pre-112 writeArray/writePrimitiveSet).
 * Source: OpenSceneGraph src/osgDB/OutputStream.cpp and src/osgPlugins/osg/BinaryStreamOperator.h.
 */
import { ARRAY_TYPE_BY_CLASS, BRACKET64_SINCE, IMAGE_INLINE_DATA, IMAGE_INLINE_FILE, PRIMITIVE_TYPE_BY_CLASS } from './osgb-constants.ts';
import { OsgbError } from './osgb-error.ts';
import type { RawImage, RawObject, RawVector } from './osgb-raw.ts';
import { CLASS_SPECS, inVersionRange } from './osgb-schema.ts';

const utf8 = new TextEncoder();

export class OsgbOutput {
  readonly version: number;
  readonly brackets: boolean;
  readonly file: string;
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  pos = 0;
  private readonly bracketStarts: number[] = [];
  private readonly objectIds = new Map<object, number>();
  private readonly arrayIds = new Map<object, number>();
  private nextId = 1;
  private nextArrayId = 1;

  constructor(version: number, brackets: boolean, file = '<output>') {
    this.version = version;
    this.brackets = brackets;
    this.file = file;
  }

  fail(expected: string, found: string): never {
    throw new OsgbError({ file: this.file, offset: this.pos, expected, found });
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void { this.ensure(1); this.buf[this.pos++] = v & 0xff; }
  bool(v: boolean): void { this.u8(v ? 1 : 0); }
  i32(v: number): void { this.ensure(4); this.view.setInt32(this.pos, v, true); this.pos += 4; }
  u32(v: number): void { this.ensure(4); this.view.setUint32(this.pos, v >>> 0, true); this.pos += 4; }
  f32(v: number): void { this.ensure(4); this.view.setFloat32(this.pos, v, true); this.pos += 4; }
  f64(v: number): void { this.ensure(8); this.view.setFloat64(this.pos, v, true); this.pos += 8; }
  string(s: string): void { const b = utf8.encode(s); this.i32(b.length); this.bytes(b); }
  bytes(b: Uint8Array): void { this.ensure(b.length); this.buf.set(b, this.pos); this.pos += b.length; }
  /** Element data in file order (little-endian host assumed, as on every platform Node runs on). */
  vector(v: RawVector): void { this.bytes(new Uint8Array(v.data.buffer, v.data.byteOffset, v.data.byteLength)); }

  beginBracket(): void {
    if (!this.brackets) return;
    this.bracketStarts.push(this.pos);
    if (this.version >= BRACKET64_SINCE) { this.u32(0); this.u32(0); } else this.i32(0);
  }

  endBracket(): void {
    if (!this.brackets) return;
    const start = this.bracketStarts.pop();
    if (start === undefined) this.fail('an open bracket', 'none');
    const size = this.pos - start;
    this.view.setUint32(start, size % 2 ** 32, true);
    if (this.version >= BRACKET64_SINCE) this.view.setUint32(start + 4, Math.floor(size / 2 ** 32), true);
  }

  /** OutputStream::writeObject: shared objects are written once, later only by UniqueID. */
  writeObject(obj: RawObject | null): void {
    if (!obj) { this.string('NULL'); return; }
    const spec = CLASS_SPECS.get(obj.className);
    if (!spec) this.fail('a class the writer supports', obj.className);
    let id = this.objectIds.get(obj);
    const isNew = id === undefined;
    if (id === undefined) { id = this.nextId++; this.objectIds.set(obj, id); }
    this.string(obj.className);
    this.beginBracket();
    this.u32(id);
    if (isNew) this.writeFields(obj.className, obj.fields);
    this.endBracket();
  }

  writeFields(className: string, fields: Record<string, unknown>): void {
    const spec = CLASS_SPECS.get(className);
    if (!spec) this.fail('a class the writer supports', className);
    for (const assoc of spec.associates) {
      if (!inVersionRange(assoc, this.version)) continue;
      const assocSpec = CLASS_SPECS.get(assoc.name);
      if (!assocSpec) continue;
      for (const field of assocSpec.fields) {
        if (!inVersionRange(field, this.version)) continue;
        const value = fields[field.name];
        if (field.optional) {
          this.bool(value !== undefined);
          if (value === undefined) continue;
        }
        field.codec.write(this, value === undefined ? field.defaultValue : value);
      }
    }
  }

  /** OutputStream::writeImage (binary branch). */
  writeImage(image: RawImage): void {
    let id = this.objectIds.get(image);
    const isNew = id === undefined;
    if (id === undefined) { id = this.nextId++; this.objectIds.set(image, id); }
    if (this.version > 94) this.string(image.className || 'osg::Image');
    this.u32(id);
    if (!isNew) return;
    this.string(image.fileName);
    this.i32(image.writeHint);
    this.i32(image.decision);
    if (image.decision === IMAGE_INLINE_DATA) {
      const h = image.pixelHeader;
      if (!h) this.fail('pixelHeader for an inline-data image', 'none');
      for (const v of [h.origin, h.s, h.t, h.r, h.internalFormat, h.pixelFormat, h.dataType, h.packing, h.allocationMode]) this.i32(v);
      const data = image.data ?? new Uint8Array(0);
      this.u32(data.length);
      this.bytes(data);
      const mips = image.mipmapOffsets ?? [];
      this.u32(mips.length);
      for (const m of mips) this.u32(m);
    } else if (image.decision === IMAGE_INLINE_FILE) {
      const data = image.data ?? new Uint8Array(0);
      this.u32(data.length);
      this.bytes(data);
    }
    this.writeFields('osg::Object', image.fields);
  }

  /** Pre-112 OutputStream::writeArray. */
  writeArrayOld(obj: RawObject): void {
    let id = this.arrayIds.get(obj);
    const isNew = id === undefined;
    if (id === undefined) { id = this.nextArrayId++; this.arrayIds.set(obj, id); }
    this.u32(id);
    if (!isNew) return;
    const info = ARRAY_TYPE_BY_CLASS.get(obj.className);
    const vector = obj.fields.vector as RawVector | undefined;
    if (!info || !vector) this.fail('an osg array with element data', obj.className);
    this.i32(info.id);
    this.i32(vector.data.length / info.components);
    this.beginBracket();
    this.vector(vector);
    this.endBracket();
  }

  /** Pre-112 OutputStream::writePrimitiveSet. */
  writePrimitiveSetOld(obj: RawObject): void {
    const typeId = PRIMITIVE_TYPE_BY_CLASS.get(obj.className);
    if (typeId === undefined) this.fail('a primitive set class', obj.className);
    const f = obj.fields;
    this.i32(typeId);
    this.i32(Number(f.Mode ?? 4));
    if (this.version > 96) this.u32(Number(f.NumInstances ?? 0));
    if (obj.className === 'osg::DrawArrays') {
      this.i32(Number(f.First ?? 0));
      this.i32(Number(f.Count ?? 0));
      return;
    }
    if (obj.className === 'osg::DrawArrayLengths') this.i32(Number(f.First ?? 0));
    const vector = f.vector as RawVector;
    this.u32(vector.data.length);
    this.beginBracket();
    this.vector(vector);
    this.endBracket();
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}
