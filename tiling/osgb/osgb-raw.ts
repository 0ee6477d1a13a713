/**
 * The intermediate, schema-level form of an OSGB stream: every object as its class name, unique id
 * and the serializer fields OpenSceneGraph wrote for it (names as in src/osgWrappers/serializers/osg).
 * The reader produces it, the writer consumes it; `osgb-scene.ts` maps it to and from the typed tree.
 */
import type { ComponentType } from './osgb-constants.ts';

export type TypedVector = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/** The element data of an osg::Array or osg::DrawElements (`vector` serializer). */
export interface RawVector {
  type: ComponentType;
  components: number;
  data: TypedVector;
}

export interface RawObject {
  className: string;
  /** UniqueID in the stream (writer assigns its own). */
  id: number;
  /** Serializer values by field name; absent optional fields are undefined. */
  fields: Record<string, unknown>;
  /** True when the class is unknown and its block was skipped (binary brackets only). */
  skipped?: boolean;
}

export interface RawImage {
  className: string;
  id: number;
  fileName: string;
  writeHint: number;
  /** IMAGE_INLINE_DATA (0), IMAGE_INLINE_FILE (1), IMAGE_EXTERNAL (2) or IMAGE_WRITE_OUT (3). */
  decision: number;
  /** Encoded file bytes (INLINE_FILE) or raw pixels (INLINE_DATA). */
  data?: Uint8Array;
  /** INLINE_DATA header: origin, s, t, r, internalFormat, pixelFormat, dataType, packing, allocationMode. */
  pixelHeader?: { origin: number; s: number; t: number; r: number; internalFormat: number; pixelFormat: number; dataType: number; packing: number; allocationMode: number };
  mipmapOffsets?: number[];
  /** osg::Object fields of the image (Name, DataVariance, …). */
  fields: Record<string, unknown>;
}

/** A state attribute with its StateAttribute::Values word (ON/OFF/OVERRIDE bits). */
export interface RawAttributeEntry { attribute: RawObject | null; value: number }
export interface RawModeEntry { mode: number; value: number }

/** Pre-112 Geometry array slot (VertexData, NormalData, …). */
export interface RawArrayData { array: RawObject | null; indices: RawObject | null; binding: number; normalize: number }
