export type { FeatureLayer, GeoMesh, ImageSpec, LayerKind, LodLayer, LodNode, MaterialSpec } from './geo-mesh.ts';
export { linearColor, srgbToLinear } from './color.ts';
