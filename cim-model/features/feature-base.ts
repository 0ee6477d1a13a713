/**
 * Fields every CIM feature carries: `type` (the discriminator), a stable `id`, an optional `name`,
 * the `source` it came from, its `cimLevel` (1–7, defaulting per type) and an optional `crs`.
 * Field descriptions live in `.describe()` so they flow into the 3D Tiles metadata schema.
 */
import { z } from 'zod';
import { CimLevelSchema, type CimLevel } from './cim-levels.ts';

/** A stable identifier: non-empty, no leading/trailing whitespace. Unique within its type. */
export const FeatureIdSchema = z
  .string()
  .regex(/^\S(?:.*\S)?$/, 'expected a non-empty id without leading or trailing whitespace')
  .describe('stable feature id, unique within its type');

/**
 * A field holding the id of another feature of one of `targets` (any type when empty). The targets
 * are schema metadata, so checkFeatureReferences finds every reference field by walking the schemas.
 */
export function featureRef(targets: readonly string[], description: string) {
  return FeatureIdSchema.meta({ description, refTypes: targets });
}

/** The target types of a reference field made by featureRef, or undefined for other fields. */
export function featureRefTargets(schema: z.core.$ZodType): readonly string[] | undefined {
  const targets = z.globalRegistry.get(schema)?.refTypes;
  return Array.isArray(targets) ? (targets as string[]) : undefined;
}

/** Where a feature came from: the dataset, optionally the file and the record within it. */
export const SourceSchema = z.strictObject({
  dataset: z.string().min(1).describe('source dataset, e.g. "2023 pipeline survey"'),
  file: z.string().min(1).optional().describe('source file within the dataset'),
  ref: z.string().min(1).optional().describe('record reference within the file (row, object id, handle)'),
});
export type Source = z.infer<typeof SourceSchema>;

/** Source attributes that the model does not interpret, kept for traceability. */
export const AttributesSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .describe('uninterpreted source attributes (JSON object)');

/** A CRS identifier, e.g. 'EPSG:4544' (CGCS2000 / 3-degree Gauss-Kruger CM 105E) or a proj string. */
export const CrsSchema = z.string().min(1).describe('coordinate reference system, e.g. EPSG:4544');

/**
 * The base shape of a feature of type `type`. `cimLevel` defaults to `defaultCimLevel`, so input may
 * omit it and parsed output always has it; the default is read back with `defaultCimLevel()`.
 */
export function featureBaseShape<T extends string>(type: T, defaultCimLevel: CimLevel) {
  return {
    type: z.literal(type),
    id: FeatureIdSchema,
    name: z.string().min(1).optional().describe('display name'),
    source: SourceSchema,
    cimLevel: CimLevelSchema.default(defaultCimLevel),
    crs: CrsSchema.optional().describe('CRS of geometry and coordinates; inherited from the collection when absent'),
    attributes: AttributesSchema.optional(),
  };
}
