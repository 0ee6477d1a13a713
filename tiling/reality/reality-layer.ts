/**
 * A ContextCapture-style production — `metadata.xml` and `Data/Tile_xxx_yyy/Tile_xxx_yyy.osgb` trees linked by
 * PagedLOD — as a LodLayer that keeps the source LOD pyramid: one LodNode per PagedLOD, its content
 * the PagedLOD's inline (coarse) children, its children the PagedLODs of the files it pages in.
 *
 * Geometric error from the PagedLOD switch (PIXEL_SIZE_ON_SCREEN): OSG shows the coarse child
 * while the bounding sphere (radius R) covers fewer than `r` pixels on screen. 3D Tiles refines
 * when geometricError × K > SSE (K = screen height / (2·d·tan(fov/2))); the sphere covers 2R·K
 * pixels, so switching at the same distance gives geometricError = SSE · 2R / r, with the default
 * maximum screen-space error SSE = 16.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createTransform, type GeoidModel } from '../../cim-model/index.ts';
import type { LodLayer, LodNode } from '../core/index.ts';
import { readOsgb, type OsgbNode, type OsgbPagedLod } from '../osgb/index.ts';
import { RealityMeshError, parseMetadataXml, type RealityMetadata } from './metadata-xml.ts';
import { objTileNodes } from './obj-tile.ts';
import { osgbToGeoMeshes, type GeoreferenceContext } from './osgb-meshes.ts';

export interface RealityLayerOptions {
  /** Heights of an EPSG SRS: orthometric (with `verticalCrs`, default the 1985 datum EPSG:5737) or ellipsoidal. */
  heights?: 'orthometric' | 'ellipsoidal';
  verticalCrs?: number;
  geoid?: GeoidModel;
  id?: string;
  name?: string;
  /** Maximum screen-space error the viewer uses (Cesium's default 16). */
  maximumScreenSpaceError?: number;
  /** Called for each file that cannot be read; when absent a bad file is fatal. */
  onBadFile?: (file: string, error: Error) => void;
}

export const REALITY_LAYER_DEFAULTS = { heights: 'orthometric' as const, verticalCrs: 5737, maximumScreenSpaceError: 16 };

export interface RealityLayerResult {
  layer: LodLayer;
  metadata: RealityMetadata;
  files: number;
  tiles: number;
}

function readScene(file: string): OsgbNode | null {
  return readOsgb(new Uint8Array(readFileSync(file)), { file }).root;
}

/** PagedLODs at the top of a scene (below groups and transforms), and whether loose geometry is there too. */
function topPagedLods(node: OsgbNode | null): { lods: OsgbPagedLod[]; loose: boolean } {
  const lods: OsgbPagedLod[] = [];
  let loose = false;
  const walk = (n: OsgbNode) => {
    if (n.kind === 'PagedLOD') lods.push(n);
    else if (n.kind === 'Geometry') loose = true;
    else n.children.forEach(walk);
  };
  if (node) walk(node);
  return { lods, loose };
}

export async function openRealityMesh(dir: string, options: RealityLayerOptions = {}): Promise<RealityLayerResult> {
  const o = { ...REALITY_LAYER_DEFAULTS, ...options };
  const metaFile = path.join(dir, 'metadata.xml');
  if (!existsSync(metaFile)) throw new RealityMeshError(metaFile, 'not found: a reality-mesh production needs metadata.xml beside Data/');
  const metadata = parseMetadataXml(readFileSync(metaFile, 'utf8'), metaFile);
  const isEpsg = /^EPSG:\d+$/i.test(metadata.srs);
  const srs = isEpsg && o.heights === 'orthometric' ? `${metadata.srs}+${o.verticalCrs}` : metadata.srs;
  const ctx: GeoreferenceContext = { toEcef: createTransform(srs, 'EPSG:4978', { geoid: o.geoid }), origin: metadata.origin };
  const dataDir = path.join(dir, 'Data');
  if (!existsSync(dataDir)) throw new RealityMeshError(dataDir, 'not found: expected Data/Tile_*/ folders');
  const tileDirs = readdirSync(dataDir, { withFileTypes: true }).filter((e) => e.isDirectory() && /^Tile_/.test(e.name)).map((e) => e.name).sort();
  let files = 0;
  const sphereOf = (lod: OsgbPagedLod): [number, number, number, number] | undefined => {
    if (!lod.center || !(lod.radius && lod.radius > 0)) return undefined;
    const c = ctx.toEcef.forward([lod.center[0] + ctx.origin[0], lod.center[1] + ctx.origin[1], lod.center[2] + ctx.origin[2]]);
    return [c[0], c[1], c[2], lod.radius];
  };

  /** LodNodes for the PagedLODs (or loose geometry) of one file. */
  const nodesOfFile = (file: string): LodNode[] => {
    let root: OsgbNode | null;
    try {
      root = readScene(file);
      files++;
    } catch (e) {
      if (!o.onBadFile) throw e;
      o.onBadFile(file, e as Error);
      return [];
    }
    const { lods, loose } = topPagedLods(root);
    const nodes: LodNode[] = lods.map((lod, k) => {
      const inline = lod.children.filter((_, i) => !(lod.fileNames[i] ?? ''));
      const paged = lod.fileNames.map((f, i) => ({ f, range: lod.ranges[i] })).filter((x) => x.f);
      const children = paged.flatMap((p) => nodesOfFile(path.resolve(path.dirname(file), lod.databasePath || '', p.f)));
      // The coarse child's range ends where the finer file takes over.
      const switchAt = inline.length ? Math.max(...lod.ranges.filter((_, i) => !(lod.fileNames[i] ?? '')).map((r) => r[1])) : 0;
      const radius = lod.radius ?? 0;
      const geometricError = children.length && switchAt > 0 && radius > 0 ? (o.maximumScreenSpaceError * 2 * radius) / switchAt : 0;
      const sphere = sphereOf(lod);
      return {
        id: `${path.relative(dataDir, file)}#${k}`,
        geometricError,
        ...(sphere ? { sphere } : {}),
        load: async () => {
          const again = topPagedLods(readScene(file)).lods[k];
          return again.children
            .filter((_, i) => !(again.fileNames[i] ?? ''))
            .flatMap((c) => osgbToGeoMeshes(c, ctx, path.basename(file)));
        },
        children,
      };
    });
    if (loose || (nodes.length === 0 && root)) {
      nodes.push({ id: `${path.relative(dataDir, file)}#geometry`, geometricError: 0, load: async () => {
        const scene = readScene(file);
        return scene ? osgbToGeoMeshes(scene, ctx, path.basename(file)) : [];
      }, children: [] });
    }
    return nodes;
  };

  const roots: LodNode[] = [];
  for (const t of tileDirs) {
    const rootFile = path.join(dataDir, t, `${t}.osgb`);
    const objFile = path.join(dataDir, t, `${t}.obj`);
    if (!existsSync(rootFile) && existsSync(objFile)) {
      // A single-level OBJ tile: levels of detail come from simplification.
      try {
        roots.push(await objTileNodes(objFile, t, ctx));
        files++;
      } catch (e) {
        if (!o.onBadFile) throw e;
        o.onBadFile(objFile, e as Error);
      }
      continue;
    }
    if (!existsSync(rootFile)) {
      const err = new RealityMeshError(rootFile, 'not found: each Data/Tile_*/ folder needs its root file (.osgb or .obj) named after the folder');
      if (!o.onBadFile) throw err;
      o.onBadFile(rootFile, err);
      continue;
    }
    const nodes = nodesOfFile(rootFile);
    if (nodes.length === 1) roots.push({ ...nodes[0], id: t });
    else if (nodes.length > 1) {
      // Several PagedLODs at the top of the tile: an empty parent that refines straight away.
      roots.push({ id: t, geometricError: Math.max(...nodes.map((n) => n.geometricError)), load: async () => [], children: nodes });
    }
  }
  if (roots.length === 0) throw new RealityMeshError(dataDir, 'no readable tiles (expected Data/Tile_*/Tile_*.osgb)');
  return {
    layer: { id: o.id ?? 'reality-mesh', name: o.name ?? 'Oblique photography', kind: 'reality-mesh', roots },
    metadata,
    files,
    tiles: roots.length,
  };
}
