import { describe, expect, it } from 'vitest';
import { parseFeature, transformPoint, type Manhole, type Outfall, type Pipe } from '../../cim-model/index.ts';
import { buildPipeLayers } from './pipe-layers.ts';

const source = { dataset: 'test' };
const geoid = { kind: 'constant' as const, offset: -40.04 };
const CRS = 'EPSG:4544+5737';

const features = [
  parseFeature({ type: 'manhole', id: 'MH1', source, network: 'storm', geometry: { type: 'Point', coordinates: [622000, 3319000] }, rimElevation: 205.2, invertElevation: 202.1, shaftDiameter: 1.2 }) as Manhole,
  parseFeature({
    type: 'pipe', id: 'P1', source, network: 'storm', geometry: { type: 'LineString', coordinates: [[622000, 3319000], [622040, 3319000]] },
    section: { shape: 'circular', diameter: 0.6 }, fromNode: 'MH1', toNode: 'OF1', length: 40, upstreamInvert: 202.1, downstreamInvert: 201.9, roughness: 0.013,
  }) as Pipe,
  parseFeature({ type: 'outfall', id: 'OF1', source, network: 'storm', geometry: { type: 'Point', coordinates: [622040, 3319000] }, invertElevation: 201.9 }) as Outfall,
  parseFeature({
    type: 'pipe', id: 'G1', source, network: 'gas', geometry: { type: 'LineString', coordinates: [[622000, 3319005], [622040, 3319005]] },
    section: { shape: 'box', width: 0.3, height: 0.3 }, fromNode: 'GA', toNode: 'GB', length: 40, upstreamInvert: 204, downstreamInvert: 204, roughness: 0.011,
  }) as Pipe,
];

describe('buildPipeLayers', () => {
  const layers = buildPipeLayers(features, { crs: CRS, geoid });

  it('makes one layer per network with one mesh per feature class', () => {
    expect(layers.map((l) => l.id).sort()).toEqual(['pipes-gas', 'pipes-storm']);
    const storm = layers.find((l) => l.id === 'pipes-storm')!;
    expect(storm.features.map((f) => f.id)).toEqual(['MH1', 'P1', 'OF1']);
    expect(storm.meshes.map((m) => m.material.name).sort()).toEqual(['storm-manhole', 'storm-outfall', 'storm-pipe']);
    const gas = layers.find((l) => l.id === 'pipes-gas')!;
    expect(gas.meshes[0].material.baseColor).not.toEqual(storm.meshes[0].material.baseColor);
  });

  it('tags every vertex with its feature and places the pipe at its true depth in ECEF', () => {
    const storm = layers.find((l) => l.id === 'pipes-storm')!;
    const pipeMesh = storm.meshes.find((m) => m.material.name === 'storm-pipe')!;
    expect(new Set(pipeMesh.featureIds)).toEqual(new Set([1]));
    // The first vertex is the bottom of the section at the upstream invert.
    const expected = transformPoint(CRS, 'EPSG:4978', [622000, 3319000, 202.1], { geoid });
    const p = pipeMesh.positions;
    expect(Math.hypot(p[0] - expected[0], p[1] - expected[1], p[2] - expected[2])).toBeLessThan(0.001);
    const shaft = storm.meshes.find((m) => m.material.name === 'storm-manhole')!;
    expect(new Set(shaft.featureIds)).toEqual(new Set([0]));
    expect(shaft.indices.length % 3).toBe(0);
    expect(Math.max(...shaft.indices)).toBeLessThan(shaft.positions.length / 3);
  });

  it('refuses orthometric heights without a geoid model', () => {
    expect(() => buildPipeLayers(features, { crs: CRS })).toThrow(/geoid/);
  });
});
