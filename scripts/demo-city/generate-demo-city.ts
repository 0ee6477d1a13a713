/**
 * The demo city generator: a pipeline of named stages from a seed to a folder of files (layout in the README of
 * data/ and in `city.json`). Everything is computed in memory, written into `<output>.tmp-<pid>` and renamed into
 * place at the end, so a half-written city never looks complete. The manifest `city.json` records the options
 * and the stage list, which reproduce the folder byte for byte.
 *
 * CRS: EPSG:4544 (CGCS2000 / 3-degree Gauss-Kruger CM 105E), easting first, metres; heights orthometric on the
 * 1985 national height datum (EPSG:5737); ellipsoidal h = H + N with N = −40.04 m at the town centre.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { transformPoint, type CimFeatureInput } from '../../cim-model/index.ts';
import { demoBimExtents, demoBimProjects, writeBimProject, type BimSite } from './bim/index.ts';
import { writeRealityMesh } from './reality-mesh/index.ts';
import { encodeAsciiGrid, EPSG_4544_ESRI_WKT } from './ascii-grid-writer.ts';
import { chooseBimSites } from './bim-sites.ts';
import { buildBuildings, setBuildingBases } from './buildings.ts';
import { buildingFeatures, drainageFeatures, parcelFeatures, roadFeatures } from './city-features.ts';
import { CityManifestSchema, type CityLayer, type CityManifest } from './city-manifest.ts';
import { MAX_GRID_CELLS, type DemoCityOptions } from './demo-city-options.ts';
import { CHONGQING_STORM_FORMULA, chicagoStorm } from './design-storm.ts';
import { designDrainage } from './drainage-network.ts';
import { mm, source, type FeatureInput } from './feature-input.ts';
import { encodeFeatureCollection } from './geojson-writer.ts';
import { encodeGeoTiff } from './geotiff-writer.ts';
import { LAND_COVER_CLASSES, manningRaster, rasterizeLandCover } from './land-cover.ts';
import { renderOrthophoto } from './orthophoto.ts';
import { buildParcels, obstacleIndex } from './parcels.ts';
import { gridEast, gridSouth, resampledGrid, sampleBilinear, type RasterGrid } from './raster-grid.ts';
import { riverFeatures } from './river-features.ts';
import { buildRoadNetwork } from './road-network.ts';
import { placeSensors } from './sensors.ts';
import { chooseShelters } from './shelters.ts';
import { writeSwmmInp } from './swmm-inp-writer.ts';
import { baseTerrain, burnUrbanFeatures } from './terrain.ts';
import { planTown } from './town-plan.ts';

/** Bump when the generated files change for the same options. */
export const DEMO_CITY_GENERATOR_VERSION = '1.0.0';

/** Where the town is: Hechuan, Chongqing (longitude, latitude in degrees, CGCS2000 / EPSG:4490). */
export const TOWN_CENTRE_LONLAT: [number, number] = [106.27, 29.99];

/**
 * Geoid undulation N at the town centre: EGM96 at 29.99 N 106.27 E. The 1985 national height datum is taken
 * equal to EGM96 here, an approximation good to about 1 m; ellipsoidal h = H + N.
 */
export const GEOID_OFFSET = -40.04;

export const DEM_NODATA = -9999;
/** The orthophoto's texture noise barely compresses: fast deflate costs ~7 % in size and saves seconds. */
const ORTHO_DEFLATE_LEVEL = 1;
const EPSG = 4544;
const VERTICAL_EPSG = 5737;
const PROJ4_4544 = '+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

export interface DemoCityHooks {
  log?: (message: string) => void;
  /** Called once per stage (done of total) and during the reality mesh. */
  progress?: (done: number, total: number, note: string) => void;
}

export interface DemoCitySummary {
  output: string;
  seed: number;
  seconds: number;
  counts: Record<string, number>;
  files: number;
  bytes: number;
  stages: Array<{ name: string; seconds: number }>;
}

/** The stages, in order; the manifest lists them and the progress bar counts them. */
export const DEMO_CITY_STAGES = [
  'plan', 'terrain', 'roads', 'parcels', 'buildings', 'urban-terrain', 'land-cover', 'drainage', 'rivers',
  'shelters', 'sensors', 'orthophoto', 'write-rasters', 'bim', 'reality-mesh', 'write-vectors', 'manifest',
] as const;
type StageName = (typeof DEMO_CITY_STAGES)[number];

export async function generateDemoCity(options: DemoCityOptions, hooks: DemoCityHooks = {}): Promise<DemoCitySummary> {
  const started = performance.now();
  const out = path.resolve(options.output);
  if (existsSync(out) && !options.force) throw new Error(`${out} already exists (use --force to replace it)`);
  const tmp = `${out}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const timings: Array<{ name: string; seconds: number }> = [];
  const written: string[] = [];
  let stageIndex = 0;
  const stage = async <T>(name: StageName, run: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    hooks.progress?.(stageIndex, DEMO_CITY_STAGES.length, name);
    const result = await run();
    timings.push({ name, seconds: +((performance.now() - t0) / 1000).toFixed(2) });
    hooks.log?.(`demo-data: ${name} (${timings[timings.length - 1].seconds} s)`);
    stageIndex++;
    return result;
  };
  const write = async (rel: string, data: string | Uint8Array) => {
    const file = path.join(tmp, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data);
    written.push(rel);
  };

  try {
    const { seed } = options;
    // Grid origin snapped to whole metres around the town centre (EPSG:4544, easting first).
    const { grid, plan } = await stage('plan', () => {
      const [cx, cy] = transformPoint('EPSG:4490', 'EPSG:4544', [TOWN_CENTRE_LONLAT[0], TOWN_CENTRE_LONLAT[1], 0]);
      const n = Math.round(options.size / options.cell);
      const west = Math.round(cx - (n * options.cell) / 2);
      const south = Math.round(cy - (n * options.cell) / 2);
      const g: RasterGrid = { west, north: south + n * options.cell, cellSize: options.cell, nx: n, ny: n };
      return { grid: g, plan: planTown(west, south, n * options.cell, seed) };
    });
    const base = await stage('terrain', () => baseTerrain(grid, plan, seed));
    const network = await stage('roads', () => buildRoadNetwork(plan));
    const { parcels, bimSites } = await stage('parcels', () => {
      const list = buildParcels(plan, network, seed);
      return { parcels: list, bimSites: chooseBimSites(plan, list, demoBimExtents()) };
    });
    const obstacles = obstacleIndex(plan, network);
    const buildings = await stage('buildings', () => buildBuildings(parcels.filter((p) => !p.bimProject), obstacles, seed));
    const underpassRoad = network.roads.find((r) => r.id === plan.underpass.arterialId);
    if (!underpassRoad) throw new Error(`road network: no arterial '${plan.underpass.arterialId}' for the underpass`);
    await stage('urban-terrain', () => {
      burnUrbanFeatures(grid, base, plan, network.segments, underpassRoad.line);
      setBuildingBases(buildings, grid, base.dem);
    });
    const dem = base.dem;
    const landCoverInputs = { plan, demGrid: grid, dem, bankDistance: base.bankDistance, parcels, roads: network.segments, buildings, seed };
    const { landCover, manning } = await stage('land-cover', () => {
      const classes = rasterizeLandCover(grid, landCoverInputs);
      return { landCover: classes, manning: manningRaster(classes) };
    });
    const storm = chicagoStorm();
    const { drainage, inp } = await stage('drainage', () => {
      const net = designDrainage(plan, network.roads, grid, dem, landCover);
      return { drainage: net, inp: writeSwmmInp(net, storm) };
    });
    const rivers = await stage('rivers', () => riverFeatures(plan, grid, dem));
    const shelters = await stage('shelters', () => chooseShelters(plan, parcels, grid, dem));
    // The trench floor is flat around the crossing: the crossing point is the underpass low point.
    const underpassPoint = plan.underpass.at;
    const sensors = await stage('sensors', () =>
      placeSensors({ plan, roads: network.roads, buildings, drainage, crossSections: rivers.sections, underpassPoint, seed }));
    // 1 m (or the DEM cell if finer), but never more than MAX_GRID_CELLS pixels a side.
    const orthoGrid = resampledGrid(grid, Math.max(Math.min(1, options.cell), (grid.nx * grid.cellSize) / MAX_GRID_CELLS));
    const ortho = await stage('orthophoto', () => renderOrthophoto(orthoGrid, { ...landCoverInputs, fullRoads: network.roads }));

    await stage('write-rasters', async () => {
      const geo = { west: grid.west, north: grid.north, cellSize: grid.cellSize, epsg: EPSG, width: grid.nx, height: grid.ny };
      await write('terrain/dem.tif', encodeGeoTiff({
        ...geo, samplesPerPixel: 1, data: dem, verticalEpsg: VERTICAL_EPSG, nodata: DEM_NODATA,
        description: 'cimflow demo city DEM: orthometric height H (m), 1985 national height datum; EPSG:4544',
      }));
      await write('terrain/dem.asc', encodeAsciiGrid(grid, dem, DEM_NODATA));
      await write('terrain/dem.prj', EPSG_4544_ESRI_WKT);
      await write('terrain/land-cover.tif', encodeGeoTiff({ ...geo, samplesPerPixel: 1, data: landCover, nodata: 0, description: 'land cover class codes (see city.json landCover)' }));
      await write('terrain/manning.tif', encodeGeoTiff({ ...geo, samplesPerPixel: 1, data: manning, nodata: DEM_NODATA, description: 'Manning n, s/m^(1/3)' }));
      await write('terrain/orthophoto.tif', encodeGeoTiff({
        west: orthoGrid.west, north: orthoGrid.north, cellSize: orthoGrid.cellSize, epsg: EPSG, width: orthoGrid.nx, height: orthoGrid.ny,
        samplesPerPixel: 3, data: ortho, description: 'synthetic orthophoto, RGB',
      }, { level: ORTHO_DEFLATE_LEVEL }));
    });

    const bimFeatures = await stage('bim', async () => {
      const sites: BimSite[] = bimSites.map((s) => ({
        parcelId: s.parcel.id, easting: mm(s.parcel.centre[0]), northing: mm(s.parcel.centre[1]),
        height: mm(sampleBilinear(grid, dem, s.parcel.centre[0], s.parcel.centre[1]) + 0.3), rotationDeg: s.rotationDeg,
      }));
      const specs = demoBimProjects(sites);
      const features: Array<FeatureInput<'bim-project'>> = [];
      for (const spec of specs) {
        const file = `bim/${spec.id}.ifc`;
        const summary = await writeBimProject(spec, path.join(tmp, file));
        written.push(file);
        features.push({
          type: 'bim-project', id: spec.id, name: spec.name, source: source('bim/projects.geojson', file),
          permitNumber: spec.permitNumber, status: spec.status, submittedDate: spec.dates.submitted,
          ...(spec.dates.reviewed ? { reviewedDate: spec.dates.reviewed } : {}),
          ...(spec.dates.decided ? { decidedDate: spec.dates.decided } : {}),
          parcelId: spec.parcelId, developer: spec.developer, ifcFile: file, ifcSchema: 'IFC4',
          placement: { origin: [spec.origin.easting, spec.origin.northing, spec.origin.height], rotation: spec.rotationDeg },
          attributes: { nameEn: spec.nameEn ?? null, entities: summary.entities },
        });
      }
      return features;
    });

    const mesh = await stage('reality-mesh', () => {
      const origin: [number, number, number] = [Math.round((grid.west + gridEast(grid)) / 2), Math.round((grid.north + gridSouth(grid)) / 2), 0];
      return writeRealityMesh(
        {
          srs: 'EPSG:4544', origin,
          dem: { nx: grid.nx, ny: grid.ny, cellSize: grid.cellSize, west: grid.west, north: grid.north, heights: dem },
          buildings: buildings.map((b) => ({ ring: b.ring, base: b.base, height: b.height })),
          ortho: { width: orthoGrid.nx, height: orthoGrid.ny, rgb: ortho },
        },
        path.join(tmp, 'reality-mesh'),
        { onProgress: (done, total) => hooks.progress?.(stageIndex, DEMO_CITY_STAGES.length, `reality-mesh ${done}/${total}`) },
      ).then((result) => ({ ...result, origin }));
    });

    const south = gridSouth(grid);
    const east = gridEast(grid);
    const datasets: CimFeatureInput[] = [
      {
        type: 'terrain', id: 'dem', name: 'Demo city DEM (GeoTIFF)', source: source('terrain/dem.tif'), crs: 'EPSG:4544', verticalDatum: 'EPSG:5737',
        extent: [grid.west, south, east, grid.north], resolution: grid.cellSize, file: 'terrain/dem.tif', format: 'geotiff', nodata: DEM_NODATA,
      },
      {
        type: 'terrain', id: 'dem-ascii', name: 'Demo city DEM (Esri ASCII grid)', source: source('terrain/dem.asc'), crs: 'EPSG:4544', verticalDatum: 'EPSG:5737',
        extent: [grid.west, south, east, grid.north], resolution: grid.cellSize, file: 'terrain/dem.asc', format: 'ascii-grid', nodata: DEM_NODATA,
      },
      {
        type: 'reality-mesh', id: 'reality-mesh', name: 'Oblique-photography reality mesh (synthetic)', source: source('reality-mesh/metadata.xml'),
        srs: 'EPSG:4544', srsOrigin: mesh.origin, format: 'osgb', tileCount: mesh.tiles, producer: 'cimflow demo-data (ContextCapture layout)',
        path: 'reality-mesh', groundSampleDistance: orthoGrid.cellSize, extent: [grid.west, south, east, grid.north],
      },
    ];
    const building = buildingFeatures(buildings, parcels);
    const drainageF = drainageFeatures(drainage);
    const vectorLayers: Array<{ id: string; kind: CityLayer['kind']; file: string; description: string; features: CimFeatureInput[] }> = [
      { id: 'buildings', kind: 'buildings', file: 'vector/buildings.geojson', description: 'building footprints with height, floors, use, base elevation', features: building },
      { id: 'roads', kind: 'roads', file: 'vector/roads.geojson', description: 'road centrelines (CJJ 37-2012 classes), bridges flagged', features: roadFeatures(network.roads) },
      { id: 'parcels', kind: 'parcels', file: 'vector/parcels.geojson', description: 'planning parcels, GB 50137-2011 land use, planning indicators', features: parcelFeatures(parcels) },
      { id: 'shelters', kind: 'shelters', file: 'vector/shelters.geojson', description: 'emergency shelters above the 100-year flood level', features: shelters },
      { id: 'rivers', kind: 'rivers', file: 'vector/rivers.geojson', description: 'river reaches and cross-sections', features: [...rivers.reaches, ...rivers.sections] },
      { id: 'drainage', kind: 'pipes', file: 'vector/drainage.geojson', description: 'storm drainage: manholes, outfalls, pipes', features: [...drainageF.manholes, ...drainageF.outfalls, ...drainageF.pipes] },
      { id: 'sensors', kind: 'sensors', file: 'vector/sensors.geojson', description: 'IoT sensors with thresholds and observed features', features: sensors },
      { id: 'bim-projects', kind: 'bim', file: 'bim/projects.geojson', description: 'BIM projects (IFC4) with permit status', features: bimFeatures },
      { id: 'datasets', kind: 'datasets', file: 'vector/datasets.geojson', description: 'terrain and reality-mesh dataset features', features: datasets },
    ];
    await stage('write-vectors', async () => {
      for (const layer of vectorLayers) await write(layer.file, encodeFeatureCollection(layer.features, layer.file));
      await write('drainage/storm.inp', inp);
    });

    const counts: Record<string, number> = {
      buildings: buildings.length, roads: network.roads.length, parcels: parcels.length, shelters: shelters.length,
      riverReaches: rivers.reaches.length, crossSections: rivers.sections.length, manholes: drainageF.manholes.length,
      outfalls: drainageF.outfalls.length, pipes: drainageF.pipes.length, subcatchments: drainage.nodes.filter((n) => n.catchmentArea > 0).length,
      sensors: sensors.length, bimProjects: bimFeatures.length, meshTiles: mesh.tiles, meshFiles: mesh.files, meshTriangles: mesh.triangles,
      demCells: grid.nx * grid.ny,
    };
    await stage('manifest', async () => {
      const manifest = buildManifest({ options, grid, orthoGrid, plan, storm, drainage, vectorLayers, counts, mesh, underpassPoint });
      for (const layer of manifest.layers) {
        if (layer.kind !== 'reality-mesh') layer.bytes = (await stat(path.join(tmp, layer.path))).size;
      }
      await write('city.json', `${JSON.stringify(CityManifestSchema.parse(manifest), null, 2)}\n`);
    });

    let bytes = 0;
    for (const rel of written) bytes += (await stat(path.join(tmp, rel))).size;
    if (existsSync(out)) await rm(out, { recursive: true, force: true });
    await mkdir(path.dirname(out), { recursive: true });
    await rename(tmp, out);
    hooks.progress?.(DEMO_CITY_STAGES.length, DEMO_CITY_STAGES.length, 'done');
    return {
      output: out, seed, seconds: +((performance.now() - started) / 1000).toFixed(1), counts,
      files: written.length + mesh.files, bytes: bytes + mesh.bytes, stages: timings,
    };
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

interface ManifestInputs {
  options: DemoCityOptions;
  grid: RasterGrid;
  orthoGrid: RasterGrid;
  plan: ReturnType<typeof planTown>;
  storm: ReturnType<typeof chicagoStorm>;
  drainage: ReturnType<typeof designDrainage>;
  vectorLayers: Array<{ id: string; kind: CityLayer['kind']; file: string; description: string; features: CimFeatureInput[] }>;
  counts: Record<string, number>;
  mesh: { tiles: number; files: number; triangles: number };
  underpassPoint: [number, number];
}

function buildManifest(m: ManifestInputs): CityManifest {
  const { grid, plan, storm } = m;
  const south = gridSouth(grid);
  const east = gridEast(grid);
  const corners = [[grid.west, south], [east, south], [east, grid.north], [grid.west, grid.north]].map(([e, n]) => transformPoint('EPSG:4544', 'EPSG:4490', [e, n, 0]));
  const round = (v: number, d: number) => +v.toFixed(d);
  const centre: [number, number] = [(grid.west + east) / 2, (south + grid.north) / 2];
  const centreLonLat = transformPoint('EPSG:4544', 'EPSG:4490', [centre[0], centre[1], 0]);
  const countByType = (features: CimFeatureInput[]) => {
    const c: Record<string, number> = {};
    for (const f of features) c[f.type] = (c[f.type] ?? 0) + 1;
    return c;
  };
  const layers: CityLayer[] = [
    { id: 'dem', kind: 'terrain', path: 'terrain/dem.tif', format: 'GeoTIFF Float32, deflate + floating-point predictor', description: `DEM, orthometric H (m, 1985 datum), ${grid.cellSize} m, nodata ${DEM_NODATA}`, counts: { nx: grid.nx, ny: grid.ny } },
    { id: 'dem-ascii', kind: 'terrain-ascii', path: 'terrain/dem.asc', format: 'Esri ASCII grid (+ dem.prj)', description: 'the same DEM as text, mm precision', counts: { nx: grid.nx, ny: grid.ny } },
    { id: 'land-cover', kind: 'land-cover', path: 'terrain/land-cover.tif', format: 'GeoTIFF UInt8', description: 'land cover class codes (table landCover)', counts: { nx: grid.nx, ny: grid.ny } },
    { id: 'manning', kind: 'manning', path: 'terrain/manning.tif', format: 'GeoTIFF Float32', description: 'Manning n (s/m^(1/3)) from land cover', counts: { nx: grid.nx, ny: grid.ny } },
    { id: 'orthophoto', kind: 'orthophoto', path: 'terrain/orthophoto.tif', format: 'GeoTIFF RGB UInt8', description: `synthetic orthophoto, ${m.orthoGrid.cellSize} m`, counts: { width: m.orthoGrid.nx, height: m.orthoGrid.ny } },
    ...m.vectorLayers.map((l) => ({ id: l.id, kind: l.kind, path: l.file, format: 'GeoJSON FeatureCollection (EPSG:4544)', description: l.description, counts: countByType(l.features) })),
    { id: 'swmm', kind: 'swmm', path: 'drainage/storm.inp', format: 'EPA SWMM 5.2 input (CMS, DYNWAVE)', description: 'storm drainage model with subcatchments and the design storm', counts: { junctions: m.counts.manholes, outfalls: m.counts.outfalls, conduits: m.counts.pipes, subcatchments: m.counts.subcatchments } },
    { id: 'reality-mesh', kind: 'reality-mesh', path: 'reality-mesh', format: 'ContextCapture OSGB tiles (metadata.xml + Data/Tile_+xxx_+yyy)', description: 'textured oblique-photography-style reality mesh', counts: { tiles: m.mesh.tiles, files: m.mesh.files, triangles: m.mesh.triangles } },
  ];
  return {
    name: 'cimflow demo city: a confluence town modelled on Hechuan, Chongqing (synthetic)',
    generator: { name: 'cimflow demo-data', version: DEMO_CITY_GENERATOR_VERSION, command: `npx cimflow demo-data -o <dir> --seed ${m.options.seed} --size ${m.options.size} --cell ${m.options.cell}`, stages: [...DEMO_CITY_STAGES] },
    seed: m.options.seed,
    options: { size: m.options.size, cell: m.options.cell, orthoCell: m.orthoGrid.cellSize },
    crs: {
      horizontal: 'EPSG:4544', name: 'CGCS2000 / 3-degree Gauss-Kruger CM 105E', proj4: PROJ4_4544,
      axisOrder: 'all coordinates are [easting, northing] (x east, y north) in metres, although the official EPSG:4544 axis order is northing, easting',
      units: 'm',
    },
    verticalDatum: {
      name: '1985 National Height Datum', epsg: 'EPSG:5737', heights: 'orthometric',
      geoid: {
        model: 'EGM96', offset: GEOID_OFFSET, at: TOWN_CENTRE_LONLAT,
        note: 'ellipsoidal h = H + N; N is the EGM96 undulation at the town centre, the 1985 datum taken equal to EGM96 (an approximation of < ~1 m)',
      },
    },
    extent: {
      projected: { west: grid.west, south, east, north: grid.north },
      geographic: {
        west: round(Math.min(...corners.map((c) => c[0])), 7), south: round(Math.min(...corners.map((c) => c[1])), 7),
        east: round(Math.max(...corners.map((c) => c[0])), 7), north: round(Math.max(...corners.map((c) => c[1])), 7),
      },
      centre, centreLonLat: [round(centreLonLat[0], 7), round(centreLonLat[1], 7)],
    },
    grid: { west: grid.west, north: grid.north, cellSize: grid.cellSize, nx: grid.nx, ny: grid.ny, rowOrder: 'row 0 = north edge; cell (i, j) index i + j * nx; PixelIsArea', nodata: DEM_NODATA },
    layers,
    landCover: Object.values(LAND_COVER_CLASSES).map(({ code, name, manning, impervious, obstacle }) => ({ code, name, manning, impervious, obstacle })),
    designStorm: {
      formula: CHONGQING_STORM_FORMULA.text, source: CHONGQING_STORM_FORMULA.name,
      returnPeriod: storm.options.returnPeriod, duration: storm.options.duration, peakRatio: storm.options.peakRatio, step: storm.options.step,
      depth: round(storm.depth, 2), peakIntensity: round(storm.peakIntensity, 2), intensity: storm.intensity.map((v) => round(v, 3)),
    },
    drainageDesign: { returnPeriod: m.drainage.options.designReturnPeriod, minCover: m.drainage.options.minCover, roughness: m.drainage.options.roughness },
    floodLevels: { ...plan.floodLevels, note: 'synthetic river stages at the confluence (1985 datum, m): warning 警戒水位, guarantee 保证水位, 100-year flood level' },
    hotspots: [
      { id: 'underpass', kind: 'underpass', at: [mm(m.underpassPoint[0]), mm(m.underpassPoint[1])], depth: plan.underpass.depth },
      ...plan.depressions.map((d) => ({ id: d.id, kind: 'depression' as const, at: [mm(d.at[0]), mm(d.at[1])] as [number, number], depth: d.depth })),
    ],
    tiling: {
      layers: [
        { kind: 'terrain', path: 'terrain/dem.tif', layer: 'dem' },
        { kind: 'orthophoto', path: 'terrain/orthophoto.tif', layer: 'orthophoto' },
        { kind: 'reality-mesh', path: 'reality-mesh', layer: 'reality-mesh' },
        { kind: 'buildings', path: 'vector/buildings.geojson', layer: 'buildings' },
        { kind: 'bim', path: 'bim/projects.geojson', layer: 'bim-projects' },
        { kind: 'pipes', path: 'vector/drainage.geojson', layer: 'drainage' },
        { kind: 'rivers', path: 'vector/rivers.geojson', layer: 'rivers' },
        { kind: 'sensors', path: 'vector/sensors.geojson', layer: 'sensors' },
      ],
    },
  };
}
