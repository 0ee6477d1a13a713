/**
 * tiling/ifc: IFC2X3, IFC4 and IFC4X3 models (BIM submissions, IFC 4.3 pipe networks) through
 * web-ifc, georeferenced per vertex to ECEF, as FeatureLayers for the 3D Tiles writer.
 */
export { importIfc, importIfcFile, importIfcPipeNetwork, IMPORT_IFC_DEFAULTS } from './import-ifc.ts';
export type { ImportIfcOptions, IfcImportResult, IfcGeorefInfo } from './import-ifc.ts';
export { importIfcFiles } from './import-ifc-files.ts';
export type { ImportIfcFilesOptions, IfcFilesResult } from './import-ifc-files.ts';
export { summarizeIfc } from './summarize-ifc.ts';
export type { IfcSummary, SummarizeIfcOptions } from './summarize-ifc.ts';
export { IFC_GEOREF_DEFAULTS, compoundAngleDegrees } from './ifc-georef.ts';
export type { IfcGeorefOptions, IfcGeorefSource, IfcPlacementConfig } from './ifc-georef.ts';
export { IFC_PIPE_NETWORK_DEFAULTS } from './ifc-pipe-network.ts';
export type { IfcPipeNetworkOptions } from './ifc-pipe-network.ts';
export { PROJECT_APPROVAL_PSET, normaliseBimStatus } from './ifc-bim-project.ts';
export type { BimProjectConfig } from './ifc-bim-project.ts';
export { IfcImportError } from './ifc-import-error.ts';
export type { IfcImportStage } from './ifc-import-error.ts';
