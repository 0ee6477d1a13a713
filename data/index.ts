/**
 * Where the project's data lives: the generated demo city and the shared reference data
 * (`../shared` beside the project, or `$CIMFLOW_SHARED`). I/O-free apart from existence checks.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (the one holding package.json). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Default output folder of `cimflow demo-data`. */
export const DEMO_CITY_DIR = path.join(PROJECT_ROOT, 'data', 'demo-city');

/** The shared reference folder, whether or not it exists. */
export function sharedRoot(): string {
  return process.env.CIMFLOW_SHARED ? path.resolve(process.env.CIMFLOW_SHARED) : path.resolve(PROJECT_ROOT, '..', 'shared');
}

/** Absolute path of a file under `../shared/data/`. */
export function sharedDataPath(...parts: string[]): string {
  return path.join(sharedRoot(), 'data', ...parts);
}

/**
 * True when the shared reference data is present. When it is absent and `CI` is set this throws,
 * so tests that need it fail under CI instead of skipping silently; elsewhere they may skip.
 */
export function hasSharedData(): boolean {
  const present = existsSync(path.join(sharedRoot(), 'data'));
  if (!present && process.env.CI) {
    throw new Error(`shared reference data not found at ${sharedRoot()} (CI is set, so tests that need it must not skip)`);
  }
  return present;
}
