/**
 * A city-wide run over many IFC files: each bad file (truncated, corrupt, unknown CRS…) is reported
 * with its IfcImportError and skipped, or stops the run when `strict` is set (`--strict`).
 * Files are read one at a time so memory stays bounded by the largest model.
 */
import { IfcImportError } from './ifc-import-error.ts';
import { importIfcFile, type IfcImportResult, type ImportIfcOptions } from './import-ifc.ts';

export interface ImportIfcFilesOptions {
  /** Stop at the first failing file instead of skipping it. */
  strict?: boolean;
  /** Options per file (project values, placement, geoid…). */
  optionsFor?: (file: string) => ImportIfcOptions;
}

export interface IfcFilesResult {
  results: IfcImportResult[];
  failures: { file: string; stage: string; message: string }[];
}

export async function importIfcFiles(files: readonly string[], options: ImportIfcFilesOptions = {}): Promise<IfcFilesResult> {
  const out: IfcFilesResult = { results: [], failures: [] };
  for (const file of files) {
    try {
      out.results.push(await importIfcFile(file, options.optionsFor?.(file) ?? {}));
    } catch (err) {
      if (options.strict || !(err instanceof IfcImportError)) throw err;
      out.failures.push({ file, stage: err.stage, message: err.message });
    }
  }
  return out;
}
