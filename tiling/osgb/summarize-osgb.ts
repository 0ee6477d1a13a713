/**
 * summarizeOsgb: the counts an oracle dump (osgconv → .osgt / .obj) can be checked against —
 * nodes by kind, geometries, vertices, triangles, textures and their bytes, PagedLOD child files.
 */
import { toTriangles } from './to-triangles.ts';
import type { OsgbImage, OsgbNode, OsgbNodeKind, OsgbScene } from './osgb-types.ts';

export interface OsgbSummary {
  nodesByKind: Partial<Record<OsgbNodeKind, number>>;
  geometries: number;
  vertices: number;
  triangles: number;
  /** Distinct images referenced by textures. */
  textures: number;
  /** Sum of the inline bytes of those images. */
  textureBytes: number;
  /** Non-empty PagedLOD file names, in tree order. */
  childFileNames: string[];
}

export function summarizeOsgb(scene: OsgbScene | OsgbNode | null): OsgbSummary {
  const s: OsgbSummary = { nodesByKind: {}, geometries: 0, vertices: 0, triangles: 0, textures: 0, textureBytes: 0, childFileNames: [] };
  const images = new Set<OsgbImage>();
  const visit = (node: OsgbNode) => {
    s.nodesByKind[node.kind] = (s.nodesByKind[node.kind] ?? 0) + 1;
    for (const t of node.stateSet?.textures ?? []) if (t.image) images.add(t.image);
    if (node.kind === 'Geometry') {
      s.geometries++;
      s.vertices += node.positions.length / 3;
      s.triangles += toTriangles(node).length / 3;
    }
    if (node.kind === 'PagedLOD') for (const f of node.fileNames) if (f) s.childFileNames.push(f);
    node.children.forEach(visit);
  };
  const root = scene && 'kind' in scene ? scene : scene?.root;
  if (root) visit(root);
  s.textures = images.size;
  for (const img of images) s.textureBytes += img.data?.length ?? 0;
  return s;
}
