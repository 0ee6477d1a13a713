/**
 * Parsing CIM features at the boundary: unknown input in, a typed CimFeature out, or a
 * FeatureValidationError naming file, feature, field, expectation and the value found.
 */
import type { z } from 'zod';
import {
  FEATURE_TYPES, featureSchema, isFeatureType, type CimFeature, type FeatureOfType, type FeatureType,
} from './cim-feature.ts';
import {
  FeatureValidationError, describeExpected, describeFound, formatPath, valueAtPath,
  type FeatureContext, type FeatureIssue,
} from './feature-validation-error.ts';
import { isIntegerSchema, schemaDef, unwrapSchema } from './zod-introspection.ts';

/**
 * Maps a model field path to its place in the source document; the default is the identity under
 * `features[i]`. GeoJSON input maps attributes under `properties`.
 */
export type DocumentPathOf = (path: readonly PropertyKey[]) => readonly PropertyKey[];

/** Options for parseFeature beyond the error context. */
export interface ParseFeatureContext extends FeatureContext {
  /** Where model fields live in the source document (used by featureFromGeoJson). */
  documentPathOf?: DocumentPathOf;
}

function documentPath(context: ParseFeatureContext, path: readonly PropertyKey[]): string {
  const inDoc = context.documentPathOf ? context.documentPathOf(path) : path;
  const prefix = context.index !== undefined ? `features[${context.index}]` : '';
  const rest = formatPath(inDoc);
  if (!prefix) return rest;
  return rest.startsWith('[') || !rest ? `${prefix}${rest}` : `${prefix}.${rest}`;
}

function idOf(input: unknown): string | undefined {
  const id = valueAtPath(input, ['id']);
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** Builds a FeatureIssue for `path` inside `input`. */
export function featureIssue(
  input: unknown, path: readonly PropertyKey[], expected: string, context: ParseFeatureContext, found?: string,
): FeatureIssue {
  return {
    path: formatPath(path),
    documentPath: documentPath(context, path),
    expected,
    found: found ?? describeFound(valueAtPath(input, path)),
    file: context.file,
    index: context.index,
    featureId: idOf(input),
  };
}

/** Unknown keys become one issue each, at the key, listing the accepted fields. */
function issuesOf(zodIssue: z.core.$ZodIssue, input: unknown, context: ParseFeatureContext): FeatureIssue[] {
  const schema = schemaAtPath(input, zodIssue.path);
  if (zodIssue.code === 'unrecognized_keys') {
    const parent = valueAtPath(input, zodIssue.path);
    const shape = schema && schemaDef(schema).shape;
    const accepted = shape ? `; accepted: ${Object.keys(shape).join(', ')}` : '';
    return zodIssue.keys.map((key) =>
      featureIssue(input, [...zodIssue.path, key], `no such field (unknown field${accepted})`,
        context, describeFound((parent as Record<string, unknown>)[key])));
  }
  return [featureIssue(input, zodIssue.path, describeExpected(zodIssue, { integer: schema ? isIntegerSchema(schema) : false }), context)];
}

/** The (unwrapped) schema of the field at `path` in the feature's schema, when it can be found. */
function schemaAtPath(input: unknown, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  const type = valueAtPath(input, ['type']);
  if (!isFeatureType(type)) return undefined;
  let schema = unwrapSchema(featureSchema(type)).schema;
  for (const key of path) {
    const def = schemaDef(schema);
    if (def.type === 'object' && def.shape && typeof key === 'string' && def.shape[key]) schema = def.shape[key];
    else if (def.type === 'array' && def.element) schema = def.element;
    else if (def.type === 'tuple' && def.items && typeof key === 'number' && def.items[key]) schema = def.items[key];
    else return undefined;
    schema = unwrapSchema(schema).schema;
  }
  return schema;
}

/** The outcome of checking one feature: the parsed feature, or the issues found. */
export type FeatureCheck = { feature: CimFeature; issues: [] } | { feature: undefined; issues: FeatureIssue[] };

/** Validates input as a feature of its `type`; returns the parsed feature or the issues. */
export function checkFeature(input: unknown, context: ParseFeatureContext = {}): FeatureCheck {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { feature: undefined, issues: [featureIssue(input, [], 'a feature object', context)] };
  }
  const type = (input as { type?: unknown }).type;
  if (!isFeatureType(type)) {
    return {
      feature: undefined,
      issues: [featureIssue(input, ['type'], `a feature type, one of ${FEATURE_TYPES.map((t) => `'${t}'`).join(', ')}`, context)],
    };
  }
  const result = featureSchema(type).safeParse(input);
  if (result.success) return { feature: result.data, issues: [] };
  return { feature: undefined, issues: result.error.issues.flatMap((i) => issuesOf(i, input, context)) };
}

/**
 * Parses one feature in the model's own form (geometry in `geometry`, attributes beside it).
 * Throws FeatureValidationError listing every problem found.
 */
export function parseFeature(input: unknown, context: ParseFeatureContext = {}): CimFeature {
  const checked = checkFeature(input, context);
  if (checked.feature === undefined) throw new FeatureValidationError(checked.issues);
  return checked.feature;
}

/** parseFeature for input that must be of one type, e.g. pipes read from a pipe layer. */
export function parseFeatureOfType<T extends FeatureType>(type: T, input: unknown, context: ParseFeatureContext = {}): FeatureOfType<T> {
  const actual = valueAtPath(input, ['type']);
  if (actual !== type) throw new FeatureValidationError([featureIssue(input, ['type'], `'${type}'`, context)]);
  return parseFeature(input, context) as FeatureOfType<T>;
}
