export { GlbError, readGlbContainer, summarizeGlb, type GlbSummary } from './summarize-glb.ts';
export { summarizeTileset, type TilesetSummary } from './summarize-tileset.ts';
