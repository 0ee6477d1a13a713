/**
 * tiling: importers (OSGB/OBJ reality meshes, IFC, CityJSON, footprints, pipe networks, DEM) and the
 * 3D Tiles 1.1 writer.
 */
export * from './buildings/index.ts';
export * from './cityjson/index.ts';
export * from './core/index.ts';
export * from './formats/index.ts';
export * from './ifc/index.ts';
export * from './inspect/index.ts';
export * from './osgb/index.ts';
export * from './pipeline/index.ts';
export * from './pipes/index.ts';
export * from './reality/index.ts';
export * from './terrain/index.ts';
export * from './tiles3d/index.ts';
