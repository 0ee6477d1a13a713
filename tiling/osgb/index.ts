/**
 * tiling/osgb: a dependency-free OpenSceneGraph binary (.osgb) reader and writer for oblique
 * photography tiles (ContextCapture and similar), serializer versions 70..202 (OpenSceneGraph 3.0 – 3.7).
 */
export { readOsgb, readOsgbRaw } from './read-osgb.ts';
export type { ReadOsgbOptions, RawOsgb } from './read-osgb.ts';
export { writeOsgb, WRITE_OSGB_DEFAULTS } from './write-osgb.ts';
export type { WriteOsgbOptions } from './write-osgb.ts';
export { readOsgbHeader } from './osgb-header.ts';
export type { OsgbHeader } from './osgb-header.ts';
export { toTriangles } from './to-triangles.ts';
export { summarizeOsgb } from './summarize-osgb.ts';
export type { OsgbSummary } from './summarize-osgb.ts';
export { readOsgbFile, writeOsgbFile } from './osgb-file.ts';
export { OsgbError } from './osgb-error.ts';
export type * from './osgb-types.ts';
