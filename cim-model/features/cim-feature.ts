/**
 * The union of all CIM feature types. FEATURE_SCHEMAS is the single list of feature types: the
 * discriminated union, FEATURE_TYPES, the default CIM levels and the 3D Tiles metadata classes
 * are all derived from it.
 */
import { z } from 'zod';
import type { CimLevel } from './cim-levels.ts';
import { TerrainSchema } from './terrain.ts';
import { RealityMeshSchema } from './reality-mesh.ts';
import { BuildingSchema } from './building.ts';
import { BimProjectSchema } from './bim-project.ts';
import { BimElementSchema } from './bim-element.ts';
import { PipeSchema } from './pipe.ts';
import { ManholeSchema } from './manhole.ts';
import { OutfallSchema } from './outfall.ts';
import { RiverReachSchema } from './river-reach.ts';
import { CrossSectionSchema } from './cross-section.ts';
import { SensorSchema } from './sensor.ts';
import { ParcelSchema } from './parcel.ts';
import { RoadSchema } from './road.ts';
import { ShelterSchema } from './shelter.ts';

export const FEATURE_SCHEMAS = [
  TerrainSchema, RealityMeshSchema, BuildingSchema, BimProjectSchema, BimElementSchema,
  PipeSchema, ManholeSchema, OutfallSchema, RiverReachSchema, CrossSectionSchema,
  SensorSchema, ParcelSchema, RoadSchema, ShelterSchema,
] as const;

export const CimFeatureSchema = z.discriminatedUnion('type', FEATURE_SCHEMAS);

/** A parsed (validated, defaults applied) CIM feature. */
export type CimFeature = z.output<typeof CimFeatureSchema>;
/** What a producer may write: defaulted fields (cimLevel, …) may be omitted. */
export type CimFeatureInput = z.input<typeof CimFeatureSchema>;
/** 'building', 'pipe', … */
export type FeatureType = CimFeature['type'];
/** The feature of one type. */
export type FeatureOfType<T extends FeatureType> = Extract<CimFeature, { type: T }>;
/** The input form of one type. */
export type FeatureInputOfType<T extends FeatureType> = Extract<CimFeatureInput, { type: T }>;

export type FeatureSchema = (typeof FEATURE_SCHEMAS)[number];

/** All feature type names, in FEATURE_SCHEMAS order. */
export const FEATURE_TYPES: readonly FeatureType[] = FEATURE_SCHEMAS.map((s) => s.shape.type.value);

const SCHEMA_BY_TYPE = new Map<string, FeatureSchema>(FEATURE_SCHEMAS.map((s) => [s.shape.type.value, s]));

/** True when `type` names a feature type. */
export function isFeatureType(type: unknown): type is FeatureType {
  return typeof type === 'string' && SCHEMA_BY_TYPE.has(type);
}

/** The zod schema of a feature type. */
export function featureSchema(type: FeatureType): FeatureSchema {
  const schema = SCHEMA_BY_TYPE.get(type);
  if (!schema) throw new RangeError(`unknown feature type '${type}'; expected one of ${FEATURE_TYPES.join(', ')}`);
  return schema;
}

/** The CIM level a feature of `type` gets when its input omits `cimLevel` (the schema default). */
export function defaultCimLevel(type: FeatureType): CimLevel {
  return featureSchema(type).shape.cimLevel.def.defaultValue;
}
