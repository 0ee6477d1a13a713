/** Options and results shared by the layer writers. */
import type { LayerKind } from '../core/index.ts';
import type { BuildGlbOptions } from './build-glb.ts';
import type { BoundingVolume } from './tileset-json.ts';

export interface WriteProgress {
  layer: string;
  /** Tiles written so far in this layer. */
  tiles: number;
  triangles: number;
  bytes: number;
}

export interface WriteLayerOptions extends BuildGlbOptions {
  /** Feature layers: most triangles in one tile's content. */
  maxTrianglesPerTile?: number;
  /** Feature layers: deepest quadtree level. */
  maxDepth?: number;
  onProgress?: (progress: WriteProgress) => void;
}

export const WRITE_LAYER_DEFAULTS = {
  compression: 'none',
  textureFormat: 'keep',
  maxTrianglesPerTile: 100_000,
  maxDepth: 16,
} as const satisfies WriteLayerOptions;

/** What the root tileset needs to know about a written layer, and what was written. */
export interface LayerResult {
  id: string;
  name: string;
  kind: LayerKind;
  /** The layer's tileset JSON, relative to the root. */
  uri: string;
  /** The layer tileset's geometricError. */
  geometricError: number;
  /** The layer's bounding box in ECEF (3D Tiles `box`). */
  boundingVolume: BoundingVolume;
  /** Corners of the layer's box in ECEF metres. */
  corners: number[][];
  tiles: number;
  glbs: number;
  /** Bytes of glb and tileset JSON written (or kept). */
  bytes: number;
  triangles: number;
  /** Features per metadata class. */
  featureCounts: Record<string, number>;
  /** Outputs kept from an earlier run because their inputs were unchanged. */
  reused: number;
}
