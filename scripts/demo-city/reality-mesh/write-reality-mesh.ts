/**
 * Writes the demo town's oblique-photography reality mesh in the layout ContextCapture delivers:
 *
 *   <outDir>/metadata.xml                                   SRS and SRSOrigin
 *   <outDir>/Data/Tile_+000_+000/Tile_+000_+000.osgb        tile root: PagedLOD(inline coarsest mesh, → L15_0)
 *   <outDir>/Data/Tile_+000_+000/Tile_+000_+000_L15_0.osgb  Group of 4 quadrant PagedLODs (each → L16_0q)
 *   <outDir>/Data/Tile_+000_+000/Tile_+000_+000_L16_0q.osgb Group of the 4 finest Geodes of quadrant q
 *
 * Tiles are indexed from the south-west corner of the DEM (x east, y north). Each node's mesh is
 * the DEM ground (decimated by level) with the buildings whose centroid falls in the node, textured
 * by one JPEG (ortho crop + facade band) of the same size at every level, so each level halves the
 * ground spacing and texel size of the one above. LOD switching uses PIXEL_SIZE_ON_SCREEN ranges like
 * ContextCapture: a node refines once its bounding sphere covers more pixels than its texture has.
 * Each tile is written into a hidden staging folder and renamed into place when complete.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeOsgb } from '../../../tiling/index.ts';
import type { OsgbGeometry, OsgbImage, OsgbNode, OsgbPagedLod } from '../../../tiling/index.ts';
import { metadataXml } from './metadata-xml.ts';
import { buildNodeMesh, prepareBuildings } from './node-mesh.ts';
import type { Dem, NodeMesh, PreparedBuilding } from './node-mesh.ts';
import { buildOrthoPyramid, encodeNodeTexture, orthoResolution } from './node-texture.ts';
import type { OrthoPyramid, Rect } from './node-texture.ts';

export interface RealityMeshInput {
  /** e.g. 'EPSG:4544' (CGCS2000 / 3-degree Gauss-Kruger CM 105E), written into metadata.xml. */
  srs: string;
  /** SRSOrigin (easting, northing, orthometric height, m); vertices are written relative to it. */
  origin: [number, number, number];
  /** Row-major, row 0 = north edge, heights orthometric m, cell centres at west+(i+0.5)·cs, north−(j+0.5)·cs. */
  dem: Dem;
  /** Footprint (easting, northing), base elevation (orthometric m), height above base (m). */
  buildings: Array<{ ring: Array<[number, number]>; base: number; height: number }>;
  /** Orthophoto covering exactly the DEM extent, RGB, row 0 = north. */
  ortho: { width: number; height: number; rgb: Uint8Array };
  /** Metres per tile (default 500). */
  tileSize?: number;
}

export interface RealityMeshOptions {
  /** LOD levels per tile (default 3: 1, 4 and 16 nodes). */
  levels?: number;
  /** Ground spacing of the finest level in metres (default 4, at least the DEM cell size). */
  finestSpacing?: number;
  /** Largest node texture edge in pixels (default 256). */
  maxTextureSize?: number;
  /** JPEG quality 1..100 (default 80). */
  jpegQuality?: number;
  /** Level number of the coarsest (root) level in names (default 17 − levels, so 3 levels → root L14, files L15, L16). */
  firstLevel?: number;
  onProgress?: (done: number, total: number) => void;
}

export const REALITY_MESH_DEFAULTS = { tileSize: 500, levels: 3, finestSpacing: 4, maxTextureSize: 256, jpegQuality: 80 };

export interface RealityMeshResult { tiles: number; files: number; triangles: number; bytes: number }

/** ContextCapture tile index: sign and three digits, e.g. +003, -001. */
export function tileIndexLabel(n: number): string {
  return `${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(3, '0')}`;
}

interface MeshNode { path: string; level: number; rect: Rect; mesh: NodeMesh; textureSize: number; texture: Uint8Array }

function quadrant(rect: Rect, q: number): Rect {
  const mx = (rect.x0 + rect.x1) / 2;
  const my = (rect.y0 + rect.y1) / 2;
  return { x0: q & 1 ? mx : rect.x0, x1: q & 1 ? rect.x1 : mx, y0: q & 2 ? my : rect.y0, y1: q & 2 ? rect.y1 : my };
}

function pow2ceil(v: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(1, v)));
}

function sphere(mesh: NodeMesh): { center: [number, number, number]; radius: number } {
  const c: [number, number, number] = [0, 1, 2].map((i) => (mesh.min[i] + mesh.max[i]) / 2) as [number, number, number];
  return { center: c, radius: Math.hypot(mesh.max[0] - mesh.min[0], mesh.max[1] - mesh.min[1], mesh.max[2] - mesh.min[2]) / 2 };
}

function geode(node: MeshNode, tileName: string, levelLabel: string): OsgbNode {
  const image: OsgbImage = {
    name: '', fileName: `${tileName}_${levelLabel}_${node.path}.jpg`, mimeType: 'image/jpeg', storage: 'inline-file',
    data: node.texture, width: node.textureSize, height: node.textureSize,
  };
  const geometry: OsgbGeometry = {
    kind: 'Geometry', className: 'osg::Geometry', name: '', children: [],
    positions: node.mesh.positions, texcoords: node.mesh.texcoords,
    primitives: [{ mode: 'TRIANGLES', indices: node.mesh.indices }],
    stateSet: {
      modes: [], attributeClasses: [],
      material: { colorMode: 0x1603, ambient: [1, 1, 1, 1], diffuse: [1, 1, 1, 1], specular: [0, 0, 0, 1], emission: [0, 0, 0, 1], shininess: 0 },
      textures: [{ unit: 0, className: 'osg::Texture2D', wrapS: 0x812f, wrapT: 0x812f, image }],
    },
  };
  return { kind: 'Geode', className: 'osg::Geode', name: '', children: [geometry] };
}

function pagedLod(node: MeshNode, inline: OsgbNode, childFile: string | null, range: number): OsgbPagedLod {
  const { center, radius } = sphere(node.mesh);
  return {
    kind: 'PagedLOD', className: 'osg::PagedLOD', name: '', centerMode: 'USER_DEFINED_CENTER', center, radius,
    rangeMode: 'PIXEL_SIZE_ON_SCREEN', databasePath: '',
    ranges: childFile ? [[0, range], [range, 1e30]] : [[0, 1e30]],
    fileNames: childFile ? ['', childFile] : [''],
    children: [inline],
  };
}

export async function writeRealityMesh(input: RealityMeshInput, outDir: string, options: RealityMeshOptions = {}): Promise<RealityMeshResult> {
  const levels = Math.max(1, Math.floor(options.levels ?? REALITY_MESH_DEFAULTS.levels));
  const tileSize = input.tileSize ?? REALITY_MESH_DEFAULTS.tileSize;
  const maxTex = options.maxTextureSize ?? REALITY_MESH_DEFAULTS.maxTextureSize;
  const quality = options.jpegQuality ?? REALITY_MESH_DEFAULTS.jpegQuality;
  const firstLevel = options.firstLevel ?? 17 - levels;
  const { dem } = input;
  if (dem.heights.length !== dem.nx * dem.ny) throw new Error(`writeRealityMesh: dem.heights has ${dem.heights.length} values, expected nx*ny = ${dem.nx * dem.ny}`);
  if (input.ortho.rgb.length < input.ortho.width * input.ortho.height * 3) throw new Error('writeRealityMesh: ortho.rgb is shorter than width*height*3');
  const widthM = dem.nx * dem.cellSize;
  const heightM = dem.ny * dem.cellSize;
  const south = dem.north - heightM;
  const finest = Math.max(dem.cellSize, options.finestSpacing ?? REALITY_MESH_DEFAULTS.finestSpacing);
  const pyramid: OrthoPyramid = buildOrthoPyramid(input.ortho, { west: dem.west, north: dem.north, widthM, heightM });
  const orthoRes = orthoResolution(pyramid);
  const buildings = prepareBuildings(input.buildings);
  const tx = Math.ceil(widthM / tileSize - 1e-9);
  const ty = Math.ceil(heightM / tileSize - 1e-9);
  // Buildings by tile (centroid), so each node scans only its tile's list.
  const byTile: PreparedBuilding[][] = Array.from({ length: tx * ty }, () => []);
  for (const b of buildings) {
    const i = Math.min(tx - 1, Math.max(0, Math.floor((b.cx - dem.west) / tileSize)));
    const j = Math.min(ty - 1, Math.max(0, Math.floor((b.cy - south) / tileSize)));
    byTile[i + j * tx].push(b);
  }
  const dataDir = path.join(outDir, 'Data');
  await mkdir(dataDir, { recursive: true });
  const result: RealityMeshResult = { tiles: 0, files: 0, triangles: 0, bytes: 0 };

  for (let j = 0; j < ty; j++) {
    for (let i = 0; i < tx; i++) {
      const tileName = `Tile_${tileIndexLabel(i)}_${tileIndexLabel(j)}`;
      const tileRect: Rect = {
        x0: dem.west + i * tileSize, x1: Math.min(dem.west + widthM, dem.west + (i + 1) * tileSize),
        y0: south + j * tileSize, y1: Math.min(dem.north, south + (j + 1) * tileSize),
      };
      const tileBuildings = byTile[i + j * tx];
      // One texture size for every level, set by the finest nodes at the ortho's resolution: each
      // coarser level then has half the texel density, and the pixel-size switch range is the same.
      const finestExtent = Math.max(tileRect.x1 - tileRect.x0, tileRect.y1 - tileRect.y0) / 2 ** (levels - 1);
      const textureSize = Math.min(maxTex, Math.max(32, pow2ceil(finestExtent / orthoRes)));
      const makeNode = (nodePath: string, level: number, rect: Rect): MeshNode => {
        const inRect = tileBuildings.filter((b) => b.cx >= rect.x0 && b.cx < rect.x1 && b.cy >= rect.y0 && b.cy < rect.y1);
        const step = finest * 2 ** (levels - 1 - level);
        const mesh = buildNodeMesh(dem, rect, step, inRect, input.origin, textureSize);
        result.triangles += mesh.indices.length / 3;
        return { path: nodePath, level, rect, mesh, textureSize, texture: encodeNodeTexture(pyramid, rect, textureSize, quality) };
      };
      const files = new Map<string, OsgbNode>();
      const levelLabel = (level: number) => `L${firstLevel + level}`;
      // Level k ≥ 1 nodes live in the file named after their parent: <tile>_L<k>_<parent path>.osgb.
      const fileOf = (level: number, parentPath: string) => `${tileName}_${levelLabel(level)}_${parentPath}.osgb`;
      // A node's scene: PagedLOD (inline mesh, file of its four children) or, at the finest level, the Geode.
      const nodeScene = (node: MeshNode): OsgbNode => {
        const g = geode(node, tileName, levelLabel(node.level));
        if (node.level === levels - 1) return node.level === 0 ? pagedLod(node, g, null, 0) : g;
        const childFile = fileOf(node.level + 1, node.path);
        const children = [0, 1, 2, 3].map((q) => makeNode(`${node.path}${q}`, node.level + 1, quadrant(node.rect, q)));
        files.set(childFile, { kind: 'Group', className: 'osg::Group', name: '', children: children.map(nodeScene) });
        return pagedLod(node, g, childFile, node.textureSize);
      };
      // The tile root holds the coarsest mesh inline, as ContextCapture's root tiles do.
      files.set(`${tileName}.osgb`, nodeScene(makeNode('0', 0, tileRect)));

      const staging = path.join(dataDir, `.${tileName}.partial`);
      const finalDir = path.join(dataDir, tileName);
      await rm(staging, { recursive: true, force: true });
      await mkdir(staging, { recursive: true });
      for (const [name, root] of files) {
        const bytes = writeOsgb(root, { version: 161 });
        await writeFile(path.join(staging, name), bytes);
        result.files++;
        result.bytes += bytes.length;
      }
      await rm(finalDir, { recursive: true, force: true });
      await rename(staging, finalDir);
      result.tiles++;
      options.onProgress?.(result.tiles, tx * ty);
    }
  }
  const xml = metadataXml(input.srs, input.origin);
  await writeFile(path.join(outDir, 'metadata.xml.tmp'), xml);
  await rename(path.join(outDir, 'metadata.xml.tmp'), path.join(outDir, 'metadata.xml'));
  result.files++;
  result.bytes += Buffer.byteLength(xml);
  return result;
}
