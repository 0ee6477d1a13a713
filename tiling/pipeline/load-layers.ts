/**
 * Sources → layers: each tiling config layer read with its importer into FeatureLayers or a
 * LodLayer, in ECEF. A source that fails is reported and skipped, or ends the run when strict.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  bimLayerId, parseFeature, parseFeatureCollection, type Building, type CimFeature, type GeoidModel, type Manhole, type Outfall, type Pipe,
} from '../../cim-model/index.ts';
import { buildBuildingLayer } from '../buildings/index.ts';
import { importCityJsonFile } from '../cityjson/index.ts';
import type { FeatureLayer, LodLayer } from '../core/index.ts';
import { readShapefileSet, type GeoJsonFeature } from '../formats/index.ts';
import { importIfcFile, type BimProjectConfig } from '../ifc/index.ts';
import { buildPipeLayers, decodeXml, parseLandXmlPipeNetworks, swmmToFeatures } from '../pipes/index.ts';
import { openRealityMesh } from '../reality/index.ts';
import type { TileConfig, TileLayerConfig } from './tile-config.ts';

export interface LayerContext {
  config: TileConfig;
  baseDir: string;
  geoid?: GeoidModel;
  /** Ground elevation (orthometric, config CRS) from the terrain DEM, when there is one. */
  ground?: (x: number, y: number) => number;
  warn: (message: string) => void;
  /** Stop at the first bad file instead of reporting and skipping it. */
  strict?: boolean;
}

/** The source CRS with its height datum: 'EPSG:4544' + orthometric → 'EPSG:4544+5737'. */
export function sourceCrs(config: TileConfig, crs = config.crs): string {
  if (config.heights === 'ellipsoidal') return crs;
  const v = config.verticalCrs.split(':')[1];
  return /^EPSG:\d+$/i.test(crs) ? `${crs}+${v}` : crs;
}

const BUILDING_FIELDS = {
  height: ['height', 'HEIGHT', 'H', 'GD', '高度'],
  floors: ['floors', 'FLOORS', 'CS', 'FLOOR', '层数'],
  use: ['use', 'USE', 'YT', '用途'],
  name: ['name', 'NAME', 'MC', '名称'],
  baseElevation: ['baseElevation', 'BASE', 'DMGC', '地面高程'],
};

const USES: Building['use'][] = ['residential', 'commercial', 'office', 'industrial', 'public', 'education', 'healthcare', 'mixed', 'other'];

function pick(props: Record<string, unknown>, names: string[], mapped?: string): unknown {
  if (mapped) return props[mapped];
  for (const n of names) if (props[n] !== undefined && props[n] !== null) return props[n];
  return undefined;
}

/** Plain GeoJSON/Shapefile footprints (survey attributes) → building features. */
function footprintsToBuildings(features: GeoJsonFeature[], file: string, fields: Record<string, string> | undefined, ctx: LayerContext): Building[] {
  const out: Building[] = [];
  features.forEach((f, i) => {
    if (!f.geometry || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) return;
    const p = f.properties;
    const height = Number(pick(p, BUILDING_FIELDS.height, fields?.height));
    const floors = Number(pick(p, BUILDING_FIELDS.floors, fields?.floors));
    const h = Number.isFinite(height) && height > 0 ? height : Number.isFinite(floors) && floors > 0 ? floors * 3 : NaN;
    if (!Number.isFinite(h)) throw new Error(`${file}: feature ${i}: expected a height or floors attribute (${BUILDING_FIELDS.height.join('/')}), found none`);
    const ring = (f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0]) as number[][];
    const base = Number(pick(p, BUILDING_FIELDS.baseElevation, fields?.baseElevation));
    const useRaw = String(pick(p, BUILDING_FIELDS.use, fields?.use) ?? 'other');
    out.push(parseFeature({
      type: 'building', id: String(pick(p, ['id', 'ID', 'BSM'], fields?.id) ?? `${path.basename(file)}#${i}`),
      ...(pick(p, BUILDING_FIELDS.name, fields?.name) ? { name: String(pick(p, BUILDING_FIELDS.name, fields?.name)) } : {}),
      source: { dataset: path.basename(file), file: path.relative(ctx.baseDir, file), ref: String(i) },
      geometry: f.geometry, height: h,
      baseElevation: Number.isFinite(base) ? base : ctx.ground ? ctx.ground(ring[0][0], ring[0][1]) : 0,
      floors: Number.isFinite(floors) && floors > 0 ? Math.round(floors) : Math.max(1, Math.round(h / 3)),
      use: (USES as string[]).includes(useRaw) ? useRaw : 'other',
    }, { file, index: i }) as Building);
  });
  return out;
}

const PIPE_FIELDS = {
  id: ['id', 'ID', 'GXBH', 'BSM', '管线编号'],
  diameter: ['diameter', 'DN', 'GJ', 'D', '管径'],
  width: ['width', 'KD', '宽'],
  height: ['height', 'GD_H', '高'],
  material: ['material', 'CZ', '材质'],
  upstreamInvert: ['upstreamInvert', 'QDGC', 'UP_INV', '起点管底高程'],
  downstreamInvert: ['downstreamInvert', 'ZDGC', 'DN_INV', '终点管底高程'],
  fromNode: ['fromNode', 'QD', 'FROM', '起点点号'],
  toNode: ['toNode', 'ZD', 'TO', '终点点号'],
};

const MATERIALS: Record<string, Pipe['material']> = {
  混凝土: 'concrete', 钢筋混凝土: 'reinforced-concrete', 砼: 'concrete', pvc: 'pvc', 'pvc-u': 'pvc', hdpe: 'hdpe', pe: 'pe',
  球墨铸铁: 'ductile-iron', 铸铁: 'cast-iron', 钢: 'steel', 陶土: 'clay', 砖: 'brick', concrete: 'concrete', steel: 'steel',
};

/** Survey line data (Shapefile or plain GeoJSON, CJJ 61-style attributes) → pipe features. Sizes in mm are read as such. */
/** `sourceFile`: the file as feature sources name it (relative to the tiling config). */
function linesToPipes(features: GeoJsonFeature[], file: string, network: Pipe['network'], fields: Record<string, string> | undefined, sourceFile = file): Pipe[] {
  const out: Pipe[] = [];
  features.forEach((f, i) => {
    if (!f.geometry || (f.geometry.type !== 'LineString' && f.geometry.type !== 'MultiLineString')) return;
    const p = f.properties;
    const get = (k: keyof typeof PIPE_FIELDS) => pick(p, PIPE_FIELDS[k], fields?.[k]);
    const mm = (v: unknown) => (Number(v) > 20 ? Number(v) / 1000 : Number(v));
    const coords = (f.geometry.type === 'LineString' ? f.geometry.coordinates : f.geometry.coordinates[0]) as number[][];
    let length = 0;
    for (let k = 1; k < coords.length; k++) length += Math.hypot(coords[k][0] - coords[k - 1][0], coords[k][1] - coords[k - 1][1]);
    const d = get('diameter'), w = get('width'), h = get('height');
    const section = d !== undefined && d !== null ? { shape: 'circular', diameter: mm(d) } : { shape: 'box', width: mm(w), height: mm(h) };
    const up = Number(get('upstreamInvert')), dn = Number(get('downstreamInvert'));
    if (!Number.isFinite(up) || !Number.isFinite(dn)) throw new Error(`${file}: feature ${i}: expected invert elevations (${PIPE_FIELDS.upstreamInvert.join('/')}, ${PIPE_FIELDS.downstreamInvert.join('/')}), found ${get('upstreamInvert')}, ${get('downstreamInvert')}`);
    const id = String(get('id') ?? `${path.basename(file)}#${i}`);
    const material = MATERIALS[String(get('material') ?? '').toLowerCase()] ?? MATERIALS[String(get('material') ?? '')];
    out.push(parseFeature({
      type: 'pipe', id, source: { dataset: path.basename(file), file: sourceFile, ref: String(i) }, network,
      geometry: { type: 'LineString', coordinates: coords.map((c) => [c[0], c[1]]) }, section,
      ...(material ? { material } : {}),
      fromNode: String(get('fromNode') ?? `${id}:from`), toNode: String(get('toNode') ?? `${id}:to`),
      length: Math.max(0.01, length), upstreamInvert: up, downstreamInvert: dn, roughness: 0.013,
    }, { file, index: i }) as Pipe);
  });
  return out;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

/** A GeoJSON file of cim-model features (those with a `type` the model knows), or undefined for plain GeoJSON. */
function cimFeatures(file: string): CimFeature[] | undefined {
  const json = readJson(file) as { features?: Array<{ properties?: { type?: string } }> };
  if (!json.features?.some((f) => typeof f.properties?.type === 'string')) return undefined;
  return parseFeatureCollection(json, { file }).features;
}

export async function loadLayer(layer: TileLayerConfig, ctx: LayerContext): Promise<Array<FeatureLayer | LodLayer>> {
  const { config, baseDir, geoid } = ctx;
  const abs = (p: string) => path.resolve(baseDir, p);
  const crs = sourceCrs(config, layer.crs);
  switch (layer.kind) {
    case 'reality-mesh': {
      const r = await openRealityMesh(abs(layer.path), {
        heights: config.heights, verticalCrs: Number(config.verticalCrs.split(':')[1]), geoid,
        id: layer.id ?? 'reality-mesh', name: layer.name ?? 'Oblique photography',
        ...(ctx.strict ? {} : { onBadFile: (file: string, e: Error) => ctx.warn(`${file}: ${e.message} (skipped)`) }),
      });
      return [r.layer];
    }
    case 'buildings': {
      const file = abs(layer.path);
      const opts = { crs, geoid, ground: ctx.ground, id: layer.id ?? 'buildings', name: layer.name ?? 'Buildings' };
      if (/\.shp$/i.test(file)) return [buildBuildingLayer(footprintsToBuildings(readShapefileSet(file).features, file, layer.fields, ctx), opts)];
      const json = readJson(file) as { type?: string };
      if (json.type === 'CityJSON') {
        const r = importCityJsonFile(file, { crs: layer.crs ? crs : undefined, geoid, lod: layer.lod, missingTextures: layer.missingTextures, id: opts.id });
        for (const w of r.warnings) ctx.warn(`${file}: ${w}`);
        return [r.layer];
      }
      const cim = cimFeatures(file);
      const buildings = cim ? cim.filter((f): f is Building => f.type === 'building') : footprintsToBuildings((json as { features: GeoJsonFeature[] }).features, file, layer.fields, ctx);
      return [buildBuildingLayer(buildings, opts)];
    }
    case 'pipes': {
      const file = abs(layer.path);
      let features: Array<Pipe | Manhole | Outfall>;
      let featureCrs = crs;
      if (/\.inp$/i.test(file)) features = swmmToFeatures(readFileSync(file, 'utf8'), { file, network: layer.network }).features;
      else if (/\.xml$/i.test(file)) {
        const r = parseLandXmlPipeNetworks(decodeXml(new Uint8Array(readFileSync(file))), file);
        for (const w of r.warnings) ctx.warn(`${file}: ${w}`);
        features = r.features;
        if (r.crs && !layer.crs) featureCrs = r.crs;
      } else if (/\.shp$/i.test(file)) {
        features = linesToPipes(readShapefileSet(file).features, file, layer.network ?? 'storm', layer.fields, path.relative(baseDir, file));
      } else if (/\.ifc$/i.test(file)) {
        const r = await importIfcFile(file, { kind: 'pipes', geoid, layerId: layer.id ?? 'pipes-ifc' });
        return [r.layer];
      } else {
        const cim = cimFeatures(file);
        features = cim
          ? cim.filter((f): f is Pipe | Manhole | Outfall => f.type === 'pipe' || f.type === 'manhole' || f.type === 'outfall')
          : linesToPipes((readJson(file) as { features: GeoJsonFeature[] }).features, file, layer.network ?? 'storm', layer.fields, path.relative(baseDir, file));
      }
      return buildPipeLayers(features, { crs: featureCrs, geoid, idPrefix: layer.id ?? 'pipes' });
    }
    case 'bim': {
      const projects = new Map<string, BimProjectConfig>();
      if (layer.projects && existsSync(abs(layer.projects))) {
        for (const f of parseFeatureCollection(readJson(abs(layer.projects)), { file: abs(layer.projects) }).features) {
          if (f.type !== 'bim-project') continue;
          const { id, name, permitNumber, status, submittedDate, reviewedDate, decidedDate, parcelId, developer, ifcFile } = f;
          if (ifcFile) projects.set(path.basename(ifcFile), { id, name, permitNumber, status, submittedDate, reviewedDate, decidedDate, parcelId, developer, ifcFile });
        }
      }
      const layers: FeatureLayer[] = [];
      for (const f of layer.files) {
        const file = abs(f);
        try {
          const r = await importIfcFile(file, { kind: 'bim', geoid, heights: config.heights, project: projects.get(path.basename(file)), layerId: bimLayerId(file), file: path.relative(baseDir, file) });
          for (const w of r.warnings) ctx.warn(`${file}: ${w}`);
          layers.push(r.layer);
        } catch (e) {
          if (ctx.strict) throw e;
          ctx.warn(`${(e as Error).message} (skipped)`);
        }
      }
      return layers;
    }
    case 'terrain':
      return [];
  }
}
