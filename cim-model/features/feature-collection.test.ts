import { describe, expect, it } from 'vitest';
import { EXAMPLE_FEATURES } from './examples.ts';
import { parseFeature } from './parse-feature.ts';
import { featureToGeoJson } from './geojson.ts';
import { featureCollectionToGeoJson, parseFeatureCollection } from './feature-collection.ts';
import { FeatureValidationError } from './feature-validation-error.ts';

const all = Object.values(EXAMPLE_FEATURES).map((f) => parseFeature(f));

describe('parseFeatureCollection', () => {
  it('round-trips a collection of every type with its CRS', () => {
    const geojson = JSON.parse(JSON.stringify(featureCollectionToGeoJson({ crs: 'EPSG:4547', features: all })));
    expect(parseFeatureCollection(geojson)).toEqual({ crs: 'EPSG:4547', features: all });
  });

  it('reads GeoJSON 2008 named CRSs and model-form features', () => {
    const c = parseFeatureCollection({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4547' } },
      features: [EXAMPLE_FEATURES.manhole, featureToGeoJson(all[5])],
    });
    expect(c.crs).toBe('EPSG:4547');
    expect(c.features.map((f) => f.type)).toEqual(['manhole', all[5].type]);
  });

  it('collects issues from every feature, one line each, with file and index', () => {
    const features = [
      featureToGeoJson(all[0]),
      { ...EXAMPLE_FEATURES.building, floors: 0 },
      { type: 'bridge', id: 'X' },
      // Same id as the invalid features[1]: not a duplicate, since that one was rejected.
      featureToGeoJson(parseFeature({ ...EXAMPLE_FEATURES.building, name: 'copy' })),
    ];
    let error: FeatureValidationError | undefined;
    try {
      parseFeatureCollection({ type: 'FeatureCollection', features }, { file: 'city.geojson' });
    } catch (e) {
      error = e as FeatureValidationError;
    }
    expect(error).toBeInstanceOf(FeatureValidationError);
    expect(error!.message.split('\n')).toEqual([
      "city.geojson: features[1] (id B-001): field 'floors': expected an integer > 0, found 0",
      expect.stringMatching(/^city\.geojson: features\[2\] \(id X\): field 'type': expected a feature type, one of 'terrain'.*found "bridge"$/),
    ]);
  });

  it('flags duplicate ids within a type but allows them across types', () => {
    const dup = [featureToGeoJson(all[2]), featureToGeoJson(all[2])];
    expect(() => parseFeatureCollection({ type: 'FeatureCollection', features: dup }, { file: 'b.geojson' }))
      .toThrow("b.geojson: features[1] (id B-001): field 'id': expected an id unique among 'building' features (also used by features[0]), found \"B-001\"");
    const sameIdOtherType = { ...EXAMPLE_FEATURES.parcel, id: 'B-001' };
    expect(parseFeatureCollection({ type: 'FeatureCollection', features: [all[2], sameIdOtherType] }).features).toHaveLength(2);
  });

  it('rejects a non-collection and a bad CRS naming the field', () => {
    expect(() => parseFeatureCollection([], { file: 'x.json' })).toThrow('x.json: expected a FeatureCollection object, found []');
    expect(() => parseFeatureCollection({ type: 'FeatureCollection', features: {} })).toThrow("field 'features': expected an array of features, found {}");
    expect(() => parseFeatureCollection({ type: 'FeatureCollection', crs: 4547, features: [] })).toThrow("field 'crs': expected a CRS string");
  });

  it('stops after maxIssues', () => {
    const bad = Array.from({ length: 10 }, (_, i) => ({ ...EXAMPLE_FEATURES.road, id: `R${i}`, lanes: 0 }));
    try {
      parseFeatureCollection({ type: 'FeatureCollection', features: bad }, { maxIssues: 3 });
      expect.unreachable();
    } catch (e) {
      expect((e as FeatureValidationError).issues).toHaveLength(3);
    }
  });
});
