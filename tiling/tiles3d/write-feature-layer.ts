/**
 * A feature layer (buildings, BIM, pipes…) as a 3D Tiles tileset under `<layer.id>/`:
 * - one ENU frame at the layer's centre, carried by the root tile's `transform`; content in
 *   Float32 relative to it (see content-frame.ts);
 * - a quadtree over the frame's east/north plane, features kept whole (assigned by the centre of
 *   their bounds), subdivided until a tile holds at most `maxTrianglesPerTile` triangles;
 * - parents hold their children's content simplified to the same budget (simplify-meshes.ts), with
 *   `geometricError` = the simplification error measured by meshoptimizer (or the size of the
 *   largest feature it pruned, if larger) plus the children's largest error, `refine: REPLACE`;
 *   leaves have geometricError 0;
 * - tiles are written bottom-up, so memory holds one leaf's triangles plus the pending siblings'
 *   simplified content, never a copy of the whole layer.
 */
import { featureTypeToClassId, type EnuFrame, type MetadataSchema } from '../../cim-model/index.ts';
import type { FeatureLayer, GeoMesh } from '../core/index.ts';
import { buildGlb } from './build-glb.ts';
import { compactMesh } from './compact-mesh.ts';
import { frameAtCentre } from './content-frame.ts';
import { inputKey, type InputManifest } from './input-manifest.ts';
import { simplifyMeshes } from './simplify-meshes.ts';
import { ASSET, Bounds, ecefBox, ecefCorners, localBox, tilesetBytes, type Tile, type Tileset } from './tileset-json.ts';
import type { TilesetTarget } from './tileset-target.ts';
import { Tiles3dError } from './tiles3d-error.ts';
import { WRITE_LAYER_DEFAULTS, type LayerResult, type WriteLayerOptions } from './write-layer-options.ts';

interface QuadNode {
  address: string;
  features: Uint32Array;
  triangles: number;
  children: QuadNode[];
}

/** Triangles of each feature, in CSR form: feature f owns entries start[f] .. start[f + 1]. */
interface FeatureTriangles {
  start: Uint32Array;
  mesh: Uint32Array;
  triangle: Uint32Array;
  /** Per feature: centre east, north of its bounds in the layer frame. */
  centre: Float64Array;
  /** Per feature: half the diagonal of its bounds, metres (the error of leaving it out). */
  radius: Float64Array;
}

function checkLayer(layer: FeatureLayer): void {
  if (!/^[a-z0-9-]+$/.test(layer.id)) throw new Tiles3dError({ where: `layer '${layer.id}'`, expected: 'an id of [a-z0-9-]+', found: JSON.stringify(layer.id) });
  layer.meshes.forEach((mesh, m) => {
    const where = `layer '${layer.id}' mesh ${m}`;
    const vertexCount = mesh.positions.length / 3;
    if (!mesh.featureIds) throw new Tiles3dError({ where, expected: 'featureIds (a feature layer tags every vertex)', found: 'none' });
    if (mesh.featureIds.length !== vertexCount) throw new Tiles3dError({ where, expected: `${vertexCount} feature ids`, found: String(mesh.featureIds.length) });
    for (const f of mesh.featureIds) if (f >= layer.features.length) throw new Tiles3dError({ where, expected: `feature ids below ${layer.features.length}`, found: String(f) });
    for (const v of mesh.indices) if (v >= vertexCount) throw new Tiles3dError({ where, expected: `indices below ${vertexCount}`, found: String(v) });
  });
}

function layerFrame(layer: FeatureLayer): EnuFrame {
  const bounds = new Bounds();
  for (const mesh of layer.meshes) {
    const p = mesh.positions;
    for (let i = 0; i < p.length; i += 3) bounds.addPoint(p[i], p[i + 1], p[i + 2]);
  }
  if (bounds.empty) throw new Tiles3dError({ where: `layer '${layer.id}'`, expected: 'at least one vertex', found: 'none' });
  return frameAtCentre(bounds.min, bounds.max);
}

function indexFeatures(layer: FeatureLayer, frame: EnuFrame): FeatureTriangles {
  const featureCount = layer.features.length;
  const count = new Uint32Array(featureCount + 1);
  const lo = new Float64Array(featureCount * 3).fill(Infinity), hi = new Float64Array(featureCount * 3).fill(-Infinity);
  const enu = new Float64Array(3);
  for (const mesh of layer.meshes) {
    const ids = mesh.featureIds!, p = mesh.positions;
    for (let t = 0; t < mesh.indices.length; t += 3) count[ids[mesh.indices[t]]]++;
    for (let v = 0; v < ids.length; v++) {
      frame.fromEcef(p[3 * v], p[3 * v + 1], p[3 * v + 2], enu);
      const f = ids[v];
      for (let k = 0; k < 3; k++) {
        if (enu[k] < lo[3 * f + k]) lo[3 * f + k] = enu[k];
        if (enu[k] > hi[3 * f + k]) hi[3 * f + k] = enu[k];
      }
    }
  }
  const start = new Uint32Array(featureCount + 1);
  for (let f = 0; f < featureCount; f++) start[f + 1] = start[f] + count[f];
  const total = start[featureCount];
  const meshOf = new Uint32Array(total), triangleOf = new Uint32Array(total);
  const fill = start.slice(0, featureCount);
  layer.meshes.forEach((mesh, m) => {
    const ids = mesh.featureIds!;
    for (let t = 0; t < mesh.indices.length / 3; t++) {
      const at = fill[ids[mesh.indices[3 * t]]]++;
      meshOf[at] = m;
      triangleOf[at] = t;
    }
  });
  const centre = new Float64Array(featureCount * 2), radius = new Float64Array(featureCount);
  for (let f = 0; f < featureCount; f++) {
    if (!Number.isFinite(lo[3 * f])) continue;
    for (let k = 0; k < 2; k++) centre[2 * f + k] = (lo[3 * f + k] + hi[3 * f + k]) / 2;
    radius[f] = Math.hypot(hi[3 * f] - lo[3 * f], hi[3 * f + 1] - lo[3 * f + 1], hi[3 * f + 2] - lo[3 * f + 2]) / 2;
  }
  return { start, mesh: meshOf, triangle: triangleOf, centre, radius };
}

function buildQuadtree(index: FeatureTriangles, maxTriangles: number, maxDepth: number): QuadNode {
  const featureCount = index.start.length - 1;
  const trianglesOf = (f: number): number => index.start[f + 1] - index.start[f];
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const all: number[] = [];
  for (let f = 0; f < featureCount; f++) {
    if (trianglesOf(f) === 0) continue;
    all.push(f);
    x0 = Math.min(x0, index.centre[2 * f]); x1 = Math.max(x1, index.centre[2 * f]);
    y0 = Math.min(y0, index.centre[2 * f + 1]); y1 = Math.max(y1, index.centre[2 * f + 1]);
  }
  const size = Math.max(x1 - x0, y1 - y0, 1e-3);
  const split = (features: Uint32Array, address: string, cx: number, cy: number, half: number, depth: number): QuadNode => {
    let triangles = 0;
    for (const f of features) triangles += trianglesOf(f);
    const node: QuadNode = { address, features, triangles, children: [] };
    if (triangles <= maxTriangles || features.length <= 1 || depth >= maxDepth) return node;
    const quadrants: number[][] = [[], [], [], []];
    for (const f of features) quadrants[(index.centre[2 * f] >= cx ? 1 : 0) + (index.centre[2 * f + 1] >= cy ? 2 : 0)].push(f);
    quadrants.forEach((list, q) => {
      if (list.length === 0) return;
      const qx = cx + (q & 1 ? half / 2 : -half / 2), qy = cy + (q & 2 ? half / 2 : -half / 2);
      node.children.push(split(Uint32Array.from(list), `${address}${q}`, qx, qy, half / 2, depth + 1));
    });
    // All features in one quadrant: that child replaces this node.
    if (node.children.length === 1) return { ...node.children[0], address };
    return node;
  };
  return split(Uint32Array.from(all), 't', (x0 + x1) / 2, (y0 + y1) / 2, size / 2 + 1e-3, 0);
}

/** The leaf content: per mesh, the triangles of the node's features, compacted (count, then fill). */
function extract(layer: FeatureLayer, index: FeatureTriangles, features: Uint32Array): GeoMesh[] {
  const counts = new Uint32Array(layer.meshes.length);
  for (const f of features) for (let at = index.start[f]; at < index.start[f + 1]; at++) counts[index.mesh[at]]++;
  const lists = Array.from(counts, (n) => new Uint32Array(n * 3));
  const fill = new Uint32Array(layer.meshes.length);
  for (const f of features) {
    for (let at = index.start[f]; at < index.start[f + 1]; at++) {
      const m = index.mesh[at], t = index.triangle[at], indices = layer.meshes[m].indices;
      const i = 3 * fill[m]++;
      lists[m][i] = indices[3 * t];
      lists[m][i + 1] = indices[3 * t + 1];
      lists[m][i + 2] = indices[3 * t + 2];
    }
  }
  const out: GeoMesh[] = [];
  lists.forEach((indices, m) => { if (indices.length > 0) out.push(compactMesh(layer.meshes[m], indices)); });
  return out;
}

/** The largest radius of the features of `features` that no vertex of `meshes` belongs to. */
function droppedRadius(index: FeatureTriangles, features: Uint32Array, meshes: readonly GeoMesh[]): number {
  const kept = new Set<number>();
  for (const mesh of meshes) for (const f of mesh.featureIds!) kept.add(f);
  let radius = 0;
  for (const f of features) if (!kept.has(f)) radius = Math.max(radius, index.radius[f]);
  return radius;
}

interface LayerRecord {
  result: Omit<LayerResult, 'reused'>;
}

export async function writeFeatureLayer(
  layer: FeatureLayer, target: TilesetTarget, schema: MetadataSchema, options: WriteLayerOptions = {}, manifest?: InputManifest,
): Promise<LayerResult> {
  const opts = { ...WRITE_LAYER_DEFAULTS, ...options };
  const { maxTrianglesPerTile, maxDepth, onProgress } = opts;
  const glbOptions = { compression: opts.compression, textureFormat: opts.textureFormat, ...(opts.dracoPositionTolerance ? { dracoPositionTolerance: opts.dracoPositionTolerance } : {}) };
  checkLayer(layer);
  const uri = `${layer.id}/tileset.json`;
  const key = manifest ? inputKey(layer.meshes, layer.features, { glbOptions, maxTrianglesPerTile, maxDepth, schema: schema.version, name: layer.name, kind: layer.kind }) : '';
  const kept = manifest ? await manifest.reuse<LayerRecord>(target, uri, key) : undefined;
  if (kept) return { ...kept.result, reused: kept.result.glbs + 1 };

  const frame = layerFrame(layer);
  const index = indexFeatures(layer, frame);
  const tree = buildQuadtree(index, maxTrianglesPerTile, maxDepth);
  const stats = { tiles: 0, glbs: 0, bytes: 0, triangles: 0 };

  const writeContent = async (node: QuadNode, meshes: GeoMesh[]): Promise<{ path: string; bounds: Bounds }> => {
    const glb = await buildGlb({ meshes, features: layer.features, schema, frame }, glbOptions);
    const path = `${layer.id}/tiles/${node.address}.glb`;
    await target.addEntry(path, glb.bytes);
    stats.glbs++;
    stats.bytes += glb.bytes.length;
    stats.triangles += glb.triangles;
    onProgress?.({ layer: layer.id, tiles: stats.glbs, triangles: stats.triangles, bytes: stats.bytes });
    return { path, bounds: new Bounds().addBounds(glb) };
  };

  const writeNode = async (node: QuadNode): Promise<{ tile: Tile; meshes: GeoMesh[]; error: number; bounds: Bounds }> => {
    stats.tiles++;
    if (node.children.length === 0) {
      const meshes = extract(layer, index, node.features);
      const { path, bounds } = await writeContent(node, meshes);
      const tile: Tile = { boundingVolume: localBox(bounds), geometricError: 0, content: { uri: path.slice(layer.id.length + 1) } };
      return { tile, meshes, error: 0, bounds };
    }
    const children = [];
    for (const child of node.children) children.push(await writeNode(child));
    const bounds = new Bounds();
    for (const c of children) bounds.addBounds(c.bounds);
    const childError = Math.max(...children.map((c) => c.error));
    const simplified = await simplifyMeshes(children.flatMap((c) => c.meshes), frame, {
      targetTriangles: maxTrianglesPerTile, maxError: bounds.radius,
    });
    // Features the simplification pruned away entirely are an error of their own size.
    const error = Math.max(simplified.error, droppedRadius(index, node.features, simplified.meshes)) + childError;
    const { path, bounds: contentBounds } = await writeContent(node, simplified.meshes);
    bounds.addBounds(contentBounds);
    const tile: Tile = {
      boundingVolume: localBox(bounds),
      geometricError: error,
      refine: 'REPLACE',
      content: { uri: path.slice(layer.id.length + 1) },
      children: children.map((c) => c.tile),
    };
    return { tile, meshes: simplified.meshes, error, bounds };
  };

  const top = await writeNode(tree);
  const root: Tile = { ...top.tile, transform: frame.toEcefMatrix(), refine: 'REPLACE' };
  const geometricError = Math.max(top.error, top.bounds.radius);
  const tileset: Tileset = { asset: { ...ASSET }, geometricError, root };
  const json = tilesetBytes(tileset);
  await target.addEntry(uri, json);

  const featureCounts: Record<string, number> = {};
  for (let f = 0; f < layer.features.length; f++) {
    if (index.start[f + 1] === index.start[f]) continue;
    const classId = featureTypeToClassId(layer.features[f].type);
    featureCounts[classId] = (featureCounts[classId] ?? 0) + 1;
  }
  const result: Omit<LayerResult, 'reused'> = {
    id: layer.id, name: layer.name, kind: layer.kind, uri, geometricError,
    boundingVolume: ecefBox(frame, top.bounds), corners: ecefCorners(frame, top.bounds),
    tiles: stats.tiles, glbs: stats.glbs, bytes: stats.bytes + json.length, triangles: stats.triangles, featureCounts,
  };
  manifest?.set(uri, key, { result } satisfies LayerRecord);
  return { ...result, reused: 0 };
}
