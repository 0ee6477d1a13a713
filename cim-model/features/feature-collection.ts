/**
 * Feature collections: a GeoJSON FeatureCollection whose features are GeoJSON Features
 * (`type: 'Feature'`) or CIM features in model form. The collection's CRS applies to features that
 * carry none.
 */
import type { CimFeature } from './cim-feature.ts';
import { FeatureValidationError, describeFound, type FeatureIssue } from './feature-validation-error.ts';
import { checkFeature } from './parse-feature.ts';
import { checkFeatureReferences } from './feature-references.ts';
import { checkGeoJsonFeature, featureToGeoJson, type GeoJsonFeature } from './geojson.ts';

export interface CimFeatureCollection {
  /** CRS of features without their own `crs`, e.g. 'EPSG:4544'. */
  crs?: string;
  features: CimFeature[];
}

export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  /** cimflow writes the CRS as a string; GeoJSON 2008 `{ type: 'name', properties: { name } }` is read too. */
  crs?: string;
  features: GeoJsonFeature[];
}

export interface ParseFeatureCollectionOptions {
  /** File name for error messages. */
  file?: string;
  /** Stop collecting after this many issues. */
  maxIssues?: number;
  /**
   * Also check references between features (checkFeatureReferences). Off by default because
   * layers often live in separate files; check the merged model instead.
   */
  checkReferences?: boolean;
}

export const PARSE_FEATURE_COLLECTION_DEFAULTS = { maxIssues: 50, checkReferences: false } as const;

/** 'urn:ogc:def:crs:EPSG::4544' → 'EPSG:4544'; other names unchanged. */
function normaliseCrsName(name: string): string {
  const urn = /^urn:ogc:def:crs:([A-Za-z]+):[^:]*:(.+)$/.exec(name);
  return urn ? `${urn[1].toUpperCase()}:${urn[2]}` : name;
}

function collectionCrs(crs: unknown): string | undefined | Error {
  if (crs === undefined || crs === null) return undefined;
  if (typeof crs === 'string' && crs.length > 0) return normaliseCrsName(crs);
  const name = (crs as { properties?: { name?: unknown } }).properties?.name;
  if (typeof crs === 'object' && (crs as { type?: unknown }).type === 'name' && typeof name === 'string') {
    return normaliseCrsName(name);
  }
  return new Error('a CRS string such as EPSG:4544 or { type: "name", properties: { name } }');
}

/**
 * Parses a FeatureCollection, checking every feature and that ids are unique within each type.
 * Throws one FeatureValidationError listing all issues (up to `maxIssues`).
 */
export function parseFeatureCollection(input: unknown, options: ParseFeatureCollectionOptions = {}): CimFeatureCollection {
  const { file, maxIssues, checkReferences } = { ...PARSE_FEATURE_COLLECTION_DEFAULTS, ...options };
  const top = (path: string, expected: string, found: unknown): FeatureValidationError =>
    new FeatureValidationError([{ path, documentPath: path, expected, found: describeFound(found), file }]);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw top('', 'a FeatureCollection object', input);
  const c = input as Record<string, unknown>;
  if (c.type !== 'FeatureCollection') throw top('type', "'FeatureCollection'", c.type);
  if (!Array.isArray(c.features)) throw top('features', 'an array of features', c.features);
  const crs = collectionCrs(c.crs);
  if (crs instanceof Error) throw top('crs', crs.message, c.crs);

  const issues: FeatureIssue[] = [];
  const features: CimFeature[] = [];
  const firstIndexById = new Map<string, number>();
  c.features.forEach((raw: unknown, index) => {
    if (issues.length >= maxIssues) return;
    const isGeoJson = (raw as { type?: unknown } | null)?.type === 'Feature';
    const checked = isGeoJson ? checkGeoJsonFeature(raw, { file, index }) : checkFeature(raw, { file, index });
    if (checked.feature === undefined) {
      issues.push(...checked.issues);
      return;
    }
    const f = checked.feature;
    const key = `${f.type}\u0000${f.id}`;
    const first = firstIndexById.get(key);
    if (first !== undefined) {
      issues.push({ path: 'id', documentPath: `features[${index}].id`, file, index, featureId: f.id,
        expected: `an id unique among '${f.type}' features (also used by features[${first}])`, found: describeFound(f.id) });
      return;
    }
    firstIndexById.set(key, index);
    features.push(f);
  });
  // Reference issues index into `features`, which matches the input only when nothing was rejected.
  if (issues.length === 0 && checkReferences) issues.push(...checkFeatureReferences(features, { file }));
  if (issues.length > 0) throw new FeatureValidationError(issues.slice(0, maxIssues));
  return crs === undefined ? { features } : { crs, features };
}

/** A collection as GeoJSON, the CRS written as a string. */
export function featureCollectionToGeoJson(collection: CimFeatureCollection): GeoJsonFeatureCollection {
  const features = collection.features.map(featureToGeoJson);
  return collection.crs === undefined ? { type: 'FeatureCollection', features } : { type: 'FeatureCollection', crs: collection.crs, features };
}
