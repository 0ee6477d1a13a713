import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ecefToGeodetic } from '../../cim-model/index.ts';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { buildPipeLayers } from './pipe-layers.ts';
import { swmmToFeatures } from './swmm-network.ts';

// Missouri West state plane parameters in US survey feet: the unit the file's coordinates are in.
const MISSOURI_WEST_FTUS = '+proj=tmerc +lat_0=36.16666666666666 +lon_0=-94.5 +k=0.999941177 +x_0=850000 +y_0=0 +ellps=GRS80 +units=us-ft +no_defs';

describe.skipIf(!hasSharedData())('SWMM networks as pipe features', () => {
  it('reads the state-plane model: feet → metres, offsets as depths, real position', () => {
    const text = readFileSync(sharedDataPath('cim/swmm-inp/model_state_plane.inp'), 'utf8');
    const { features, flowUnits } = swmmToFeatures(text, { file: 'model_state_plane.inp', network: 'combined' });
    expect(flowUnits).toBe('MGD');
    const pipes = features.filter((f) => f.type === 'pipe');
    const manholes = features.filter((f) => f.type === 'manhole');
    const junctionLines = text.split('[JUNCTIONS]')[1].split('[')[0].split('\n').filter((l) => l.trim() && !l.startsWith(';'));
    expect(manholes.length).toBeGreaterThanOrEqual(junctionLines.length);
    // The first junction: invert and rim in metres.
    const [name, elev, maxDepth] = junctionLines[0].trim().split(/\s+/);
    const mh = manholes.find((m) => m.id === name)!;
    if (mh.type === 'manhole') {
      expect(mh.invertElevation).toBeCloseTo(Number(elev) * 0.3048, 6);
      expect(mh.rimElevation).toBeCloseTo((Number(elev) + Number(maxDepth)) * 0.3048, 6);
    }
    const layers = buildPipeLayers(features, { crs: MISSOURI_WEST_FTUS });
    const p = layers[0].meshes[0].positions;
    const [lon, lat] = ecefToGeodetic(p[0], p[1], p[2]);
    // Kansas City, Missouri.
    expect(lat).toBeGreaterThan(38.8);
    expect(lat).toBeLessThan(39.4);
    expect(lon).toBeGreaterThan(-95);
    expect(lon).toBeLessThan(-94.3);
    expect(pipes.length).toBeGreaterThan(10);
  });

  it('reads EPA Example 1 (CFS) with every conduit joined to its nodes', () => {
    const { features } = swmmToFeatures(readFileSync(sharedDataPath('flood/swmm-networks/Example1.inp'), 'utf8'), { file: 'Example1.inp' });
    const ids = new Set(features.map((f) => f.id));
    for (const f of features) if (f.type === 'pipe') expect(ids.has(f.fromNode) && ids.has(f.toNode)).toBe(true);
    expect(features.filter((f) => f.type === 'pipe')).toHaveLength(13);
  });
});

describe('SWMM network errors', () => {
  it('names the line of a conduit without coordinates', () => {
    const inp = '[OPTIONS]\nFLOW_UNITS CMS\n[JUNCTIONS]\nJ1 10 2 0 0 0\n[OUTFALLS]\nO1 9 FREE NO\n[CONDUITS]\nC1 J1 O1 50 0.013 0 0 0 0\n[XSECTIONS]\nC1 CIRCULAR 0.5 0 0 0 1\n[COORDINATES]\nJ1 0 0\n';
    expect(() => swmmToFeatures(inp, { file: 'x.inp' })).toThrow(/x.inp:\d+: node 'O1' has no \[COORDINATES\] entry/);
  });
});
