/** File adapter for `importCityJson`: reads the JSON and resolves texture paths beside it. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CityJsonError, importCityJson, type CityJsonOptions, type CityJsonResult } from './cityjson.ts';

export function importCityJsonFile(file: string, options: Omit<CityJsonOptions, 'file' | 'loadImage'> = {}): CityJsonResult {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CityJsonError(file, 'JSON', (e as Error).message);
  }
  const dir = path.dirname(file);
  // Texture paths are relative to the file; also look for the bare file name beside it.
  const loadImage = (p: string) => {
    for (const candidate of [path.resolve(dir, p), path.join(dir, path.basename(p))]) {
      if (candidate.startsWith(dir) && existsSync(candidate)) return new Uint8Array(readFileSync(candidate));
    }
    return undefined;
  };
  return importCityJson(doc, { ...options, file, loadImage });
}
