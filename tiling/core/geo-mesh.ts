/**
 * What importers hand to the 3D Tiles writer: triangle meshes already georeferenced per vertex
 * into ECEF (EPSG:4978, metres, Float64), each vertex tagged with the index of the feature it
 * belongs to. The writer chooses tiles, moves vertices into tile-local frames (Float32) and
 * writes glb with EXT_mesh_features / EXT_structural_metadata.
 */
import type { CimFeature } from '../../cim-model/index.ts';

/** An image for a base-colour texture. */
export interface ImageSpec {
  mimeType: 'image/jpeg' | 'image/png' | 'image/webp' | 'image/ktx2';
  data: Uint8Array;
  width?: number;
  height?: number;
  /** Source name, e.g. the file or the OSGB image name, for reports. */
  name?: string;
}

/** A glTF 2.0 metallic-roughness material. Colours are linear RGBA in 0..1. */
export interface MaterialSpec {
  name?: string;
  baseColor: [number, number, number, number];
  metallic?: number;
  roughness?: number;
  doubleSided?: boolean;
  alphaMode?: 'OPAQUE' | 'BLEND' | 'MASK';
  /** KHR_materials_unlit: for photogrammetry, whose textures already hold the lighting. */
  unlit?: boolean;
  texture?: ImageSpec;
}

/** A triangle mesh in ECEF metres. */
export interface GeoMesh {
  /** ECEF x, y, z per vertex (EPSG:4978, metres). */
  positions: Float64Array;
  /** Unit normals in the ECEF frame, 3 per vertex; the writer derives them when absent. */
  normals?: Float32Array;
  /** Texture coordinates u, v per vertex (glTF convention: v = 0 at the top of the image). */
  texcoords?: Float32Array;
  /** Vertex colours RGBA 0–255, 4 per vertex. */
  colors?: Uint8Array;
  /** Triangle list. */
  indices: Uint32Array;
  /** Per vertex: index into the layer's `features`. Absent for meshes without features (reality mesh). */
  featureIds?: Uint32Array;
  material: MaterialSpec;
}

/** The kinds of layer a CIM tileset joins under its root. */
export type LayerKind = 'reality-mesh' | 'buildings' | 'bim' | 'pipes' | 'terrain' | 'roads' | 'parcels' | 'other';

/** A layer of features with meshes (buildings, one BIM project, one pipe network…). */
export interface FeatureLayer {
  /** Layer id, used for folder names: `[a-z0-9-]+`. */
  id: string;
  name: string;
  kind: LayerKind;
  /** The features; `GeoMesh.featureIds` index into this array. */
  features: CimFeature[];
  meshes: GeoMesh[];
}

/**
 * A level-of-detail tree as photogrammetry delivers it (ContextCapture PagedLOD pyramids):
 * each node's content is a coarser stand-in for its children; `geometricError` is the error in
 * metres of showing this node instead of its children. Meshes load lazily so that memory stays
 * bounded by one node at a time.
 */
export interface LodNode {
  id: string;
  geometricError: number;
  /** Bounding sphere in ECEF if known (centre x, y, z, radius) — else the writer computes it. */
  sphere?: [number, number, number, number];
  load(): Promise<GeoMesh[]>;
  children: LodNode[];
}

/** A reality-mesh layer: a forest of LOD trees (one per source tile). */
export interface LodLayer {
  id: string;
  name: string;
  kind: 'reality-mesh';
  roots: LodNode[];
}
