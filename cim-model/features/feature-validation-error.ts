/**
 * Errors for invalid features. Every issue names where (file, feature index and id, field path),
 * what was expected and what was found, e.g.
 *   pipes.geojson: features[12] (id P-0012): field 'section.diameter': expected a number > 0, found -0.3
 */
import type { z } from 'zod';

/** Where a feature sits in its document, for error messages. */
export interface FeatureContext {
  /** File the feature was read from. */
  file?: string;
  /** Index of the feature in its collection's `features` array. */
  index?: number;
}

export interface FeatureIssue {
  /** Field path within the feature model, e.g. 'section.diameter', 'geometry.coordinates[3][0]'. */
  path: string;
  /** Path within the source document, e.g. 'features[12].properties.section.diameter'. */
  documentPath: string;
  /** What was expected, e.g. 'a number > 0'. */
  expected: string;
  /** What was found, rendered as JSON (truncated), or 'nothing (missing)'. */
  found: string;
  file?: string;
  index?: number;
  featureId?: string;
}

/** One or more invalid features. `issues` is structured; `message` has one line per issue. */
export class FeatureValidationError extends Error {
  override readonly name = 'FeatureValidationError';
  readonly issues: readonly FeatureIssue[];

  constructor(issues: readonly FeatureIssue[]) {
    super(issues.map(formatFeatureIssue).join('\n'));
    this.issues = issues;
  }
}

/** `file: features[i] (id X): field 'a.b': expected E, found F`. */
export function formatFeatureIssue(issue: FeatureIssue): string {
  const where: string[] = [];
  if (issue.file) where.push(issue.file);
  const feature = [
    issue.index !== undefined ? `features[${issue.index}]` : issue.featureId !== undefined ? 'feature' : '',
    issue.featureId !== undefined ? `(id ${issue.featureId})` : '',
  ].filter(Boolean).join(' ');
  if (feature) where.push(feature);
  if (issue.path) where.push(`field '${issue.path}'`);
  return `${where.join(': ')}${where.length ? ': ' : ''}expected ${issue.expected}, found ${issue.found}`;
}

/** `['section', 'diameter']` → 'section.diameter'; numbers become `[i]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

const MAX_FOUND_CHARS = 60;

/** A value rendered for an error message: JSON, truncated; `undefined` as 'nothing (missing)'. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_FOUND_CHARS ? `${text.slice(0, MAX_FOUND_CHARS - 1)}…` : text;
}

/** The value at `path` inside `root`, or undefined. */
export function valueAtPath(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const TYPE_NAMES: Record<string, string> = {
  int: 'an integer', number: 'a number', string: 'a string', boolean: 'a boolean (true or false)',
  object: 'an object', array: 'an array', tuple: 'an array', null: 'null', record: 'an object',
};

function quote(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/**
 * Names the expectation of a zod issue in plain words ('a number > 0', "one of 'a', 'b'").
 * `integer` says the field is an integer, which zod's bound issues do not record.
 */
export function describeExpected(issue: z.core.$ZodIssue, field: { integer?: boolean } = {}): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_NAMES[issue.expected] ?? `a value of type ${issue.expected}`;
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'array' || issue.origin === 'set') {
        return `${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} items`;
      }
      if (issue.origin === 'string') {
        if (issue.code === 'too_small' && Number(bound) === 1) return 'a non-empty string';
        return `a string of ${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} characters`;
      }
      const op = issue.code === 'too_small' ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
      return `${field.integer || issue.origin === 'int' ? 'an integer' : 'a number'} ${op} ${bound}`;
    }
    case 'invalid_format':
      if (issue.message.startsWith('expected ')) return issue.message.slice('expected '.length);
      if (issue.format === 'date') return 'an ISO 8601 date YYYY-MM-DD';
      if (issue.format === 'regex') return `a string matching ${issue.pattern}`;
      return `a string in ${issue.format} format`;
    case 'invalid_value':
      return issue.values.length === 1 ? quote(issue.values[0]) : `one of ${issue.values.map(quote).join(', ')}`;
    case 'not_multiple_of':
      return `a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `no field ${issue.keys.map(quote).join(', ')} (unknown field)`;
    case 'invalid_union': {
      if ('options' in issue && Array.isArray(issue.options)) return `one of ${issue.options.map(quote).join(', ')}`;
      const branches = issue.errors.map((branch) => (branch[0] ? describeExpected(branch[0]) : 'a valid value'));
      return [...new Set(branches)].join(' or ');
    }
    case 'invalid_key':
      return `a valid key: ${issue.issues[0] ? describeExpected(issue.issues[0]) : 'see schema'}`;
    case 'invalid_element':
      return `a valid element: ${issue.issues[0] ? describeExpected(issue.issues[0]) : 'see schema'}`;
    case 'custom':
      return issue.message.startsWith('expected ') ? issue.message.slice('expected '.length) : issue.message;
  }
}
