export { tileRect, tileSpan, tilesCovering, type LonLatRect, type TileKey } from './geographic-tiling.ts';
export { LatticeProjector, sampleBilinear, type GridGeometry } from './grid-sampler.ts';
export { IMAGERY_TILES_DEFAULTS, writeImageryTiles, type ImageryMeta, type ImageryTilesOptions, type RgbGrid } from './imagery-tiles.ts';
export { encodeQuantizedMesh, orderForHighWaterMark, type QuantizedMeshInput } from './quantized-mesh.ts';
export { RtinTree, type RtinMesh } from './rtin.ts';
export { TERRAIN_TILES_DEFAULTS, levelForCellSize, sampleSpacingDegrees, writeTerrainTiles, type HeightGrid, type TerrainSummary, type TerrainTilesOptions, type TileSink } from './terrain-tiles.ts';
