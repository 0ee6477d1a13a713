/**
 * The one error type of the IFC importer. Every failure names the file, the stage that failed
 * (open, read, units, georef, geometry, project, features, network) and what was expected and found, so a bad
 * file in a city-wide run can be reported and skipped with a message a person can act on.
 */
export type IfcImportStage = 'open' | 'read' | 'units' | 'georef' | 'geometry' | 'project' | 'features' | 'network';

export class IfcImportError extends Error {
  readonly file: string;
  readonly stage: IfcImportStage;

  constructor(file: string, stage: IfcImportStage, detail: string, options?: { cause?: unknown }) {
    super(`${file}: ${stage}: ${detail}`, options);
    this.name = 'IfcImportError';
    this.file = file;
    this.stage = stage;
  }
}
