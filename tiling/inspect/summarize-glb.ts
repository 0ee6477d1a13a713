/**
 * A summary of a glb (glTF 2.0 binary, https://registry.khronos.org/glTF/specs/2.0/glTF-2.0.html
 * §4.4 "GLB File Format Specification"): meshes, primitives, vertices, triangles, textures,
 * EXT_mesh_features feature counts, EXT_structural_metadata classes, and the position bounds.
 */

export interface GlbSummary {
  version: number;
  bytes: number;
  meshes: number;
  primitives: number;
  vertices: number;
  triangles: number;
  textures: number;
  images: number;
  imageBytes: number;
  materials: number;
  features: number;
  propertyTables: Array<{ class: string; count: number }>;
  extensionsUsed: string[];
  /** Min and max of the POSITION accessors (in the mesh's own frame). */
  bounds?: { min: [number, number, number]; max: [number, number, number] };
}

export class GlbError extends Error {
  constructor(file: string, offset: number, message: string) {
    super(`${file}: byte ${offset}: ${message}`);
    this.name = 'GlbError';
  }
}

interface GltfJson {
  asset?: { version?: string };
  meshes?: Array<{ primitives: Array<{ attributes: Record<string, number>; indices?: number; mode?: number; extensions?: Record<string, { featureIds?: Array<{ featureCount: number }> }> }> }>;
  accessors?: Array<{ count: number; min?: number[]; max?: number[] }>;
  textures?: unknown[];
  images?: Array<{ bufferView?: number }>;
  bufferViews?: Array<{ byteLength: number }>;
  materials?: unknown[];
  extensionsUsed?: string[];
  extensions?: { EXT_structural_metadata?: { propertyTables?: Array<{ class: string; count: number }> } };
}

/** Parse the GLB container and return its JSON chunk and binary chunk. */
export function readGlbContainer(bytes: Uint8Array, file = 'glb'): { json: unknown; bin?: Uint8Array; version: number } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 20) throw new GlbError(file, 0, `expected a 12-byte header and a chunk, found ${bytes.byteLength} bytes`);
  const magic = dv.getUint32(0, true);
  if (magic !== 0x46546c67) throw new GlbError(file, 0, `expected magic 'glTF', found 0x${magic.toString(16)}`);
  const version = dv.getUint32(4, true);
  const length = dv.getUint32(8, true);
  if (length > bytes.byteLength) throw new GlbError(file, 8, `header length ${length} exceeds the file's ${bytes.byteLength} bytes: truncated?`);
  const jsonLen = dv.getUint32(12, true), jsonType = dv.getUint32(16, true);
  if (jsonType !== 0x4e4f534a) throw new GlbError(file, 16, `expected the JSON chunk first, found type 0x${jsonType.toString(16)}`);
  if (20 + jsonLen > length) throw new GlbError(file, 12, `JSON chunk of ${jsonLen} bytes runs past the end`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + jsonLen)));
  } catch (e) {
    throw new GlbError(file, 20, `JSON chunk: ${(e as Error).message}`);
  }
  const binAt = 20 + jsonLen;
  let bin: Uint8Array | undefined;
  if (binAt + 8 <= length) {
    const binLen = dv.getUint32(binAt, true);
    if (binAt + 8 + binLen > length) throw new GlbError(file, binAt, `BIN chunk of ${binLen} bytes runs past the end`);
    bin = bytes.subarray(binAt + 8, binAt + 8 + binLen);
  }
  return { json, bin, version };
}

export function summarizeGlb(bytes: Uint8Array, file = 'glb'): GlbSummary {
  const { json, version } = readGlbContainer(bytes, file);
  const g = json as GltfJson;
  const acc = g.accessors ?? [];
  let vertices = 0, triangles = 0, primitives = 0, features = 0;
  const min: [number, number, number] = [Infinity, Infinity, Infinity], max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (const m of g.meshes ?? []) {
    for (const p of m.primitives) {
      primitives++;
      const pos = acc[p.attributes.POSITION];
      if (pos) {
        vertices += pos.count;
        for (let k = 0; k < 3; k++) {
          if (pos.min) min[k] = Math.min(min[k], pos.min[k]);
          if (pos.max) max[k] = Math.max(max[k], pos.max[k]);
        }
      }
      const mode = p.mode ?? 4;
      const n = p.indices !== undefined ? acc[p.indices]?.count ?? 0 : pos?.count ?? 0;
      if (mode === 4) triangles += Math.floor(n / 3);
      else if (mode === 5 || mode === 6) triangles += Math.max(0, n - 2);
      for (const f of p.extensions?.EXT_mesh_features?.featureIds ?? []) features = Math.max(features, f.featureCount);
    }
  }
  const imageBytes = (g.images ?? []).reduce((s, im) => s + (im.bufferView !== undefined ? g.bufferViews?.[im.bufferView]?.byteLength ?? 0 : 0), 0);
  return {
    version,
    bytes: bytes.byteLength,
    meshes: g.meshes?.length ?? 0,
    primitives,
    vertices,
    triangles,
    textures: g.textures?.length ?? 0,
    images: g.images?.length ?? 0,
    imageBytes,
    materials: g.materials?.length ?? 0,
    features,
    propertyTables: (g.extensions?.EXT_structural_metadata?.propertyTables ?? []).map((t) => ({ class: t.class, count: t.count })),
    extensionsUsed: g.extensionsUsed ?? [],
    ...(Number.isFinite(min[0]) ? { bounds: { min, max } } : {}),
  };
}
