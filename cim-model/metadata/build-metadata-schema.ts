/**
 * The cimflow 3D Tiles metadata schema (tileset.json `schema`, glTF EXT_structural_metadata
 * `schema`), generated from the feature zod schemas: one class per feature type, one enum per zod
 * enum. Nothing here lists fields by hand.
 */
import { FEATURE_TYPES, featureSchema, type FeatureType } from '../features/index.ts';
import { schemaDescription } from '../features/zod-introspection.ts';
import { METADATA_NO_DATA, classPropertyFields } from './class-properties.ts';
import type { ClassProperty, IntegerComponentType, MetadataClass, MetadataEnum, MetadataSchema } from './metadata-schema-types.ts';

export interface BuildMetadataSchemaOptions {
  /** Schema id. */
  id?: string;
  /** Feature types to include (e.g. only those present in one tile content); enums follow. */
  featureTypes?: readonly FeatureType[];
}

export const BUILD_METADATA_SCHEMA_DEFAULTS = {
  id: 'cimflow',
  featureTypes: FEATURE_TYPES,
} as const satisfies Required<BuildMetadataSchemaOptions>;

/** 'bim-project' → 'bimProject': class ids are camelCase identifiers, as the spec recommends. */
export function featureTypeToClassId(type: FeatureType): string {
  return type.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** 32-bit FNV-1a of a string, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** UINT8 holds 255 values plus the NO_DATA sentinel at 255; larger enums use UINT16. */
function enumDefinition(names: readonly string[], description: string | undefined, withNoData: boolean): MetadataEnum {
  if (withNoData && names.includes(METADATA_NO_DATA.ENUM)) throw new Error(`enum value '${METADATA_NO_DATA.ENUM}' is reserved for noData`);
  const valueType: IntegerComponentType = names.length < 255 ? 'UINT8' : 'UINT16';
  const values = names.map((name, value) => ({ name, value }));
  if (withNoData) values.push({ name: METADATA_NO_DATA.ENUM, value: valueType === 'UINT8' ? 255 : 65535 });
  return { ...(description ? { description } : {}), valueType, values };
}

/**
 * Builds the metadata schema. `version` is a hash of the classes and enums, so it changes exactly
 * when the feature model does.
 */
export function buildMetadataSchema(options: BuildMetadataSchemaOptions = {}): MetadataSchema {
  const { id, featureTypes } = { ...BUILD_METADATA_SCHEMA_DEFAULTS, ...options };
  const classes: Record<string, MetadataClass> = {};
  const enumSources = new Map<string, { names: readonly string[]; description?: string; withNoData: boolean; firstUse: string }>();

  for (const type of featureTypes) {
    const classId = featureTypeToClassId(type);
    const properties: Record<string, ClassProperty> = {};
    for (const field of classPropertyFields(type)) {
      properties[field.id] = field.property;
      if (!field.enum) continue;
      const use = `${classId}.${field.id}`;
      const known = enumSources.get(field.enum.id);
      if (known && known.names.join('|') !== field.enum.names.join('|')) {
        throw new Error(`enum '${field.enum.id}' has different values at ${known.firstUse} and ${use}`);
      }
      enumSources.set(field.enum.id, {
        names: field.enum.names,
        description: known?.description ?? field.enum.description,
        withNoData: (known?.withNoData ?? false) || field.property.noData !== undefined,
        firstUse: known?.firstUse ?? use,
      });
    }
    const description = schemaDescription(featureSchema(type));
    classes[classId] = { name: type.replace(/-/g, ' '), ...(description ? { description } : {}), properties };
  }

  const enums: Record<string, MetadataEnum> = {};
  for (const [enumId, source] of [...enumSources].sort(([a], [b]) => a.localeCompare(b))) {
    enums[enumId] = enumDefinition(source.names, source.description, source.withNoData);
  }
  const version = fnv1a(JSON.stringify({ classes, enums }));
  return {
    id,
    name: 'cimflow city information model',
    description: 'CIM features (MOHURD CIM levels 1–7) generated from the cimflow feature model; lengths in m, elevations in m above the 1985 national height datum.',
    version,
    classes,
    ...(Object.keys(enums).length ? { enums } : {}),
  };
}
