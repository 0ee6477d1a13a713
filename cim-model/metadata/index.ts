/** The 3D Tiles metadata schema generated from the feature model, property rows, and a schema validator. */
export * from './metadata-schema-types.ts';
export { METADATA_NO_DATA, NON_PROPERTY_FIELDS, classPropertyFields, type PropertyField } from './class-properties.ts';
export * from './build-metadata-schema.ts';
export * from './feature-property-row.ts';
export * from './validate-metadata-schema.ts';
