import { describe, expect, it } from 'vitest';
import { EXAMPLE_FEATURES } from './examples.ts';
import { FEATURE_TYPES } from './cim-feature.ts';
import { parseFeature } from './parse-feature.ts';
import { checkFeatureReferences, referenceFields } from './feature-references.ts';
import { parseFeatureCollection } from './feature-collection.ts';

const MH2 = { ...EXAMPLE_FEATURES.manhole, id: 'MH-002', invertElevation: 18.9, geometry: { type: 'Point' as const, coordinates: [531040, 3381000] as [number, number] } };
const model = () => [...Object.values(EXAMPLE_FEATURES), MH2].map((f) => parseFeature(f));

describe('checkFeatureReferences', () => {
  it('finds reference fields from the schemas, with feature-type targets', () => {
    expect(referenceFields('pipe')).toEqual([
      { path: ['fromNode'], targets: ['manhole', 'outfall'] },
      { path: ['toNode'], targets: ['manhole', 'outfall'] },
    ]);
    expect(referenceFields('sensor')).toEqual([{ path: ['observes'], targets: [] }]);
    const targets = FEATURE_TYPES.flatMap((t) => referenceFields(t).flatMap((f) => f.targets));
    expect(targets.length).toBeGreaterThan(5);
    for (const target of targets) expect(FEATURE_TYPES).toContain(target);
  });

  it('accepts the consistent example model', () => {
    expect(checkFeatureReferences(model())).toEqual([]);
  });

  it('reports dangling references and references to the wrong type', () => {
    const features = model();
    const pipeIndex = features.findIndex((f) => f.type === 'pipe');
    features[pipeIndex] = parseFeature({ ...EXAMPLE_FEATURES.pipe, toNode: 'MH-999' });
    const xsIndex = features.findIndex((f) => f.type === 'cross-section');
    features[xsIndex] = parseFeature({ ...EXAMPLE_FEATURES['cross-section'], reachId: 'P-0012' });
    const issues = checkFeatureReferences(features, { file: 'city.geojson' });
    expect(issues.map((i) => [i.documentPath, i.expected, i.found])).toEqual([
      [`features[${pipeIndex}].toNode`, 'the id of a manhole or outfall in the model', '"MH-999"'],
      [`features[${xsIndex}].reachId`, 'the id of a river-reach in the model', '"P-0012"'],
    ]);
  });

  it('reports a pipe below the invert of its node, within tolerance', () => {
    const features = model();
    const i = features.findIndex((f) => f.type === 'pipe');
    features[i] = parseFeature({ ...EXAMPLE_FEATURES.pipe, downstreamInvert: 18.895 });
    expect(checkFeatureReferences(features)).toEqual([]);
    features[i] = parseFeature({ ...EXAMPLE_FEATURES.pipe, downstreamInvert: 18.5 });
    expect(checkFeatureReferences(features).map((x) => `${x.path}: expected ${x.expected}, found ${x.found}`)).toEqual([
      'downstreamInvert: expected an invert >= the invert of manhole MH-002 (18.9 m), found 18.5',
    ]);
  });

  it('runs from parseFeatureCollection on request', () => {
    const features = [EXAMPLE_FEATURES.pipe];
    expect(parseFeatureCollection({ type: 'FeatureCollection', features }).features).toHaveLength(1);
    expect(() => parseFeatureCollection({ type: 'FeatureCollection', features }, { file: 'pipes.geojson', checkReferences: true }))
      .toThrow("pipes.geojson: features[0] (id P-0012): field 'fromNode': expected the id of a manhole or outfall in the model, found \"MH-001\"");
  });
});
