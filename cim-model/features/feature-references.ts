/**
 * Cross-feature checks over a whole model (one collection, or layers merged from several files):
 * every reference field (declared with featureRef) names an existing feature of an allowed type,
 * and pipes do not sit below the inverts of the nodes they join. Reference fields are found by
 * walking the schemas, so a new reference field is checked without touching this file.
 */
import type { z } from 'zod';
import { featureSchema, type CimFeature, type FeatureType } from './cim-feature.ts';
import { featureRefTargets } from './feature-base.ts';
import { describeFound, formatPath, valueAtPath, type FeatureIssue } from './feature-validation-error.ts';
import { schemaDef, unwrapSchema } from './zod-introspection.ts';

export interface CheckFeatureReferencesOptions {
  /** File name for issues; issue indices are positions in the `features` array. */
  file?: string;
  /** Pipe inverts may lie this far below their node's invert (survey rounding), m. */
  invertTolerance?: number;
}

export const CHECK_FEATURE_REFERENCES_DEFAULTS = { invertTolerance: 0.01 } as const;

interface RefField {
  path: readonly string[];
  /** Allowed target types; empty for any. */
  targets: readonly string[];
}

function collectRefFields(schema: z.core.$ZodType, path: readonly string[], out: RefField[]): void {
  const inner = unwrapSchema(schema).schema;
  const targets = featureRefTargets(schema) ?? featureRefTargets(inner);
  if (targets) {
    out.push({ path, targets });
    return;
  }
  const { type, shape } = schemaDef(inner);
  if (type === 'object' && shape) {
    for (const [key, child] of Object.entries(shape)) collectRefFields(child, [...path, key], out);
  }
}

const refFieldCache = new Map<FeatureType, readonly RefField[]>();

/** Reference fields of a feature type, with their allowed target types. */
export function referenceFields(type: FeatureType): readonly RefField[] {
  let fields = refFieldCache.get(type);
  if (!fields) {
    const out: RefField[] = [];
    collectRefFields(featureSchema(type), [], out);
    fields = out;
    refFieldCache.set(type, fields);
  }
  return fields;
}

function typeList(types: readonly string[]): string {
  return types.length === 1 ? types[0] : `${types.slice(0, -1).join(', ')} or ${types[types.length - 1]}`;
}

/** The issues of references and pipe inverts in `features`; empty when consistent. */
export function checkFeatureReferences(
  features: readonly CimFeature[], options: CheckFeatureReferencesOptions = {},
): FeatureIssue[] {
  const { file, invertTolerance } = { ...CHECK_FEATURE_REFERENCES_DEFAULTS, ...options };
  const byId = new Map<string, CimFeature[]>();
  for (const f of features) {
    const list = byId.get(f.id);
    if (list) list.push(f);
    else byId.set(f.id, [f]);
  }
  const issues: FeatureIssue[] = [];
  const fail = (index: number, path: readonly string[], expected: string, found: unknown) => {
    const at = formatPath(path);
    issues.push({ path: at, documentPath: `features[${index}].${at}`, expected, found: describeFound(found), file, index, featureId: features[index].id });
  };

  features.forEach((feature, index) => {
    for (const { path, targets } of referenceFields(feature.type)) {
      const ref = valueAtPath(feature, path);
      if (typeof ref !== 'string') continue;
      const candidates = (byId.get(ref) ?? []).filter((t) => targets.length === 0 || targets.includes(t.type));
      if (candidates.length === 0) {
        const what = targets.length ? `a ${typeList(targets)}` : 'a feature';
        fail(index, path, `the id of ${what} in the model`, ref);
      }
    }
    if (feature.type !== 'pipe') return;
    for (const [end, node, invert] of [
      ['upstreamInvert', feature.fromNode, feature.upstreamInvert],
      ['downstreamInvert', feature.toNode, feature.downstreamInvert],
    ] as const) {
      const target = byId.get(node)?.find((t) => t.type === 'manhole' || t.type === 'outfall');
      if (target && 'invertElevation' in target && invert < target.invertElevation - invertTolerance) {
        fail(index, [end], `an invert >= the invert of ${target.type} ${node} (${target.invertElevation} m)`, invert);
      }
    }
  });
  return issues;
}

