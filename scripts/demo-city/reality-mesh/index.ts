/**
 * The demo town's oblique-photography reality mesh, written as ContextCapture-style OSGB tiles.
 */
export { writeRealityMesh, tileIndexLabel, REALITY_MESH_DEFAULTS } from './write-reality-mesh.ts';
export type { RealityMeshInput, RealityMeshOptions, RealityMeshResult } from './write-reality-mesh.ts';
export { encodeJpeg, JPEG_DEFAULTS } from './jpeg-encoder.ts';
export type { JpegOptions } from './jpeg-encoder.ts';
