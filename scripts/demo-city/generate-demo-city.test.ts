/**
 * Generates a 1 km demo town (same code paths as the full city) and reads every file back with independent
 * readers: geotiff.js, an Esri ASCII parser, the cim-model zod schemas, a small SWMM .inp parser, web-ifc.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as WebIFC from 'web-ifc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeatureCollection, type CimFeature, type FeatureOfType } from '../../cim-model/index.ts';
import { CityManifestSchema, type CityManifest } from './city-manifest.ts';
import { parseDemoCityOptions } from './demo-city-options.ts';
import { generateDemoCity, type DemoCitySummary } from './generate-demo-city.ts';
import { convexOverlap, polygonSegmentDistance, type Point } from './geometry.ts';
import { parseInp, readAsciiGrid, readGeoTiff, type InpSections } from './demo-city-reader.test-support.ts';

const MIN_COVER = 1.0;
/** Other towns can be checked with CIMFLOW_DEMO_SEED=n and CIMFLOW_DEMO_SIZE=m (e.g. 3000, the full city). */
const SEED = Number(process.env.CIMFLOW_DEMO_SEED ?? 1);
const SIZE = Number(process.env.CIMFLOW_DEMO_SIZE ?? 1000);
let dir: string;
let city: string;
let summary: DemoCitySummary;
let manifest: CityManifest;
const features = new Map<string, CimFeature[]>();
let dem: { values: ArrayLike<number>; west: number; north: number; cell: number; nx: number; ny: number };
let landCover: ArrayLike<number>;

const ofType = <T extends CimFeature['type']>(type: T) => [...features.values()].flat().filter((f): f is FeatureOfType<T> => f.type === type);
const cellAt = (x: number, y: number) => Math.floor((x - dem.west) / dem.cell) + Math.floor((dem.north - y) / dem.cell) * dem.nx;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'demo-city-'));
  city = path.join(dir, 'town');
  summary = await generateDemoCity(parseDemoCityOptions({ output: city, size: SIZE, seed: SEED }));
  manifest = CityManifestSchema.parse(JSON.parse(await readFile(path.join(city, 'city.json'), 'utf8')));
  for (const layer of manifest.layers.filter((l) => l.path.endsWith('.geojson'))) {
    const json = JSON.parse(await readFile(path.join(city, layer.path), 'utf8'));
    expect(json.crs).toEqual({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4544' } });
    features.set(layer.id, parseFeatureCollection(json, { file: layer.path }).features);
  }
  const { image, bands } = await readGeoTiff(path.join(city, 'terrain/dem.tif'));
  const [west, north] = image.getOrigin();
  dem = { values: bands[0], west, north, cell: image.getResolution()[0], nx: image.getWidth(), ny: image.getHeight() };
  landCover = (await readGeoTiff(path.join(city, 'terrain/land-cover.tif'))).bands[0];
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('demo city: rasters', () => {
  it('writes a georeferenced DEM GeoTIFF (EPSG:4544, 1985 datum, nodata) matching the manifest grid', async () => {
    const { image } = await readGeoTiff(path.join(city, 'terrain/dem.tif'));
    expect([image.getWidth(), image.getHeight()]).toEqual([manifest.grid.nx, manifest.grid.ny]);
    expect(image.getOrigin()).toEqual([manifest.grid.west, manifest.grid.north, 0]);
    expect(image.getResolution()).toEqual([2, -2, 0]);
    const keys = image.getGeoKeys() as Record<string, number>;
    expect(keys.ProjectedCSTypeGeoKey).toBe(4544);
    expect(keys.GTRasterTypeGeoKey).toBe(1);
    expect(keys.VerticalCSTypeGeoKey).toBe(5737);
    expect(image.getGDALNoData()).toBe(-9999);
    expect(manifest.extent.projected.east - manifest.extent.projected.west).toBe(SIZE);
    expect(Number.isInteger(manifest.grid.west) && Number.isInteger(manifest.grid.north)).toBe(true);
    // Near 106.27 E, 29.99 N.
    expect(manifest.extent.centreLonLat[0]).toBeCloseTo(106.27, 2);
    expect(manifest.extent.centreLonLat[1]).toBeCloseTo(29.99, 2);
  });

  it('writes the same DEM as an Esri ASCII grid', async () => {
    const { header, values } = await readAsciiGrid(path.join(city, 'terrain/dem.asc'));
    expect(header).toMatchObject({ ncols: dem.nx, nrows: dem.ny, xllcorner: dem.west, yllcorner: dem.north - dem.ny * dem.cell, cellsize: 2, nodata_value: -9999 });
    let worst = 0;
    for (let k = 0; k < values.length; k++) worst = Math.max(worst, Math.abs(values[k] - dem.values[k]));
    expect(worst).toBeLessThanOrEqual(0.0005 + 1e-9);
    expect(existsSync(path.join(city, 'terrain/dem.prj'))).toBe(true);
  });

  it('has river channels below their floodplains and plausible heights (1985 datum)', () => {
    let waterMax = -Infinity;
    let min = Infinity;
    let max = -Infinity;
    for (let k = 0; k < dem.values.length; k++) {
      min = Math.min(min, dem.values[k]);
      max = Math.max(max, dem.values[k]);
      if (landCover[k] === 1) waterMax = Math.max(waterMax, dem.values[k]);
    }
    expect(min).toBeGreaterThan(190);
    expect(max).toBeLessThan(360);
    expect(waterMax).toBeLessThan(201);
  });

  it('derives the Manning raster from the land-cover classes of the manifest table', async () => {
    const { bands } = await readGeoTiff(path.join(city, 'terrain/manning.tif'));
    const table = new Map(manifest.landCover.map((c) => [c.code, c.manning]));
    for (let k = 0; k < landCover.length; k += 7) expect(bands[0][k]).toBeCloseTo(table.get(landCover[k] as number) as number, 6);
  });

  it('writes an RGB orthophoto of the same extent', async () => {
    const { image } = await readGeoTiff(path.join(city, 'terrain/orthophoto.tif'));
    expect(image.getSamplesPerPixel()).toBe(3);
    expect(image.getOrigin()).toEqual([dem.west, dem.north, 0]);
    expect(image.getWidth() * image.getResolution()[0]).toBe(SIZE);
  });

  it('puts the underpass 3.5 m or more below the ground beside it, and streets 0.15 m below their kerbs', () => {
    const up = manifest.hotspots.find((h) => h.kind === 'underpass') as CityManifest['hotspots'][number];
    const floor = dem.values[cellAt(up.at[0], up.at[1])];
    // Beside the trench along the railway (which runs east–west through the crossing).
    const a1 = ofType('road').find((r) => r.id === 'a1') as FeatureOfType<'road'>;
    for (const s of [1, -1]) {
      const beside = dem.values[cellAt(up.at[0] + s * ((a1.redLineWidth as number) / 2 + 18), up.at[1])];
      expect(beside - floor).toBeGreaterThan(3.5);
    }
    // Kerb step: a street's centre cell lies 0.15 m below the mean of the cells just outside its red line.
    let checked = 0;
    for (const street of ofType('road').filter((r) => r.id.startsWith('old-town') && r.redLineWidth === 9)) {
      const [p, q] = street.geometry.coordinates as Array<[number, number]>;
      const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
      const mid: Point = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
      const side = (s: number) => cellAt(mid[0] - ((q[1] - p[1]) / len) * 7 * s, mid[1] + ((q[0] - p[0]) / len) * 7 * s);
      if (landCover[side(1)] === 2 || landCover[side(-1)] === 2) continue;
      expect((dem.values[side(1)] + dem.values[side(-1)]) / 2 - dem.values[cellAt(mid[0], mid[1])]).toBeCloseTo(0.15, 1);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('demo city: vector features', () => {
  it('validates every GeoJSON feature with the cim-model schemas and lists its counts in the manifest', () => {
    for (const layer of manifest.layers.filter((l) => l.path.endsWith('.geojson'))) {
      const list = features.get(layer.id) as CimFeature[];
      const counts: Record<string, number> = {};
      for (const f of list) counts[f.type] = (counts[f.type] ?? 0) + 1;
      expect(counts).toEqual(layer.counts);
    }
    expect(ofType('building').length).toBe(summary.counts.buildings);
    expect(ofType('building').length).toBeGreaterThan(100);
  });

  it('keeps buildings apart from each other, off roads and out of the rivers', () => {
    const buildings = ofType('building');
    const rings = buildings.map((b) => (b.geometry.coordinates[0] as Array<[number, number]>).slice(0, -1) as Point[]);
    const bucket = new Map<string, number[]>();
    rings.forEach((r, i) => {
      const key = `${Math.floor(r[0][0] / 50)},${Math.floor(r[0][1] / 50)}`;
      bucket.set(key, [...(bucket.get(key) ?? []), i]);
    });
    // Collect violations (one expect per pair would dominate the run time on the full city).
    const overlaps: string[] = [];
    for (let i = 0; i < rings.length; i++) {
      const bx = Math.floor(rings[i][0][0] / 50);
      const by = Math.floor(rings[i][0][1] / 50);
      for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
        for (const j of bucket.get(`${bx + dx},${by + dy}`) ?? []) if (j > i && convexOverlap(rings[i], rings[j])) overlaps.push(`${buildings[i].id}/${buildings[j].id}`);
      }
    }
    expect(overlaps).toEqual([]);
    const onRoads: string[] = [];
    for (const road of ofType('road')) {
      const line = road.geometry.coordinates as Array<[number, number]>;
      const half = (road.redLineWidth as number) / 2;
      for (let s = 0; s + 1 < line.length; s++) {
        const [x0, y0, x1, y1] = [Math.min(line[s][0], line[s + 1][0]) - half, Math.min(line[s][1], line[s + 1][1]) - half, Math.max(line[s][0], line[s + 1][0]) + half, Math.max(line[s][1], line[s + 1][1]) + half];
        rings.forEach((ring, i) => {
          if (ring.every(([x]) => x < x0) || ring.every(([x]) => x > x1) || ring.every(([, y]) => y < y0) || ring.every(([, y]) => y > y1)) return;
          if (polygonSegmentDistance(ring, line[s][0], line[s][1], line[s + 1][0], line[s + 1][1]) < half) onRoads.push(`${buildings[i].id}/${road.id}`);
        });
      }
    }
    expect(onRoads).toEqual([]);
    for (const ring of rings) for (const [x, y] of ring) expect(landCover[cellAt(x, y)]).not.toBe(1);
  });

  it('ties every sensor to an existing feature, with the kinds the flood twin needs', () => {
    const ids = new Set([...features.values()].flat().map((f) => f.id));
    const sensors = ofType('sensor');
    for (const s of sensors) expect(ids.has(s.observes as string), `${s.id} observes ${s.observes}`).toBe(true);
    const kinds = new Set(sensors.map((s) => s.kind));
    for (const k of ['river-level', 'rain', 'ponding-depth', 'pipe-level', 'pipe-flow', 'manhole-cover', 'gas'] as const) expect(kinds.has(k)).toBe(true);
    const underpass = sensors.find((s) => s.attributes?.site === 'underpass') as FeatureOfType<'sensor'>;
    expect(underpass.thresholds?.warning).toBe(0.15);
  });

  it('places shelters above the 100-year flood level', () => {
    for (const s of ofType('shelter')) expect(s.groundElevation as number).toBeGreaterThan(manifest.floodLevels.hundredYear);
  });
});

describe('demo city: storm drainage', () => {
  let inp: InpSections;
  beforeAll(async () => {
    inp = parseInp(await readFile(path.join(city, 'drainage/storm.inp'), 'utf8'));
  });

  it('writes a SWMM 5 input with the sections, options and counts of the GeoJSON network', () => {
    for (const s of ['TITLE', 'OPTIONS', 'RAINGAGES', 'SUBCATCHMENTS', 'SUBAREAS', 'INFILTRATION', 'JUNCTIONS', 'OUTFALLS', 'CONDUITS', 'XSECTIONS', 'TIMESERIES', 'REPORT', 'COORDINATES', 'POLYGONS']) {
      expect(inp.has(s), s).toBe(true);
    }
    const opts = new Map((inp.get('OPTIONS') as string[][]).map((r) => [r[0], r[1]]));
    expect(opts.get('FLOW_UNITS')).toBe('CMS');
    expect(opts.get('FLOW_ROUTING')).toBe('DYNWAVE');
    expect(opts.get('INFILTRATION')).toBe('HORTON');
    expect(opts.get('ALLOW_PONDING')).toBe('YES');
    expect(inp.get('JUNCTIONS')?.length).toBe(ofType('manhole').length);
    expect(inp.get('OUTFALLS')?.length).toBe(ofType('outfall').length);
    expect(inp.get('CONDUITS')?.length).toBe(ofType('pipe').length);
    expect(inp.get('XSECTIONS')?.length).toBe(ofType('pipe').length);
    expect(inp.get('TIMESERIES')?.length).toBe(manifest.designStorm.intensity.length + 1);
    expect(ofType('pipe').length).toBeGreaterThan(100);
  });

  it('is a forest of falling pipes with minimum cover and growing diameters, draining to outfalls in a river', () => {
    const junction = new Map((inp.get('JUNCTIONS') as string[][]).map((r) => [r[0], { invert: Number(r[1]), rim: Number(r[1]) + Number(r[2]) }]));
    const outfall = new Map((inp.get('OUTFALLS') as string[][]).map((r) => [r[0], { invert: Number(r[1]) }]));
    const diameter = new Map((inp.get('XSECTIONS') as string[][]).map((r) => [r[0], Number(r[2])]));
    const downstream = new Map<string, { to: string; d: number }>();
    const incoming = new Map<string, number[]>();
    const coords = new Map((inp.get('COORDINATES') as string[][]).map((r) => [r[0], [Number(r[1]), Number(r[2])] as Point]));
    for (const [id, from, to] of inp.get('CONDUITS') as string[][]) {
      expect(junction.has(from), `${id} from ${from}`).toBe(true);
      expect(junction.has(to) || outfall.has(to), `${id} to ${to}`).toBe(true);
      expect(downstream.has(from), `${from} has one outlet`).toBe(false);
      const d = diameter.get(id) as number;
      downstream.set(from, { to, d });
      incoming.set(to, [...(incoming.get(to) ?? []), d]);
      const up = junction.get(from) as { invert: number; rim: number };
      const down: { invert: number; rim?: number } = junction.get(to) ?? (outfall.get(to) as { invert: number });
      expect(up.invert, `${id} falls`).toBeGreaterThan(down.invert);
      expect(up.rim - up.invert - d, `${id} cover upstream`).toBeGreaterThanOrEqual(MIN_COVER - 1e-6);
      if (down.rim !== undefined) expect(down.rim - down.invert - d, `${id} cover downstream`).toBeGreaterThanOrEqual(MIN_COVER - 1e-6);
    }
    // Diameters never shrink downstream; every junction reaches an outfall without cycles.
    for (const [node, out] of downstream) for (const d of incoming.get(node) ?? []) expect(out.d).toBeGreaterThanOrEqual(d);
    for (const start of junction.keys()) {
      let node = start;
      for (let steps = 0; !outfall.has(node); steps++) {
        expect(steps).toBeLessThan(junction.size);
        node = (downstream.get(node) as { to: string }).to;
      }
    }
    // Outfalls sit on the bank next to river water.
    for (const id of outfall.keys()) {
      const [x, y] = coords.get(id) as Point;
      let water = false;
      for (let dx = -2; dx <= 2; dx++) for (let dy = -2; dy <= 2; dy++) water ||= landCover[cellAt(x + dx * 2, y + dy * 2)] === 1;
      expect(water, `${id} next to water`).toBe(true);
    }
  });

  it('puts manholes on streets, takes their rims from the DEM and matches the GeoJSON inverts', () => {
    const junction = new Map((inp.get('JUNCTIONS') as string[][]).map((r) => [r[0], Number(r[1])]));
    for (const m of ofType('manhole')) {
      const [x, y] = m.geometry.coordinates;
      expect(landCover[cellAt(x, y)]).toBe(2);
      expect(Math.abs(m.rimElevation - dem.values[cellAt(x, y)])).toBeLessThan(0.001);
      expect(junction.get(m.id)).toBeCloseTo(m.invertElevation, 3);
    }
    for (const p of ofType('pipe')) expect(p.upstreamInvert).toBeGreaterThan(p.downstreamInvert);
  });

  it('references existing junctions from subcatchments and the rain gauge from them', () => {
    const junctions = new Set((inp.get('JUNCTIONS') as string[][]).map((r) => r[0]));
    const gauges = new Set((inp.get('RAINGAGES') as string[][]).map((r) => r[0]));
    for (const [, gauge, outlet, area] of inp.get('SUBCATCHMENTS') as string[][]) {
      expect(gauges.has(gauge)).toBe(true);
      expect(junctions.has(outlet)).toBe(true);
      expect(Number(area)).toBeGreaterThan(0);
    }
  });
});

describe('demo city: BIM and reality mesh', () => {
  it('writes IFC4 projects georeferenced with IfcMapConversion and IfcProjectedCRS (EPSG:4544), read by web-ifc', async () => {
    const projects = ofType('bim-project');
    expect(projects.length).toBeGreaterThanOrEqual(2);
    expect(new Set(projects.map((p) => p.status))).toEqual(new Set(['approved', 'under-review', ...projects.slice(2).map((p) => p.status)]));
    const parcels = new Set(ofType('parcel').map((p) => p.id));
    const api = new WebIFC.IfcAPI();
    await api.Init();
    for (const p of projects) {
      expect(parcels.has(p.parcelId)).toBe(true);
      const model = api.OpenModel(new Uint8Array(await readFile(path.join(city, p.ifcFile as string))));
      expect(api.GetModelSchema(model)).toBe('IFC4');
      expect(api.GetLineIDsWithType(model, WebIFC.IFCMAPCONVERSION).size()).toBe(1);
      const crsIds = api.GetLineIDsWithType(model, WebIFC.IFCPROJECTEDCRS);
      expect(crsIds.size()).toBe(1);
      expect(api.GetLine(model, crsIds.get(0)).Name.value).toBe('EPSG:4544');
      expect(api.GetLineIDsWithType(model, WebIFC.IFCBUILDINGSTOREY).size()).toBeGreaterThan(0);
      api.CloseModel(model);
    }
  });

  it('writes the reality mesh in the ContextCapture layout', async () => {
    const xml = await readFile(path.join(city, 'reality-mesh/metadata.xml'), 'utf8');
    expect(xml).toContain('<SRS>EPSG:4544</SRS>');
    expect(xml).toMatch(/<SRSOrigin>[-\d.]+,[-\d.]+,[-\d.]+<\/SRSOrigin>/);
    const tiles = readdirSync(path.join(city, 'reality-mesh/Data')).filter((t) => /^Tile_[+-]\d{3}_[+-]\d{3}$/.test(t));
    expect(tiles.length).toBe(summary.counts.meshTiles);
    expect(readdirSync(path.join(city, 'reality-mesh/Data', tiles[0])).some((f) => f.endsWith('.osgb'))).toBe(true);
  });

  it('refuses to overwrite an existing city without --force', async () => {
    await expect(generateDemoCity(parseDemoCityOptions({ output: city, size: SIZE }))).rejects.toThrow(/already exists \(use --force/);
  });
});
