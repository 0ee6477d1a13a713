/**
 * The 3D Tiles 1.1 writer: glb with EXT_mesh_features / EXT_structural_metadata, one tileset per
 * layer joined under a root CIM tileset, written to a folder, a .3tz archive or memory; readers and
 * validators for what it writes.
 */
export { buildGlb, glbIo, pruneSchema, BUILD_GLB_DEFAULTS, type BuildGlbOptions, type BuiltGlb, type Compression, type GlbInput } from './build-glb.ts';
export { CimStructuralMetadata } from './cim-structural-metadata.ts';
export { enuToYUp, frameAtCentre } from './content-frame.ts';
export { decodePropertyColumn, encodePropertyColumn, type PropertyColumn } from './property-table.ts';
export { TEXTURE_ENCODING_DEFAULTS, type TextureFormat } from './texture-encoding.ts';
export { ROOT_TILESET_PATH, type TilesetTarget } from './tileset-target.ts';
export { createFolderTarget, FOLDER_TARGET_DEFAULTS, type FolderTargetOptions } from './folder-target.ts';
export { create3tzTarget, ARCHIVE_3TZ_TARGET_DEFAULTS, type Archive3tzTargetOptions } from './archive-3tz-target.ts';
export { createMemoryTarget, type MemoryTarget } from './memory-target.ts';
export { createMemorySource, openTilesetSource, type TilesetSource } from './tileset-source.ts';
export { MANIFEST_PATH } from './input-manifest.ts';
export type { BoundingVolume, MetadataEntity, Tile, TileContent, Tileset } from './tileset-json.ts';
export { validateGlb, type GlbIssue, type GlbValidation } from './validate-glb.ts';
export { validateTilesetJson, type TilesetIssue, type TilesetValidation } from './validate-tileset-json.ts';
export { WRITE_LAYER_DEFAULTS, type LayerResult, type WriteLayerOptions, type WriteProgress } from './write-layer-options.ts';
export { writeFeatureLayer } from './write-feature-layer.ts';
export { writeLodLayer } from './write-lod-layer.ts';
export {
  CIM_TILESET_CLASSES, WRITE_CIM_TILESET_DEFAULTS, writeCimTileset,
  type CimTilesetInput, type CimTilesetResult, type WriteCimTilesetOptions,
} from './write-cim-tileset.ts';
export { Tiles3dError, type Tiles3dErrorDetails } from './tiles3d-error.ts';
