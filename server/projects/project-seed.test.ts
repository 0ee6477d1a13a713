import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bimLayerId } from '../../cim-model/index.ts';
import { readProjectFeatures } from './project-seed.ts';

describe('project seed', () => {
  it('names the layer of the IFC model that tiling writes (bimLayerId), the fallback layer otherwise', async () => {
    expect(bimLayerId('bim/BIM-2026-001.ifc')).toBe('bim-bim-2026-001');
    expect(bimLayerId('C:\\models\\School Block A.IFC')).toBe('bim-school-block-a');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cimflow-seed-'));
    try {
      const base = { type: 'bim-project', source: { dataset: 't' }, parcelId: 'p-1', permitNumber: 'P', status: 'submitted', submittedDate: '2026-01-05' };
      const file = path.join(dir, 'projects.geojson');
      await writeFile(file, JSON.stringify({
        type: 'FeatureCollection', crs: 'EPSG:4544',
        features: [
          { type: 'Feature', id: 'with-ifc', geometry: null, properties: { ...base, name: 'A', ifcFile: 'bim/BIM-2026-001.ifc' } },
          { type: 'Feature', id: 'no-ifc', geometry: null, properties: { ...base, name: 'B' } },
        ],
      }));
      const rows = await readProjectFeatures(file, -40, 'bim-projects');
      expect(rows.map((r) => [r.id, r.layer])).toEqual([['with-ifc', 'bim-bim-2026-001'], ['no-ifc', 'bim-projects']]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
