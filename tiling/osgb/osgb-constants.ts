/**
 * Numeric constants of the OpenSceneGraph binary format (.osgb).
 * Source: OpenSceneGraph include/osgDB/DataTypes, include/osg/PrimitiveSet, include/osg/Array
 * (github.com/openscenegraph/OpenSceneGraph, 3.6 branch).
 */

/** First two little-endian uint32 words of every .osgb file (OSG_HEADER_LOW, OSG_HEADER_HIGH). */
export const OSG_HEADER_LOW = 0x6c910ea1;
export const OSG_HEADER_HIGH = 0x1afb4545;

/** Header attribute bits (OutputStream::start). */
export const ATTR_CUSTOM_DOMAINS = 0x1;
export const ATTR_SCHEMA_DATA = 0x2;
export const ATTR_BINARY_BRACKETS = 0x4;

/** Stream types written after the magic (InputStream::ReadType). */
export const OSGB_TYPE_NAMES: Record<number, 'Scene' | 'Image' | 'Object'> = { 1: 'Scene', 2: 'Image', 3: 'Object' };

/** Serializer version of OpenSceneGraph 3.6.5 (osgconv writes `#Version 161`). */
export const OSGB_LATEST_VERSION = 161;
/** Newest serializer version whose wrappers the tables cover (OpenSceneGraph 3.7 master, SO 202). */
export const OSGB_NEWEST_VERSION = 202;
/** Oldest serializer version this codec claims to read. */
export const OSGB_OLDEST_VERSION = 70;
/** First version that writes binary brackets (header bit 0x4) on request (OutputStream::start). */
export const BRACKETS_SINCE = 98;
/** Since this version binary bracket sizes are 8 bytes instead of 4 (BinaryStreamOperator.h). */
export const BRACKET64_SINCE = 149;
/** Since this version arrays and primitive sets are written as full objects, not by readArray(). */
export const ARRAY_OBJECTS_SINCE = 112;

/** Image storage decisions (IMAGE_INLINE_DATA … IMAGE_WRITE_OUT). */
export const IMAGE_INLINE_DATA = 0;
export const IMAGE_INLINE_FILE = 1;
export const IMAGE_EXTERNAL = 2;
export const IMAGE_WRITE_OUT = 3;

/** Array type ids used by the pre-112 `readArray()` path, with class name, components and component type. */
export type ComponentType = 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32' | 'f32' | 'f64';
export const COMPONENT_BYTES: Record<ComponentType, number> = { i8: 1, u8: 1, i16: 2, u16: 2, i32: 4, u32: 4, f32: 4, f64: 8 };
export interface ArrayTypeInfo { id: number; className: string; components: number; type: ComponentType }
export const ARRAY_TYPES: ArrayTypeInfo[] = [
  { id: 0, className: 'osg::ByteArray', components: 1, type: 'i8' },
  { id: 1, className: 'osg::UByteArray', components: 1, type: 'u8' },
  { id: 2, className: 'osg::ShortArray', components: 1, type: 'i16' },
  { id: 3, className: 'osg::UShortArray', components: 1, type: 'u16' },
  { id: 4, className: 'osg::IntArray', components: 1, type: 'i32' },
  { id: 5, className: 'osg::UIntArray', components: 1, type: 'u32' },
  { id: 6, className: 'osg::FloatArray', components: 1, type: 'f32' },
  { id: 7, className: 'osg::DoubleArray', components: 1, type: 'f64' },
  { id: 8, className: 'osg::Vec2bArray', components: 2, type: 'i8' },
  { id: 9, className: 'osg::Vec3bArray', components: 3, type: 'i8' },
  { id: 10, className: 'osg::Vec4bArray', components: 4, type: 'i8' },
  { id: 11, className: 'osg::Vec4ubArray', components: 4, type: 'u8' },
  { id: 12, className: 'osg::Vec2sArray', components: 2, type: 'i16' },
  { id: 13, className: 'osg::Vec3sArray', components: 3, type: 'i16' },
  { id: 14, className: 'osg::Vec4sArray', components: 4, type: 'i16' },
  { id: 15, className: 'osg::Vec2Array', components: 2, type: 'f32' },
  { id: 16, className: 'osg::Vec3Array', components: 3, type: 'f32' },
  { id: 17, className: 'osg::Vec4Array', components: 4, type: 'f32' },
  { id: 18, className: 'osg::Vec2dArray', components: 2, type: 'f64' },
  { id: 19, className: 'osg::Vec3dArray', components: 3, type: 'f64' },
  { id: 20, className: 'osg::Vec4dArray', components: 4, type: 'f64' },
  { id: 21, className: 'osg::Vec2ubArray', components: 2, type: 'u8' },
  { id: 22, className: 'osg::Vec3ubArray', components: 3, type: 'u8' },
  { id: 23, className: 'osg::Vec2usArray', components: 2, type: 'u16' },
  { id: 24, className: 'osg::Vec3usArray', components: 3, type: 'u16' },
  { id: 25, className: 'osg::Vec4usArray', components: 4, type: 'u16' },
  { id: 26, className: 'osg::Vec2iArray', components: 2, type: 'i32' },
  { id: 27, className: 'osg::Vec3iArray', components: 3, type: 'i32' },
  { id: 28, className: 'osg::Vec4iArray', components: 4, type: 'i32' },
  { id: 29, className: 'osg::Vec2uiArray', components: 2, type: 'u32' },
  { id: 30, className: 'osg::Vec3uiArray', components: 3, type: 'u32' },
  { id: 31, className: 'osg::Vec4uiArray', components: 4, type: 'u32' },
];
export const ARRAY_TYPE_BY_ID = new Map(ARRAY_TYPES.map((t) => [t.id, t]));
export const ARRAY_TYPE_BY_CLASS = new Map(ARRAY_TYPES.map((t) => [t.className, t]));

/** Primitive set type ids of the pre-112 `readPrimitiveSet()` path. */
export const PRIMITIVE_TYPES: Record<number, string> = {
  50: 'osg::DrawArrays',
  51: 'osg::DrawArrayLengths',
  52: 'osg::DrawElementsUByte',
  53: 'osg::DrawElementsUShort',
  54: 'osg::DrawElementsUInt',
};
export const PRIMITIVE_TYPE_BY_CLASS = new Map(Object.entries(PRIMITIVE_TYPES).map(([id, name]) => [name, Number(id)]));

/** GL primitive modes (osg::PrimitiveSet::Mode = GLenum values). */
export const PRIMITIVE_MODES = [
  'POINTS', 'LINES', 'LINE_LOOP', 'LINE_STRIP', 'TRIANGLES', 'TRIANGLE_STRIP', 'TRIANGLE_FAN', 'QUADS',
  'QUAD_STRIP', 'POLYGON', 'LINES_ADJACENCY', 'LINE_STRIP_ADJACENCY', 'TRIANGLES_ADJACENCY',
  'TRIANGLE_STRIP_ADJACENCY', 'PATCHES',
] as const;

/** osg::Array::Binding values (BIND_UNDEFINED = -1). */
export const BINDINGS: Record<number, string> = {
  [-1]: 'BIND_UNDEFINED', 0: 'BIND_OFF', 1: 'BIND_OVERALL', 2: 'BIND_PER_PRIMITIVE_SET', 4: 'BIND_PER_VERTEX',
};

/** GL enums used when writing textures and state (gl.h). */
export const GL = {
  TEXTURE_2D: 0x0de1,
  CULL_FACE: 0x0b44,
  LIGHTING: 0x0b50,
  CLAMP_TO_EDGE: 0x812f,
  REPEAT: 0x2901,
  LINEAR: 0x2601,
  LINEAR_MIPMAP_LINEAR: 0x2703,
  ARRAY_BUFFER: 0x8892,
  ELEMENT_ARRAY_BUFFER: 0x8893,
  STATIC_DRAW: 0x88e4,
  RGB: 0x1907,
  RGBA: 0x1908,
  UNSIGNED_BYTE: 0x1401,
} as const;
