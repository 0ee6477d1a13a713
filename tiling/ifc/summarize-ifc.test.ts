import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transformPoint } from '../../cim-model/index.ts';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { summarizeIfc } from './summarize-ifc.ts';

describe.skipIf(!hasSharedData())('summarizeIfc (cimflow inspect)', () => {
  const bytes = () => readFileSync(sharedDataPath('cim', 'ifc', 'IfcOpenHouse_IFC4.ifc'));

  it('summarises a model without georeferencing and says why it has no geographic bounds', async () => {
    const s = await summarizeIfc(bytes(), { file: 'IfcOpenHouse_IFC4.ifc' });
    expect(s).toMatchObject({ schema: 'IFC4', rawSchema: 'IFC4', lengthUnit: 0.001, meshes: 35, vertices: 3218, triangles: 1098 });
    expect(s.entities).toBeGreaterThan(2000);
    expect(s.productsByClass).toMatchObject({ IfcSite: 1, IfcBuilding: 1, IfcBuildingStorey: 1 });
    // One unnamed storey (#38) without an Elevation, holding 40 products.
    expect(s.storeys).toEqual([{ name: '#38', elements: 40 }]);
    expect(s.georef).toEqual({ error: expect.stringMatching(/IfcOpenHouse_IFC4\.ifc: georef: no IfcMapConversion/) });
    expect(s.bounds.ecef).toBeUndefined();
    // Engineering bounds in metres although the file is in millimetres: a house on a 20 m site, not 20 km.
    const [x0, y0, , x1, y1, z1] = s.bounds.engineering!;
    expect(x1 - x0).toBeGreaterThan(5);
    expect(x1 - x0).toBeLessThanOrEqual(25);
    expect(y1 - y0).toBeLessThanOrEqual(25);
    expect(z1).toBeLessThan(15);
  });

  it('gives ECEF and geodetic bounds once placed', async () => {
    const s = await summarizeIfc(bytes(), { file: 'IfcOpenHouse_IFC4.ifc', placement: { crs: 'EPSG:4544', origin: [500000, 3300000, 200] } });
    expect(s.georef).toMatchObject({ source: 'placement', crs: 'EPSG:4544', origin: [500000, 3300000, 200] });
    const [, , h] = transformPoint('EPSG:4544', 'EPSG:4979', [500000, 3300000, 200]);
    const [w, so, hmin, e, n, hmax] = s.bounds.geodetic!;
    expect(w).toBeLessThan(105);
    expect(e).toBeGreaterThan(105); // x 500000 is the central meridian 105°E
    expect(n - so).toBeLessThan(2e-4);
    const [, , z0, , , z1] = s.bounds.engineering!;
    expect(hmin).toBeCloseTo(h + z0, 2);
    expect(hmax).toBeCloseTo(h + z1, 2);
    const [x0, , , x1] = s.bounds.ecef!;
    expect(x1).toBeGreaterThan(x0);
  });
});
