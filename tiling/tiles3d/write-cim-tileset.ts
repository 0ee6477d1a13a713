/**
 * The CIM tileset: every layer written as its own tileset under `<layer.id>/tileset.json`, joined
 * under a root `tileset.json` whose children reference them as external tilesets. The root embeds
 * the cim-model metadata schema (3D Tiles 1.1 §"Metadata": `schema`, `groups`, `metadata`,
 * `statistics`) plus two classes of its own, `cimLayer` (one group per layer: id, name, kind — the
 * viewer's layer tree) and `cimTileset`. The manifest and then the root are written last, and
 * nothing is committed unless every layer was written (TilesetTarget commit protocol).
 */
import { buildMetadataSchema, type MetadataSchema } from '../../cim-model/index.ts';
import type { FeatureLayer, LodLayer } from '../core/index.ts';
import { frameAtCentre } from './content-frame.ts';
import { InputManifest, MANIFEST_PATH } from './input-manifest.ts';
import { checkTextureFormat } from './texture-encoding.ts';
import { ASSET, Bounds, ecefBox, tilesetBytes, type Tileset } from './tileset-json.ts';
import { ROOT_TILESET_PATH, type TilesetTarget } from './tileset-target.ts';
import { Tiles3dError } from './tiles3d-error.ts';
import { writeFeatureLayer } from './write-feature-layer.ts';
import type { LayerResult, WriteLayerOptions } from './write-layer-options.ts';
import { writeLodLayer } from './write-lod-layer.ts';

export interface CimTilesetInput {
  layers: ReadonlyArray<FeatureLayer | LodLayer>;
  /** Display name of the model (tileset metadata). */
  name?: string;
  /** Metadata schema; default: buildMetadataSchema() of cim-model. */
  schema?: MetadataSchema;
}

export interface WriteCimTilesetOptions extends WriteLayerOptions {
  /** Reuse outputs of unchanged inputs from the target's previous run (folder targets). */
  incremental?: boolean;
}

export const WRITE_CIM_TILESET_DEFAULTS = { incremental: true } as const satisfies WriteCimTilesetOptions;

export interface CimTilesetResult {
  tiles: number;
  glbs: number;
  bytes: number;
  triangles: number;
  layers: LayerResult[];
}

/** Classes the root tileset adds to the feature schema. */
export const CIM_TILESET_CLASSES = {
  cimLayer: {
    name: 'CIM layer',
    description: 'A layer of the CIM tileset (tileset group): one external tileset',
    properties: {
      id: { type: 'STRING', semantic: 'ID', required: true, description: 'layer id, also its folder name' },
      name: { type: 'STRING', semantic: 'NAME', required: true, description: 'display name' },
      kind: { type: 'STRING', required: true, description: 'reality-mesh, buildings, bim, pipes, terrain, roads, parcels or other' },
    },
  },
  cimTileset: {
    name: 'CIM tileset',
    properties: {
      name: { type: 'STRING', semantic: 'NAME', required: true },
      layerCount: { type: 'SCALAR', componentType: 'UINT32', required: true },
    },
  },
} as const satisfies MetadataSchema['classes'];

const isLodLayer = (layer: FeatureLayer | LodLayer): layer is LodLayer => 'roots' in layer;

export async function writeCimTileset(
  input: CimTilesetInput, target: TilesetTarget, options: WriteCimTilesetOptions = {},
): Promise<CimTilesetResult> {
  const { incremental, ...layerOptions } = { ...WRITE_CIM_TILESET_DEFAULTS, ...options };
  await checkTextureFormat(layerOptions.textureFormat ?? 'keep');
  const ids = new Set<string>();
  for (const layer of input.layers) {
    if (ids.has(layer.id)) throw new Tiles3dError({ where: `layers`, expected: 'unique layer ids', found: `'${layer.id}' twice` });
    ids.add(layer.id);
  }
  if (input.layers.length === 0) throw new Tiles3dError({ where: 'layers', expected: 'at least one layer', found: 'none' });
  const schema = input.schema ?? buildMetadataSchema();
  for (const classId of Object.keys(CIM_TILESET_CLASSES)) {
    if (schema.classes?.[classId]) throw new Tiles3dError({ where: `schema.classes.${classId}`, expected: 'a class id the root tileset does not use', found: 'a feature class of that id' });
  }

  const manifest = incremental ? await InputManifest.load(target) : undefined;
  await target.begin();
  try {
    const layers: LayerResult[] = [];
    for (const layer of input.layers) {
      layers.push(isLodLayer(layer)
        ? await writeLodLayer(layer, target, layerOptions, manifest)
        : await writeFeatureLayer(layer, target, schema, layerOptions, manifest));
    }

    const ecef = new Bounds();
    for (const layer of layers) for (const c of layer.corners) ecef.addPoint(c[0], c[1], c[2]);
    const frame = frameAtCentre(ecef.min, ecef.max);
    const local = new Bounds();
    const enu = [0, 0, 0];
    for (const layer of layers) for (const c of layer.corners) {
      frame.fromEcef(c[0], c[1], c[2], enu);
      local.addPoint(enu[0], enu[1], enu[2]);
    }
    const counts: Record<string, { count: number }> = {};
    for (const layer of layers) for (const [classId, count] of Object.entries(layer.featureCounts)) {
      counts[classId] = { count: (counts[classId]?.count ?? 0) + count };
    }
    const geometricError = Math.max(...layers.map((l) => l.geometricError));
    const tileset: Tileset = {
      asset: { ...ASSET },
      schema: { ...schema, classes: { ...schema.classes, ...CIM_TILESET_CLASSES } },
      ...(Object.keys(counts).length ? { statistics: { classes: counts } } : {}),
      groups: layers.map((l) => ({ class: 'cimLayer', properties: { id: l.id, name: l.name, kind: l.kind } })),
      metadata: { class: 'cimTileset', properties: { name: input.name ?? 'CIM', layerCount: layers.length } },
      geometricError: Math.max(geometricError, local.radius),
      root: {
        boundingVolume: ecefBox(frame, local),
        geometricError,
        refine: 'ADD',
        children: layers.map((l, i) => ({ boundingVolume: l.boundingVolume, geometricError: l.geometricError, content: { uri: l.uri, group: i } })),
      },
    };
    if (manifest) await target.addEntry(MANIFEST_PATH, manifest.bytes());
    const rootJson = tilesetBytes(tileset);
    await target.addEntry(ROOT_TILESET_PATH, rootJson);
    await target.end();
    const sum = (f: (l: LayerResult) => number): number => layers.reduce((s, l) => s + f(l), 0);
    return { tiles: sum((l) => l.tiles) + 1, glbs: sum((l) => l.glbs), bytes: sum((l) => l.bytes) + rootJson.length, triangles: sum((l) => l.triangles), layers };
  } catch (error) {
    await target.abort();
    throw error;
  }
}
