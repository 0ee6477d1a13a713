/**
 * One glb from georeferenced meshes: vertices moved from ECEF into a content frame (ENU, Float32,
 * y-up; see content-frame.ts), features written as EXT_mesh_features feature IDs (`_FEATURE_ID_0`,
 * one primitive per material and metadata class) with one EXT_structural_metadata property table
 * per primitive, photogrammetry materials as KHR_materials_unlit, normals as normalized int8
 * (KHR_mesh_quantization), optional EXT_meshopt_compression or KHR_draco_mesh_compression.
 * Positions are never quantized beyond what keeps them within a few millimetres.
 */
import { Document, Logger, NodeIO, type Material, type PlatformIO, type Texture } from '@gltf-transform/core';
import {
  EXTMeshFeatures, EXTMeshoptCompression, EXTTextureWebP, KHRDracoMeshCompression, KHRMaterialsUnlit,
  KHRMeshQuantization, KHRTextureBasisu,
} from '@gltf-transform/extensions';
import { reorder } from '@gltf-transform/functions';
import { MeshoptDecoder, MeshoptEncoder } from 'meshoptimizer';
import {
  featurePropertyRow, featureTypeToClassId, type CimFeature, type EnuFrame, type MetadataSchema, type MetadataValue,
} from '../../cim-model/index.ts';
import type { GeoMesh, MaterialSpec } from '../core/index.ts';
import { CimStructuralMetadata } from './cim-structural-metadata.ts';
import { enuToYUp } from './content-frame.ts';
import { writeGlbBytes } from './glb-bytes.ts';
import { encodePropertyColumn } from './property-table.ts';
import { encodeTexture, type TextureFormat } from './texture-encoding.ts';
import { Tiles3dError } from './tiles3d-error.ts';

export type Compression = 'none' | 'meshopt' | 'draco';

export interface BuildGlbOptions {
  compression?: Compression;
  textureFormat?: TextureFormat;
  /** Largest position error draco quantization may introduce, metres. */
  dracoPositionTolerance?: number;
}

export const BUILD_GLB_DEFAULTS: Required<BuildGlbOptions> = {
  compression: 'none',
  textureFormat: 'keep',
  dracoPositionTolerance: 0.002,
};

export interface GlbInput {
  meshes: readonly GeoMesh[];
  /** The layer's features; `GeoMesh.featureIds` index into them. */
  features: readonly CimFeature[];
  /** The metadata schema the property tables follow (needed when meshes carry feature IDs). */
  schema?: MetadataSchema;
  /** Content frame: glb coordinates are ENU metres at its origin, rotated to y-up. */
  frame: EnuFrame;
}

export interface BuiltGlb {
  bytes: Uint8Array;
  triangles: number;
  vertices: number;
  /** Features with property-table rows in this glb. */
  features: number;
  /** Bounds of the content in the frame's ENU axes (z up), metres. */
  min: [number, number, number];
  max: [number, number, number];
}

const EXTENSIONS = [
  EXTMeshFeatures, CimStructuralMetadata, EXTMeshoptCompression, KHRDracoMeshCompression, KHRMaterialsUnlit,
  KHRMeshQuantization, EXTTextureWebP, KHRTextureBasisu,
];
let ioPromise: Promise<PlatformIO> | undefined;
let dracoIoPromise: Promise<PlatformIO> | undefined;

/**
 * The glTF I/O with every extension cimflow writes or reads and the meshopt codec; with
 * `draco: true` also the Draco encoder and decoder (WebAssembly, loaded only when asked for).
 */
export function glbIo(options: { draco?: boolean } = {}): Promise<PlatformIO> {
  ioPromise ??= (async () => {
    await MeshoptEncoder.ready;
    await MeshoptDecoder.ready;
    return new NodeIO().registerExtensions(EXTENSIONS).registerDependencies({ 'meshopt.encoder': MeshoptEncoder, 'meshopt.decoder': MeshoptDecoder });
  })();
  if (!options.draco) return ioPromise;
  dracoIoPromise ??= (async () => {
    const draco = (await import('draco3dgltf' as string)).default as {
      createEncoderModule(): Promise<unknown>; createDecoderModule(): Promise<unknown>;
    };
    await MeshoptEncoder.ready;
    await MeshoptDecoder.ready;
    return new NodeIO().registerExtensions(EXTENSIONS).registerDependencies({
      'draco3d.encoder': await draco.createEncoderModule(),
      'draco3d.decoder': await draco.createDecoderModule(),
      'meshopt.encoder': MeshoptEncoder,
      'meshopt.decoder': MeshoptDecoder,
    });
  })();
  return dracoIoPromise;
}

/** Triangles of one mesh that go into one primitive. */
interface Part { mesh: GeoMesh; triangles: Uint32Array }
interface Group {
  material: MaterialSpec;
  classId: string | undefined;
  parts: Part[];
  /** Layer feature indices in table row order, and the inverse. */
  rows: number[];
  rowOf: Map<number, number>;
}

const ids = new WeakMap<object, number>();
let nextId = 1;
/** A process-wide number for an object, so equal materials with different textures stay apart. */
function identity(object: object): number {
  let id = ids.get(object);
  if (id === undefined) ids.set(object, (id = nextId++));
  return id;
}

function materialKey(m: MaterialSpec): string {
  return JSON.stringify([m.name, m.baseColor, m.metallic, m.roughness, m.doubleSided, m.alphaMode, m.unlit, m.texture ? identity(m.texture.data) : 0]);
}

/** The schema with only `classIds` and the enums they use; id and version stay those of the full model. */
export function pruneSchema(schema: MetadataSchema, classIds: readonly string[]): MetadataSchema {
  const classes = Object.fromEntries(classIds.map((id) => [id, schema.classes?.[id] ?? {}]));
  const enumIds = new Set<string>();
  for (const cls of Object.values(classes)) for (const p of Object.values(cls.properties ?? {})) if (p.enumType) enumIds.add(p.enumType);
  const enums = Object.fromEntries([...enumIds].sort().map((id) => [id, schema.enums![id]]));
  const { enums: _all, ...rest } = schema;
  return { ...rest, classes, ...(enumIds.size ? { enums } : {}) };
}

export async function buildGlb(input: GlbInput, options: BuildGlbOptions = {}): Promise<BuiltGlb> {
  const { compression, textureFormat, dracoPositionTolerance } = { ...BUILD_GLB_DEFAULTS, ...options };
  const { meshes, features, frame } = input;

  // Group triangles by (material, class): one primitive and one property table per group, so a
  // primitive's feature IDs are exactly 0 … featureCount − 1 (EXT_mesh_features: featureCount is
  // the number of distinct features in the attribute). A feature with two materials has a row in
  // both tables.
  const groups = new Map<string, Group>();
  const groupOf = (key: string, material: MaterialSpec, classId: string | undefined): Group => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { material, classId, parts: [], rows: [], rowOf: new Map() }));
    return group;
  };
  for (const mesh of meshes) {
    const triangleCount = mesh.indices.length / 3;
    const mKey = materialKey(mesh.material);
    if (!mesh.featureIds) {
      groupOf(`${mKey}|`, mesh.material, undefined).parts.push({ mesh, triangles: Uint32Array.from({ length: triangleCount }, (_, t) => t) });
      continue;
    }
    const lists = new Map<Group, number[]>();
    let lastFeature = -1, list: number[] = [];
    for (let t = 0; t < triangleCount; t++) {
      const featureIndex = mesh.featureIds[mesh.indices[3 * t]];
      if (featureIndex !== lastFeature) {
        // Triangles come in runs of one feature: look the class up once per run.
        const feature = features[featureIndex];
        if (!feature) throw new Tiles3dError({ where: `mesh feature id of triangle ${t}`, expected: `an index below ${features.length}`, found: String(featureIndex) });
        const classId = featureTypeToClassId(feature.type);
        const group = groupOf(`${mKey}|${classId}`, mesh.material, classId);
        if (!group.rowOf.has(featureIndex)) {
          group.rowOf.set(featureIndex, group.rows.length);
          group.rows.push(featureIndex);
        }
        list = lists.get(group) ?? [];
        lists.set(group, list);
        lastFeature = featureIndex;
      }
      list.push(t);
    }
    for (const [group, triangles] of lists) group.parts.push({ mesh, triangles: Uint32Array.from(triangles) });
  }
  const featureGroups = [...groups.values()].filter((g) => g.classId !== undefined);
  if (featureGroups.length > 0 && !input.schema) throw new Tiles3dError({ where: 'buildGlb', expected: 'a metadata schema for meshes with feature IDs', found: 'none' });

  const doc = new Document().setLogger(new Logger(Logger.Verbosity.WARN));
  const buffer = doc.createBuffer();
  const scene = doc.createScene();
  const gltfMesh = doc.createMesh();
  scene.addChild(doc.createNode().setMesh(gltfMesh));
  const unlitExt = doc.createExtension(KHRMaterialsUnlit);
  const quantization = doc.createExtension(KHRMeshQuantization).setRequired(true);
  const meshFeatures = doc.createExtension(EXTMeshFeatures);
  if (compression === 'meshopt') {
    doc.createExtension(EXTMeshoptCompression).setRequired(true).setEncoderOptions({ method: EXTMeshoptCompression.EncoderMethod.QUANTIZE });
  }
  const draco = compression === 'draco' ? doc.createExtension(KHRDracoMeshCompression).setRequired(true) : undefined;
  const metadataExt = doc.createExtension(CimStructuralMetadata);

  // Property tables (EXT_structural_metadata §"Property Tables"), one per feature group.
  const tableObjects = new Map<Group, ReturnType<typeof metadataExt.createPropertyTable>>();
  if (featureGroups.length > 0) {
    const schema = input.schema!;
    metadataExt.schemaJson = pruneSchema(schema, [...new Set(featureGroups.map((g) => g.classId!))].sort());
    const root = metadataExt.createStructuralMetadata();
    doc.getRoot().setExtension(metadataExt.extensionName, root);
    for (const group of featureGroups) {
      const classId = group.classId!;
      const cls = schema.classes?.[classId];
      if (!cls) throw new Tiles3dError({ where: `schema.classes`, expected: `class '${classId}'`, found: 'none' });
      const rows = group.rows.map((i) => featurePropertyRow(classId, features[i]));
      const table = metadataExt.createPropertyTable().setClass(classId).setCount(rows.length).setName(classId);
      for (const [propertyId, property] of Object.entries(cls.properties ?? {})) {
        const column = encodePropertyColumn(property, schema, rows.map((r) => r[propertyId] as MetadataValue), `${classId}.${propertyId}`);
        const value = metadataExt.createPropertyTableProperty().setValues(column.values);
        if (column.arrayOffsets) value.setArrayOffsets(column.arrayOffsets).setArrayOffsetType('UINT32');
        if (column.stringOffsets) value.setStringOffsets(column.stringOffsets).setStringOffsetType('UINT32');
        table.setProperty(propertyId, value);
      }
      root.addPropertyTable(table);
      tableObjects.set(group, table);
    }
  }

  const materials = new Map<string, Material>();
  const textures = new Map<Uint8Array, Texture>();
  async function materialOf(spec: MaterialSpec): Promise<Material> {
    const key = materialKey(spec);
    const known = materials.get(key);
    if (known) return known;
    const material = doc.createMaterial(spec.name ?? '')
      .setBaseColorFactor(spec.baseColor)
      .setMetallicFactor(spec.metallic ?? 0)
      .setRoughnessFactor(spec.roughness ?? 1)
      .setDoubleSided(spec.doubleSided ?? false)
      .setAlphaMode(spec.alphaMode ?? 'OPAQUE');
    if (spec.unlit) material.setExtension(unlitExt.extensionName, unlitExt.createUnlit());
    if (spec.texture) {
      let texture = textures.get(spec.texture.data);
      if (!texture) {
        const image = await encodeTexture(spec.texture, textureFormat);
        if (image.mimeType === 'image/webp') doc.createExtension(EXTTextureWebP).setRequired(true);
        if (image.mimeType === 'image/ktx2') doc.createExtension(KHRTextureBasisu).setRequired(true);
        texture = doc.createTexture(spec.texture.name ?? '').setImage(image.data).setMimeType(image.mimeType);
        textures.set(spec.texture.data, texture);
      }
      material.setBaseColorTexture(texture);
    }
    materials.set(key, material);
    return material;
  }

  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  const enu = new Float64Array(3);
  let totalTriangles = 0, totalVertices = 0, usesQuantization = false;

  for (const group of groups.values()) {
    const { parts, material } = group;
    const withNormals = !material.unlit;
    const withUv = material.texture !== undefined && parts.every((p) => p.mesh.texcoords);
    const withColor = parts.every((p) => p.mesh.colors);
    // Count: the vertices each part uses, remapped to a compact range.
    const remaps = parts.map((part) => {
      const remap = new Int32Array(part.mesh.positions.length / 3).fill(-1);
      let used = 0;
      for (const t of part.triangles) for (let k = 0; k < 3; k++) {
        const v = part.mesh.indices[3 * t + k];
        if (remap[v] < 0) remap[v] = used++;
      }
      return { remap, used };
    });
    const vertexCount = remaps.reduce((s, r) => s + r.used, 0);
    const triangleCount = parts.reduce((s, p) => s + p.triangles.length, 0);
    if (triangleCount === 0) continue;
    // Fill.
    const positions = new Float32Array(vertexCount * 3);
    const normals = withNormals ? new Float32Array(vertexCount * 3) : undefined;
    const uvs = withUv ? new Float32Array(vertexCount * 2) : undefined;
    const colors = withColor ? new Uint8Array(vertexCount * 4) : undefined;
    const featureIds = group.classId ? new Float64Array(vertexCount) : undefined;
    const indices = vertexCount > 65535 ? new Uint32Array(triangleCount * 3) : new Uint16Array(triangleCount * 3);
    let base = 0, ii = 0;
    const givenNormals = withNormals && parts.every((p) => p.mesh.normals);
    parts.forEach((part, pi) => {
      const { remap, used } = remaps[pi];
      const { mesh } = part;
      const p = mesh.positions;
      for (let v = 0; v < remap.length; v++) {
        const r = remap[v];
        if (r < 0) continue;
        const out = base + r;
        frame.fromEcef(p[3 * v], p[3 * v + 1], p[3 * v + 2], enu);
        for (let k = 0; k < 3; k++) {
          if (enu[k] < min[k]) min[k] = enu[k];
          if (enu[k] > max[k]) max[k] = enu[k];
        }
        enuToYUp(enu[0], enu[1], enu[2], positions, 3 * out);
        if (normals && givenNormals) {
          const nx = mesh.normals![3 * v], ny = mesh.normals![3 * v + 1], nz = mesh.normals![3 * v + 2];
          // Rotate only: the frame's ENU of (origin + n) minus ENU of the origin.
          const o = frame.originEcef;
          frame.fromEcef(o[0] + nx, o[1] + ny, o[2] + nz, enu);
          enuToYUp(enu[0], enu[1], enu[2], normals, 3 * out);
        }
        if (uvs) { uvs[2 * out] = mesh.texcoords![2 * v]; uvs[2 * out + 1] = mesh.texcoords![2 * v + 1]; }
        if (colors) for (let k = 0; k < 4; k++) colors[4 * out + k] = mesh.colors![4 * v + k];
        if (featureIds) featureIds[out] = group.rowOf.get(mesh.featureIds![v]) ?? 0;
      }
      for (const t of part.triangles) for (let k = 0; k < 3; k++) indices[ii++] = base + remap[mesh.indices[3 * t + k]];
      base += used;
    });
    if (normals && !givenNormals) areaWeightedNormals(positions, indices, normals);

    const prim = doc.createPrimitive()
      .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(positions).setBuffer(buffer))
      .setIndices(doc.createAccessor().setType('SCALAR').setArray(indices).setBuffer(buffer))
      .setMaterial(await materialOf(material));
    if (normals) {
      prim.setAttribute('NORMAL', doc.createAccessor().setType('VEC3').setArray(toInt8Normals(normals)).setNormalized(true).setBuffer(buffer));
      usesQuantization = true;
    }
    if (uvs) prim.setAttribute('TEXCOORD_0', doc.createAccessor().setType('VEC2').setArray(uvs).setBuffer(buffer));
    if (colors) prim.setAttribute('COLOR_0', doc.createAccessor().setType('VEC4').setArray(colors).setNormalized(true).setBuffer(buffer));
    if (featureIds && group.classId) {
      const table = tableObjects.get(group)!;
      const count = table.getCount();
      // EXT_mesh_features §"Feature ID by Vertex": UNSIGNED_BYTE, UNSIGNED_SHORT or FLOAT (exact below 2^24).
      const array = count <= 255 ? Uint8Array.from(featureIds) : count <= 65535 ? Uint16Array.from(featureIds) : Float32Array.from(featureIds);
      prim.setAttribute('_FEATURE_ID_0', doc.createAccessor().setType('SCALAR').setArray(array).setBuffer(buffer));
      const fid = meshFeatures.createFeatureID().setFeatureCount(count).setAttribute(0).setPropertyTable(table).setLabel(group.classId);
      prim.setExtension(meshFeatures.extensionName, meshFeatures.createFeatures().addFeatureID(fid));
    }
    gltfMesh.addPrimitive(prim);
    totalTriangles += triangleCount;
    totalVertices += vertexCount;
  }
  if (!usesQuantization) quantization.dispose();
  if (materials.size === 0 || ![...materials.values()].some((m) => m.getExtension(unlitExt.extensionName))) unlitExt.dispose();
  if (featureGroups.length === 0) {
    meshFeatures.dispose();
    metadataExt.dispose();
  }

  if (compression === 'meshopt') await doc.transform(reorder({ encoder: MeshoptEncoder, target: 'size' }));
  if (draco) {
    const extent = Math.max(max[0] - min[0], max[1] - min[1], max[2] - min[2], 1);
    // Draco quantizes each primitive to 2^bits steps over its extent: keep steps under the tolerance.
    const bits = Math.min(30, Math.max(11, Math.ceil(Math.log2(extent / dracoPositionTolerance))));
    draco.setEncoderOptions({
      method: KHRDracoMeshCompression.EncoderMethod.EDGEBREAKER,
      quantizationBits: { POSITION: bits, NORMAL: 8, TEX_COORD: 12, COLOR: 8, GENERIC: 16 },
      quantizationVolume: 'mesh',
    });
  }
  const bytes = await writeGlbBytes(await glbIo({ draco: compression === 'draco' }), doc);
  return { bytes, triangles: totalTriangles, vertices: totalVertices, features: new Set(featureGroups.flatMap((g) => g.rows)).size, min, max };
}

/** Area-weighted vertex normals (the cross products are twice the triangle areas). */
function areaWeightedNormals(positions: Float32Array, indices: ArrayLike<number>, out: Float32Array): void {
  out.fill(0);
  for (let i = 0; i < indices.length; i += 3) {
    const a = 3 * indices[i], b = 3 * indices[i + 1], c = 3 * indices[i + 2];
    const ux = positions[b] - positions[a], uy = positions[b + 1] - positions[a + 1], uz = positions[b + 2] - positions[a + 2];
    const vx = positions[c] - positions[a], vy = positions[c + 1] - positions[a + 1], vz = positions[c + 2] - positions[a + 2];
    const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    for (const v of [a, b, c]) { out[v] += nx; out[v + 1] += ny; out[v + 2] += nz; }
  }
}

/** Unit normals as normalized int8 (KHR_mesh_quantization); degenerate ones point up (+y). */
function toInt8Normals(normals: Float32Array): Int8Array {
  const out = new Int8Array(normals.length);
  for (let i = 0; i < normals.length; i += 3) {
    const x = normals[i], y = normals[i + 1], z = normals[i + 2];
    const length = Math.hypot(x, y, z);
    if (length === 0) { out[i + 1] = 127; continue; }
    out[i] = Math.round((x / length) * 127);
    out[i + 1] = Math.round((y / length) * 127);
    out[i + 2] = Math.round((z / length) * 127);
  }
  return out;
}

