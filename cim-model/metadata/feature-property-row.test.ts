import { describe, expect, it } from 'vitest';
import { FEATURE_TYPES, parseFeature } from '../features/index.ts';
import { EXAMPLE_FEATURES } from '../features/examples.ts';
import { buildMetadataSchema, featureTypeToClassId } from './build-metadata-schema.ts';
import { featurePropertyRow } from './feature-property-row.ts';
import { METADATA_NO_DATA } from './class-properties.ts';
import { validateMetadataEntity } from './validate-metadata-schema.ts';

const schema = buildMetadataSchema();

describe('featurePropertyRow', () => {
  it.each(FEATURE_TYPES)('writes a %s row with exactly the class properties, valid against the schema', (type) => {
    const classId = featureTypeToClassId(type);
    const row = featurePropertyRow(classId, parseFeature(EXAMPLE_FEATURES[type]));
    expect(Object.keys(row).sort()).toEqual(Object.keys(schema.classes![classId].properties!).sort());
    expect(validateMetadataEntity(schema, classId, row)).toEqual([]);
  });

  it('flattens values and fills absent optional values with noData', () => {
    const row = featurePropertyRow('pipe', parseFeature(EXAMPLE_FEATURES.pipe));
    expect(row).toMatchObject({
      id: 'P-0012', network: 'storm', section_shape: 'circular', section_diameter: 0.8, section_barrels: 1,
      section_width: METADATA_NO_DATA.FLOAT64, yearInstalled: METADATA_NO_DATA.INT32, name: '', cimLevel: 2, source_dataset: 'example',
    });
  });

  it('writes property sets as JSON text and vectors as arrays', () => {
    const element = parseFeature(EXAMPLE_FEATURES['bim-element']);
    const row = featurePropertyRow('bimElement', element);
    expect(JSON.parse(row.propertySets as string)).toEqual(EXAMPLE_FEATURES['bim-element'].propertySets);
    expect(featurePropertyRow('realityMesh', parseFeature(EXAMPLE_FEATURES['reality-mesh'])).srsOrigin).toEqual([531000, 3381000, 0]);
  });

  it('writes false for an absent optional boolean and NO_DATA for an absent optional enum', () => {
    const manhole = parseFeature({ ...EXAMPLE_FEATURES.manhole, cover: { shape: 'circular' } });
    const row = featurePropertyRow('manhole', manhole);
    expect(row.cover_locked).toBe(false);
    expect(row.cover_material).toBe('NO_DATA');
    expect(validateMetadataEntity(schema, 'manhole', row)).toEqual([]);
  });

  it('refuses to write a feature into another class', () => {
    expect(() => featurePropertyRow('building', parseFeature(EXAMPLE_FEATURES.pipe)))
      .toThrow("feature P-0012 of type 'pipe' belongs to class 'pipe', not 'building'");
  });
});
