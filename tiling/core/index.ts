export type { FeatureLayer, GeoMesh, ImageSpec, LayerKind, LodLayer, LodNode, MaterialSpec } from './geo-mesh.ts';
