export { CityJsonError, importCityJson, type CityJsonOptions, type CityJsonResult } from './cityjson.ts';
export { importCityJsonFile } from './cityjson-file.ts';
export { newellNormal, triangulatePolygon } from './triangulate-polygon.ts';
