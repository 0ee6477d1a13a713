/**
 * cim-model: the city information model. Feature types (zod schemas tied to the TypeScript types),
 * CIM levels, the 3D Tiles metadata schema derived from them, and coordinate reference systems.
 * Pure: no I/O, no Cesium, runs unchanged in Node, workers and the browser.
 */
export * from './crs/index.ts';
export * from './features/index.ts';
export * from './metadata/index.ts';
