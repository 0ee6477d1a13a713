export { loadLayer, sourceCrs, type LayerContext } from './load-layers.ts';
export { TileConfigError, TileConfigSchema, TileLayerConfigSchema, parseTileConfig, type TileConfig, type TileConfigInput, type TileLayerConfig } from './tile-config.ts';
export { tileCity, type TileCityOptions, type TileCityResult } from './tile-city.ts';
export { readRasterFile, sampleRaster } from './raster-io.ts';
