/**
 * GeoJSON interop (RFC 7946 Feature): the model's `geometry` goes to `geometry`, `id` to the
 * top-level `id`, every other field (including the feature `type`) to `properties`. Positions keep
 * the model's axis order (easting/longitude first) and CRS; RFC 7946 assumes WGS 84, so files in a
 * projected CRS carry it on the collection (see parseFeatureCollection).
 */
import type { CimFeature } from './cim-feature.ts';
import type { Geometry } from './geometry.ts';
import { FeatureValidationError, type FeatureContext } from './feature-validation-error.ts';
import { checkFeature, featureIssue, type FeatureCheck, type ParseFeatureContext } from './parse-feature.ts';

export interface GeoJsonFeature {
  type: 'Feature';
  id: string;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

/** A CIM feature as a GeoJSON Feature (features without geometry get `geometry: null`). */
export function featureToGeoJson(feature: CimFeature): GeoJsonFeature {
  const { id, ...rest } = feature;
  const { geometry, ...properties } = rest as typeof rest & { geometry?: Geometry };
  return { type: 'Feature', id, geometry: geometry ?? null, properties };
}

/** Model field path → path in a GeoJSON Feature. */
function geoJsonPathOf(path: readonly PropertyKey[]): readonly PropertyKey[] {
  return path[0] === 'geometry' || path[0] === 'id' || path.length === 0 ? path : ['properties', ...path];
}

/** Validates a GeoJSON Feature as a CIM feature; returns the feature or the issues. */
export function checkGeoJsonFeature(input: unknown, context: FeatureContext = {}): FeatureCheck {
  const ctx: ParseFeatureContext = { ...context, documentPathOf: geoJsonPathOf };
  const fail = (path: PropertyKey[], expected: string): FeatureCheck =>
    ({ feature: undefined, issues: [featureIssue(input, path, expected, context)] });
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return fail([], 'a GeoJSON Feature object');
  const g = input as Record<string, unknown>;
  if (g.type !== 'Feature') return fail(['type'], "'Feature' (a GeoJSON Feature)");
  const properties = g.properties ?? {};
  if (typeof properties !== 'object' || Array.isArray(properties)) return fail(['properties'], 'an object or null');
  const props = properties as Record<string, unknown>;
  if (g.id !== undefined && props.id !== undefined && String(g.id) !== String(props.id)) {
    return fail(['properties', 'id'], `no id or the same id as the feature (${JSON.stringify(g.id)})`);
  }
  const id = g.id ?? props.id;
  const model: Record<string, unknown> = { ...props };
  if (id !== undefined) model.id = typeof id === 'number' ? String(id) : id;
  if (g.geometry !== null && g.geometry !== undefined) model.geometry = g.geometry;
  return checkFeature(model, ctx);
}

/** Parses a GeoJSON Feature into a CIM feature; throws FeatureValidationError. */
export function featureFromGeoJson(input: unknown, context: FeatureContext = {}): CimFeature {
  const checked = checkGeoJsonFeature(input, context);
  if (checked.feature === undefined) throw new FeatureValidationError(checked.issues);
  return checked.feature;
}
