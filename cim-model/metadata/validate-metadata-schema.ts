/**
 * Structural validation of a 3D Metadata schema as used by 3D Tiles 1.1 and glTF
 * EXT_structural_metadata, after CesiumGS/3d-tiles specification/schema/Schema/*.schema.json and
 * the rules stated in specification/Metadata/README.md (noData not for BOOLEAN nor required
 * properties, offset/scale only for float or normalized components, values matching type and
 * componentType, enum names and values unique and within valueType). Every issue names its JSON path.
 */
import {
  COMPONENT_COUNTS, COMPONENT_TYPES, INTEGER_COMPONENT_RANGES, METADATA_ID_PATTERN, METADATA_TYPES,
  type IntegerComponentType, type MetadataSchema,
} from './metadata-schema-types.ts';

export interface MetadataSchemaIssue {
  /** JSON path, e.g. 'schema.classes.building.properties.height.componentType'. */
  path: string;
  message: string;
}

export class MetadataSchemaError extends Error {
  override readonly name = 'MetadataSchemaError';
  readonly issues: readonly MetadataSchemaIssue[];

  constructor(issues: readonly MetadataSchemaIssue[], source?: string) {
    super(issues.map((i) => `${source ? `${source}: ` : ''}${i.path}: ${i.message}`).join('\n'));
    this.issues = issues;
  }
}

/** General semantics of the 3D Metadata Semantic Reference and the property type they require. */
const GENERAL_SEMANTIC_TYPES: Record<string, string> = { ID: 'STRING', NAME: 'STRING', DESCRIPTION: 'STRING' };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));
const isInteger = (c: unknown): c is IntegerComponentType => typeof c === 'string' && c in INTEGER_COMPONENT_RANGES;

class Checker {
  readonly issues: MetadataSchemaIssue[] = [];

  fail(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  optionalString(obj: Json, key: string, path: string): void {
    const v = obj[key];
    if (v !== undefined && (typeof v !== 'string' || v.length === 0)) this.fail(`${path}.${key}`, `expected a non-empty string, found ${show(v)}`);
  }

  optionalBoolean(obj: Json, key: string, path: string): void {
    const v = obj[key];
    if (v !== undefined && typeof v !== 'boolean') this.fail(`${path}.${key}`, `expected a boolean, found ${show(v)}`);
  }

  /** A dictionary of id → definition with at least one entry; returns its valid entries. */
  dictionary(obj: Json, key: string, path: string): Array<[string, Json]> {
    const dict = obj[key];
    if (dict === undefined) return [];
    if (!isObject(dict) || Object.keys(dict).length === 0) {
      this.fail(`${path}.${key}`, `expected an object with at least one entry, found ${show(dict)}`);
      return [];
    }
    const entries: Array<[string, Json]> = [];
    for (const [id, value] of Object.entries(dict)) {
      if (!METADATA_ID_PATTERN.test(id)) this.fail(`${path}.${key}.${id}`, `expected an id matching ${METADATA_ID_PATTERN.source}`);
      if (isObject(value)) entries.push([id, value]);
      else this.fail(`${path}.${key}.${id}`, `expected an object, found ${show(value)}`);
    }
    return entries;
  }
}

/** Checks a value against a property's element shape; `stored` values must fit the component range. */
function checkValue(c: Checker, value: unknown, p: Json, path: string, enums: Map<string, Set<string>>, stored: boolean): void {
  const array = p.array === true;
  if (array) {
    if (!Array.isArray(value)) return c.fail(path, `expected an array (the property is an array), found ${show(value)}`);
    if (typeof p.count === 'number' && value.length !== p.count) return c.fail(path, `expected ${p.count} elements, found ${value.length}`);
    value.forEach((v, i) => checkElement(c, v, p, `${path}[${i}]`, enums, stored));
    return;
  }
  checkElement(c, value, p, path, enums, stored);
}

function checkElement(c: Checker, value: unknown, p: Json, path: string, enums: Map<string, Set<string>>, stored: boolean): void {
  const type = p.type as string;
  if (type === 'STRING') {
    if (typeof value !== 'string') c.fail(path, `expected a string, found ${show(value)}`);
    return;
  }
  if (type === 'BOOLEAN') {
    if (typeof value !== 'boolean') c.fail(path, `expected a boolean, found ${show(value)}`);
    return;
  }
  if (type === 'ENUM') {
    const names = enums.get(p.enumType as string);
    if (typeof value !== 'string' || (names && !names.has(value))) {
      c.fail(path, `expected the name of a value of enum '${String(p.enumType)}', found ${show(value)}`);
    }
    return;
  }
  const count = COMPONENT_COUNTS[type as keyof typeof COMPONENT_COUNTS];
  if (!count) return;
  const components = count === 1 ? [value] : value;
  if (count > 1 && (!Array.isArray(value) || value.length !== count)) {
    return c.fail(path, `expected an array of ${count} numbers for ${type}, found ${show(value)}`);
  }
  const componentType = p.componentType;
  (components as unknown[]).forEach((v, i) => {
    const at = count === 1 ? path : `${path}[${i}]`;
    if (typeof v !== 'number' || !Number.isFinite(v)) return c.fail(at, `expected a finite number, found ${show(v)}`);
    if (stored && isInteger(componentType) && p.normalized !== true) {
      const [lo, hi] = INTEGER_COMPONENT_RANGES[componentType];
      if (!Number.isInteger(v) || v < lo || v > hi) c.fail(at, `expected an integer in [${lo}, ${hi}] for ${componentType}, found ${v}`);
    }
  });
}

function checkProperty(c: Checker, p: Json, path: string, enums: Map<string, Set<string>>): void {
  c.optionalString(p, 'name', path);
  c.optionalString(p, 'description', path);
  c.optionalString(p, 'semantic', path);
  for (const key of ['array', 'normalized', 'required'] as const) c.optionalBoolean(p, key, path);

  const type = p.type;
  if (typeof type !== 'string' || !(METADATA_TYPES as readonly string[]).includes(type)) {
    return c.fail(`${path}.type`, `expected one of ${METADATA_TYPES.join(', ')}, found ${show(type)}`);
  }
  const numeric = COMPONENT_COUNTS[type as keyof typeof COMPONENT_COUNTS] !== undefined;
  const componentType = p.componentType;
  if (numeric) {
    if (componentType === undefined) return c.fail(`${path}.componentType`, `expected a component type (required for ${type}), found nothing`);
    if (!(COMPONENT_TYPES as readonly unknown[]).includes(componentType)) {
      return c.fail(`${path}.componentType`, `expected one of ${COMPONENT_TYPES.join(', ')}, found ${show(componentType)}`);
    }
  } else if (componentType !== undefined) {
    c.fail(`${path}.componentType`, `expected no componentType for ${type} (only for SCALAR, VECN, MATN), found ${show(componentType)}`);
  }

  if (type === 'ENUM') {
    if (typeof p.enumType !== 'string') return c.fail(`${path}.enumType`, `expected an enum id (required for ENUM), found ${show(p.enumType)}`);
    if (!enums.has(p.enumType)) return c.fail(`${path}.enumType`, `expected an enum declared in schema.enums, found ${show(p.enumType)}`);
  } else if (p.enumType !== undefined) {
    c.fail(`${path}.enumType`, `expected no enumType for ${type}, found ${show(p.enumType)}`);
  }

  if (p.count !== undefined) {
    if (p.array !== true) c.fail(`${path}.count`, 'expected no count unless array is true');
    else if (!Number.isInteger(p.count) || (p.count as number) < 2) c.fail(`${path}.count`, `expected an integer >= 2, found ${show(p.count)}`);
  }
  if (p.normalized === true && !isInteger(componentType)) {
    c.fail(`${path}.normalized`, `expected normalized only with an integer componentType, found ${show(componentType)}`);
  }
  const variableArray = p.array === true && p.count === undefined;
  const floatOrNormalized = componentType === 'FLOAT32' || componentType === 'FLOAT64' || p.normalized === true;
  for (const key of ['offset', 'scale'] as const) {
    if (p[key] === undefined) continue;
    if (!numeric || !floatOrNormalized || variableArray) {
      c.fail(`${path}.${key}`, `expected ${key} only for float or normalized SCALAR/VECN/MATN properties that are not variable-length arrays`);
    } else checkValue(c, p[key], p, `${path}.${key}`, enums, false);
  }
  for (const key of ['min', 'max'] as const) {
    if (p[key] === undefined) continue;
    if (!numeric || variableArray) c.fail(`${path}.${key}`, `expected ${key} only for SCALAR/VECN/MATN properties that are not variable-length arrays`);
    else checkValue(c, p[key], p, `${path}.${key}`, enums, p.offset === undefined && p.scale === undefined);
  }
  if (typeof p.min === 'number' && typeof p.max === 'number' && p.min > p.max) c.fail(`${path}.min`, `expected min <= max (${p.max}), found ${p.min}`);

  const required = p.required === true;
  if (p.noData !== undefined) {
    if (type === 'BOOLEAN') c.fail(`${path}.noData`, 'expected no noData for BOOLEAN properties');
    else if (required) c.fail(`${path}.noData`, 'expected no noData on a required property');
    else checkValue(c, p.noData, p, `${path}.noData`, enums, true);
  }
  if (p.default !== undefined) {
    if (required) c.fail(`${path}.default`, 'expected no default on a required property');
    else checkValue(c, p.default, p, `${path}.default`, enums, false);
  }
  const semanticType = typeof p.semantic === 'string' ? GENERAL_SEMANTIC_TYPES[p.semantic] : undefined;
  if (semanticType && (type !== semanticType || p.array === true)) {
    c.fail(`${path}.semantic`, `expected semantic ${String(p.semantic)} on a single ${semanticType} property, found ${type}${p.array ? ' array' : ''}`);
  }
}

function checkEnum(c: Checker, e: Json, path: string): Set<string> {
  c.optionalString(e, 'name', path);
  c.optionalString(e, 'description', path);
  const valueType = e.valueType ?? 'UINT16';
  if (!isInteger(valueType)) {
    c.fail(`${path}.valueType`, `expected one of ${Object.keys(INTEGER_COMPONENT_RANGES).join(', ')}, found ${show(valueType)}`);
  }
  const names = new Set<string>();
  if (!Array.isArray(e.values) || e.values.length === 0) {
    c.fail(`${path}.values`, `expected an array of at least one enum value, found ${show(e.values)}`);
    return names;
  }
  const seenValues = new Set<number>();
  e.values.forEach((v: unknown, i) => {
    const at = `${path}.values[${i}]`;
    if (!isObject(v)) return c.fail(at, `expected an object { name, value }, found ${show(v)}`);
    c.optionalString(v, 'description', at);
    if (typeof v.name !== 'string' || v.name.length === 0) c.fail(`${at}.name`, `expected a non-empty string, found ${show(v.name)}`);
    else if (names.has(v.name)) c.fail(`${at}.name`, `expected a unique name, found duplicate ${show(v.name)}`);
    else names.add(v.name);
    if (typeof v.value !== 'number' || !Number.isInteger(v.value)) return c.fail(`${at}.value`, `expected an integer, found ${show(v.value)}`);
    if (seenValues.has(v.value)) c.fail(`${at}.value`, `expected a unique value, found duplicate ${v.value}`);
    seenValues.add(v.value);
    if (isInteger(valueType)) {
      const [lo, hi] = INTEGER_COMPONENT_RANGES[valueType];
      if (v.value < lo || v.value > hi) c.fail(`${at}.value`, `expected an integer in [${lo}, ${hi}] for ${valueType}, found ${v.value}`);
    }
  });
  return names;
}

/** The issues of a metadata schema (empty when valid); paths start at `root`. */
export function validateMetadataSchema(schema: unknown, root = 'schema'): MetadataSchemaIssue[] {
  const c = new Checker();
  if (!isObject(schema)) {
    c.fail(root, `expected a schema object, found ${show(schema)}`);
    return c.issues;
  }
  if (typeof schema.id !== 'string' || !METADATA_ID_PATTERN.test(schema.id)) {
    c.fail(`${root}.id`, `expected an id matching ${METADATA_ID_PATTERN.source} (required), found ${show(schema.id)}`);
  }
  for (const key of ['name', 'description', 'version']) c.optionalString(schema, key, root);

  const enums = new Map<string, Set<string>>();
  for (const [id, e] of c.dictionary(schema, 'enums', root)) enums.set(id, checkEnum(c, e, `${root}.enums.${id}`));

  for (const [classId, cls] of c.dictionary(schema, 'classes', root)) {
    const path = `${root}.classes.${classId}`;
    c.optionalString(cls, 'name', path);
    c.optionalString(cls, 'description', path);
    const semantics = new Map<string, string>();
    for (const [propertyId, property] of c.dictionary(cls, 'properties', path)) {
      const at = `${path}.properties.${propertyId}`;
      checkProperty(c, property, at, enums);
      if (typeof property.semantic === 'string') {
        const other = semantics.get(property.semantic);
        if (other) c.fail(`${at}.semantic`, `expected a semantic not used by another property of the class, found ${property.semantic} (also on ${other})`);
        semantics.set(property.semantic, propertyId);
      }
    }
  }
  return c.issues;
}

/** Throws MetadataSchemaError listing every issue; returns the schema typed when valid. */
export function assertValidMetadataSchema(schema: unknown, source?: string): MetadataSchema {
  const issues = validateMetadataSchema(schema);
  if (issues.length > 0) throw new MetadataSchemaError(issues, source);
  return schema as MetadataSchema;
}

/**
 * The issues of one metadata entity (a property-table row or JSON metadata object) against class
 * `classId` of a valid schema: unknown properties, missing required ones, and values that do not
 * match their property (type, component range, enum names, array length).
 */
export function validateMetadataEntity(
  schema: MetadataSchema, classId: string, entity: Record<string, unknown>, root = 'entity',
): MetadataSchemaIssue[] {
  const c = new Checker();
  const cls = schema.classes?.[classId];
  if (!cls) {
    c.fail(root, `expected an entity of a class in the schema, found class ${show(classId)}`);
    return c.issues;
  }
  const enums = new Map(Object.entries(schema.enums ?? {}).map(([id, e]) => [id, new Set(e.values.map((v) => v.name))]));
  const properties = cls.properties ?? {};
  for (const key of Object.keys(entity)) {
    if (!(key in properties)) c.fail(`${root}.${key}`, `expected a property of class '${classId}', found unknown property`);
  }
  for (const [id, property] of Object.entries(properties)) {
    const value = entity[id];
    if (value === undefined) {
      if (property.required) c.fail(`${root}.${id}`, 'expected a value (required property), found nothing');
      continue;
    }
    const isNoData = property.noData !== undefined && JSON.stringify(value) === JSON.stringify(property.noData);
    checkValue(c, value, property as unknown as Json, `${root}.${id}`, enums, true);
    if (isNoData || typeof value !== 'number') continue;
    if (typeof property.min === 'number' && value < property.min) c.fail(`${root}.${id}`, `expected a value >= min (${property.min}), found ${value}`);
    if (typeof property.max === 'number' && value > property.max) c.fail(`${root}.${id}`, `expected a value <= max (${property.max}), found ${value}`);
  }
  return c.issues;
}
