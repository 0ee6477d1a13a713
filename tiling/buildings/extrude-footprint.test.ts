import { describe, expect, it } from 'vitest';
import { parseFeature, transformPoint, type Building } from '../../cim-model/index.ts';
import { buildBuildingLayer } from './building-layer.ts';
import { extrudeFootprint, type MeshBuffers } from './extrude-footprint.ts';

function signedVolume(b: MeshBuffers): number {
  let v = 0;
  const p = b.positions;
  for (let t = 0; t < b.indices.length; t += 3) {
    const a = 3 * b.indices[t], c1 = 3 * b.indices[t + 1], c2 = 3 * b.indices[t + 2];
    v += (p[a] * (p[c1 + 1] * p[c2 + 2] - p[c1 + 2] * p[c2 + 1]) - p[a + 1] * (p[c1] * p[c2 + 2] - p[c1 + 2] * p[c2]) + p[a + 2] * (p[c1] * p[c2 + 1] - p[c1 + 1] * p[c2])) / 6;
  }
  return v;
}

const empty = (): MeshBuffers => ({ positions: [], indices: [], featureIds: [] });

describe('extrudeFootprint', () => {
  it('closes a block of the right volume whichever way the ring turns', () => {
    const square = [[0, 0], [10, 0], [10, 20], [0, 20], [0, 0]];
    for (const ring of [square, square.slice().reverse()]) {
      const b = empty();
      extrudeFootprint([ring], 100, 112, 7, b, { skirt: 1 });
      expect(signedVolume(b)).toBeCloseTo(10 * 20 * 13, 6);
      expect(new Set(b.featureIds)).toEqual(new Set([7]));
    }
  });

  it('leaves a courtyard open', () => {
    const b = empty();
    extrudeFootprint([[[0, 0], [30, 0], [30, 20], [0, 20]], [[10, 5], [10, 15], [20, 15], [20, 5]]], 0, 10, 0, b, { skirt: 0 });
    expect(signedVolume(b)).toBeCloseTo((600 - 100) * 10, 6);
  });

  it('skips degenerate input', () => {
    const b = empty();
    expect(extrudeFootprint([[[0, 0], [1, 1]]], 0, 10, 0, b)).toBe(0);
    expect(extrudeFootprint([[[0, 0], [1, 0], [1, 1]]], 10, 10, 0, b)).toBe(0);
  });
});

describe('buildBuildingLayer', () => {
  const source = { dataset: 'test' };
  const buildings = [
    parseFeature({ type: 'building', id: 'B1', source, geometry: { type: 'Polygon', coordinates: [[[622000, 3319000], [622020, 3319000], [622020, 3319015], [622000, 3319015], [622000, 3319000]]] }, height: 18, baseElevation: 210, floors: 6, use: 'residential' }) as Building,
    parseFeature({ type: 'building', id: 'B2', source, geometry: { type: 'Polygon', coordinates: [[[622030, 3319000], [622040, 3319000], [622040, 3319010], [622030, 3319010], [622030, 3319000]]] }, height: 6, baseElevation: 209, floors: 2, use: 'commercial' }) as Building,
  ];
  it('puts roofs at base + height in ECEF, one mesh per use', () => {
    const geoid = { kind: 'constant' as const, offset: -40.04 };
    const layer = buildBuildingLayer(buildings, { crs: 'EPSG:4544+5737', geoid });
    expect(layer.meshes).toHaveLength(2);
    const roofCorner = transformPoint('EPSG:4544+5737', 'EPSG:4978', [622000, 3319000, 228], { geoid });
    const m = layer.meshes.find((x) => x.material.name === 'building-residential')!;
    let best = Infinity;
    for (let i = 0; i < m.positions.length; i += 3) best = Math.min(best, Math.hypot(m.positions[i] - roofCorner[0], m.positions[i + 1] - roofCorner[1], m.positions[i + 2] - roofCorner[2]));
    expect(best).toBeLessThan(0.001);
  });
});
