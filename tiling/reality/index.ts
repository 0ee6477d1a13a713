export { RealityMeshError, parseMetadataXml, type RealityMetadata } from './metadata-xml.ts';
export { collectGeometries, osgbToGeoMeshes, type GeoreferenceContext } from './osgb-meshes.ts';
export { REALITY_LAYER_DEFAULTS, openRealityMesh, type RealityLayerOptions, type RealityLayerResult } from './reality-layer.ts';
export { objTileNodes } from './obj-tile.ts';
export { SIMPLIFIED_LODS_DEFAULTS, simplifiedLods, type LocalMesh, type SimplifiedLevel, type SimplifiedLodsOptions } from './simplified-lods.ts';
