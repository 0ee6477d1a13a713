import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { buildMetadataSchema } from './build-metadata-schema.ts';
import {
  MetadataSchemaError, assertValidMetadataSchema, validateMetadataEntity, validateMetadataSchema,
} from './validate-metadata-schema.ts';

const readJson = (...parts: string[]) => JSON.parse(readFileSync(sharedDataPath(...parts), 'utf8'));

describe.skipIf(!hasSharedData())('validateMetadataSchema on the official 3D Tiles samples (positive controls)', () => {
  it('accepts the MetadataGranularities tileset schema', () => {
    const tileset = readJson('cim', '3dtiles-samples', '1.1', 'MetadataGranularities', 'tileset.json');
    expect(Object.keys(tileset.schema.classes)).toHaveLength(4);
    expect(validateMetadataSchema(tileset.schema)).toEqual([]);
  });

  it('accepts the EXT_structural_metadata schema of FeatureIdAttributeAndPropertyTable', () => {
    const gltf = readJson('cim', '3dtiles-samples', 'glTF', 'EXT_structural_metadata',
      'FeatureIdAttributeAndPropertyTable', 'FeatureIdAttributeAndPropertyTable.gltf');
    const schema = gltf.extensions.EXT_structural_metadata.schema;
    expect(schema.classes.exampleMetadataClass.properties.example_VEC3_FLOAT32.type).toBe('VEC3');
    expect(validateMetadataSchema(schema)).toEqual([]);
  });
});

/** A minimal valid schema with one property `p` defined by `property` (and enum E). */
function withProperty(property: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'test',
    enums: { E: { valueType: 'UINT8', values: [{ name: 'a', value: 0 }, { name: 'b', value: 1 }] } },
    classes: { c: { properties: { p: property } } },
  };
}

const P = 'schema.classes.c.properties.p';

describe('validateMetadataSchema rejects broken schemas naming the path', () => {
  const cases: Array<[string, unknown, string, string]> = [
    ['missing id', { classes: { c: { properties: { p: { type: 'STRING' } } } } }, 'schema.id', 'expected an id matching'],
    ['bad class id', { id: 's', classes: { 'my-class': { properties: { p: { type: 'STRING' } } } } }, 'schema.classes.my-class', 'expected an id matching'],
    ['empty classes', { id: 's', classes: {} }, 'schema.classes', 'expected an object with at least one entry'],
    ['unknown type', withProperty({ type: 'FLOAT' }), `${P}.type`, 'expected one of SCALAR, VEC2'],
    ['SCALAR without componentType', withProperty({ type: 'SCALAR' }), `${P}.componentType`, 'required for SCALAR'],
    ['bad componentType', withProperty({ type: 'VEC3', componentType: 'FLOAT16' }), `${P}.componentType`, 'found "FLOAT16"'],
    ['componentType on STRING', withProperty({ type: 'STRING', componentType: 'UINT8' }), `${P}.componentType`, 'expected no componentType for STRING'],
    ['ENUM without enumType', withProperty({ type: 'ENUM' }), `${P}.enumType`, 'required for ENUM'],
    ['ENUM with undeclared enumType', withProperty({ type: 'ENUM', enumType: 'F' }), `${P}.enumType`, 'expected an enum declared in schema.enums, found "F"'],
    ['noData on BOOLEAN', withProperty({ type: 'BOOLEAN', noData: false }), `${P}.noData`, 'expected no noData for BOOLEAN'],
    ['noData on required', withProperty({ type: 'STRING', required: true, noData: '' }), `${P}.noData`, 'expected no noData on a required property'],
    ['noData out of range', withProperty({ type: 'SCALAR', componentType: 'UINT8', noData: -1 }), `${P}.noData`, 'expected an integer in [0, 255] for UINT8, found -1'],
    ['noData not an enum name', withProperty({ type: 'ENUM', enumType: 'E', noData: 'c' }), `${P}.noData`, "expected the name of a value of enum 'E'"],
    ['VEC3 noData with 2 numbers', withProperty({ type: 'VEC3', componentType: 'FLOAT64', noData: [0, 0] }), `${P}.noData`, 'expected an array of 3 numbers'],
    ['count without array', withProperty({ type: 'SCALAR', componentType: 'FLOAT32', count: 3 }), `${P}.count`, 'expected no count unless array is true'],
    ['count 1', withProperty({ type: 'SCALAR', componentType: 'FLOAT32', array: true, count: 1 }), `${P}.count`, 'expected an integer >= 2'],
    ['normalized float', withProperty({ type: 'SCALAR', componentType: 'FLOAT32', normalized: true }), `${P}.normalized`, 'integer componentType'],
    ['offset on plain integer', withProperty({ type: 'SCALAR', componentType: 'INT32', offset: 1 }), `${P}.offset`, 'float or normalized'],
    ['min on STRING', withProperty({ type: 'STRING', min: 0 }), `${P}.min`, 'expected min only for SCALAR/VECN/MATN'],
    ['min above max', withProperty({ type: 'SCALAR', componentType: 'FLOAT64', min: 5, max: 1 }), `${P}.min`, 'expected min <= max (1), found 5'],
    ['semantic ID on a number', withProperty({ type: 'SCALAR', componentType: 'UINT32', semantic: 'ID' }), `${P}.semantic`, 'expected semantic ID on a single STRING property'],
    ['required not boolean', withProperty({ type: 'STRING', required: 'yes' }), `${P}.required`, 'expected a boolean'],
    ['enum duplicate name', { id: 's', enums: { E: { values: [{ name: 'a', value: 0 }, { name: 'a', value: 1 }] } } }, 'schema.enums.E.values[1].name', 'duplicate "a"'],
    ['enum duplicate value', { id: 's', enums: { E: { values: [{ name: 'a', value: 0 }, { name: 'b', value: 0 }] } } }, 'schema.enums.E.values[1].value', 'duplicate 0'],
    ['enum value out of range', { id: 's', enums: { E: { valueType: 'UINT8', values: [{ name: 'a', value: 256 }] } } }, 'schema.enums.E.values[0].value', 'in [0, 255] for UINT8'],
    ['enum bad valueType', { id: 's', enums: { E: { valueType: 'FLOAT32', values: [{ name: 'a', value: 0 }] } } }, 'schema.enums.E.valueType', 'expected one of INT8'],
    ['enum without values', { id: 's', enums: { E: { values: [] } } }, 'schema.enums.E.values', 'at least one enum value'],
  ];

  it.each(cases)('%s', (_label, schema, path, message) => {
    const issues = validateMetadataSchema(schema);
    expect(issues).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it('rejects duplicate semantics within a class', () => {
    const schema = { id: 's', classes: { c: { properties: { a: { type: 'STRING', semantic: 'NAME' }, b: { type: 'STRING', semantic: 'NAME' } } } } };
    expect(validateMetadataSchema(schema)).toEqual([{
      path: 'schema.classes.c.properties.b.semantic',
      message: 'expected a semantic not used by another property of the class, found NAME (also on a)',
    }]);
  });

  it('catches a broken copy of the generated schema, and assert names the source', () => {
    const broken = structuredClone(buildMetadataSchema());
    delete broken.classes!.building.properties!.height.componentType;
    broken.enums!.BuildingUse.values.push({ name: 'residential', value: 99 });
    const issues = validateMetadataSchema(broken);
    expect(issues.map((i) => i.path).sort()).toEqual([
      'schema.classes.building.properties.height.componentType',
      'schema.enums.BuildingUse.values[9].name',
    ]);
    expect(() => assertValidMetadataSchema(broken, 'tileset.json')).toThrow(MetadataSchemaError);
    expect(() => assertValidMetadataSchema(broken, 'tileset.json'))
      .toThrow('tileset.json: schema.classes.building.properties.height.componentType: expected a component type (required for SCALAR), found nothing');
  });
});

describe('validateMetadataEntity', () => {
  const schema = assertValidMetadataSchema(withProperty({ type: 'SCALAR', componentType: 'UINT8', min: 1, max: 9, noData: 0 }));

  it('accepts values in range and noData', () => {
    expect(validateMetadataEntity(schema, 'c', { p: 5 })).toEqual([]);
    expect(validateMetadataEntity(schema, 'c', { p: 0 })).toEqual([]);
  });

  it('rejects out-of-range values, unknown properties and unknown classes', () => {
    expect(validateMetadataEntity(schema, 'c', { p: 10, q: 1 })).toEqual([
      { path: 'entity.q', message: "expected a property of class 'c', found unknown property" },
      { path: 'entity.p', message: 'expected a value <= max (9), found 10' },
    ]);
    expect(validateMetadataEntity(schema, 'c', { p: 300 })[0].message).toBe('expected an integer in [0, 255] for UINT8, found 300');
    expect(validateMetadataEntity(schema, 'd', {})[0].message).toContain('found class "d"');
  });
});
