/**
 * importIfc: an IFC2X3 / IFC4 / IFC4X3 file → one georeferenced FeatureLayer for the 3D Tiles
 * writer. BIM models give one 'bim-element' per product with geometry (GUID, IFC class, name,
 * storey, property and quantity sets) plus the 'bim-project' feature, meshes grouped by colour;
 * pipe networks (IfcPipeSegment / IfcDistributionChamberElement) give 'pipe' and 'manhole' features,
 * meshes grouped and coloured by network. Every vertex goes engineering frame → map CRS → ECEF
 * (EPSG:4978) per point; heights cross from orthometric to ellipsoidal only through the given geoid.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { IFCBUILDING, IFCBUILDINGSTOREY, IFCDISTRIBUTIONCHAMBERELEMENT, IFCPIPESEGMENT, IFCTRIANGULATEDIRREGULARNETWORK } from 'web-ifc';
import { FeatureValidationError, checkFeature, type CimFeature, type PipeNetwork } from '../../cim-model/index.ts';
import { NETWORK_SRGB } from '../pipes/index.ts';
import type { FeatureLayer } from '../core/index.ts';
import { buildGeoMeshes, colorKey, materialForColor, type MeshGroup } from './geo-mesh-groups.ts';
import { readBimProject, type BimProjectConfig } from './ifc-bim-project.ts';
import { streamIfcGeometry, type ElementGeometry, type IfcGeometryStats } from './ifc-geometry.ts';
import { resolveIfcGeoref, type IfcGeoref, type IfcGeorefOptions } from './ifc-georef.ts';
import { IfcImportError } from './ifc-import-error.ts';
import { projectLengthUnitMetres } from './ifc-length-unit.ts';
import { openIfcModel, stepString, type IfcModel, type IfcSchemaVersion } from './ifc-model.ts';
import { readPipeNetwork, type IfcPipeNetworkOptions } from './ifc-pipe-network.ts';
import { readPropertySets, type PropertySetsById } from './ifc-property-sets.ts';
import { readSpatialStructure } from './ifc-spatial-structure.ts';

export interface ImportIfcOptions extends IfcGeorefOptions, IfcPipeNetworkOptions {
  /** File name for messages and feature sources. */
  file?: string;
  /** Feature `source.dataset`. */
  dataset?: string;
  /** Layer id `[a-z0-9-]+`; default from the file name. */
  layerId?: string;
  layerName?: string;
  /** 'auto': a pipe network when the file has pipe segments or chambers and no building. */
  kind?: 'auto' | 'bim' | 'pipes';
  /** Project values used where the file has none (BIM only). */
  project?: BimProjectConfig;
}

export const IMPORT_IFC_DEFAULTS = { file: '<memory>', dataset: 'ifc', kind: 'auto' } as const satisfies ImportIfcOptions;


/** The georeferencing as plain data, for reports and `cimflow inspect`. */
export type IfcGeorefInfo = Omit<IfcGeoref, 'toMap' | 'toEcef'>;

export interface IfcImportResult {
  layer: FeatureLayer;
  file: string;
  schema: IfcSchemaVersion;
  /** FILE_SCHEMA as written, e.g. 'IFC4X3_RC3'. */
  rawSchema: string;
  georef: IfcGeorefInfo;
  /** The bim-project id the elements refer to (BIM layers). */
  projectId?: string;
  stats: IfcGeometryStats & { features: number };
  warnings: string[];
}

function slug(s: string): string {
  const t = s.toLowerCase().replace(/\.[a-z0-9]+$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return t || 'ifc';
}

export function georefInfo(g: IfcGeoref): IfcGeorefInfo {
  const { toMap: _m, toEcef: _e, ...info } = g;
  return info;
}

function validate(file: string, features: unknown[]): CimFeature[] {
  const out: CimFeature[] = [];
  const issues = [];
  for (let i = 0; i < features.length; i++) {
    const checked = checkFeature(features[i], { file, index: i });
    if (checked.feature) out.push(checked.feature);
    else issues.push(...checked.issues);
  }
  if (issues.length) {
    const err = new FeatureValidationError(issues);
    throw new IfcImportError(file, 'features', err.message, { cause: err });
  }
  return out;
}

function noGeometryWarning(model: IfcModel): string {
  const tin = model.idsOf(IFCTRIANGULATEDIRREGULARNETWORK).length;
  return `web-ifc produced no triangle geometry for this file${tin ? ` (it holds ${tin} IfcTriangulatedIrregularNetwork, which web-ifc does not triangulate)` : ''}; the layer has no meshes`;
}

function bimLayer(
  model: IfcModel, unit: number, psets: PropertySetsById, georef: IfcGeoref, elements: ElementGeometry[], options: ImportIfcOptions, dataset: string,
) {
  const spatial = readSpatialStructure(model, unit);
  const project = readBimProject(model, psets, georef, options.project ?? {}, dataset);
  const warnings: string[] = [];
  if (!project.feature) {
    warnings.push(`bim-project '${project.id}': ${project.missing.join(', ')} found neither in the file nor in options.project; the project feature is left out`);
  }
  const features: unknown[] = project.feature ? [project.feature] : [];
  const groups = new Map<string, MeshGroup>();
  const seen = new Set<string>();
  for (const el of elements) {
    const line = model.line(el.expressID);
    const guid = stepString(line.GlobalId);
    if (!guid || seen.has(guid)) {
      warnings.push(`${model.className(el.expressID)} #${el.expressID}: ${guid ? `GlobalId ${guid} already used by another product` : 'no GlobalId'}; left out`);
      continue;
    }
    seen.add(guid);
    const name = stepString(line.Name);
    const storey = spatial.storeyOf(el.expressID);
    const featureIndex = features.length;
    features.push({
      type: 'bim-element',
      id: `${project.id}:${guid}`,
      ...(name ? { name } : {}),
      source: { dataset, file: model.file, ref: `#${el.expressID}` },
      guid,
      ifcClass: model.className(el.expressID),
      projectId: project.id,
      ...(storey ? { storey: storey.name } : {}),
      propertySets: psets.get(el.expressID) ?? {},
    });
    for (const piece of el.pieces) {
      const key = colorKey(piece.color);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { material: materialForColor(piece.color, `ifc-rgba-${key.replaceAll(',', '-')}`), parts: [] }));
      g.parts.push({ featureIndex, piece });
    }
  }
  return { features, groups: groups.values(), warnings, projectId: project.id };
}

function pipeLayer(model: IfcModel, unit: number, georef: IfcGeoref, elements: ElementGeometry[], options: ImportIfcOptions, dataset: string, layerId: string) {
  const geometry = new Map(elements.map((e) => [e.expressID, e]));
  const network = readPipeNetwork({ model, unit, georef, geometry, dataset, idPrefix: `${layerId}:` }, options);
  const groups = new Map<PipeNetwork, MeshGroup>();
  let unused = 0;
  for (const el of elements) {
    const featureIndex = network.featureIndexOf.get(el.expressID);
    const net = network.networkOf.get(el.expressID);
    if (featureIndex === undefined || !net) {
      unused++;
      continue;
    }
    let g = groups.get(net);
    if (!g) groups.set(net, (g = { material: materialForColor([...NETWORK_SRGB[net].map((c) => c / 255), 1], `network-${net}`), parts: [] }));
    for (const piece of el.pieces) g.parts.push({ featureIndex, piece });
  }
  const warnings = [...network.warnings];
  if (unused) warnings.push(`${unused} product(s) with geometry are not pipes or chambers of the network; left out of the pipe layer`);
  return { features: network.features as unknown[], groups: groups.values(), warnings };
}

/** Imports one IFC file (bytes) as a georeferenced FeatureLayer. Throws IfcImportError naming the file and stage. */
export async function importIfc(bytes: Uint8Array, options: ImportIfcOptions = {}): Promise<IfcImportResult> {
  const file = options.file ?? IMPORT_IFC_DEFAULTS.file;
  const dataset = options.dataset ?? IMPORT_IFC_DEFAULTS.dataset;
  const model = await openIfcModel(bytes, file);
  try {
    return readModel(model, options, file, dataset);
  } catch (err) {
    if (err instanceof IfcImportError) throw err;
    // Dangling references and entities of the wrong type surface as TypeErrors from web-ifc or here.
    throw new IfcImportError(file, 'read', `unexpected failure while reading the model: ${(err as Error).message}`, { cause: err });
  } finally {
    model.close();
  }
}

/** The stages of importIfc on an open model: units, property sets, georef, geometry, features, meshes. */
function readModel(model: IfcModel, options: ImportIfcOptions, file: string, dataset: string): IfcImportResult {
  const unit = projectLengthUnitMetres(model);
  const psets = readPropertySets(model);
  const georef = resolveIfcGeoref(model, unit, psets, options);
  let streamed: ReturnType<typeof streamIfcGeometry>;
  try {
    streamed = streamIfcGeometry(model);
  } catch (err) {
    throw new IfcImportError(file, 'geometry', `web-ifc failed while tessellating: ${(err as Error).message}`, { cause: err });
  }
  const warnings: string[] = [];
  if (streamed.stats.meshes === 0) warnings.push(noGeometryWarning(model));
  const kind = options.kind && options.kind !== 'auto' ? options.kind
    : (model.idsOf(IFCPIPESEGMENT).length || model.idsOf(IFCDISTRIBUTIONCHAMBERELEMENT).length) && !model.idsOf(IFCBUILDING).length && !model.idsOf(IFCBUILDINGSTOREY).length
      ? 'pipes' : 'bim';
  const layerId = options.layerId ?? slug(path.basename(file));
  if (!/^[a-z0-9-]+$/.test(layerId)) throw new IfcImportError(file, 'features', `options.layerId: expected [a-z0-9-]+, found '${layerId}'`);
  const built = kind === 'pipes'
    ? { ...pipeLayer(model, unit, georef, streamed.elements, options, dataset, layerId), projectId: undefined }
    : bimLayer(model, unit, psets, georef, streamed.elements, options, dataset);
  warnings.push(...built.warnings);
  const features = validate(file, built.features);
  const meshes = buildGeoMeshes(built.groups, georef);
  return {
    layer: { id: layerId, name: options.layerName ?? path.basename(file), kind, features, meshes },
    file, schema: model.schema, rawSchema: model.rawSchema, georef: georefInfo(georef),
    ...(built.projectId ? { projectId: built.projectId } : {}),
    stats: { ...streamed.stats, features: features.length },
    warnings,
  };
}

/** importIfc with the file's pipe-network reading forced. */
export function importIfcPipeNetwork(bytes: Uint8Array, options: ImportIfcOptions = {}): Promise<IfcImportResult> {
  return importIfc(bytes, { ...options, kind: 'pipes' });
}

/** Reads and imports an IFC file from disk; `options.file` defaults to the path. */
export async function importIfcFile(filePath: string, options: ImportIfcOptions = {}): Promise<IfcImportResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(filePath);
  } catch (err) {
    throw new IfcImportError(options.file ?? filePath, 'open', `cannot read the file: ${(err as Error).message}`, { cause: err });
  }
  return importIfc(bytes, { file: filePath, ...options });
}
