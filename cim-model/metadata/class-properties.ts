/**
 * The walk from a feature's zod schema to 3D Tiles metadata class properties. buildMetadataSchema
 * and featurePropertyRow both use it, so the schema and the rows written against it cannot differ.
 *
 * Mapping: string → STRING; number → SCALAR FLOAT64, integer → SCALAR INT32 (with min/max from the
 * zod bounds); boolean → BOOLEAN; z.enum → ENUM; tuple of 2 or 3 numbers → VEC2 / VEC3, of other
 * lengths → fixed-length SCALAR array; array of those → variable-length array; nested objects are
 * flattened with '_' (`section.diameter` → `section_diameter`); records, unions and anything else
 * → STRING holding JSON. `type` (the class itself) and `geometry` (the tile content) are not properties.
 */
import type { z } from 'zod';
import { featureSchema, type FeatureType } from '../features/index.ts';
import {
  enumValues, isIntegerSchema, numberBounds, schemaDef, schemaId, unwrapSchema,
} from '../features/zod-introspection.ts';
import type { ClassProperty, ComponentType, MetadataType, MetadataValue } from './metadata-schema-types.ts';

/** Top-level feature fields that are not metadata properties. */
export const NON_PROPERTY_FIELDS: ReadonlySet<string> = new Set(['type', 'geometry']);

/**
 * noData sentinels of optional properties. FLOAT64 uses the lowest finite double, which no
 * elevation, length or ratio can take; INT32 its minimum; ENUMs an extra value named NO_DATA.
 * BOOLEAN may not have noData (3D Metadata spec), so a missing optional boolean is written false.
 */
export const METADATA_NO_DATA = {
  FLOAT64: -Number.MAX_VALUE,
  INT32: -2147483648,
  STRING: '',
  ENUM: 'NO_DATA',
} as const;

/** Semantics of the 3D Metadata Semantic Reference that apply to feature fields. */
const SEMANTICS: Record<string, string> = { id: 'ID', name: 'NAME' };

export interface PropertyField {
  /** Property id: the field path joined with '_'. */
  id: string;
  /** Field path in the feature, e.g. ['section', 'diameter']. */
  path: readonly string[];
  property: ClassProperty;
  /** For ENUM properties: the enum id, description and value names in zod order. */
  enum?: { id: string; description?: string; names: readonly string[] };
  /** 'json' when the value is written as JSON text. */
  encoding: 'plain' | 'json';
}

interface Leaf {
  type: MetadataType;
  componentType?: ComponentType;
  array?: boolean;
  count?: number;
  min?: number;
  max?: number;
  enum?: PropertyField['enum'];
  encoding: 'plain' | 'json';
}

/** The metadata shape of a scalar-like schema (string, number, boolean, enum, numeric tuple). */
function scalarLeaf(schema: z.core.$ZodType, path: readonly string[]): Leaf | undefined {
  const def = schemaDef(schema);
  switch (def.type) {
    case 'string':
      return { type: 'STRING', encoding: 'plain' };
    case 'boolean':
      return { type: 'BOOLEAN', encoding: 'plain' };
    case 'number': {
      // 3D Tiles min/max are inclusive: an exclusive integer bound moves by one; an exclusive
      // float bound (e.g. height > 0) is stated as its inclusive closure.
      const integer = isIntegerSchema(schema);
      const { min, minInclusive, max, maxInclusive } = numberBounds(schema);
      const step = integer ? 1 : 0;
      return {
        type: 'SCALAR',
        componentType: integer ? 'INT32' : 'FLOAT64',
        min: min === undefined || minInclusive ? min : min + step,
        max: max === undefined || maxInclusive ? max : max - step,
        encoding: 'plain',
      };
    }
    case 'enum':
      return {
        type: 'ENUM',
        enum: { id: schemaId(schema) ?? path.join('_'), description: unwrapSchema(schema).description, names: enumValues(schema) },
        encoding: 'plain',
      };
    case 'tuple': {
      const items = def.items ?? [];
      if (!items.every((item) => schemaDef(unwrapSchema(item).schema).type === 'number')) return undefined;
      if (items.length === 2 || items.length === 3) return { type: items.length === 2 ? 'VEC2' : 'VEC3', componentType: 'FLOAT64', encoding: 'plain' };
      return { type: 'SCALAR', componentType: 'FLOAT64', array: true, count: items.length, encoding: 'plain' };
    }
    default:
      return undefined;
  }
}

/** The metadata shape of any non-object schema; JSON text when nothing else fits. */
function leafOf(schema: z.core.$ZodType, path: readonly string[]): Leaf {
  const scalar = scalarLeaf(schema, path);
  if (scalar) return scalar;
  const def = schemaDef(schema);
  if (def.type === 'array' && def.element) {
    const element = scalarLeaf(unwrapSchema(def.element).schema, path);
    if (element && !element.array) return { ...element, array: true, min: undefined, max: undefined };
  }
  return { type: 'STRING', encoding: 'json' };
}

function noDataOf(leaf: Leaf): MetadataValue | undefined {
  if (leaf.type === 'BOOLEAN' || (leaf.array && leaf.count === undefined)) return undefined;
  const element: MetadataValue =
    leaf.type === 'STRING' ? METADATA_NO_DATA.STRING
      : leaf.type === 'ENUM' ? METADATA_NO_DATA.ENUM
        : leaf.componentType === 'INT32' ? METADATA_NO_DATA.INT32 : METADATA_NO_DATA.FLOAT64;
  const components = leaf.type === 'VEC2' ? 2 : leaf.type === 'VEC3' ? 3 : 1;
  const value = components === 1 ? element : Array<MetadataValue>(components).fill(element);
  return leaf.count ? Array<MetadataValue>(leaf.count).fill(value) : value;
}

function toProperty(leaf: Leaf, path: readonly string[], required: boolean, description: string | undefined): ClassProperty {
  const property: ClassProperty = { name: path.join('.'), type: leaf.type };
  if (description) property.description = description;
  if (leaf.componentType) property.componentType = leaf.componentType;
  if (leaf.enum) property.enumType = leaf.enum.id;
  if (leaf.array) property.array = true;
  if (leaf.count) property.count = leaf.count;
  if (leaf.min !== undefined && Number.isFinite(leaf.min)) property.min = leaf.min;
  if (leaf.max !== undefined && Number.isFinite(leaf.max)) property.max = leaf.max;
  property.required = required;
  const noData = required ? undefined : noDataOf(leaf);
  if (noData !== undefined) property.noData = noData;
  const semantic = path.length === 1 ? SEMANTICS[path[0]] : undefined;
  if (semantic && leaf.type === 'STRING' && leaf.encoding === 'plain') property.semantic = semantic;
  return property;
}

function walk(
  schema: z.core.$ZodType, path: readonly string[], parentRequired: boolean, parentDescription: string | undefined,
  out: PropertyField[],
): void {
  const { schema: inner, required: selfRequired, description: own } = unwrapSchema(schema);
  const required = parentRequired && selfRequired;
  const description = own ?? (parentDescription ? `${parentDescription}: ${path[path.length - 1]}` : undefined);
  const def = schemaDef(inner);
  if (def.type === 'object' && def.shape) {
    for (const [key, child] of Object.entries(def.shape)) {
      if (path.length === 0 && NON_PROPERTY_FIELDS.has(key)) continue;
      walk(child, [...path, key], required, path.length === 0 ? undefined : description, out);
    }
    return;
  }
  const leaf = leafOf(inner, path);
  out.push({
    id: path.join('_'),
    path,
    property: toProperty(leaf, path, required, description),
    ...(leaf.enum ? { enum: leaf.enum } : {}),
    encoding: leaf.encoding,
  });
}

const cache = new Map<FeatureType, readonly PropertyField[]>();

/** The metadata properties of a feature type, in schema field order. */
export function classPropertyFields(type: FeatureType): readonly PropertyField[] {
  const cached = cache.get(type);
  if (cached) return cached;
  const fields: PropertyField[] = [];
  walk(featureSchema(type), [], true, undefined, fields);
  const seen = new Map<string, string>();
  for (const f of fields) {
    const other = seen.get(f.id);
    if (other) throw new Error(`feature type '${type}': fields '${other}' and '${f.path.join('.')}' both flatten to property '${f.id}'`);
    seen.set(f.id, f.path.join('.'));
  }
  cache.set(type, fields);
  return fields;
}
