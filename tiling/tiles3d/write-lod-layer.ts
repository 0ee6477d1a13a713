/**
 * A reality-mesh layer (LodLayer: ContextCapture-style PagedLOD pyramids) as 3D Tiles:
 * - one external tileset per root node, `<layer.id>/<root>/tileset.json`, in an ENU frame at the
 *   root's centre (the root tile's `transform`), one glb per LodNode in the same tree shape,
 *   `refine: REPLACE`, geometricError from the node (0 for leaves; never below a child's);
 * - the layer tileset `<layer.id>/tileset.json` lists the roots' tilesets with ECEF boxes, so it
 *   stays small however many source tiles there are;
 * - nodes are loaded, written and released one at a time (depth first: a node's meshes are
 *   dropped before its children load), so memory does not grow with the number of nodes.
 */
import { EnuFrame } from '../../cim-model/index.ts';
import type { GeoMesh, LodLayer, LodNode } from '../core/index.ts';
import { buildGlb } from './build-glb.ts';
import { frameAtCentre } from './content-frame.ts';
import { inputKey, type InputManifest } from './input-manifest.ts';
import { ASSET, Bounds, ecefBox, ecefCorners, localBox, tilesetBytes, type Tile, type Tileset } from './tileset-json.ts';
import type { TilesetTarget } from './tileset-target.ts';
import { Tiles3dError } from './tiles3d-error.ts';
import { WRITE_LAYER_DEFAULTS, type LayerResult, type WriteLayerOptions } from './write-layer-options.ts';

/** A file-name-safe, unique segment for an id. */
function safeName(id: string, used: Set<string>): string {
  const base = id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'node';
  let name = base;
  for (let i = 1; used.has(name); i++) name = `${base}~${i}`;
  used.add(name);
  return name;
}

function meshBounds(meshes: readonly GeoMesh[]): Bounds {
  const bounds = new Bounds();
  for (const mesh of meshes) {
    const p = mesh.positions;
    for (let i = 0; i < p.length; i += 3) bounds.addPoint(p[i], p[i + 1], p[i + 2]);
  }
  return bounds;
}

interface NodeRecord { bytes: number; triangles: number; min: number[]; max: number[] }

export async function writeLodLayer(
  layer: LodLayer, target: TilesetTarget, options: WriteLayerOptions = {}, manifest?: InputManifest,
): Promise<LayerResult> {
  const opts = { ...WRITE_LAYER_DEFAULTS, ...options };
  const glbOptions = { compression: opts.compression, textureFormat: opts.textureFormat, ...(opts.dracoPositionTolerance ? { dracoPositionTolerance: opts.dracoPositionTolerance } : {}) };
  if (!/^[a-z0-9-]+$/.test(layer.id)) throw new Tiles3dError({ where: `layer '${layer.id}'`, expected: 'an id of [a-z0-9-]+', found: JSON.stringify(layer.id) });
  if (layer.roots.length === 0) throw new Tiles3dError({ where: `layer '${layer.id}'`, expected: 'at least one root node', found: 'none' });
  const stats = { tiles: 0, glbs: 0, bytes: 0, triangles: 0, reused: 0 };
  const rootNames = new Set<string>();
  const children: Tile[] = [];
  const corners: number[][] = [];

  for (const rootNode of layer.roots) {
    const dir = `${layer.id}/${safeName(rootNode.id, rootNames)}`;
    const names = new Set<string>(['tileset.json']);
    let pending: GeoMesh[] | undefined;
    let frame: EnuFrame;
    if (rootNode.sphere) frame = EnuFrame.fromEcef(rootNode.sphere[0], rootNode.sphere[1], rootNode.sphere[2]);
    else {
      pending = await rootNode.load();
      const bounds = meshBounds(pending);
      if (bounds.empty) throw new Tiles3dError({ where: `layer '${layer.id}' node '${rootNode.id}'`, expected: 'a bounding sphere or geometry in the root node', found: 'neither' });
      frame = frameAtCentre(bounds.min, bounds.max);
    }

    const writeNode = async (node: LodNode): Promise<{ tile: Tile; bounds: Bounds }> => {
      stats.tiles++;
      const name = `${safeName(node.id, names)}.glb`;
      const path = `${dir}/${name}`;
      let record: NodeRecord | undefined;
      {
        // Scoped so the node's meshes can be collected before its children load.
        const meshes = pending ?? await node.load();
        pending = undefined;
        const triangles = meshes.reduce((s, m) => s + m.indices.length / 3, 0);
        if (triangles > 0) {
          const key = manifest ? inputKey(meshes, [], glbOptions) : '';
          record = manifest ? await manifest.reuse<NodeRecord>(target, path, key) : undefined;
          if (record) stats.reused++;
          else {
            const glb = await buildGlb({ meshes, features: [], frame }, glbOptions);
            await target.addEntry(path, glb.bytes);
            record = { bytes: glb.bytes.length, triangles: glb.triangles, min: glb.min, max: glb.max };
            manifest?.set(path, key, record);
          }
          stats.glbs++;
          stats.bytes += record.bytes;
          stats.triangles += record.triangles;
          opts.onProgress?.({ layer: layer.id, tiles: stats.glbs, triangles: stats.triangles, bytes: stats.bytes });
        }
      }
      const bounds = new Bounds();
      if (record) bounds.addBounds(record);
      const tiles: Tile[] = [];
      for (const child of node.children) {
        const written = await writeNode(child);
        bounds.addBounds(written.bounds);
        tiles.push(written.tile);
      }
      if (bounds.empty) bounds.addPoint(0, 0, 0);
      const childError = Math.max(0, ...tiles.map((t) => t.geometricError));
      const tile: Tile = {
        boundingVolume: localBox(bounds),
        geometricError: tiles.length ? Math.max(node.geometricError, childError) : 0,
        ...(record ? { content: { uri: name } } : {}),
        ...(tiles.length ? { refine: 'REPLACE' as const, children: tiles } : {}),
      };
      return { tile, bounds };
    };

    const { tile, bounds } = await writeNode(rootNode);
    const geometricError = Math.max(tile.geometricError, bounds.radius);
    const sub: Tileset = { asset: { ...ASSET }, geometricError, root: { ...tile, refine: 'REPLACE', transform: frame.toEcefMatrix() } };
    const json = tilesetBytes(sub);
    await target.addEntry(`${dir}/tileset.json`, json);
    stats.bytes += json.length;
    corners.push(...ecefCorners(frame, bounds));
    children.push({ boundingVolume: ecefBox(frame, bounds), geometricError, content: { uri: `${dir.slice(layer.id.length + 1)}/tileset.json` } });
  }

  // The layer's box: the roots' corners in an ENU frame at their centre.
  const ecef = new Bounds();
  for (const c of corners) ecef.addPoint(c[0], c[1], c[2]);
  const frame = frameAtCentre(ecef.min, ecef.max);
  const local = new Bounds();
  const enu = [0, 0, 0];
  for (const c of corners) {
    frame.fromEcef(c[0], c[1], c[2], enu);
    local.addPoint(enu[0], enu[1], enu[2]);
  }
  const geometricError = Math.max(...children.map((c) => c.geometricError));
  const boundingVolume = ecefBox(frame, local);
  const tileset: Tileset = { asset: { ...ASSET }, geometricError, root: { boundingVolume, geometricError, refine: 'ADD', children } };
  const uri = `${layer.id}/tileset.json`;
  const json = tilesetBytes(tileset);
  await target.addEntry(uri, json);
  return {
    id: layer.id, name: layer.name, kind: layer.kind, uri, geometricError, boundingVolume, corners: ecefCorners(frame, local),
    tiles: stats.tiles, glbs: stats.glbs, bytes: stats.bytes + json.length, triangles: stats.triangles, featureCounts: {}, reused: stats.reused,
  };
}
