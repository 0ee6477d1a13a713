/**
 * One OBJ tile of a reality-mesh production (`Data/Tile_x/Tile_x.obj` + .mtl + textures) as a
 * chain of LodNodes built by simplification: coarsest at the root, the full mesh as the leaf.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { GeoMesh, LodNode, MaterialSpec } from '../core/index.ts';
import { parseMtl, parseObj, type MtlMaterial, type ObjMesh } from '../formats/index.ts';
import type { GeoreferenceContext } from './osgb-meshes.ts';
import { RealityMeshError } from './metadata-xml.ts';
import { simplifiedLods } from './simplified-lods.ts';

function readTile(file: string): { meshes: ObjMesh[]; materials: Map<string, MtlMaterial & { image?: Uint8Array }> } {
  const { meshes, mtllibs } = parseObj(readFileSync(file, 'utf8'), file);
  const materials = new Map<string, MtlMaterial & { image?: Uint8Array }>();
  for (const lib of mtllibs) {
    const mtlPath = path.resolve(path.dirname(file), lib);
    if (!existsSync(mtlPath)) throw new RealityMeshError(mtlPath, `material library named by ${path.basename(file)} not found`);
    for (const [name, m] of parseMtl(readFileSync(mtlPath, 'utf8'), mtlPath)) {
      let image: Uint8Array | undefined;
      if (m.texture) {
        const img = path.resolve(path.dirname(mtlPath), m.texture);
        if (!existsSync(img)) throw new RealityMeshError(mtlPath, `material '${name}': texture '${m.texture}' not found`);
        image = new Uint8Array(readFileSync(img));
      }
      materials.set(name, { ...m, ...(image ? { image } : {}) });
    }
  }
  return { meshes, materials };
}

function toGeoMesh(m: ObjMesh, indices: Uint32Array, mat: (MtlMaterial & { image?: Uint8Array }) | undefined, ctx: GeoreferenceContext): GeoMesh {
  const n = m.positions.length / 3;
  const positions = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    positions[3 * i] = m.positions[3 * i] + ctx.origin[0];
    positions[3 * i + 1] = m.positions[3 * i + 1] + ctx.origin[1];
    positions[3 * i + 2] = m.positions[3 * i + 2] + ctx.origin[2];
  }
  ctx.toEcef.forwardArray(positions);
  const png = mat?.texture?.toLowerCase().endsWith('.png');
  const material: MaterialSpec = {
    name: m.material,
    baseColor: mat?.image ? [1, 1, 1, 1] : [...(mat?.diffuse ?? [0.8, 0.8, 0.8]), mat?.opacity ?? 1] as [number, number, number, number],
    unlit: true,
    metallic: 0,
    roughness: 1,
    ...(mat?.image ? { texture: { mimeType: png ? 'image/png' : 'image/jpeg', data: mat.image, name: mat.texture } } : {}),
  };
  let texcoords: Float32Array | undefined;
  if (m.texcoords && material.texture) {
    texcoords = new Float32Array(m.texcoords.length);
    for (let i = 0; i < texcoords.length; i += 2) {
      texcoords[i] = m.texcoords[i];
      texcoords[i + 1] = 1 - m.texcoords[i + 1]; // OBJ: origin bottom-left; glTF: top-left
    }
  }
  return { positions, indices, ...(texcoords ? { texcoords } : {}), material };
}

/** The LOD chain of an OBJ tile; `id` names the root. */
export async function objTileNodes(file: string, id: string, ctx: GeoreferenceContext): Promise<LodNode> {
  const first = readTile(file);
  const levels = await simplifiedLods(first.meshes);
  const node = (level: number): LodNode => ({
    id: level === 0 ? `${id}#full` : `${id}#L${level}`,
    geometricError: levels[level].error,
    load: async () => {
      const { meshes, materials } = readTile(file);
      const idx = level === 0 ? meshes.map((m) => m.indices) : (await simplifiedLods(meshes)).at(level)!.indices;
      return meshes.map((m, k) => toGeoMesh(m, idx[k], materials.get(m.material), ctx)).filter((g) => g.indices.length > 0);
    },
    children: level === 0 ? [] : [node(level - 1)],
  });
  const root = node(levels.length - 1);
  return { ...root, id };
}
