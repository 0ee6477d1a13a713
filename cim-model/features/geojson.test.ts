import { describe, expect, it } from 'vitest';
import { EXAMPLE_FEATURES } from './examples.ts';
import { FEATURE_TYPES } from './cim-feature.ts';
import { parseFeature } from './parse-feature.ts';
import { featureFromGeoJson, featureToGeoJson } from './geojson.ts';

describe('GeoJSON interop', () => {
  it.each(FEATURE_TYPES)('round-trips the %s example through GeoJSON and JSON text', (type) => {
    const feature = parseFeature(EXAMPLE_FEATURES[type]);
    const geojson = JSON.parse(JSON.stringify(featureToGeoJson(feature)));
    expect(geojson.type).toBe('Feature');
    expect(geojson.id).toBe(feature.id);
    expect(geojson.properties.id).toBeUndefined();
    expect(geojson.properties.geometry).toBeUndefined();
    expect(featureFromGeoJson(geojson)).toEqual(feature);
  });

  it('puts geometry in geometry and attributes in properties', () => {
    const g = featureToGeoJson(parseFeature(EXAMPLE_FEATURES.pipe));
    expect(g.geometry).toEqual(EXAMPLE_FEATURES.pipe.geometry);
    expect(g.properties).toMatchObject({ type: 'pipe', network: 'storm', section: { diameter: 0.8 } });
    expect(featureToGeoJson(parseFeature(EXAMPLE_FEATURES.terrain)).geometry).toBeNull();
  });

  it('accepts a numeric top-level id or an id in properties', () => {
    const { id: _id, ...rest } = EXAMPLE_FEATURES.road;
    const { geometry, ...properties } = rest;
    expect(featureFromGeoJson({ type: 'Feature', id: 7, geometry, properties }).id).toBe('7');
    expect(featureFromGeoJson({ type: 'Feature', geometry, properties: { ...properties, id: 'RD-9' } }).id).toBe('RD-9');
  });

  it('names GeoJSON document paths for bad attributes and bad geometry', () => {
    const g = featureToGeoJson(parseFeature(EXAMPLE_FEATURES.pipe));
    const bad = { ...g, geometry: { type: 'LineString', coordinates: [[0, 0]] },
      properties: { ...g.properties, section: { shape: 'circular', diameter: -0.3 } } };
    try {
      featureFromGeoJson(bad, { file: 'pipes.geojson', index: 12 });
      expect.unreachable();
    } catch (e) {
      const { issues, message } = e as { issues: Array<{ path: string; documentPath: string }>; message: string };
      expect(issues.map((i) => i.documentPath).sort()).toEqual(
        ['features[12].geometry.coordinates', 'features[12].properties.section.diameter']);
      expect(message).toContain("pipes.geojson: features[12] (id P-0012): field 'section.diameter': expected a number > 0, found -0.3");
    }
  });

  it('rejects a non-Feature and conflicting ids', () => {
    expect(() => featureFromGeoJson({ type: 'Point', coordinates: [0, 0] }))
      .toThrow("field 'type': expected 'Feature' (a GeoJSON Feature), found \"Point\"");
    const g = featureToGeoJson(parseFeature(EXAMPLE_FEATURES.road));
    expect(() => featureFromGeoJson({ ...g, properties: { ...g.properties, id: 'other' } }))
      .toThrow('field \'properties.id\': expected no id or the same id as the feature ("RD-1"), found "other"');
  });
});
