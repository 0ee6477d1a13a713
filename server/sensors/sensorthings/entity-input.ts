/**
 * Validation of entity bodies for POST and PATCH (OGC 18-088 §8.2 property tables). Navigation
 * properties are split off as relations; `@iot.*` annotations are ignored; anything else unknown
 * is an error naming the field. Datastream `properties.thresholds` must be cim-model Thresholds.
 */
import { z } from 'zod';
import { ThresholdsSchema } from '../../../cim-model/index.ts';
import { zodMessage } from '../observation-input.ts';
import type { EntityType } from '../store/sensor-store.ts';
import { NAVIGATION } from './entity-model.ts';
import { QueryError } from './query-error.ts';

const props = z.record(z.string(), z.unknown()).optional();
const geo = z.looseObject({ type: z.string() });

const SCHEMAS: Record<EntityType, z.ZodType<Record<string, unknown>>> = {
  Thing: z.strictObject({ name: z.string().min(1), description: z.string().default(''), properties: props }),
  Location: z.strictObject({ name: z.string().min(1), description: z.string().default(''), encodingType: z.string().default('application/geo+json'), location: geo, properties: props }),
  Sensor: z.strictObject({ name: z.string().min(1), description: z.string().default(''), encodingType: z.string().default('text/plain'), metadata: z.unknown().default(''), properties: props }),
  ObservedProperty: z.strictObject({ name: z.string().min(1), definition: z.string().default(''), description: z.string().default(''), properties: props }),
  Datastream: z.strictObject({
    name: z.string().min(1), description: z.string().default(''),
    unitOfMeasurement: z.strictObject({ name: z.string().nullable().optional(), symbol: z.string().nullable().optional(), definition: z.string().nullable().optional() }),
    observationType: z.string().default('http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement'),
    observedArea: geo.optional(), phenomenonTime: z.string().optional(), resultTime: z.string().optional(),
    properties: z.looseObject({ kind: z.string().optional(), sensorId: z.string().optional(), thresholds: ThresholdsSchema.optional() }).optional(),
  }),
  FeatureOfInterest: z.strictObject({ name: z.string().min(1), description: z.string().default(''), encodingType: z.string().default('application/geo+json'), feature: geo, properties: props }),
};

export function validateEntity(type: EntityType, body: Record<string, unknown>, field: string): { doc: Record<string, unknown>; relations: Record<string, unknown> } {
  const plain: Record<string, unknown> = {};
  const relations: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k.startsWith('@iot.') || k.endsWith('@iot.navigationLink')) continue;
    if (NAVIGATION[type][k] || (type === 'Thing' && k === 'Locations')) relations[k] = v;
    else plain[k] = v;
  }
  const r = SCHEMAS[type].safeParse(plain);
  if (!r.success) throw new QueryError(`invalid ${type}: ${zodMessage(r.error, field ? `${field}.` : '')}`);
  const doc = Object.fromEntries(Object.entries(r.data).filter(([, v]) => v !== undefined));
  return { doc, relations };
}
