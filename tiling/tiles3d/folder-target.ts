/**
 * A TilesetTarget writing into a folder. Each file is written to `<name>.tmp` and renamed, so no
 * reader ever sees half a file; the root `tileset.json` is removed at `begin()` and written only at
 * `end()`, so the folder never looks complete while a run is under way or after it was interrupted.
 * Files of an earlier run are kept: `keeps(path)` lets the writer skip unchanged inputs.
 */
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Tiles3dError } from './tiles3d-error.ts';
import { ROOT_TILESET_PATH, isEntryPath, type TilesetTarget } from './tileset-target.ts';

export interface FolderTargetOptions {
  /** Remove every file of the folder at `begin()` instead of updating in place. */
  clean?: boolean;
}

export const FOLDER_TARGET_DEFAULTS: Required<FolderTargetOptions> = { clean: false };

export function createFolderTarget(dir: string, options: FolderTargetOptions = {}): TilesetTarget {
  const { clean } = { ...FOLDER_TARGET_DEFAULTS, ...options };
  const root = path.resolve(dir);
  const written = new Set<string>();
  const createdDirs = new Set<string>();
  let rootBytes: Uint8Array | undefined;

  const fileOf = (entry: string): string => {
    if (!isEntryPath(entry)) throw new Tiles3dError({ where: root, expected: 'a relative entry path', found: JSON.stringify(entry) });
    return path.join(root, ...entry.split('/'));
  };

  return {
    location: root,
    async begin() {
      if (clean) await rm(root, { recursive: true, force: true });
      await mkdir(root, { recursive: true });
      await rm(path.join(root, ROOT_TILESET_PATH), { force: true });
      written.clear();
      rootBytes = undefined;
    },
    async addEntry(entry, bytes) {
      if (entry === ROOT_TILESET_PATH) {
        rootBytes = bytes;
        return;
      }
      const file = fileOf(entry);
      const folder = path.dirname(file);
      if (!createdDirs.has(folder)) {
        await mkdir(folder, { recursive: true });
        createdDirs.add(folder);
      }
      await writeFile(`${file}.tmp`, bytes);
      await rename(`${file}.tmp`, file);
      written.add(entry);
    },
    async keeps(entry) {
      try {
        return (await stat(fileOf(entry))).isFile();
      } catch {
        return false;
      }
    },
    async previous(entry) {
      try {
        return new Uint8Array(await readFile(fileOf(entry)));
      } catch {
        return undefined;
      }
    },
    async end() {
      if (!rootBytes) throw new Tiles3dError({ where: root, expected: `a root ${ROOT_TILESET_PATH} before end()`, found: 'none' });
      const file = path.join(root, ROOT_TILESET_PATH);
      await writeFile(`${file}.tmp`, rootBytes);
      await rename(`${file}.tmp`, file);
      rootBytes = undefined;
    },
    async abort() {
      rootBytes = undefined;
      await rm(path.join(root, `${ROOT_TILESET_PATH}.tmp`), { force: true });
    },
  };
}
