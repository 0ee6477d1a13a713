/**
 * A validator for 3D Tiles 1.1 tileset JSON: the shape of specification/schema/tileset.schema.json
 * and the files it references (tile, content, boundingVolume, tile.implicitTiling, group,
 * metadataEntity, Schema/*, Statistics/*) as zod schemas, then the rules a JSON schema cannot
 * express: `schema` xor `schemaUri`, `content` xor `contents`, componentType required exactly for
 * numeric types, enumType naming a declared enum, metadata classes and group indices that exist,
 * region ranges, `extensionsRequired` ⊆ `extensionsUsed`, refine on the root, implicit tiling with
 * a box or region and a templated content URI, and (warning) children's geometricError above
 * their parent's. Every issue names its JSON path, e.g. `root.children[2].geometricError`.
 */
import { z } from 'zod';

export interface TilesetIssue {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface TilesetValidation {
  errors: number;
  warnings: number;
  issues: TilesetIssue[];
}

const ID = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const root = { extensions: z.record(z.string(), z.unknown()).optional(), extras: z.unknown().optional() };
const nonEmpty = z.string().min(1);
const numericValue = z.union([z.number(), z.array(z.number()), z.array(z.array(z.number()))]);
const anyValue = z.unknown();

const BoundingVolumeSchema = z.looseObject({
  ...root,
  box: z.array(z.number()).length(12).optional(),
  region: z.array(z.number()).length(6).optional(),
  sphere: z.array(z.number()).length(4).optional(),
});

const MetadataEntitySchema = z.looseObject({
  ...root,
  class: z.string(),
  properties: z.record(z.string(), anyValue).optional(),
});

const ContentSchema = z.looseObject({
  ...root,
  uri: z.string(),
  boundingVolume: BoundingVolumeSchema.optional(),
  metadata: MetadataEntitySchema.optional(),
  group: z.int().min(0).optional(),
});

const ImplicitTilingSchema = z.looseObject({
  ...root,
  subdivisionScheme: z.enum(['QUADTREE', 'OCTREE']),
  subtreeLevels: z.int().min(1),
  availableLevels: z.int().min(1),
  subtrees: z.looseObject({ ...root, uri: z.string() }),
});

type TileJson = {
  boundingVolume: z.infer<typeof BoundingVolumeSchema>;
  viewerRequestVolume?: z.infer<typeof BoundingVolumeSchema>;
  geometricError: number;
  refine?: string;
  transform?: number[];
  content?: z.infer<typeof ContentSchema>;
  contents?: Array<z.infer<typeof ContentSchema>>;
  metadata?: z.infer<typeof MetadataEntitySchema>;
  implicitTiling?: z.infer<typeof ImplicitTilingSchema>;
  children?: TileJson[];
};

const TileSchema: z.ZodType<TileJson> = z.lazy(() => z.looseObject({
  ...root,
  boundingVolume: BoundingVolumeSchema,
  viewerRequestVolume: BoundingVolumeSchema.optional(),
  geometricError: z.number().min(0),
  refine: z.enum(['ADD', 'REPLACE']).optional(),
  transform: z.array(z.number()).length(16).optional(),
  content: ContentSchema.optional(),
  contents: z.array(ContentSchema).min(1).optional(),
  metadata: MetadataEntitySchema.optional(),
  implicitTiling: ImplicitTilingSchema.optional(),
  children: z.array(TileSchema).min(1).optional(),
})) as z.ZodType<TileJson>;

const COMPONENT_TYPES = ['INT8', 'UINT8', 'INT16', 'UINT16', 'INT32', 'UINT32', 'INT64', 'UINT64', 'FLOAT32', 'FLOAT64'] as const;
const ClassPropertySchema = z.looseObject({
  ...root,
  name: nonEmpty.optional(),
  description: nonEmpty.optional(),
  type: z.enum(['SCALAR', 'VEC2', 'VEC3', 'VEC4', 'MAT2', 'MAT3', 'MAT4', 'STRING', 'BOOLEAN', 'ENUM']),
  componentType: z.enum(COMPONENT_TYPES).optional(),
  enumType: z.string().optional(),
  array: z.boolean().optional(),
  count: z.int().min(2).optional(),
  normalized: z.boolean().optional(),
  offset: numericValue.optional(),
  scale: numericValue.optional(),
  max: numericValue.optional(),
  min: numericValue.optional(),
  required: z.boolean().optional(),
  noData: anyValue.optional(),
  default: anyValue.optional(),
  semantic: z.string().optional(),
});

const MetadataSchemaSchema = z.looseObject({
  ...root,
  id: z.string().regex(ID),
  name: nonEmpty.optional(),
  description: nonEmpty.optional(),
  version: nonEmpty.optional(),
  classes: z.record(z.string().regex(ID), z.looseObject({
    ...root, name: nonEmpty.optional(), description: nonEmpty.optional(),
    properties: z.record(z.string().regex(ID), ClassPropertySchema).optional(),
  })).optional(),
  enums: z.record(z.string().regex(ID), z.looseObject({
    ...root, name: nonEmpty.optional(), description: nonEmpty.optional(),
    valueType: z.enum(COMPONENT_TYPES.slice(0, 8) as unknown as ['INT8']).optional(),
    values: z.array(z.looseObject({ ...root, name: nonEmpty, description: nonEmpty.optional(), value: z.int() })).min(1),
  })).optional(),
});

const TilesetSchema = z.looseObject({
  ...root,
  asset: z.looseObject({ ...root, version: z.string(), tilesetVersion: z.string().optional() }),
  properties: z.record(z.string(), z.looseObject({ maximum: z.number(), minimum: z.number() })).optional(),
  schema: MetadataSchemaSchema.optional(),
  schemaUri: z.string().optional(),
  statistics: z.looseObject({
    ...root,
    classes: z.record(z.string(), z.looseObject({
      ...root, count: z.int().min(0).optional(), properties: z.record(z.string(), z.record(z.string(), anyValue)).optional(),
    })).optional(),
  }).optional(),
  groups: z.array(MetadataEntitySchema).min(1).optional(),
  metadata: MetadataEntitySchema.optional(),
  geometricError: z.number().min(0),
  root: TileSchema,
  extensionsUsed: z.array(z.string()).min(1).optional(),
  extensionsRequired: z.array(z.string()).min(1).optional(),
});

type TilesetJson = z.infer<typeof TilesetSchema>;

/** `a.b[2].c` from a zod path. */
function jsonPath(base: string, path: ReadonlyArray<PropertyKey>): string {
  let out = base;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(top level)';
}

export function validateTilesetJson(json: unknown, options: { path?: string } = {}): TilesetValidation {
  const base = options.path ? `${options.path}#` : '';
  const issues: TilesetIssue[] = [];
  const error = (path: string, message: string): void => { issues.push({ path: base + path, message, severity: 'error' }); };
  const warn = (path: string, message: string): void => { issues.push({ path: base + path, message, severity: 'warning' }); };

  const parsed = TilesetSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) error(jsonPath('', issue.path), issue.message);
    return summarize(issues);
  }
  const tileset: TilesetJson = parsed.data;
  const schema = tileset.schema;
  if (schema && tileset.schemaUri !== undefined) error('schema', 'schema and schemaUri shall not both be defined');
  const classes = schema?.classes ?? {};
  const checkClasses = schema !== undefined; // with schemaUri only, class names cannot be checked here

  if (schema) {
    for (const [classId, cls] of Object.entries(classes)) {
      for (const [propertyId, p] of Object.entries(cls.properties ?? {})) {
        const at = `schema.classes.${classId}.properties.${propertyId}`;
        const numeric = ['SCALAR', 'VEC2', 'VEC3', 'VEC4', 'MAT2', 'MAT3', 'MAT4'].includes(p.type);
        if (numeric && !p.componentType) error(`${at}.componentType`, `required for type ${p.type}`);
        if (!numeric && p.componentType) error(`${at}.componentType`, `not allowed for type ${p.type}`);
        if (p.type === 'ENUM' && !(p.enumType && schema.enums?.[p.enumType])) error(`${at}.enumType`, `shall name an enum of the schema, found ${JSON.stringify(p.enumType)}`);
        if (p.type !== 'ENUM' && p.enumType !== undefined) error(`${at}.enumType`, `not allowed for type ${p.type}`);
        if (p.count !== undefined && p.array !== true) error(`${at}.count`, 'only allowed when array is true');
      }
    }
    for (const [enumId, e] of Object.entries(schema.enums ?? {})) {
      const names = new Set(e.values.map((v) => v.name)), values = new Set(e.values.map((v) => v.value));
      if (names.size !== e.values.length || values.size !== e.values.length) error(`schema.enums.${enumId}.values`, 'duplicate names or values');
    }
  }
  const checkEntity = (path: string, entity: { class: string } | undefined): void => {
    if (entity && checkClasses && !classes[entity.class]) error(`${path}.class`, `class '${entity.class}' is not in the schema`);
    if (entity && !schema && tileset.schemaUri === undefined) error(`${path}`, 'metadata needs a schema or schemaUri');
  };
  tileset.groups?.forEach((g, i) => checkEntity(`groups[${i}]`, g));
  checkEntity('metadata', tileset.metadata);
  for (const classId of Object.keys(tileset.statistics?.classes ?? {})) {
    if (checkClasses && !classes[classId]) error(`statistics.classes.${classId}`, 'class is not in the schema');
  }
  const used = new Set(tileset.extensionsUsed ?? []);
  if (used.size !== (tileset.extensionsUsed?.length ?? 0)) error('extensionsUsed', 'items shall be unique');
  tileset.extensionsRequired?.forEach((name, i) => { if (!used.has(name)) error(`extensionsRequired[${i}]`, `'${name}' is not in extensionsUsed`); });

  const checkVolume = (path: string, volume: z.infer<typeof BoundingVolumeSchema>): void => {
    if (!volume.box && !volume.region && !volume.sphere && !volume.extensions) error(path, 'shall define box, region or sphere');
    if (volume.region) {
      const [w, s, e, n, h0, h1] = volume.region;
      if (s > n) error(`${path}.region`, `south ${s} is larger than north ${n}`);
      if (h0 > h1) error(`${path}.region`, `minimum height ${h0} is larger than maximum height ${h1}`);
      if ([w, e].some((v) => Math.abs(v) > Math.PI) || [s, n].some((v) => Math.abs(v) > Math.PI / 2)) error(`${path}.region`, 'longitudes shall be in [-π, π] and latitudes in [-π/2, π/2] radians');
    }
    if (volume.sphere && volume.sphere[3] < 0) error(`${path}.sphere`, 'radius shall not be negative');
  };
  const checkContent = (path: string, content: z.infer<typeof ContentSchema>): void => {
    if (content.boundingVolume) checkVolume(`${path}.boundingVolume`, content.boundingVolume);
    if (content.group !== undefined && content.group >= (tileset.groups?.length ?? 0)) error(`${path}.group`, `index ${content.group} is not in groups (${tileset.groups?.length ?? 0})`);
    checkEntity(`${path}.metadata`, content.metadata);
  };
  const walk = (tile: TileJson, path: string, parentError: number | undefined): void => {
    checkVolume(`${path}.boundingVolume`, tile.boundingVolume);
    if (tile.viewerRequestVolume) checkVolume(`${path}.viewerRequestVolume`, tile.viewerRequestVolume);
    if (tile.content && tile.contents) error(path, 'content and contents shall not both be defined');
    if (tile.content) checkContent(`${path}.content`, tile.content);
    tile.contents?.forEach((c, i) => checkContent(`${path}.contents[${i}]`, c));
    checkEntity(`${path}.metadata`, tile.metadata);
    if (parentError !== undefined && tile.geometricError > parentError) {
      warn(`${path}.geometricError`, `${tile.geometricError} is larger than the parent's ${parentError}`);
    }
    if (tile.implicitTiling) {
      const at = `${path}.implicitTiling`;
      if (tile.children) error(`${path}.children`, 'a tile with implicitTiling shall not have children');
      if (!tile.boundingVolume.box && !tile.boundingVolume.region) error(`${path}.boundingVolume`, 'implicit tiling needs a box or region');
      const variables = tile.implicitTiling.subdivisionScheme === 'OCTREE' ? ['level', 'x', 'y', 'z'] : ['level', 'x', 'y'];
      const templated = (uri: string): boolean => variables.every((v) => uri.includes(`{${v}}`));
      if (!templated(tile.implicitTiling.subtrees.uri)) error(`${at}.subtrees.uri`, `shall contain ${variables.map((v) => `{${v}}`).join(', ')}`);
      if (tile.content && !templated(tile.content.uri)) error(`${path}.content.uri`, 'an implicit tile content uri shall be a template');
    }
    tile.children?.forEach((child, i) => walk(child, `${path}.children[${i}]`, tile.geometricError));
  };
  if (!tileset.root.refine) error('root.refine', 'required on the root tile');
  if (tileset.root.geometricError > tileset.geometricError) warn('root.geometricError', `${tileset.root.geometricError} is larger than the tileset's ${tileset.geometricError}`);
  walk(tileset.root, 'root', undefined);
  return summarize(issues);
}

function summarize(issues: TilesetIssue[]): TilesetValidation {
  return {
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    issues,
  };
}
