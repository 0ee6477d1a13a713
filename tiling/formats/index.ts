export { ShapefileError, readShapefile, type GeoJsonFeature, type ShapefileData, type ShapefileField, type ShapefileInput } from './shapefile.ts';
export { readShapefileSet } from './shapefile-file.ts';
export { ObjError, parseMtl, parseObj, type MtlMaterial, type ObjMesh } from './obj.ts';
