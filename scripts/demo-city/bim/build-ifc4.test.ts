// Reads the generated demo projects back with an independent IFC reader (web-ifc 0.0.78) and checks structure,
// georeferencing, property sets, geometry and GlobalIds against the specs.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as WebIFC from 'web-ifc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BimProjectSpec, BimProjectSummary, BimSite } from './index.ts';
import { buildIfc4, demoBimExtents, demoBimProjects, isIfcGuid, PROJECT_APPROVAL_PSET, writeBimProject } from './index.ts';
import { compoundPlaneAngleToDegrees, epsg4544ToLonLat } from './georeference.ts';

const SITES: BimSite[] = [
  { parcelId: 'HC-PARCEL-017', easting: 622_481.25, northing: 3_319_874.5, height: 213.45, rotationDeg: 17.5 },
  { parcelId: 'HC-PARCEL-023', easting: 622_760, northing: 3_320_105.75, height: 214.1, rotationDeg: -32 },
  { parcelId: 'HC-PARCEL-031', easting: 622_905.5, northing: 3_320_310, height: 216.8, rotationDeg: 90 },
];

/** Expected outer dimensions, written out from the demo project descriptions (m): footprint, roof level, slab. */
const EXPECTED = {
  'BIM-2026-001': { width: 48, depth: 36, height: 5 * 3.9, status: 'approved', storeys: 5 },
  'BIM-2026-002': { width: 40, depth: 24, height: 2 * 4.5 + 10 * 3, status: 'under-review', storeys: 12 },
  'BIM-2026-003': { width: 42, depth: 18, height: 3 * 3.6, status: 'submitted', storeys: 3 },
} as const;
const GROUND_SLAB = 0.2;
/** Geometry comes back in float32; a few millimetres are plenty. */
const GEOMETRY_TOLERANCE = 0.005;

interface Model {
  spec: BimProjectSpec;
  summary: BimProjectSummary;
  id: number;
  bytes: number;
}

const api = new WebIFC.IfcAPI();
const models: Model[] = [];
let directory = '';

beforeAll(async () => {
  await api.Init();
  api.SetLogLevel(WebIFC.LogLevel.LOG_LEVEL_ERROR);
  directory = await mkdtemp(join(tmpdir(), 'cimflow-bim-'));
  for (const spec of demoBimProjects(SITES)) {
    const file = join(directory, `${spec.id}.ifc`);
    const summary = await writeBimProject(spec, file);
    const data = await readFile(file);
    models.push({ spec, summary, id: api.OpenModel(new Uint8Array(data)), bytes: data.length });
  }
});

afterAll(async () => {
  for (const { id } of models) api.CloseModel(id);
  await rm(directory, { recursive: true, force: true });
});

const ids = (model: number, type: number): number[] => [...api.GetLineIDsWithType(model, type)];
// web-ifc returns untyped line objects.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const line = (model: number, id: number): any => api.GetLine(model, id);
const only = (model: number, type: number) => {
  const found = ids(model, type);
  expect(found).toHaveLength(1);
  return line(model, found[0]);
};
const num = (value: { value?: number; _representationValue?: number }): number =>
  Number(value._representationValue ?? value.value);
const expected = (spec: BimProjectSpec) => EXPECTED[spec.id as keyof typeof EXPECTED];

async function propertySet(model: number, element: number, name: string): Promise<Map<string, unknown>> {
  const sets = await api.properties.getPropertySets(model, element, true);
  const set = sets.find((s) => s.Name?.value === name);
  expect(set, `${name} on #${element}`).toBeDefined();
  return new Map(
    (set.HasProperties ?? set.Quantities).map((p: { Name: { value: string }; NominalValue?: { value: unknown } }) => [
      p.Name.value,
      p.NominalValue?.value,
    ]),
  );
}

describe('demo BIM projects read back with web-ifc', () => {
  it('writes one file per site: approved, under review, submitted', () => {
    expect(models.map((m) => m.spec.status)).toEqual(['approved', 'under-review', 'submitted']);
    for (const { id } of models) expect(api.GetModelSchema(id)).toBe('IFC4');
  });

  it('has as many storeys, walls, slabs, openings, windows, doors, spaces and property sets as reported', () => {
    for (const { id, summary, spec } of models) {
      expect(summary.storeys).toBe(expected(spec).storeys);
      const counted: Record<string, number> = {
        storeys: WebIFC.IFCBUILDINGSTOREY,
        walls: WebIFC.IFCWALL,
        slabs: WebIFC.IFCSLAB,
        openings: WebIFC.IFCOPENINGELEMENT,
        windows: WebIFC.IFCWINDOW,
        doors: WebIFC.IFCDOOR,
        spaces: WebIFC.IFCSPACE,
        propertySets: WebIFC.IFCPROPERTYSET,
        quantitySets: WebIFC.IFCELEMENTQUANTITY,
      };
      for (const [field, type] of Object.entries(counted))
        expect(ids(id, type).length, `${spec.id} ${field}`).toBe(summary[field as keyof BimProjectSummary]);
      expect(summary.walls).toBeGreaterThan(10 * summary.storeys);
      expect(summary.windows).toBeGreaterThan(summary.storeys * 10);
      expect(summary.openings).toBe(summary.windows + summary.doors);
      expect(summary.entities).toBe(api.GetAllLines(id).size());
    }
  });

  it('relates every element: storeys aggregated, products contained, openings void walls and hold a filling', () => {
    for (const { id } of models) {
      const building = ids(id, WebIFC.IFCBUILDING)[0];
      const storeys = new Set(ids(id, WebIFC.IFCBUILDINGSTOREY));
      const aggregates = ids(id, WebIFC.IFCRELAGGREGATES).map((r) => line(id, r));
      const buildingParts = aggregates.find((a) => a.RelatingObject.value === building);
      expect(new Set(buildingParts.RelatedObjects.map((o: { value: number }) => o.value))).toEqual(storeys);
      const spaceParents = aggregates.filter((a) => storeys.has(a.RelatingObject.value)).flatMap((a) => a.RelatedObjects);
      expect(spaceParents).toHaveLength(ids(id, WebIFC.IFCSPACE).length);

      const contained = ids(id, WebIFC.IFCRELCONTAINEDINSPATIALSTRUCTURE)
        .map((r) => line(id, r))
        .flatMap((r) => {
          expect(storeys.has(r.RelatingStructure.value)).toBe(true);
          return r.RelatedElements.map((e: { value: number }) => e.value);
        });
      const products = [WebIFC.IFCWALL, WebIFC.IFCSLAB, WebIFC.IFCWINDOW, WebIFC.IFCDOOR].flatMap((t) => ids(id, t));
      expect(new Set(contained)).toEqual(new Set(products));

      const walls = new Set(ids(id, WebIFC.IFCWALL));
      const voids = ids(id, WebIFC.IFCRELVOIDSELEMENT).map((r) => line(id, r));
      expect(voids.every((v) => walls.has(v.RelatingBuildingElement.value))).toBe(true);
      expect(new Set(voids.map((v) => v.RelatedOpeningElement.value))).toEqual(new Set(ids(id, WebIFC.IFCOPENINGELEMENT)));
      const fills = ids(id, WebIFC.IFCRELFILLSELEMENT).map((r) => line(id, r));
      expect(new Set(fills.map((f) => f.RelatedBuildingElement.value))).toEqual(
        new Set([...ids(id, WebIFC.IFCWINDOW), ...ids(id, WebIFC.IFCDOOR)]),
      );
    }
  });

  it('stacks storeys at the specified floor-to-floor heights', () => {
    const tower = models.find((m) => m.spec.id === 'BIM-2026-002');
    if (!tower) throw new Error('BIM-2026-002 missing');
    const elevations = ids(tower.id, WebIFC.IFCBUILDINGSTOREY).map((s) => num(line(tower.id, s).Elevation));
    expect(elevations).toEqual([0, 4.5, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36]);
  });

  it('georeferences the Model context to EPSG:4544 with the site origin and rotation', () => {
    for (const { id, spec } of models) {
      const conversion = only(id, WebIFC.IFCMAPCONVERSION);
      const context = line(id, conversion.SourceCRS.value);
      expect(context.ContextType.value).toBe('Model');
      expect(num(conversion.Eastings)).toBeCloseTo(spec.origin.easting, 4);
      expect(num(conversion.Northings)).toBeCloseTo(spec.origin.northing, 4);
      expect(num(conversion.OrthogonalHeight)).toBeCloseTo(spec.origin.height, 4);
      expect(num(conversion.Scale)).toBe(1);
      const rotation = (Math.atan2(num(conversion.XAxisOrdinate), num(conversion.XAxisAbscissa)) * 180) / Math.PI;
      expect(rotation).toBeCloseTo(spec.rotationDeg, 6);

      const crs = line(id, conversion.TargetCRS.value);
      expect(crs.Name.value).toBe('EPSG:4544');
      expect(crs.GeodeticDatum.value).toBe('CGCS2000');
      expect(crs.VerticalDatum.value).toBe('EPSG:5737');
      expect(line(id, crs.MapUnit.value).Name.value).toBe('METRE');

      // Site latitude / longitude agree with the map conversion's origin (to 1 millionth of a second ≈ 0.03 mm).
      const site = only(id, WebIFC.IFCSITE);
      const { lon, lat } = epsg4544ToLonLat(spec.origin.easting, spec.origin.northing);
      expect(compoundPlaneAngleToDegrees(site.RefLatitude.value ?? site.RefLatitude)).toBeCloseTo(lat, 8);
      expect(compoundPlaneAngleToDegrees(site.RefLongitude.value ?? site.RefLongitude)).toBeCloseTo(lon, 8);
      expect(num(site.RefElevation)).toBeCloseTo(spec.origin.height, 6);
      expect(site.LandTitleNumber.value).toBe(spec.parcelId);

      // TrueNorth: grid north turned by the building rotation and the meridian convergence ≈ Δlon·sin(lat).
      const [tx, ty] = line(id, context.TrueNorth.value).DirectionRatios.map(num);
      const bearingFromGridEast = (Math.atan2(ty, tx) * 180) / Math.PI + spec.rotationDeg;
      const convergence = (lon - 105) * Math.sin((lat * Math.PI) / 180);
      expect(bearingFromGridEast - 90).toBeCloseTo(convergence, 2);
    }
  });

  it('carries the review status both as IfcPermit / IfcApproval and as a property set', async () => {
    for (const { id, spec } of models) {
      const building = ids(id, WebIFC.IFCBUILDING)[0];
      const permit = only(id, WebIFC.IFCPERMIT);
      expect(permit.Identification.value).toBe(spec.permitNumber);
      expect(permit.Status.value).toBe(spec.status);
      expect(permit.PredefinedType.value).toBe('BUILDING');
      const control = only(id, WebIFC.IFCRELASSIGNSTOCONTROL);
      expect(control.RelatingControl.value).toBe(permit.expressID);
      expect(control.RelatedObjects.map((o: { value: number }) => o.value)).toEqual([building]);

      const approval = only(id, WebIFC.IFCAPPROVAL);
      expect(approval.Status.value).toBe(spec.status);
      expect(approval.TimeOfApproval?.value).toBe(spec.dates.decided && `${spec.dates.decided}T10:00:00`);
      const associates = only(id, WebIFC.IFCRELASSOCIATESAPPROVAL);
      expect(associates.RelatedObjects.map((o: { value: number }) => o.value)).toContain(building);

      const project = ids(id, WebIFC.IFCPROJECT)[0];
      for (const holder of [building, project]) {
        const pset = await propertySet(id, holder, PROJECT_APPROVAL_PSET);
        expect(pset.get('PermitNumber')).toBe(spec.permitNumber);
        expect(pset.get('Status')).toBe(spec.status);
        expect(pset.get('ProjectId')).toBe(spec.id);
        expect(pset.get('ProjectName')).toBe(spec.name); // Chinese, decoded from \X2\ by web-ifc
        expect(pset.get('ParcelId')).toBe(spec.parcelId);
        expect(pset.get('SubmittedDate')).toBe(spec.dates.submitted);
        expect(pset.get('DecisionDate')).toBe(spec.dates.decided);
        expect(pset.get('Developer')).toBe(spec.developer);
      }
      expect(line(id, building).Name.value).toBe(spec.name);
    }
  });

  it('reads back the common property sets and base quantities of walls, slabs, spaces, storeys and the building', async () => {
    const { id, spec } = models[0];
    const walls = ids(id, WebIFC.IFCWALL).map((w) => line(id, w));
    const exterior = walls.find((w) => w.Name.value.startsWith('外墙'));
    const interior = walls.find((w) => w.Name.value.startsWith('内墙'));
    const exteriorPset = await propertySet(id, exterior.expressID, 'Pset_WallCommon');
    expect(exteriorPset.get('IsExternal')).toBe(true);
    expect(exteriorPset.get('LoadBearing')).toBe(true);
    expect(exteriorPset.get('FireRating')).toBe('3.00h');
    expect((await propertySet(id, interior.expressID, 'Pset_WallCommon')).get('IsExternal')).toBe(false);

    const sets = await api.properties.getPropertySets(id, exterior.expressID, true);
    const qto = sets.find((s) => s.Name.value === 'Qto_WallBaseQuantities');
    const quantity = (name: string) => num(qto.Quantities.find((q: { Name: { value: string } }) => q.Name.value === name).LengthValue);
    expect(quantity('Height')).toBeCloseTo(3.9, 6);
    expect(quantity('Width')).toBeCloseTo(0.3, 6);

    const slabs = ids(id, WebIFC.IFCSLAB).map((s) => line(id, s));
    expect(slabs.map((s) => s.PredefinedType.value)).toEqual(['FLOOR', 'FLOOR', 'FLOOR', 'FLOOR', 'FLOOR', 'ROOF']);
    expect((await propertySet(id, slabs[5].expressID, 'Pset_SlabCommon')).get('IsExternal')).toBe(true);

    const space = ids(id, WebIFC.IFCSPACE)[0];
    const spacePset = await propertySet(id, space, 'Pset_SpaceCommon');
    expect(spacePset.get('Reference')).toBe(line(id, space).Name.value);
    expect(spacePset.get('NetPlannedArea')).toBeGreaterThan(10);

    const storey = ids(id, WebIFC.IFCBUILDINGSTOREY)[0];
    expect((await propertySet(id, storey, 'Pset_BuildingStoreyCommon')).get('EntranceLevel')).toBe(true);
    const building = await propertySet(id, ids(id, WebIFC.IFCBUILDING)[0], 'Pset_BuildingCommon');
    expect(building.get('NumberOfStoreys')).toBe(5);
    expect(building.get('BuildingID')).toBe(spec.id);
  });

  it('produces meshes whose bounds match the specified footprint and height', () => {
    const extents = new Map(demoBimExtents().map((e) => [e.id, e]));
    for (const { id, spec } of models) {
      const want = expected(spec);
      const min = [Infinity, Infinity, Infinity];
      const max = [-Infinity, -Infinity, -Infinity];
      const vertexCounts = new Map<number, number>();
      const points: Array<[number, number, number]> = [];
      api.StreamAllMeshesWithTypes(id, [WebIFC.IFCWALL, WebIFC.IFCSLAB], (mesh) => {
        let vertices = 0;
        for (let g = 0; g < mesh.geometries.size(); g++) {
          const placed = mesh.geometries.get(g);
          const geometry = api.GetGeometry(id, placed.geometryExpressID);
          const data = api.GetVertexArray(geometry.GetVertexData(), geometry.GetVertexDataSize());
          const m = placed.flatTransformation; // column-major 4×4, web-ifc's Y-up frame
          for (let k = 0; k < data.length; k += 6) {
            const [x, y, z] = [data[k], data[k + 1], data[k + 2]];
            const wx = m[0] * x + m[4] * y + m[8] * z + m[12];
            const wy = m[1] * x + m[5] * y + m[9] * z + m[13];
            const wz = m[2] * x + m[6] * y + m[10] * z + m[14];
            // Back to IFC's Z-up axes: web-ifc maps (x, y, z)_IFC to (x, z, −y).
            const p: [number, number, number] = [wx, -wz, wy];
            points.push(p);
            for (let a = 0; a < 3; a++) {
              min[a] = Math.min(min[a], p[a]);
              max[a] = Math.max(max[a], p[a]);
            }
          }
          vertices += data.length / 6;
          geometry.delete();
        }
        vertexCounts.set(mesh.expressID, vertices);
      });
      expect(vertexCounts.size).toBe(ids(id, WebIFC.IFCWALL).length + ids(id, WebIFC.IFCSLAB).length);
      for (const count of vertexCounts.values()) expect(count).toBeGreaterThanOrEqual(8);
      // Walls cut by openings have more vertices than plain boxes.
      const wallsWithOpenings = new Set(ids(id, WebIFC.IFCRELVOIDSELEMENT).map((r) => line(id, r).RelatingBuildingElement.value));
      const plain = Math.min(...vertexCounts.values());
      for (const wall of wallsWithOpenings) expect(vertexCounts.get(wall)).toBeGreaterThan(plain);

      expect(min[0]).toBeCloseTo(-want.width / 2, 2);
      expect(max[0]).toBeCloseTo(want.width / 2, 2);
      expect(min[1]).toBeCloseTo(-want.depth / 2, 2);
      expect(max[1]).toBeCloseTo(want.depth / 2, 2);
      expect(min[2]).toBeCloseTo(-GROUND_SLAB, 2);
      expect(max[2]).toBeCloseTo(want.height, 2);
      expect(extents.get(spec.id)).toEqual({ id: spec.id, width: want.width, depth: want.depth, height: want.height });

      if (spec.id === 'BIM-2026-001') {
        // L-shape: nothing in the notch right of the 18 m wing and above the 16 m bar.
        const notch = points.filter(([x, y]) => x > -24 + 18 + GEOMETRY_TOLERANCE && y > -18 + 16 + GEOMETRY_TOLERANCE);
        expect(notch).toHaveLength(0);
      }
      if (spec.id === 'BIM-2026-002') {
        // Above the 9 m podium only the 28 × 16 m tower, centred 2 m towards +y.
        const above = points.filter(([, , z]) => z > 9 + GEOMETRY_TOLERANCE);
        expect(above.length).toBeGreaterThan(0);
        for (const [x, y] of above) {
          expect(Math.abs(x)).toBeLessThanOrEqual(14 + GEOMETRY_TOLERANCE);
          expect(Math.abs(y - 2)).toBeLessThanOrEqual(8 + GEOMETRY_TOLERANCE);
        }
      }
    }
  });

  it('gives every rooted entity a valid, unique GlobalId', () => {
    for (const { id } of models) {
      const guids: string[] = [];
      for (const expressId of api.GetAllLines(id)) {
        const guid = line(id, expressId)?.GlobalId?.value;
        if (guid !== undefined) guids.push(guid);
      }
      expect(guids.length).toBeGreaterThan(500);
      expect(guids.filter((g) => !isIfcGuid(g))).toEqual([]);
      expect(new Set(guids).size).toBe(guids.length);
    }
  });
});

describe('buildIfc4', () => {
  it('is deterministic and writes the same text to disk', async () => {
    const { spec } = models[models.length - 1];
    const { text } = buildIfc4(spec);
    expect(await readFile(join(directory, `${spec.id}.ifc`), 'ascii')).toBe(text);
    expect(text).toMatch(/^ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION\(\('ViewDefinition \[DesignTransferView_V1\.0\]'\),'2;1'\);/);
    expect(text).toContain("FILE_SCHEMA(('IFC4'));");
    expect(text).toContain(`'${spec.dates.submitted}T09:00:00+08:00'`);
    expect(text.endsWith('ENDSEC;\nEND-ISO-10303-21;\n')).toBe(true);
    // 7-bit clean: all non-ASCII went through \X2\.
    expect(/[^\x20-\x7e\n]/.test(text)).toBe(false);
  });

  it('keeps each file small and quick to generate', () => {
    for (const { bytes } of models) expect(bytes).toBeLessThan(2_000_000);
    // Timed once warm (the first build in a process also pays for JIT and module start-up), on the largest project.
    const largest = models.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const start = performance.now();
    buildIfc4(largest.spec);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('rejects an invalid spec, naming the project and the field', () => {
    const [spec] = models.map((m) => m.spec);
    expect(() => buildIfc4({ ...spec, dates: { submitted: spec.dates.submitted } })).toThrow(/BIM-2026-001.*dates\.decided/);
    expect(() => buildIfc4({ ...spec, tiers: [] })).toThrow(/BIM-2026-001.*tiers/);
    expect(() => buildIfc4({ ...spec, dates: { ...spec.dates, decided: '2026-01-01' } })).toThrow(/dates\.decided: decision cannot precede/);
  });

  it('rejects a tier that overhangs the one below', () => {
    const [spec] = models.map((m) => m.spec);
    const tiers = [
      { name: 'podium', use: '商业', footprint: { kind: 'rectangle' as const, width: 20, depth: 20 }, storeys: 1, storeyHeight: 4 },
      { name: 'tower', use: '住宅', footprint: { kind: 'rectangle' as const, width: 10, depth: 10 }, offset: { x: 8, y: 0 }, storeys: 2, storeyHeight: 3 },
    ];
    expect(() => buildIfc4({ ...spec, tiers })).toThrow(/tier 1 'tower' extends beyond/);
  });
});
