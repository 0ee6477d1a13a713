import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTransform, ecefToGeodetic, transformPoint, type GeoidModel } from '../../cim-model/index.ts';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { compoundAngleDegrees } from './ifc-georef.ts';
import { importIfc, importIfcFile } from './import-ifc.ts';

const GEOREF = (f: string) => sharedDataPath('cim', 'ifc43-georef', f);
const GEOID: GeoidModel = { kind: 'constant', offset: 47.5 };

/** Smallest distance from `p` to any mesh vertex of the layer (ECEF metres). */
function nearestVertex(meshes: { positions: Float64Array }[], p: readonly number[]): number {
  let best = Infinity;
  for (const m of meshes) {
    const q = m.positions;
    for (let i = 0; i < q.length; i += 3) best = Math.min(best, Math.hypot(q[i] - p[0], q[i + 1] - p[1], q[i + 2] - p[2]));
  }
  return best;
}

function tempCopy(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cimflow-ifc-')), name);
  writeFileSync(file, text, 'latin1');
  return file;
}

describe('compoundAngleDegrees', () => {
  it('adds degrees, minutes, seconds and millionths, each signed', () => {
    expect(compoundAngleDegrees([49, 6, 1, 566000])).toBeCloseTo(49.100435, 12);
    expect(compoundAngleDegrees([-71, -1, -58, -789672])).toBeCloseTo(-(71 + 1 / 60 + 58.789672 / 3600), 12);
  });
});

describe.skipIf(!hasSharedData())('IfcMapConversion georeferencing (IFC 4.3 unit tests)', () => {
  const geoRef1 = () => readFileSync(GEOREF('Georeferencing-1_UT_GeoRef_1.ifc'), 'latin1');

  it('Georeferencing-1: EPSG:5834 (DHHN92 orthometric), engineering origin → exactly E 4468005, N 5334600, H 515', async () => {
    // Replace the 1 km square by a triangle pair whose first corner is the engineering origin.
    const text = geoRef1().replace(/#43= IFCCARTESIANPOINTLIST3D\(\(.*\),\$\);/, '#43= IFCCARTESIANPOINTLIST3D(((0.,0.,0.),(10.,0.,0.),(10.,10.,0.),(0.,10.,0.)),$);');
    const r = await importIfc(new TextEncoder().encode(text), { file: 'GeoRef_1.ifc', geoid: GEOID });
    expect(r.georef).toMatchObject({ source: 'map-conversion', crs: 'EPSG:5834', heights: 'orthometric', verticalDatum: 'EPSG:5783', origin: [4468005, 5334600, 515], rotationDeg: 0 });
    expect(r.schema).toBe('IFC4X3');
    const exact = transformPoint('EPSG:5834', 'EPSG:4978', [4468005, 5334600, 515], { geoid: GEOID });
    expect(nearestVertex(r.layer.meshes, exact)).toBeLessThan(1e-6);
    const [lon, lat, h] = ecefToGeodetic(exact[0], exact[1], exact[2]);
    // Entrance of the Technical University of Munich (readme), 515 m + N 47.5 m ellipsoidal.
    expect(lat).toBeGreaterThan(48.1);
    expect(lat).toBeLessThan(48.2);
    expect(lon).toBeGreaterThan(11.5);
    expect(lon).toBeLessThan(11.6);
    expect(h).toBeCloseTo(562.5, 0);
    // The horizontal surface's normals point along the ellipsoid normal there.
    const D = Math.PI / 180;
    const up = [Math.cos(lat * D) * Math.cos(lon * D), Math.cos(lat * D) * Math.sin(lon * D), Math.sin(lat * D)];
    const n = r.layer.meshes[0].normals!;
    expect(n.length).toBe(r.layer.meshes[0].positions.length);
    for (let i = 0; i < n.length; i += 3) expect(Math.abs(n[i] * up[0] + n[i + 1] * up[1] + n[i + 2] * up[2])).toBeGreaterThan(1 - 1e-6);
  });

  it('a point 5 km from a rotated map-conversion origin lands within 1 cm of the exact ECEF', async () => {
    const text = geoRef1()
      .replace('IFCMAPCONVERSION(#28, #30, 4468005., 5334600., 515., 1., 0., 1.)', 'IFCMAPCONVERSION(#28, #30, 4468005., 5334600., 515., 0.8, 0.6, 1.)')
      .replace(/#43= IFCCARTESIANPOINTLIST3D\(\(.*\),\$\);/, '#43= IFCCARTESIANPOINTLIST3D(((0.,0.,0.),(5000.,0.,12.),(5000.,10.,0.),(0.,10.,0.)),$);');
    const r = await importIfc(new TextEncoder().encode(text), { file: 'GeoRef_1-rotated.ifc', geoid: GEOID });
    expect(r.georef.rotationDeg).toBeCloseTo(Math.atan2(0.6, 0.8) * 180 / Math.PI, 12);
    // By hand: E = 4468005 + 5000·0.8, N = 5334600 + 5000·0.6, H = 515 + 12.
    const exact = transformPoint('EPSG:5834', 'EPSG:4978', [4472005, 5337600, 527], { geoid: GEOID });
    expect(nearestVertex(r.layer.meshes, exact)).toBeLessThan(0.01);
    const corner = transformPoint('EPSG:5834', 'EPSG:4978', [4468005 - 6, 5334600 + 8, 515], { geoid: GEOID });
    expect(nearestVertex(r.layer.meshes, corner)).toBeLessThan(0.01); // (0, 10, 0) rotated: (−10·0.6, 10·0.8)
  });

  it('SpatialStructure-4: EPSG:3878 with the N2000 vertical datum needs a geoid, then lands in Finland', async () => {
    const file = GEOREF('SpatialStructure-4_SpatialStructure-4.ifc');
    await expect(importIfcFile(file)).rejects.toThrow(/SpatialStructure-4\.ifc: georef: .*'EPSG:3878'.*orthometric \(N2000\).*options\.geoid/);
    const r = await importIfcFile(file, { geoid: { kind: 'constant', offset: 18.5 } });
    expect(r.georef).toMatchObject({ source: 'map-conversion', crs: 'EPSG:3878', heights: 'orthometric', origin: [24525000, 6876000, 0] });
    expect(r.stats.meshes).toBe(18);
    const p = r.layer.meshes[0].positions;
    const [lon, lat] = ecefToGeodetic(p[0], p[1], p[2]);
    expect(lon).toBeGreaterThan(24.3);
    expect(lon).toBeLessThan(24.7);
    expect(lat).toBeGreaterThan(61.8);
    expect(lat).toBeLessThan(62.2);
  });

  it('the TIN file georeferences (EPSG:7856) but web-ifc 0.0.78 gives no meshes: a warning, not a crash', async () => {
    const r = await importIfcFile(GEOREF('Georeferencing-Tin-12d-2_Georeferencing-Tin-12d-2.ifc'), { geoid: { kind: 'constant', offset: 40 } });
    expect(r.georef).toMatchObject({ source: 'map-conversion', crs: 'EPSG:7856', origin: [256400, 7011600, 0] });
    expect(r.layer.meshes).toHaveLength(0);
    expect(r.warnings.join('\n')).toMatch(/no triangle geometry.*IfcTriangulatedIrregularNetwork/);
  });

  it('an unknown CRS code in IfcProjectedCRS is an error naming the file, the entity and the code', async () => {
    const file = tempCopy('unknown-crs.ifc', geoRef1().replace("'EPSG:5834'", "'EPSG:999999'"));
    await expect(importIfcFile(file, { geoid: GEOID })).rejects.toThrow(/unknown-crs\.ifc: georef: IfcProjectedCRS #30 Name 'EPSG:999999': unknown CRS code 'EPSG:999999'/);
  });

  it('heights declared ellipsoidal need no geoid and keep H as h', async () => {
    const r = await importIfc(readFileSync(GEOREF('Georeferencing-1_UT_GeoRef_1.ifc')), { file: 'g.ifc', heights: 'ellipsoidal' });
    expect(r.georef.heights).toBe('ellipsoidal');
    const exact = transformPoint('EPSG:5834', 'EPSG:4978', [4468005 - 500, 5334600 - 500, 515], { geoid: { kind: 'constant', offset: 0 } });
    expect(nearestVertex(r.layer.meshes, exact)).toBeLessThan(1e-6);
  });
});

describe.skipIf(!hasSharedData())('IfcSite and configured placements', () => {
  it('IfcOpenHouse has no georeferencing: an error without a placement, placed and scaled (mm) with one', async () => {
    const file = sharedDataPath('cim', 'ifc', 'IfcOpenHouse_IFC4.ifc');
    await expect(importIfcFile(file)).rejects.toThrow(/IfcOpenHouse_IFC4\.ifc: georef: no IfcMapConversion, no IfcSite reference .* and no placement given/);
    const placement = { crs: 'EPSG:4544', origin: [500000, 3300000, 200] as [number, number, number], rotationDeg: 30 };
    // EPSG:4544 alone has ellipsoidal heights (no vertical CRS): no geoid needed.
    expect((await importIfcFile(file, { placement })).georef.heights).toBe('ellipsoidal');
    const r = await importIfcFile(file, { placement: { ...placement, crs: 'EPSG:4544+5737' }, geoid: { kind: 'constant', offset: -40.04 } });
    expect(r.georef).toMatchObject({ source: 'placement', crs: 'EPSG:4544+5737', heights: 'orthometric', origin: [500000, 3300000, 200] });
    expect(r.stats.meshes).toBe(35);
    const origin = transformPoint('EPSG:4544+5737', 'EPSG:4978', [500000, 3300000, 200], { geoid: { kind: 'constant', offset: -40.04 } });
    let far = 0;
    for (const m of r.layer.meshes) for (let i = 0; i < m.positions.length; i += 3) {
      far = Math.max(far, Math.hypot(m.positions[i] - origin[0], m.positions[i + 1] - origin[1], m.positions[i + 2] - origin[2]));
    }
    // A small house in millimetres: every vertex within 20 m of the placement origin (not 20 km).
    expect(far).toBeGreaterThan(3);
    expect(far).toBeLessThan(20);
  });

  it('IFC2X3 ePSet_MapConversion / ePSet_ProjectedCRS on the IfcProject win over the IfcSite reference (values in mm)', async () => {
    const psets = [
      "#900001= IFCPROPERTYSINGLEVALUE('Eastings',$,IFCLENGTHMEASURE(500000000.),$);",
      "#900002= IFCPROPERTYSINGLEVALUE('Northings',$,IFCLENGTHMEASURE(3300000000.),$);",
      "#900003= IFCPROPERTYSINGLEVALUE('OrthogonalHeight',$,IFCLENGTHMEASURE(200000.),$);",
      "#900004= IFCPROPERTYSINGLEVALUE('XAxisAbscissa',$,IFCREAL(0.),$);",
      "#900005= IFCPROPERTYSINGLEVALUE('XAxisOrdinate',$,IFCREAL(1.),$);",
      "#900006= IFCPROPERTYSET('0aaaaaaaaaaaaaaaaaaaa1',#41,'ePSet_MapConversion',$,(#900001,#900002,#900003,#900004,#900005));",
      "#900007= IFCPROPERTYSINGLEVALUE('Name',$,IFCLABEL('EPSG:4544'),$);",
      "#900008= IFCPROPERTYSET('0aaaaaaaaaaaaaaaaaaaa2',#41,'ePSet_ProjectedCRS',$,(#900007));",
      "#900009= IFCRELDEFINESBYPROPERTIES('0aaaaaaaaaaaaaaaaaaaa3',#41,$,$,(#119),#900006);",
      "#900010= IFCRELDEFINESBYPROPERTIES('0aaaaaaaaaaaaaaaaaaaa4',#41,$,$,(#119),#900008);",
    ].join('\n');
    const text = readFileSync(sharedDataPath('cim', 'ifc', 'example.ifc'), 'latin1').replace(/\nENDSEC;\n\nEND-ISO-10303-21;/, `\n${psets}\nENDSEC;\n\nEND-ISO-10303-21;`);
    const r = await importIfc(new TextEncoder().encode(text), { file: 'example-epset.ifc' });
    expect(r.georef).toMatchObject({ source: 'map-conversion', crs: 'EPSG:4544', heights: 'ellipsoidal', origin: [500000, 3300000, 200], rotationDeg: 90 });
    expect(r.georef.detail).toMatch(/ePSet_MapConversion.*'EPSG:4544'/);
    // The same model placed by configuration (metres, x axis 90° from grid east) lands on the same points.
    const placed = await importIfc(new TextEncoder().encode(text), {
      file: 'example-epset.ifc', georefSource: 'placement', placement: { crs: 'EPSG:4544', origin: [500000, 3300000, 200], rotationDeg: 90 },
    });
    expect(placed.georef.source).toBe('placement');
    let worst = 0;
    r.layer.meshes.forEach((m, k) => m.positions.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - placed.layer.meshes[k].positions[i])))));
    expect(worst).toBeLessThan(1e-6);
    const back = createTransform('EPSG:4978', 'EPSG:4544');
    const m = r.layer.meshes[0].positions;
    const [e, n] = back.forward([m[0], m[1], m[2]]);
    expect(Math.hypot(e - 500000, n - 3300000)).toBeLessThan(200);
  });

  it('IFC2X3 example.ifc: IfcSite RefLatitude/RefLongitude place it near Boston', async () => {
    const file = sharedDataPath('cim', 'ifc', 'example.ifc');
    // RefElevation is above sea level: orthometric unless declared otherwise.
    await expect(importIfcFile(file)).rejects.toThrow(/example\.ifc: georef: IfcSite #148 RefElevation 0 m is above sea level \(orthometric\); expected a geoid/);
    const r = await importIfcFile(file, { heights: 'ellipsoidal' });
    expect(r.schema).toBe('IFC2X3');
    expect(r.georef.source).toBe('site');
    expect(r.stats.meshes).toBe(115);
    const p = r.layer.meshes[0].positions;
    const [lon, lat] = ecefToGeodetic(p[0], p[1], p[2]);
    expect(lat).toBeCloseTo(compoundAngleDegrees([42, 12, 46, 804504]), 2);
    expect(lon).toBeCloseTo(compoundAngleDegrees([-71, -1, -58, -789672]), 2);
  });
});
