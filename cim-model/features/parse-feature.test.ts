import { describe, expect, it } from 'vitest';
import { EXAMPLE_FEATURES } from './examples.ts';
import { FEATURE_TYPES, defaultCimLevel, type CimFeatureInput } from './cim-feature.ts';
import { parseFeature, parseFeatureOfType } from './parse-feature.ts';
import { FeatureValidationError } from './feature-validation-error.ts';

/** Parses `input` expecting failure; returns the error. */
function reject(input: unknown, context = {}): FeatureValidationError {
  try {
    parseFeature(input, context);
  } catch (e) {
    expect(e).toBeInstanceOf(FeatureValidationError);
    return e as FeatureValidationError;
  }
  throw new Error(`expected ${JSON.stringify(input).slice(0, 80)} to be rejected`);
}

/** The example of `type` with `patch` applied at the top level. */
function withPatch<T extends keyof typeof EXAMPLE_FEATURES>(type: T, patch: Record<string, unknown>): unknown {
  return { ...EXAMPLE_FEATURES[type], ...patch };
}

describe('parseFeature: valid examples', () => {
  it('has an example for every feature type', () => {
    expect(Object.keys(EXAMPLE_FEATURES).sort()).toEqual([...FEATURE_TYPES].sort());
  });

  it.each(FEATURE_TYPES)('parses the %s example and applies the default CIM level', (type) => {
    const input = EXAMPLE_FEATURES[type] as CimFeatureInput;
    const feature = parseFeature(input);
    expect(feature.type).toBe(type);
    expect(feature.id).toBe(input.id);
    expect(feature.cimLevel).toBe(defaultCimLevel(type));
  });

  it('keeps an explicit CIM level and fills other defaults', () => {
    const pipe = parseFeature({ ...EXAMPLE_FEATURES.pipe, cimLevel: 6 });
    expect(pipe.cimLevel).toBe(6);
    expect(pipe.type === 'pipe' && pipe.section.barrels).toBe(1);
    const manhole = parseFeature(EXAMPLE_FEATURES.manhole);
    expect(manhole.type === 'manhole' && manhole.kind).toBe('manhole');
  });

  it('parses a feature of an expected type, typed, and rejects another type', () => {
    const pipe = parseFeatureOfType('pipe', EXAMPLE_FEATURES.pipe);
    expect(pipe.section.diameter).toBe(0.8);
    expect(() => parseFeatureOfType('pipe', EXAMPLE_FEATURES.manhole, { file: 'pipes.geojson', index: 3 }))
      .toThrow("pipes.geojson: features[3] (id MH-001): field 'type': expected 'pipe', found \"manhole\"");
  });

  it('accepts a non-circular section with width and height', () => {
    expect(() => parseFeature(withPatch('pipe', { section: { shape: 'box', width: 2, height: 1.5, barrels: 2 } }))).not.toThrow();
  });
});

describe('parseFeature: rejects invalid features naming field, expectation and value', () => {
  const cases: Array<[string, unknown, string]> = [
    // common base
    ['unknown type', { ...EXAMPLE_FEATURES.pipe, type: 'pipeline' },
      "field 'type': expected a feature type, one of 'terrain', 'reality-mesh', 'building'"],
    ['missing source', withPatch('building', { source: undefined }), "field 'source': expected an object, found nothing (missing)"],
    ['CIM level 8', withPatch('building', { cimLevel: 8 }), "field 'cimLevel': expected an integer <= 7, found 8"],
    ['CIM level 2.5', withPatch('building', { cimLevel: 2.5 }), "field 'cimLevel': expected an integer, found 2.5"],
    ['id with spaces around', withPatch('road', { id: ' RD-1' }), "field 'id': expected a non-empty id without leading or trailing whitespace"],
    ['misspelt field', withPatch('building', { heigth: 3 }), "field 'heigth': expected no such field (unknown field; accepted: type, id"],
    // geometry
    ['open polygon ring', withPatch('building', {
      geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] } }),
    "field 'geometry.coordinates[0]': expected a closed ring (last position equal to the first)"],
    ['point as building footprint', withPatch('building', { geometry: { type: 'Point', coordinates: [0, 0] } }),
      "field 'geometry.type': expected one of 'Polygon', 'MultiPolygon', found \"Point\""],
    ['string coordinate', withPatch('manhole', { geometry: { type: 'Point', coordinates: [531000, '3381000'] } }),
      "field 'geometry.coordinates[1]': expected a number, found \"3381000\""],
    // building
    ['negative height', withPatch('building', { height: -3 }), "field 'height': expected a number > 0, found -3"],
    ['zero floors', withPatch('building', { floors: 0 }), "field 'floors': expected an integer > 0, found 0"],
    ['unknown use', withPatch('building', { use: 'hotel' }), "field 'use': expected one of 'residential', 'commercial'"],
    // BIM
    ['BIM status', withPatch('bim-project', { status: 'pending' }),
      "field 'status': expected one of 'submitted', 'under-review', 'approved', 'rejected', found \"pending\""],
    ['BIM date', withPatch('bim-project', { submittedDate: '2024-02-30' }),
      "field 'submittedDate': expected an ISO 8601 date YYYY-MM-DD, found \"2024-02-30\""],
    ['BIM decided before review', withPatch('bim-project', { decidedDate: '2024-03-05' }),
      "field 'decidedDate': expected a date on or after reviewedDate (2024-03-10), found \"2024-03-05\""],
    ['BIM approved without decision date', withPatch('bim-project', { decidedDate: undefined }),
      "field 'decidedDate': expected a decision date when status is 'approved'"],
    ['IFC GUID length', withPatch('bim-element', { guid: '2O2Fr$t4X7Zf8NOew3FLO' }),
      "field 'guid': expected an IFC GlobalId: 22 characters of 0-9 A-Z a-z _ $, the first 0-3, found \"2O2Fr$t4X7Zf8NOew3FLO\""],
    ['IFC class', withPatch('bim-element', { ifcClass: 'Wall' }), "field 'ifcClass': expected an IFC entity name such as IfcWall"],
    ['property value', withPatch('bim-element', { propertySets: { Pset_WallCommon: { IsExternal: [1] } } }),
      "field 'propertySets.Pset_WallCommon.IsExternal': expected a string or a number or a boolean (true or false) or null, found [1]"],
    // pipes and nodes
    ['negative diameter', withPatch('pipe', { section: { shape: 'circular', diameter: -0.3 } }),
      "features[12] (id P-0012): field 'section.diameter': expected a number > 0, found -0.3"],
    ['circular section without diameter', withPatch('pipe', { section: { shape: 'circular', width: 1 } }),
      "field 'section.diameter': expected a number > 0 (m) for a 'circular' section, found nothing (missing)"],
    ['box section without height', withPatch('pipe', { section: { shape: 'box', width: 2 } }),
      "field 'section.height': expected a number > 0 (m) for a 'box' section"],
    ['unknown network', withPatch('pipe', { network: 'oil' }), "field 'network': expected one of 'storm', 'sewer', 'combined', 'water', 'gas', 'heat', 'power', 'telecom', found \"oil\""],
    ['roughness out of range', withPatch('pipe', { roughness: 13 }), "field 'roughness': expected a number <= 0.1, found 13"],
    ['self loop', withPatch('pipe', { toNode: 'MH-001' }), "field 'toNode': expected a node other than fromNode"],
    ['one-point pipe', withPatch('pipe', { geometry: { type: 'LineString', coordinates: [[0, 0]] } }),
      "field 'geometry.coordinates': expected at least 2 items"],
    ['rim below invert', withPatch('manhole', { rimElevation: 18 }), "field 'rimElevation': expected a number > invertElevation (19.2), found 18"],
    ['cover load class', withPatch('manhole', { cover: { shape: 'circular', loadClass: 'heavy' } }),
      "field 'cover.loadClass': expected a load class such as D400"],
    ['fixed outfall without stage', withPatch('outfall', { boundary: 'fixed' }), "field 'fixedStage': expected a number (m) when boundary is 'fixed'"],
    // rivers
    ['cross-section stations decrease', withPatch('cross-section', { points: [[0, 21], [5, 18], [4, 16], [30, 21]] }),
      "field 'points[2][0]': expected a station >= the previous one (5), found 4"],
    ['cross-section right bank left of left bank', withPatch('cross-section', { rightBankStation: 4 }),
      "field 'rightBankStation': expected a station > leftBankStation (5) and <= 30, found 4"],
    ['reach Manning n', withPatch('river-reach', { manningChannel: 0 }), "field 'manningChannel': expected a number > 0, found 0"],
    // sensors
    ['sensor kind', withPatch('sensor', { kind: 'thermometer' }), "field 'kind': expected one of 'river-level', 'rain', 'ponding-depth'"],
    ['sensor unit with space', withPatch('sensor', { unit: 'm 3/s' }), "field 'unit': expected a UCUM code such as m, mm/h, m3/s"],
    ['thresholds out of order', withPatch('sensor', { thresholds: { direction: 'above', warning: 20, alarm: 19 } }),
      "field 'thresholds.alarm': expected a number >= warning (20) for direction 'above', found 19"],
    // parcels, roads, shelters
    ['land-use code', withPatch('parcel', { landUse: 'Residential' }), "field 'landUse': expected a GB 50137-2011 land-use code such as R2, A33, B1, G1, found \"Residential\""],
    ['green ratio as percent', withPatch('parcel', { greenRatio: 35 }), "field 'greenRatio': expected a number <= 1, found 35"],
    ['negative setback', withPatch('parcel', { setbacks: { front: -1, side: 3, rear: 3 } }), "field 'setbacks.front': expected a number >= 0, found -1"],
    ['road class', withPatch('road', { class: 'highway' }), "field 'class': expected one of 'expressway', 'arterial', 'secondary', 'branch', found \"highway\""],
    ['fractional lanes', withPatch('road', { lanes: 2.5 }), "field 'lanes': expected an integer, found 2.5"],
    ['shelter capacity', withPatch('shelter', { capacity: 0 }), "field 'capacity': expected an integer > 0, found 0"],
    // terrain and mesh
    ['terrain extent inverted', withPatch('terrain', { extent: [532000, 3380000, 530000, 3382000] }),
      "field 'extent': expected [minX, minY, maxX, maxY] with minX < maxX and minY < maxY"],
    ['terrain resolution', withPatch('terrain', { resolution: 0 }), "field 'resolution': expected a number > 0, found 0"],
    ['mesh format', withPatch('reality-mesh', { format: 'fbx' }), "field 'format': expected one of 'osgb', 'obj', found \"fbx\""],
    ['mesh origin 2D', withPatch('reality-mesh', { srsOrigin: [1, 2] }), "field 'srsOrigin': expected at least 3 items"],
  ];

  it.each(cases)('%s', (_label, input, expected) => {
    const error = reject(input, { file: 'pipes.geojson', index: 12 });
    expect(error.message).toContain(expected);
    expect(error.message.startsWith('pipes.geojson: features[12] (id ')).toBe(true);
  });

  it('rejects non-objects and names what was found', () => {
    expect(reject(42).message).toBe('expected a feature object, found 42');
    expect(reject(null, { file: 'a.json' }).message).toBe('a.json: expected a feature object, found null');
  });

  it('reports every problem, one line each, with structured issues', () => {
    const error = reject(withPatch('building', { height: 0, floors: -1, use: 'hotel' }));
    expect(error.issues.map((i) => i.path)).toEqual(['height', 'floors', 'use']);
    expect(error.message.split('\n')).toHaveLength(3);
    expect(error.issues[0]).toMatchObject({ featureId: 'B-001', expected: 'a number > 0', found: '0' });
  });
});
