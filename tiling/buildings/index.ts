export { BUILDING_USE_SRGB, buildBuildingLayer, type BuildingLayerOptions } from './building-layer.ts';
export { EXTRUDE_DEFAULTS, extrudeFootprint, signedArea2, type ExtrudeOptions, type MeshBuffers } from './extrude-footprint.ts';
