/**
 * The serializer tables: for each OSG class, its associate (base) classes and the fields its
 * wrapper writes, in order, with the serializer versions that gate them. One table drives both
 * the reader and the writer, so the two cannot drift apart.
 *
 * Transcribed by reading OpenSceneGraph src/osgWrappers/serializers/osg/*.cpp (3.6 branch):
 * ADD_*_SERIALIZER adds a field from the current version, UPDATE_TO_VERSION_SCOPED(v) +
 * REMOVE_SERIALIZER ends it at v-1, ADDED_ASSOCIATE starts an associate at v. User, object and
 * image serializers write a presence bool first in binary files (`optional` below).
 */
import { ARRAY_OBJECTS_SINCE, ARRAY_TYPES, COMPONENT_BYTES } from './osgb-constants.ts';
import type { ComponentType } from './osgb-constants.ts';
import type { OsgbInput } from './osgb-input.ts';
import type { OsgbOutput } from './osgb-output.ts';
import type { RawArrayData, RawAttributeEntry, RawImage, RawModeEntry, RawObject, RawVector } from './osgb-raw.ts';

export interface Codec<T = unknown> {
  read(input: OsgbInput): T;
  write(output: OsgbOutput, value: T): void;
}

export interface VersionRange { since?: number; until?: number }
export interface FieldSpec extends VersionRange {
  name: string;
  codec: Codec;
  /** Binary presence flag before the value (user, object and image serializers). */
  optional: boolean;
  /** Written when a non-optional field is missing. */
  defaultValue?: unknown;
}
export interface AssociateSpec extends VersionRange { name: string }
export interface ClassSpec { name: string; associates: AssociateSpec[]; fields: FieldSpec[] }

export function inVersionRange(r: VersionRange, version: number): boolean {
  return (r.since === undefined || version >= r.since) && (r.until === undefined || version <= r.until);
}

// ---- value codecs -------------------------------------------------------------------------------
const str: Codec<string> = { read: (i) => i.string(), write: (o, v) => o.string(v) };
const bool: Codec<boolean> = { read: (i) => i.bool(), write: (o, v) => o.bool(v) };
const int: Codec<number> = { read: (i) => i.i32(), write: (o, v) => o.i32(v) };
const uint: Codec<number> = { read: (i) => i.u32(), write: (o, v) => o.u32(v) };
const float: Codec<number> = { read: (i) => i.f32(), write: (o, v) => o.f32(v) };
const double: Codec<number> = { read: (i) => i.f64(), write: (o, v) => o.f64(v) };
const doubles = (n: number): Codec<number[]> => ({ read: (i) => i.f64s(n, 'double'), write: (o, v) => v.forEach((x) => o.f64(x)) });
const floats = (n: number): Codec<number[]> => ({ read: (i) => i.f32s(n, 'float'), write: (o, v) => v.forEach((x) => o.f32(x)) });

/** Matrixd: `{` 16 doubles `}` (InputStream::operator>>(Matrixd&)). */
const matrix: Codec<number[]> = {
  read: (i) => { i.beginBracket(); const m = i.f64s(16, 'matrix element'); i.endBracket(); return m; },
  write: (o, v) => { o.beginBracket(); v.forEach((x) => o.f64(x)); o.endBracket(); },
};

const object: Codec<RawObject | null> = { read: (i) => i.readObject(), write: (o, v) => o.writeObject(v) };
const image: Codec<RawImage | null> = {
  read: (i) => i.readImage(),
  write: (o, v) => { if (v) o.writeImage(v); },
};

/** `{` object `}` (Object::UserData, DefaultUserDataContainer::UDC_UserData). */
const bracketedObject: Codec<RawObject | null> = {
  read: (i) => { i.beginBracket(); const v = i.readObject(); i.endBracket(); return v; },
  write: (o, v) => { o.beginBracket(); o.writeObject(v); o.endBracket(); },
};

/** size `{` objects `}` (Group::Children, Geode::Drawables, UDC_UserObjects). */
const objectList: Codec<Array<RawObject | null>> = {
  read: (i) => {
    const n = i.count('object', 5);
    i.beginBracket();
    const out: Array<RawObject | null> = [];
    for (let k = 0; k < n; k++) out.push(i.readObject());
    i.endBracket();
    return out;
  },
  write: (o, v) => { o.u32(v.length); o.beginBracket(); v.forEach((x) => o.writeObject(x)); o.endBracket(); },
};

/** size [`{` objects `}`] — PagedLOD::Children writes no brackets when empty. */
const pagedChildren: Codec<Array<RawObject | null>> = {
  read: (i) => {
    const n = i.count('child', 5);
    const out: Array<RawObject | null> = [];
    if (n > 0) { i.beginBracket(); for (let k = 0; k < n; k++) out.push(i.readObject()); i.endBracket(); }
    return out;
  },
  write: (o, v) => { o.u32(v.length); if (v.length) { o.beginBracket(); v.forEach((x) => o.writeObject(x)); o.endBracket(); } },
};

/** size `{` strings `}` (Node::Descriptions, UDC_Descriptions). */
const stringList: Codec<string[]> = {
  read: (i) => { const n = i.count('string', 4); i.beginBracket(); const out: string[] = []; for (let k = 0; k < n; k++) out.push(i.string()); i.endBracket(); return out; },
  write: (o, v) => { o.u32(v.length); o.beginBracket(); v.forEach((s) => o.string(s)); o.endBracket(); },
};

/** Switch::ValueList (ListSerializer, binary: size then values, no brackets). */
const boolList: Codec<boolean[]> = {
  read: (i) => { const n = i.count('bool', 1); const out: boolean[] = []; for (let k = 0; k < n; k++) out.push(i.bool()); return out; },
  write: (o, v) => { o.u32(v.length); v.forEach((b) => o.bool(b)); },
};

/** IsAVectorSerializer `vector` of arrays and DrawElements: size then raw elements, no brackets. */
function isaVector(type: ComponentType, components: number, className: string): Codec<RawVector> {
  return {
    read: (i) => {
      const n = i.count(`${className} element`, COMPONENT_BYTES[type] * components);
      return i.vector(type, components, n, `${className} elements`);
    },
    write: (o, v) => { o.u32(v.data.length / components); o.vector(v); },
  };
}

/** VectorSerializer of ref_ptr<PrimitiveSet> / ref_ptr<Array>: objects since 112, else readPrimitiveSet/readArray. */
function refVector(kind: 'primitive' | 'array'): Codec<Array<RawObject | null>> {
  return {
    read: (i) => {
      const n = i.count(kind === 'primitive' ? 'primitive set' : 'array', 4);
      const out: Array<RawObject | null> = [];
      for (let k = 0; k < n; k++) {
        if (i.version >= ARRAY_OBJECTS_SINCE) out.push(i.readObject());
        else out.push(kind === 'primitive' ? i.readPrimitiveSetOld() : i.readArrayOld());
      }
      return out;
    },
    write: (o, v) => {
      o.u32(v.length);
      for (const x of v) {
        if (o.version >= ARRAY_OBJECTS_SINCE) o.writeObject(x);
        else if (!x) o.fail('a primitive set or array', 'null');
        else if (kind === 'primitive') o.writePrimitiveSetOld(x);
        else o.writeArrayOld(x);
      }
    },
  };
}

// ---- user serializers (after their presence flag) -----------------------------------------------
/** Node::InitialBound: `{` Vec3d center, double radius `}`. */
const nodeInitialBound: Codec<number[]> = {
  read: (i) => { i.beginBracket(); const v = i.f64s(4, 'initial bound'); i.endBracket(); return v; },
  write: (o, v) => { o.beginBracket(); v.forEach((x) => o.f64(x)); o.endBracket(); },
};
/** Drawable::InitialBound: `{` Vec3d min, Vec3d max `}`. */
const drawableInitialBound: Codec<number[]> = {
  read: (i) => { i.beginBracket(); const v = i.f64s(6, 'initial bounding box'); i.endBracket(); return v; },
  write: (o, v) => { o.beginBracket(); v.forEach((x) => o.f64(x)); o.endBracket(); },
};
/** LOD::RangeList: size `{` (float min, float max)* `}`. */
const rangeList: Codec<Array<[number, number]>> = {
  read: (i) => { const n = i.count('range', 8); i.beginBracket(); const out: Array<[number, number]> = []; for (let k = 0; k < n; k++) out.push([i.f32('range min'), i.f32('range max')]); i.endBracket(); return out; },
  write: (o, v) => { o.u32(v.length); o.beginBracket(); v.forEach(([a, b]) => { o.f32(a); o.f32(b); }); o.endBracket(); },
};
/** PagedLOD::DatabasePath: bool hasPath [string]. */
const databasePath: Codec<string> = {
  read: (i) => (i.bool('has DatabasePath') ? i.string('DatabasePath') : ''),
  write: (o, v) => { o.bool(v.length > 0); if (v.length) o.string(v); },
};
/** PagedLOD::RangeDataList: size `{` file names `}` size `{` (priority offset, scale)* `}`. */
export interface RangeData { fileNames: string[]; priorities: Array<[number, number]> }
const rangeDataList: Codec<RangeData> = {
  read: (i) => {
    const n = i.count('file name', 4); i.beginBracket();
    const fileNames: string[] = []; for (let k = 0; k < n; k++) fileNames.push(i.string('child file name'));
    i.endBracket();
    const m = i.count('priority', 8); i.beginBracket();
    const priorities: Array<[number, number]> = []; for (let k = 0; k < m; k++) priorities.push([i.f32('priority offset'), i.f32('priority scale')]);
    i.endBracket();
    return { fileNames, priorities };
  },
  write: (o, v) => {
    o.u32(v.fileNames.length); o.beginBracket(); v.fileNames.forEach((s) => o.string(s)); o.endBracket();
    o.u32(v.priorities.length); o.beginBracket(); v.priorities.forEach(([a, b]) => { o.f32(a); o.f32(b); }); o.endBracket();
  },
};

/** StateSet readModes: size [`{` (GLenum mode, int value)* `}`]. */
function readModes(i: OsgbInput): RawModeEntry[] {
  const n = i.count('mode', 8);
  const out: RawModeEntry[] = [];
  if (n > 0) { i.beginBracket(); for (let k = 0; k < n; k++) out.push({ mode: i.u32('GL mode'), value: i.i32('mode value') }); i.endBracket(); }
  return out;
}
function writeModes(o: OsgbOutput, v: RawModeEntry[]): void {
  o.u32(v.length);
  if (v.length) { o.beginBracket(); v.forEach((m) => { o.u32(m.mode); o.i32(m.value); }); o.endBracket(); }
}
/** StateSet readAttributes: size [`{` (object, int value)* `}`]. */
function readAttributes(i: OsgbInput): RawAttributeEntry[] {
  const n = i.count('attribute', 9);
  const out: RawAttributeEntry[] = [];
  if (n > 0) { i.beginBracket(); for (let k = 0; k < n; k++) out.push({ attribute: i.readObject(), value: i.i32('attribute value') }); i.endBracket(); }
  return out;
}
function writeAttributes(o: OsgbOutput, v: RawAttributeEntry[]): void {
  o.u32(v.length);
  if (v.length) { o.beginBracket(); v.forEach((a) => { o.writeObject(a.attribute); o.i32(a.value); }); o.endBracket(); }
}
const modeList: Codec<RawModeEntry[]> = { read: readModes, write: writeModes };
const attributeList: Codec<RawAttributeEntry[]> = { read: readAttributes, write: writeAttributes };
function perUnit<T>(inner: Codec<T>): Codec<T[]> {
  return {
    read: (i) => { const n = i.count('texture unit', 4); i.beginBracket(); const out: T[] = []; for (let k = 0; k < n; k++) out.push(inner.read(i)); i.endBracket(); return out; },
    write: (o, v) => { o.u32(v.length); o.beginBracket(); v.forEach((x) => inner.write(o, x)); o.endBracket(); },
  };
}
/** StateSet::UniformList: size `{` (object, int value)* `}`. */
const uniformList: Codec<RawAttributeEntry[]> = {
  read: (i) => { const n = i.count('uniform', 9); i.beginBracket(); const out: RawAttributeEntry[] = []; for (let k = 0; k < n; k++) out.push({ attribute: i.readObject(), value: i.i32('uniform value') }); i.endBracket(); return out; },
  write: (o, v) => { o.u32(v.length); o.beginBracket(); v.forEach((a) => { o.writeObject(a.attribute); o.i32(a.value); }); o.endBracket(); },
};
/** StateSet::DefineList: size `{` (name, value, int override)* `}`. */
const defineList: Codec<Array<[string, string, number]>> = {
  read: (i) => { const n = i.count('define', 12); i.beginBracket(); const out: Array<[string, string, number]> = []; for (let k = 0; k < n; k++) out.push([i.string(), i.string(), i.i32()]); i.endBracket(); return out; },
  write: (o, v) => { o.u32(v.length); o.beginBracket(); v.forEach(([a, b, c]) => { o.string(a); o.string(b); o.i32(c); }); o.endBracket(); },
};
/** Material colour: bool frontAndBack, Vec4f front, Vec4f back. */
export interface MaterialColor { frontAndBack: boolean; front: number[]; back: number[] }
const materialColor: Codec<MaterialColor> = {
  read: (i) => ({ frontAndBack: i.bool(), front: i.f32s(4, 'material colour'), back: i.f32s(4, 'material colour') }),
  write: (o, v) => { o.bool(v.frontAndBack); v.front.forEach((x) => o.f32(x)); v.back.forEach((x) => o.f32(x)); },
};
const materialShininess: Codec<MaterialColor> = {
  read: (i) => ({ frontAndBack: i.bool(), front: [i.f32('shininess')], back: [i.f32('shininess')] }),
  write: (o, v) => { o.bool(v.frontAndBack); o.f32(v.front[0]); o.f32(v.back[0]); },
};
/** Texture::ImageAttachment (95..153): unit, level, layered, layer, access, format. */
const imageAttachment: Codec<number[]> = {
  read: (i) => [i.u32(), i.i32(), i.u8(), i.i32(), i.u32(), i.u32()],
  write: (o, v) => { o.u32(v[0]); o.i32(v[1]); o.u8(v[2]); o.i32(v[3]); o.u32(v[4]); o.u32(v[5]); },
};
/** Pre-112 Geometry array slot: `{` bool hasArray [array] bool hasIndices [array] int binding int normalize `}`. */
function readArrayDataInner(i: OsgbInput): RawArrayData {
  const array = i.bool('has array') ? i.readArrayOld() : null;
  const indices = i.bool('has indices') ? i.readArrayOld() : null;
  return { array, indices, binding: i.i32('binding'), normalize: i.i32('normalize') };
}
function writeArrayDataInner(o: OsgbOutput, v: RawArrayData): void {
  o.bool(v.array !== null); if (v.array) o.writeArrayOld(v.array);
  o.bool(v.indices !== null); if (v.indices) o.writeArrayOld(v.indices);
  o.i32(v.binding); o.i32(v.normalize);
}
const arrayData: Codec<RawArrayData> = {
  read: (i) => { i.beginBracket(); const v = readArrayDataInner(i); i.endBracket(); return v; },
  write: (o, v) => { o.beginBracket(); writeArrayDataInner(o, v); o.endBracket(); },
};
const arrayDataList: Codec<RawArrayData[]> = {
  read: (i) => {
    const n = i.count('array slot', 4); i.beginBracket();
    const out: RawArrayData[] = [];
    for (let k = 0; k < n; k++) { i.beginBracket(); out.push(readArrayDataInner(i)); i.endBracket(); }
    i.endBracket();
    return out;
  },
  write: (o, v) => { o.u32(v.length); o.beginBracket(); v.forEach((x) => { o.beginBracket(); writeArrayDataInner(o, x); o.endBracket(); }); o.endBracket(); },
};
/** Geometry::FastPathHint (< 112): only its presence flag in binary. */
const nothing: Codec<true> = { read: () => true, write: () => undefined };

// ---- class table --------------------------------------------------------------------------------
const F = (name: string, codec: Codec<never> | Codec, defaultValue?: unknown, range: VersionRange = {}): FieldSpec =>
  ({ name, codec: codec as Codec, optional: false, defaultValue, ...range });
const U = (name: string, codec: Codec<never> | Codec, range: VersionRange = {}): FieldSpec =>
  ({ name, codec: codec as Codec, optional: true, ...range });
const A = (names: string, ranged: Record<string, VersionRange> = {}): AssociateSpec[] =>
  names.split(' ').map((name) => ({ name, ...(ranged[name] ?? {}) }));

const NODE_SINCE_154 = { 'osg::Node': { since: 154 } };
const BUFFERDATA_SINCE_147 = { 'osg::BufferData': { since: 147 } };

const specs: ClassSpec[] = [
  { name: 'osg::Object', associates: A('osg::Object'), fields: [
    F('Name', str, ''), F('DataVariance', int, 2),
    U('UserData', bracketedObject, { until: 76 }), U('UserDataContainer', object, { since: 77 }),
  ] },
  { name: 'osg::Node', associates: A('osg::Object osg::Node'), fields: [
    U('InitialBound', nodeInitialBound), U('ComputeBoundingSphereCallback', object), U('UpdateCallback', object),
    U('EventCallback', object), U('CullCallback', object), F('CullingActive', bool, true), F('NodeMask', uint, 0xffffffff),
    U('Descriptions', stringList, { until: 76 }), U('StateSet', object),
  ] },
  { name: 'osg::Group', associates: A('osg::Object osg::Node osg::Group'), fields: [U('Children', objectList)] },
  { name: 'osg::Geode', associates: A('osg::Object osg::Node osg::Geode'), fields: [U('Drawables', objectList)] },
  { name: 'osg::LOD', associates: A('osg::Object osg::Node osg::Group osg::LOD'), fields: [
    F('CenterMode', int, 0), U('UserCenter', doubles(4)), F('RangeMode', int, 0), U('RangeList', rangeList),
  ] },
  // PagedLOD deliberately lists no osg::Group: only the children not loaded from files are written.
  { name: 'osg::PagedLOD', associates: A('osg::Object osg::Node osg::LOD osg::PagedLOD'), fields: [
    U('DatabasePath', databasePath), F('FrameNumberOfLastTraversal', uint, 0, { until: 69 }),
    F('NumChildrenThatCannotBeExpired', uint, 0), F('DisableExternalChildrenPaging', bool, false),
    U('RangeDataList', rangeDataList), U('Children', pagedChildren),
  ] },
  { name: 'osg::Switch', associates: A('osg::Object osg::Node osg::Group osg::Switch'), fields: [
    F('NewChildDefaultValue', bool, true), F('ValueList', boolList, []),
  ] },
  { name: 'osg::Transform', associates: A('osg::Object osg::Node osg::Group osg::Transform'), fields: [F('ReferenceFrame', int, 0)] },
  { name: 'osg::MatrixTransform', associates: A('osg::Object osg::Node osg::Group osg::Transform osg::MatrixTransform'), fields: [
    F('Matrix', matrix, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
  ] },
  { name: 'osg::PositionAttitudeTransform', associates: A('osg::Object osg::Node osg::Group osg::Transform osg::PositionAttitudeTransform'), fields: [
    F('Position', doubles(3), [0, 0, 0]), F('Attitude', doubles(4), [0, 0, 0, 1]), F('Scale', doubles(3), [1, 1, 1]), F('PivotPoint', doubles(3), [0, 0, 0]),
  ] },
  { name: 'osg::Drawable', associates: A('osg::Object osg::Node osg::Drawable', NODE_SINCE_154), fields: [
    U('StateSet', object, { until: 155 }), U('InitialBound', drawableInitialBound), U('ComputeBoundingBoxCallback', object),
    U('Shape', object), F('SupportsDisplayList', bool, true), F('UseDisplayList', bool, true), F('UseVertexBufferObjects', bool, false),
    U('UpdateCallback', object, { until: 155 }), U('EventCallback', object, { until: 155 }), U('CullCallback', object, { until: 155 }),
    U('DrawCallback', object, { until: 155 }), F('NodeMask', uint, 0xffffffff, { since: 142 }), F('CullingActive', bool, true, { since: 145 }),
  ] },
  { name: 'osg::Geometry', associates: A('osg::Object osg::Node osg::Drawable osg::Geometry', NODE_SINCE_154), fields: [
    F('PrimitiveSetList', refVector('primitive'), []),
    U('VertexData', arrayData, { until: 111 }), U('NormalData', arrayData, { until: 111 }), U('ColorData', arrayData, { until: 111 }),
    U('SecondaryColorData', arrayData, { until: 111 }), U('FogCoordData', arrayData, { until: 111 }),
    U('TexCoordData', arrayDataList, { until: 111 }), U('VertexAttribData', arrayDataList, { until: 111 }),
    U('FastPathHint', nothing, { until: 111 }),
    U('VertexArray', object, { since: 112 }), U('NormalArray', object, { since: 112 }), U('ColorArray', object, { since: 112 }),
    U('SecondaryColorArray', object, { since: 112 }), U('FogCoordArray', object, { since: 112 }),
    F('TexCoordArrayList', refVector('array'), [], { since: 112 }), F('VertexAttribArrayList', refVector('array'), [], { since: 112 }),
  ] },
  { name: 'osg::BufferData', associates: A('osg::Object osg::BufferData'), fields: [U('BufferObject', object, { since: 147 })] },
  { name: 'osg::BufferObject', associates: A('osg::Object osg::BufferObject'), fields: [
    F('Target', uint, 0x8892), F('Usage', uint, 0x88e4), F('CopyDataAndReleaseGLBufferObject', bool, false),
    F('MappingBitfield', uint, 0, { since: 201 }),
  ] },
  { name: 'osg::VertexBufferObject', associates: A('osg::Object osg::BufferObject osg::VertexBufferObject'), fields: [] },
  { name: 'osg::ElementBufferObject', associates: A('osg::Object osg::BufferObject osg::ElementBufferObject'), fields: [] },
  { name: 'osg::Array', associates: A('osg::Object osg::BufferData osg::Array', BUFFERDATA_SINCE_147), fields: [
    F('Binding', int, 4), F('Normalize', bool, false), F('PreserveDataType', bool, false),
  ] },
  ...ARRAY_TYPES.map((t): ClassSpec => ({
    name: t.className,
    associates: A(`osg::Object osg::BufferData osg::Array ${t.className}`, BUFFERDATA_SINCE_147),
    fields: [F('vector', isaVector(t.type, t.components, t.className))],
  })),
  { name: 'osg::PrimitiveSet', associates: A('osg::Object osg::BufferData osg::PrimitiveSet', BUFFERDATA_SINCE_147), fields: [
    F('NumInstances', int, 0), F('Mode', int, 4),
  ] },
  { name: 'osg::DrawArrays', associates: A('osg::Object osg::BufferData osg::PrimitiveSet osg::DrawArrays', BUFFERDATA_SINCE_147), fields: [
    F('First', int, 0), F('Count', int, 0),
  ] },
  { name: 'osg::DrawArrayLengths', associates: A('osg::Object osg::BufferData osg::PrimitiveSet osg::DrawArrayLengths', BUFFERDATA_SINCE_147), fields: [
    F('First', int, 0), F('vector', isaVector('i32', 1, 'osg::DrawArrayLengths')),
  ] },
  ...([['osg::DrawElementsUByte', 'u8'], ['osg::DrawElementsUShort', 'u16'], ['osg::DrawElementsUInt', 'u32']] as const).map(([name, type]): ClassSpec => ({
    name,
    associates: A(`osg::Object osg::BufferData osg::PrimitiveSet ${name}`, BUFFERDATA_SINCE_147),
    fields: [F('vector', isaVector(type, 1, name))],
  })),
  { name: 'osg::StateSet', associates: A('osg::Object osg::StateSet'), fields: [
    U('ModeList', modeList), U('AttributeList', attributeList), U('TextureModeList', perUnit(modeList)),
    U('TextureAttributeList', perUnit(attributeList)), U('UniformList', uniformList), F('RenderingHint', int, 0),
    F('RenderBinMode', int, 0), F('BinNumber', int, 0), F('BinName', str, ''), F('NestRenderBins', bool, true),
    U('UpdateCallback', object), U('EventCallback', object), U('DefineList', defineList, { since: 151 }),
  ] },
  { name: 'osg::StateAttribute', associates: A('osg::Object osg::StateAttribute'), fields: [U('UpdateCallback', object), U('EventCallback', object)] },
  { name: 'osg::Material', associates: A('osg::Object osg::StateAttribute osg::Material'), fields: [
    F('ColorMode', int, 0x1603 /* Material::OFF */), U('Ambient', materialColor), U('Diffuse', materialColor),
    U('Specular', materialColor), U('Emission', materialColor), U('Shininess', materialShininess),
  ] },
  { name: 'osg::Texture', associates: A('osg::Object osg::StateAttribute osg::Texture'), fields: [
    U('WRAP_S', uint), U('WRAP_T', uint), U('WRAP_R', uint), U('MIN_FILTER', uint), U('MAG_FILTER', uint),
    F('MaxAnisotropy', float, 1), F('UseHardwareMipMapGeneration', bool, true), F('UnRefImageDataAfterApply', bool, false),
    F('ClientStorageHint', bool, false), F('ResizeNonPowerOfTwoHint', bool, true), F('BorderColor', doubles(4), [0, 0, 0, 0]),
    F('BorderWidth', int, 0), F('InternalFormatMode', int, 0), U('InternalFormat', uint), U('SourceFormat', uint), U('SourceType', uint),
    F('ShadowComparison', bool, false), F('ShadowCompareFunc', int, 0x0203), F('ShadowTextureMode', int, 0x1909), F('ShadowAmbient', float, 0),
    U('ImageAttachment', imageAttachment, { since: 95, until: 153 }), U('Swizzle', str, { since: 98 }),
    F('MinLOD', float, 0, { since: 155 }), F('MaxLOD', float, -1, { since: 155 }), F('LODBias', float, 0, { since: 155 }),
  ] },
  { name: 'osg::Texture2D', associates: A('osg::Object osg::StateAttribute osg::Texture osg::Texture2D'), fields: [
    U('Image', image), F('TextureWidth', int, 0), F('TextureHeight', int, 0),
  ] },
  { name: 'osg::CullFace', associates: A('osg::Object osg::StateAttribute osg::CullFace'), fields: [F('Mode', int, 0x0405)] },
  { name: 'osg::ShadeModel', associates: A('osg::Object osg::StateAttribute osg::ShadeModel'), fields: [F('Mode', int, 0x1d01)] },
  { name: 'osg::TexEnv', associates: A('osg::Object osg::StateAttribute osg::TexEnv'), fields: [F('Mode', int, 0x2100), F('Color', floats(4), [0, 0, 0, 0])] },
  { name: 'osg::BlendFunc', associates: A('osg::Object osg::StateAttribute osg::BlendFunc'), fields: [
    F('SourceRGB', uint, 1), F('SourceAlpha', uint, 1), F('DestinationRGB', uint, 0), F('DestinationAlpha', uint, 0),
  ] },
  { name: 'osg::LightModel', associates: A('osg::Object osg::StateAttribute osg::LightModel'), fields: [
    F('AmbientIntensity', floats(4), [0.2, 0.2, 0.2, 1]), F('ColorControl', int, 0x81f9), F('LocalViewer', bool, false), F('TwoSided', bool, false),
  ] },
  { name: 'osg::UserDataContainer', associates: A('osg::Object osg::UserDataContainer'), fields: [] },
  { name: 'osg::DefaultUserDataContainer', associates: A('osg::Object osg::UserDataContainer osg::DefaultUserDataContainer'), fields: [
    U('UDC_UserData', bracketedObject), U('UDC_Descriptions', stringList), U('UDC_UserObjects', objectList),
  ] },
  ...([['Bool', bool], ['Int', int], ['UInt', uint], ['Float', float], ['Double', double], ['String', str]] as const).map(([t, codec]): ClassSpec => ({
    name: `osg::${t}ValueObject`, associates: A(`osg::Object osg::${t}ValueObject`), fields: [F('Value', codec as Codec)],
  })),
];

export const CLASS_SPECS: ReadonlyMap<string, ClassSpec> = new Map(specs.map((s) => [s.name, s]));

/** True when `className` has `base` among its associate classes (e.g. osg::PagedLOD is an osg::LOD). */
export function isA(className: string, base: string): boolean {
  return CLASS_SPECS.get(className)?.associates.some((a) => a.name === base) ?? false;
}
