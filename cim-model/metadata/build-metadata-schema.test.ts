import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  BimProjectStatusSchema, FEATURE_TYPES, PipeNetworkSchema, featureSchema, type FeatureType,
} from '../features/index.ts';
import { enumValues, schemaDef, unwrapSchema } from '../features/zod-introspection.ts';
import { buildMetadataSchema, featureTypeToClassId } from './build-metadata-schema.ts';
import { METADATA_NO_DATA } from './class-properties.ts';
import { validateMetadataSchema } from './validate-metadata-schema.ts';
import { METADATA_ID_PATTERN } from './metadata-schema-types.ts';

const schema = buildMetadataSchema();
const classes = schema.classes!;
const enums = schema.enums!;

/** The zod schema of a (dotted) field path, walked in the zod schema itself. */
function zodField(type: FeatureType, path: string[]): z.core.$ZodType {
  let s: z.core.$ZodType = featureSchema(type);
  for (const key of path) s = schemaDef(unwrapSchema(s).schema).shape![key];
  return unwrapSchema(s).schema;
}

describe('buildMetadataSchema', () => {
  it('has one class per feature type, with valid ids', () => {
    expect(Object.keys(classes).sort()).toEqual(FEATURE_TYPES.map(featureTypeToClassId).sort());
    expect(featureTypeToClassId('bim-project')).toBe('bimProject');
    for (const [classId, cls] of Object.entries(classes)) {
      expect(classId).toMatch(METADATA_ID_PATTERN);
      for (const id of Object.keys(cls.properties!)) expect(id).toMatch(METADATA_ID_PATTERN);
    }
  });

  it('passes the 3D Tiles metadata schema validator', () => {
    expect(validateMetadataSchema(schema)).toEqual([]);
  });

  it('has enums whose values are exactly the zod enum values, in order, plus NO_DATA only where optional', () => {
    let enumProperties = 0;
    for (const type of FEATURE_TYPES) {
      for (const [id, property] of Object.entries(classes[featureTypeToClassId(type)].properties!)) {
        if (property.type !== 'ENUM') continue;
        enumProperties++;
        const zodValues = enumValues(zodField(type, property.name!.split('.')));
        const e = enums[property.enumType!];
        const names = e.values.map((v) => v.name).filter((n) => n !== METADATA_NO_DATA.ENUM);
        expect(names, `${type}.${id}`).toEqual(zodValues);
        expect(e.values.slice(0, zodValues.length).map((v) => v.value)).toEqual(zodValues.map((_, i) => i));
        if (property.noData !== undefined) expect(e.values.at(-1)).toEqual({ name: 'NO_DATA', value: 255 });
      }
    }
    expect(enumProperties).toBeGreaterThan(15);
    expect(enums.PipeNetwork.values.map((v) => v.name)).toEqual(PipeNetworkSchema.options);
    expect(enums.BimProjectStatus.values.map((v) => v.name)).toEqual(BimProjectStatusSchema.options);
    expect(enums.PipeNetwork.valueType).toBe('UINT8');
  });

  it('flattens nested objects with _ and skips type and geometry', () => {
    const pipe = classes.pipe.properties!;
    expect(pipe.section_diameter).toMatchObject({
      name: 'section.diameter', type: 'SCALAR', componentType: 'FLOAT64', required: false, noData: METADATA_NO_DATA.FLOAT64, min: 0,
    });
    expect(pipe.section_barrels).toMatchObject({ componentType: 'INT32', required: true, min: 1 });
    expect(pipe.source_dataset).toMatchObject({ type: 'STRING', required: true });
    expect(pipe.source_file).toMatchObject({ type: 'STRING', required: false, noData: '' });
    expect(pipe.geometry).toBeUndefined();
    expect(pipe.type).toBeUndefined();
    expect(Object.keys(classes.parcel.properties!)).toEqual(expect.arrayContaining(['setbacks_front', 'setbacks_side', 'setbacks_rear']));
    expect(classes.sensor.properties!.thresholds_warning).toMatchObject({ type: 'SCALAR', required: false });
    expect(classes.sensor.properties!.thresholds_direction).toMatchObject({ type: 'ENUM', enumType: 'ThresholdDirection', required: false });
  });

  it('maps ids, names, integers, vectors, arrays and JSON fields', () => {
    const building = classes.building.properties!;
    expect(building.id).toMatchObject({ type: 'STRING', semantic: 'ID', required: true });
    expect(building.name).toMatchObject({ type: 'STRING', semantic: 'NAME', required: false });
    expect(building.floors).toMatchObject({ type: 'SCALAR', componentType: 'INT32', min: 1 });
    expect(building.cimLevel).toMatchObject({ componentType: 'INT32', min: 1, max: 7, required: true });
    expect(building.height.description).toContain('in m');
    expect(classes.realityMesh.properties!.srsOrigin).toMatchObject({ type: 'VEC3', componentType: 'FLOAT64', required: true });
    expect(classes.terrain.properties!.extent).toMatchObject({ type: 'SCALAR', array: true, count: 4 });
    expect(classes.crossSection.properties!.points).toMatchObject({ type: 'VEC2', componentType: 'FLOAT64', array: true });
    expect(classes.crossSection.properties!.points.count).toBeUndefined();
    expect(classes.bimElement.properties!.propertySets).toMatchObject({ type: 'STRING', required: true });
    expect(classes.manhole.properties!.cover_locked).toMatchObject({ type: 'BOOLEAN', required: false });
    expect(classes.manhole.properties!.cover_locked.noData).toBeUndefined();
  });

  it('includes only the enums of the requested feature types, and versions by content', () => {
    const buildings = buildMetadataSchema({ featureTypes: ['building'], id: 'tile_buildings' });
    expect(Object.keys(buildings.classes!)).toEqual(['building']);
    expect(Object.keys(buildings.enums!).sort()).toEqual(['BuildingUse', 'RoofType']);
    expect(buildings.id).toBe('tile_buildings');
    expect(validateMetadataSchema(buildings)).toEqual([]);
    expect(buildMetadataSchema().version).toBe(schema.version);
    expect(buildings.version).not.toBe(schema.version);
  });
});
