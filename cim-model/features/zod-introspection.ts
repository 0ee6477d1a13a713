/**
 * Reading the structure of the feature schemas (zod 4 `_zod.def`), shared by error messages and
 * the 3D Tiles metadata schema generator so both see the same fields.
 */
import { z } from 'zod';

type Def = {
  type: string;
  innerType?: z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  items?: z.core.$ZodType[];
  entries?: Record<string, string | number>;
  format?: string;
  checks?: Array<{ _zod: { def: { check?: string; format?: string; value?: unknown; inclusive?: boolean } } }>;
};

/** The definition of a schema, typed loosely for introspection. */
export function schemaDef(schema: z.core.$ZodType): Def {
  return schema._zod.def as unknown as Def;
}

const OPTIONAL_WRAPPERS = new Set(['optional', 'nullable']);
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly']);

export interface Unwrapped {
  schema: z.core.$ZodType;
  /** False when any wrapper made the value optional; a default keeps it present in parsed output. */
  required: boolean;
  /** The first description met, outermost first. */
  description?: string;
}

/** Strips optional / nullable / default wrappers, noting optionality and the description. */
export function unwrapSchema(schema: z.core.$ZodType): Unwrapped {
  let s = schema;
  let required = true;
  let description = schemaDescription(s);
  for (let def = schemaDef(s); def.innerType && WRAPPERS.has(def.type); def = schemaDef(s)) {
    if (OPTIONAL_WRAPPERS.has(def.type)) required = false;
    s = def.innerType;
    description ??= schemaDescription(s);
  }
  return { schema: s, required, description };
}

/** `.describe()` / `.meta({ description })` text of a schema. */
export function schemaDescription(schema: z.core.$ZodType): string | undefined {
  return z.globalRegistry.get(schema)?.description;
}

/** `.meta({ id })` of a schema (used to name enums). */
export function schemaId(schema: z.core.$ZodType): string | undefined {
  return z.globalRegistry.get(schema)?.id;
}

/** True for z.int() and z.number().int(). */
export function isIntegerSchema(schema: z.core.$ZodType): boolean {
  const def = schemaDef(schema);
  const formats = [def.format, ...(def.checks ?? []).map((c) => c._zod.def.format)];
  return formats.some((f) => typeof f === 'string' && f.includes('int'));
}

export interface NumberBounds {
  min?: number;
  /** False for .positive() / .gt(): the bound itself is excluded. */
  minInclusive?: boolean;
  max?: number;
  maxInclusive?: boolean;
}

/** The tightest lower and upper bounds declared by .min/.max/.positive/… checks. */
export function numberBounds(schema: z.core.$ZodType): NumberBounds {
  const bounds: NumberBounds = {};
  for (const check of schemaDef(schema).checks ?? []) {
    const { check: kind, value, inclusive = true } = check._zod.def;
    if (typeof value !== 'number') continue;
    if (kind === 'greater_than' && (bounds.min === undefined || value > bounds.min || (value === bounds.min && !inclusive))) {
      bounds.min = value;
      bounds.minInclusive = inclusive;
    }
    if (kind === 'less_than' && (bounds.max === undefined || value < bounds.max || (value === bounds.max && !inclusive))) {
      bounds.max = value;
      bounds.maxInclusive = inclusive;
    }
  }
  return bounds;
}

/** Values of a z.enum, in declaration order. */
export function enumValues(schema: z.core.$ZodType): string[] {
  return Object.values(schemaDef(schema).entries ?? {}).map(String);
}
