import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTransform, ecefToGeodetic, geodeticToEcef, type BimElement, type BimProject } from '../../cim-model/index.ts';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { buildIfc4, demoBimProjects } from '../../scripts/demo-city/bim/index.ts';
import { compoundAngleDegrees } from './ifc-georef.ts';
import { importIfc, importIfcFile, type IfcImportResult } from './import-ifc.ts';
import { importIfcFiles } from './import-ifc-files.ts';

const FZK = () => sharedDataPath('cim', 'ifc', 'AC20-FZK-Haus.ifc');

describe.skipIf(!hasSharedData())('AC20-FZK-Haus (IFC4, georeferenced by IfcSite)', () => {
  let r: IfcImportResult;
  let ms = 0;
  beforeAll(async () => {
    const t = performance.now();
    r = await importIfcFile(FZK(), {
      heights: 'ellipsoidal', dataset: 'test', layerId: 'fzk-haus',
      project: { id: 'BIM-FZK', status: 'under-review', submittedDate: '2026-05-01', reviewedDate: '2026-05-10', parcelId: 'KA-4711' },
    });
    ms = performance.now() - t;
  });

  it('streams 83 web-ifc meshes into colour-grouped GeoMeshes, every vertex tagged', () => {
    expect(r.stats).toMatchObject({ meshes: 83, vertices: 40032, triangles: 21722 });
    expect(r.layer).toMatchObject({ id: 'fzk-haus', kind: 'bim' });
    let vertices = 0;
    for (const m of r.layer.meshes) {
      vertices += m.positions.length / 3;
      expect(m.featureIds!.length).toBe(m.positions.length / 3);
      expect(Math.max(...m.featureIds!)).toBeLessThan(r.layer.features.length);
      expect(m.indices.length % 3).toBe(0);
      expect(Math.max(...m.indices)).toBeLessThan(m.positions.length / 3);
    }
    expect(vertices).toBe(40032);
    expect(new Set(r.layer.meshes.map((m) => m.material.name)).size).toBe(r.layer.meshes.length);
    const glass = r.layer.meshes.filter((m) => m.material.alphaMode === 'BLEND');
    expect(glass.length).toBeGreaterThan(0);
    expect(glass.every((m) => m.material.baseColor[3] < 1)).toBe(true);
    console.log(`FZK-Haus import: ${ms.toFixed(0)} ms, ${r.layer.meshes.length} GeoMeshes`);
  });

  it('places the site origin exactly at RefLatitude 49°6′1.566″, RefLongitude 8°26′11.5404″, RefElevation 110 m', () => {
    const lat = compoundAngleDegrees([49, 6, 1, 566000]), lon = compoundAngleDegrees([8, 26, 11, 540400]);
    expect(r.georef.source).toBe('site');
    // A wall corner sits at the engineering origin (= the site placement's origin).
    const exact = geodeticToEcef(lon, lat, 110);
    let best = Infinity;
    for (const m of r.layer.meshes) for (let i = 0; i < m.positions.length; i += 3) {
      best = Math.min(best, Math.hypot(m.positions[i] - exact[0], m.positions[i + 1] - exact[1], m.positions[i + 2] - exact[2]));
    }
    expect(best).toBeLessThan(0.01);
    // The bounding-box centre is a few metres away: 49.1004 N, 8.4365 E, ~110 m.
    const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
    for (const m of r.layer.meshes) for (let i = 0; i < m.positions.length; i++) {
      lo[i % 3] = Math.min(lo[i % 3], m.positions[i]);
      hi[i % 3] = Math.max(hi[i % 3], m.positions[i]);
    }
    const [clon, clat, ch] = ecefToGeodetic((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2);
    expect(clat).toBeCloseTo(49.1004, 3);
    expect(clon).toBeCloseTo(8.4365, 3);
    expect(ch).toBeGreaterThan(105);
    expect(ch).toBeLessThan(118);
  });

  it('turns the model by the TrueNorth of its context', () => {
    expect(r.georef.rotationDeg).toBeCloseTo(50, 6);
  });

  it('gives one bim-element per product with GUID, class, storey and property sets, and the project', () => {
    const elements = r.layer.features.filter((f): f is BimElement => f.type === 'bim-element');
    expect(elements).toHaveLength(83);
    const project = r.layer.features.find((f): f is BimProject => f.type === 'bim-project')!;
    expect(project).toMatchObject({ id: 'BIM-FZK', name: 'Projekt-FZK-Haus', permitNumber: '1234', status: 'under-review', parcelId: 'KA-4711', ifcSchema: 'IFC4' });
    const wall = elements.find((e) => e.guid === '2XPyKWY018sA1ygZKgQPtU')!;
    expect(wall).toMatchObject({ ifcClass: 'IfcWallStandardCase', name: 'Wand-Int-ERDG-4', storey: 'Erdgeschoss', projectId: 'BIM-FZK', id: 'BIM-FZK:2XPyKWY018sA1ygZKgQPtU' });
    expect(wall.propertySets.Pset_WallCommon).toEqual({ ThermalTransmittance: 1.5 });
    const count = (c: string) => elements.filter((e) => e.ifcClass === c).length;
    // Product counts of the file (IfcWallStandardCase 13, IfcWindow 11, IfcDoor 5, IfcSlab 4, IfcMember 42), all with geometry.
    expect([count('IfcWallStandardCase'), count('IfcWindow'), count('IfcDoor'), count('IfcSlab'), count('IfcMember')]).toEqual([13, 11, 5, 4, 42]);
    expect(new Set(elements.map((e) => e.storey))).toEqual(new Set(['Erdgeschoss', 'Dachgeschoss', undefined]));
    const withQuantities = elements.filter((e) => Object.keys(e.propertySets).some((k) => /Qto|BaseQuantities/.test(k)));
    expect(withQuantities.length).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasSharedData())('city-wide runs', () => {
  it('reports a bad file and skips it, or stops with strict', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cimflow-ifc-batch-'));
    const bad = path.join(dir, 'broken.ifc');
    writeFileSync(bad, readFileSync(sharedDataPath('cim', 'ifc', 'IfcOpenHouse_IFC4.ifc')).subarray(0, 5000));
    const good = sharedDataPath('cim', 'ifc43-drainage', 'DrainageSystem-1_DrainageSystem-1-1.ifc');
    const optionsFor = () => ({ placement: { crs: 'EPSG:3878', origin: [0, 0, 0] as [number, number, number] } });
    const run = await importIfcFiles([bad, good], { optionsFor });
    expect(run.results.map((x) => x.layer.kind)).toEqual(['pipes']);
    expect(run.failures).toEqual([{ file: bad, stage: 'open', message: expect.stringMatching(/broken\.ifc: open: truncated/) }]);
    await expect(importIfcFiles([bad, good], { optionsFor, strict: true })).rejects.toThrow(/broken\.ifc: open: truncated/);
  });
});

describe('demo-city BIM project (scripts/demo-city/bim writer → importer)', () => {
  it('reads status, permit, dates and the EPSG:4544 placement the writer put in the file', async () => {
    const [spec] = demoBimProjects([
      { parcelId: 'P-017', easting: 626000, northing: 3320000, height: 215, rotationDeg: 20 },
      { parcelId: 'P-018', easting: 626300, northing: 3320100, height: 214, rotationDeg: 0 },
    ]);
    const bytes = new TextEncoder().encode(buildIfc4(spec).text);
    const geoid = { kind: 'constant' as const, offset: -40.04 };
    await expect(importIfc(bytes, { file: 'BIM-2026-001.ifc' })).rejects.toThrow(/BIM-2026-001\.ifc: georef: .*EPSG:4544.*orthometric.*geoid/);
    const r = await importIfc(bytes, { file: 'BIM-2026-001.ifc', geoid, project: { ifcFile: 'bim/BIM-2026-001.ifc' } });
    expect(r.georef).toMatchObject({ source: 'map-conversion', crs: 'EPSG:4544+5737', heights: 'orthometric', origin: [626000, 3320000, 215] });
    expect(r.georef.rotationDeg).toBeCloseTo(20, 9);
    const project = r.layer.features.find((f): f is BimProject => f.type === 'bim-project')!;
    expect(project).toMatchObject({
      id: 'BIM-2026-001', name: '合川滨江社区服务中心', permitNumber: '500117202600012', status: 'approved',
      submittedDate: '2026-03-02', reviewedDate: '2026-03-16', decidedDate: '2026-04-08', parcelId: 'P-017',
      ifcFile: 'bim/BIM-2026-001.ifc', crs: 'EPSG:4544+5737',
    });
    expect(project.placement?.origin).toEqual([626000, 3320000, 215]);
    expect(r.warnings).toEqual([]);
    // Back from ECEF to the map CRS: the building stands on the parcel, its ground floor at 215 m.
    const back = createTransform('EPSG:4978', 'EPSG:4544+5737', { geoid });
    let minH = Infinity, far = 0;
    for (const m of r.layer.meshes) for (let i = 0; i < m.positions.length; i += 3) {
      const [e, n, h] = back.forward([m.positions[i], m.positions[i + 1], m.positions[i + 2]]);
      minH = Math.min(minH, h);
      far = Math.max(far, Math.hypot(e - 626000, n - 3320000));
    }
    expect(minH).toBeGreaterThan(214);
    expect(minH).toBeLessThan(215.01);
    expect(far).toBeGreaterThan(15);
    expect(far).toBeLessThan(40);
    const elements = r.layer.features.filter((f): f is BimElement => f.type === 'bim-element');
    expect(elements.length).toBeGreaterThan(20);
    expect(elements.every((e) => e.projectId === 'BIM-2026-001' && e.storey)).toBe(true);
  });
});
