/**
 * Writes CIM feature inputs as a GeoJSON FeatureCollection in EPSG:4544 (named with the OGC URN, the GeoJSON
 * 2008 `crs` member), one feature per line. Every feature is parsed with the cim-model zod schemas first, so a
 * file is never written with an invalid feature.
 */
import { featureToGeoJson, parseFeature, type CimFeatureInput } from '../../cim-model/index.ts';

export const GEOJSON_CRS = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4544' } } as const;

export function encodeFeatureCollection(features: readonly CimFeatureInput[], file: string): string {
  const lines = features.map((f, index) => JSON.stringify(featureToGeoJson(parseFeature(f, { file, index }))));
  return `{"type":"FeatureCollection","crs":${JSON.stringify(GEOJSON_CRS)},"features":[\n${lines.join(',\n')}\n]}\n`;
}
