/**
 * The typed scene tree the OSGB codec reads and writes: a plain-object view of the OpenSceneGraph
 * nodes that oblique-photography tiles use (PagedLOD pyramids of Geode/Geometry with textures).
 * Coordinates are whatever the file holds; ContextCapture writes metres relative to the
 * metadata.xml SRSOrigin, in the axis order of its SRS (x east, y north, z up).
 */
import type { PRIMITIVE_MODES } from './osgb-constants.ts';

export type OsgbPrimitiveMode = (typeof PRIMITIVE_MODES)[number];
export type OsgbBinding = 'BIND_UNDEFINED' | 'BIND_OFF' | 'BIND_OVERALL' | 'BIND_PER_PRIMITIVE_SET' | 'BIND_PER_VERTEX';
export type OsgbCenterMode = 'USE_BOUNDING_SPHERE_CENTER' | 'USER_DEFINED_CENTER' | 'UNION_OF_BOUNDING_SPHERE_AND_USER_DEFINED';
export type OsgbRangeMode = 'DISTANCE_FROM_EYE_POINT' | 'PIXEL_SIZE_ON_SCREEN';

export interface OsgbImage {
  /** osg::Object name of the image (often empty). */
  name: string;
  /** Image::FileName, e.g. "Tile_+000_+000_0.jpg" (for inline images only a label). */
  fileName: string;
  /** 'image/jpeg', 'image/png', … from the data's signature (or the file name when external). */
  mimeType: string;
  /** inline-file: encoded file bytes in `data`; inline-data: raw pixels; external: only the file name. */
  storage: 'inline-file' | 'inline-data' | 'external' | 'write-out';
  data?: Uint8Array;
  /** Pixel size from the encoded header or the inline-data header; 0 when unknown (external). */
  width: number;
  height: number;
  /** GL pixel format / data type of inline-data images. */
  pixelFormat?: number;
  dataType?: number;
}

export interface OsgbTexture {
  unit: number;
  className: string;
  /** GL wrap and filter enums (e.g. 0x812F CLAMP_TO_EDGE, 0x2703 LINEAR_MIPMAP_LINEAR). */
  wrapS?: number;
  wrapT?: number;
  wrapR?: number;
  minFilter?: number;
  magFilter?: number;
  image?: OsgbImage;
}

export interface OsgbMaterial {
  /** osg::Material::ColorMode GL enum (0x1603 = OFF). */
  colorMode: number;
  ambient: [number, number, number, number];
  diffuse: [number, number, number, number];
  specular: [number, number, number, number];
  emission: [number, number, number, number];
  shininess: number;
}

export interface OsgbStateSet {
  /** GL modes and StateAttribute::Values (1 = ON, 0 = OFF; OVERRIDE 2, PROTECTED 4). */
  modes: Array<{ mode: number; value: number }>;
  material?: OsgbMaterial;
  textures: OsgbTexture[];
  /** Class names of every state attribute, including those not modelled above (e.g. osg::CullFace). */
  attributeClasses: string[];
  renderingHint?: number;
}

export interface OsgbPrimitive {
  mode: OsgbPrimitiveMode;
  /** DrawElements indices; absent for DrawArrays / DrawArrayLengths. */
  indices?: Uint8Array | Uint16Array | Uint32Array;
  /** DrawArrays / DrawArrayLengths first vertex. */
  first?: number;
  /** DrawArrays vertex count. */
  count?: number;
  /** DrawArrayLengths run lengths. */
  lengths?: Int32Array;
  numInstances?: number;
}

interface OsgbNodeBase {
  /** The OSG class name, e.g. 'osg::PagedLOD'. */
  className: string;
  name: string;
  stateSet?: OsgbStateSet;
  /** Child nodes (for a Geode: its drawables; for a PagedLOD: only the children stored inline). */
  children: OsgbNode[];
}

export interface OsgbGroupLike extends OsgbNodeBase {
  kind: 'Node' | 'Group' | 'Geode' | 'Switch' | 'Transform' | 'Unknown';
}

export interface OsgbLod extends OsgbNodeBase {
  kind: 'LOD';
  centerMode: OsgbCenterMode;
  /** User-defined centre (file coordinates) and radius, when the centre mode uses them. */
  center?: [number, number, number];
  radius?: number;
  rangeMode: OsgbRangeMode;
  /** [min, max] per child; for PIXEL_SIZE_ON_SCREEN in pixels, else metres from the eye. */
  ranges: Array<[number, number]>;
}

export interface OsgbPagedLod extends Omit<OsgbLod, 'kind'> {
  kind: 'PagedLOD';
  /** One per range: '' for a child stored inline, else the file to page in (relative to databasePath). */
  fileNames: string[];
  databasePath: string;
  /** [offset, scale] paging priority per range. */
  priorities?: Array<[number, number]>;
}

export interface OsgbMatrixTransform extends OsgbNodeBase {
  kind: 'MatrixTransform';
  /** 16 values as osg::Matrixd stores them (row-major with row vectors = column-major OpenGL order). */
  matrix: number[];
}

export interface OsgbPositionAttitudeTransform extends OsgbNodeBase {
  kind: 'PositionAttitudeTransform';
  position: [number, number, number];
  /** Quaternion x, y, z, w. */
  attitude: [number, number, number, number];
  scale: [number, number, number];
  pivot: [number, number, number];
}

export interface OsgbGeometry extends OsgbNodeBase {
  kind: 'Geometry';
  /** xyz per vertex; Float64Array when the file stores a Vec3dArray. */
  positions: Float32Array | Float64Array;
  normals?: Float32Array;
  normalBinding?: OsgbBinding;
  /** RGBA per vertex (or one when BIND_OVERALL), 0..1. */
  colors?: Float32Array;
  colorBinding?: OsgbBinding;
  /** uv per vertex of texture unit 0. */
  texcoords?: Float32Array;
  primitives: OsgbPrimitive[];
}

export type OsgbNode = OsgbGroupLike | OsgbLod | OsgbPagedLod | OsgbMatrixTransform | OsgbPositionAttitudeTransform | OsgbGeometry;
export type OsgbNodeKind = OsgbNode['kind'];

export interface OsgbScene {
  /** Serializer version of the file read (or to write). */
  version: number;
  compressor: string;
  /** Header attribute bits as read (0x4 = binary brackets). */
  attributes: number;
  root: OsgbNode | null;
}
