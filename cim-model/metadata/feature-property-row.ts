/**
 * One property-table row for a parsed feature, flattened by the same walk as the schema: every
 * property of the class gets a value, absent optional values become the property's noData (an
 * empty array for variable-length arrays, false for booleans, which may not have noData), enums
 * are written by name, and JSON-encoded properties as JSON text.
 */
import type { CimFeature } from '../features/index.ts';
import { classPropertyFields } from './class-properties.ts';
import { featureTypeToClassId } from './build-metadata-schema.ts';
import type { MetadataValue } from './metadata-schema-types.ts';

function valueAt(feature: unknown, path: readonly string[]): unknown {
  let value = feature;
  for (const key of path) value = value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[key];
  return value;
}

/**
 * The row of `feature` for class `classId` (which must be the feature's class, as a guard against
 * writing features into the wrong table).
 */
export function featurePropertyRow(classId: string, feature: CimFeature): Record<string, MetadataValue> {
  const expected = featureTypeToClassId(feature.type);
  if (classId !== expected) {
    throw new Error(`feature ${feature.id} of type '${feature.type}' belongs to class '${expected}', not '${classId}'`);
  }
  const row: Record<string, MetadataValue> = {};
  for (const field of classPropertyFields(feature.type)) {
    const value = valueAt(feature, field.path);
    if (value === undefined || value === null) {
      const { property } = field;
      row[field.id] = property.noData ?? (property.type === 'BOOLEAN' ? false : property.array ? [] : '');
    } else {
      row[field.id] = field.encoding === 'json' ? JSON.stringify(value) : (value as MetadataValue);
    }
  }
  return row;
}
