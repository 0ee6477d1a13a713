/**
 * Types of the 3D Metadata schema used by 3D Tiles 1.1 (tileset.json `schema`) and glTF
 * EXT_structural_metadata (`schema`), after the JSON schemas in CesiumGS/3d-tiles
 * specification/schema/Schema/*.schema.json and specification/Metadata/README.md.
 */

/** `^[a-zA-Z_][a-zA-Z0-9_]*$`: schema, class, enum and property ids. */
export const METADATA_ID_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const METADATA_TYPES = ['SCALAR', 'VEC2', 'VEC3', 'VEC4', 'MAT2', 'MAT3', 'MAT4', 'STRING', 'BOOLEAN', 'ENUM'] as const;
export type MetadataType = (typeof METADATA_TYPES)[number];

/**
 * Integer ranges per component type. INT64/UINT64 bounds are the nearest doubles (2^63, 2^64): JSON
 * numbers cannot hold the exact limits, so those two ranges are checked approximately.
 */
export const INTEGER_COMPONENT_RANGES = {
  INT8: [-128, 127],
  UINT8: [0, 255],
  INT16: [-32768, 32767],
  UINT16: [0, 65535],
  INT32: [-2147483648, 2147483647],
  UINT32: [0, 4294967295],
  INT64: [-(2 ** 63), 2 ** 63],
  UINT64: [0, 2 ** 64],
} as const;
export type IntegerComponentType = keyof typeof INTEGER_COMPONENT_RANGES;

export const FLOAT_COMPONENT_TYPES = ['FLOAT32', 'FLOAT64'] as const;
export type ComponentType = IntegerComponentType | (typeof FLOAT_COMPONENT_TYPES)[number];
export const COMPONENT_TYPES: readonly ComponentType[] = [
  ...(Object.keys(INTEGER_COMPONENT_RANGES) as IntegerComponentType[]), ...FLOAT_COMPONENT_TYPES,
];

/** Number of components of each numeric type. */
export const COMPONENT_COUNTS: Partial<Record<MetadataType, number>> = {
  SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4, MAT2: 4, MAT3: 9, MAT4: 16,
};

/** A property value as written in JSON: number, string, boolean, or arrays thereof. */
export type MetadataValue = number | string | boolean | MetadataValue[];

export interface ClassProperty {
  name?: string;
  description?: string;
  type: MetadataType;
  componentType?: ComponentType;
  enumType?: string;
  array?: boolean;
  count?: number;
  normalized?: boolean;
  offset?: MetadataValue;
  scale?: MetadataValue;
  max?: MetadataValue;
  min?: MetadataValue;
  required?: boolean;
  noData?: MetadataValue;
  default?: MetadataValue;
  semantic?: string;
}

export interface MetadataClass {
  name?: string;
  description?: string;
  properties?: Record<string, ClassProperty>;
}

export interface EnumValue {
  name: string;
  description?: string;
  value: number;
}

export interface MetadataEnum {
  name?: string;
  description?: string;
  /** Defaults to UINT16 in the spec. */
  valueType?: IntegerComponentType;
  values: EnumValue[];
}

export interface MetadataSchema {
  id: string;
  name?: string;
  description?: string;
  version?: string;
  classes?: Record<string, MetadataClass>;
  enums?: Record<string, MetadataEnum>;
}
