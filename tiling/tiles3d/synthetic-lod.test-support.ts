/**
 * A synthetic reality-mesh layer: a forest of quadtree LOD pyramids (like ContextCapture
 * Tile_xxx folders), each node a textured, unlit, wavy grid patch of its square, loaded lazily.
 */
import { EnuFrame } from '../../cim-model/index.ts';
import type { GeoMesh, LodLayer, LodNode, MaterialSpec } from '../core/index.ts';
import { encodePng } from './png.test-support.ts';
import { CENTRE } from './synthetic-city.test-support.ts';

export interface SyntheticLodOptions {
  /** Root tiles along each side. */
  roots?: number;
  /** Levels per pyramid (1 = roots only). */
  levels?: number;
  /** Grid cells per node side (triangles per node = 2 · cells²). */
  cells?: number;
  /** Root tile size, metres. */
  size?: number;
  /** Called whenever a node's meshes are loaded. */
  onLoad?: (id: string) => void;
}

export function syntheticLodLayer(options: SyntheticLodOptions = {}): LodLayer {
  const { roots = 2, levels = 3, cells = 16, size = 200, onLoad } = options;
  const frame = new EnuFrame(CENTRE.lon, CENTRE.lat, CENTRE.h);
  const texture = { mimeType: 'image/png' as const, data: encodePng(16, 16), name: 'synthetic.png' };
  const material: MaterialSpec = { baseColor: [1, 1, 1, 1], unlit: true, texture };

  const patch = (x0: number, y0: number, side: number): GeoMesh => {
    const n = cells, vertexCount = (n + 1) * (n + 1);
    const positions = new Float64Array(vertexCount * 3), texcoords = new Float32Array(vertexCount * 2);
    const indices = new Uint32Array(n * n * 6);
    const ecef = new Float64Array(3);
    for (let j = 0; j <= n; j++) for (let i = 0; i <= n; i++) {
      const v = j * (n + 1) + i;
      const e = x0 + (side * i) / n, nn = y0 + (side * j) / n;
      frame.toEcef(e, nn, 3 * Math.sin(e / 17) * Math.cos(nn / 23), ecef);
      positions.set(ecef, 3 * v);
      texcoords[2 * v] = i / n;
      texcoords[2 * v + 1] = 1 - j / n;
    }
    let t = 0;
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
      const a = j * (n + 1) + i, b = a + 1, c = a + n + 1, d = c + 1;
      indices.set([a, b, c, b, d, c], t);
      t += 6;
    }
    return { positions, texcoords, indices, material };
  };

  const node = (id: string, x0: number, y0: number, side: number, level: number): LodNode => ({
    id,
    geometricError: side / cells,
    async load() {
      onLoad?.(id);
      return [patch(x0, y0, side)];
    },
    children: level + 1 >= levels ? [] : [0, 1, 2, 3].map((q) => node(
      `${id}_${q}`, x0 + (q & 1 ? side / 2 : 0), y0 + (q & 2 ? side / 2 : 0), side / 2, level + 1,
    )),
  });

  const rootNodes: LodNode[] = [];
  for (let r = 0; r < roots * roots; r++) {
    const x0 = (r % roots) * size - (roots * size) / 2, y0 = Math.floor(r / roots) * size - (roots * size) / 2;
    rootNodes.push(node(`Tile_+${String(r % roots).padStart(3, '0')}_+${String(Math.floor(r / roots)).padStart(3, '0')}`, x0, y0, size, 0));
  }
  return { id: 'oblique', name: 'Oblique photography', kind: 'reality-mesh', roots: rootNodes };
}
