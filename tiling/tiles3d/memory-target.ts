/** A TilesetTarget that keeps entries in a Map, for tests and for writing into another container. */
import { Tiles3dError } from './tiles3d-error.ts';
import { isEntryPath, type TilesetTarget } from './tileset-target.ts';

export interface MemoryTarget extends TilesetTarget {
  /** Entries committed by `end()`; empty before. */
  readonly entries: ReadonlyMap<string, Uint8Array>;
}

export function createMemoryTarget(): MemoryTarget {
  const pending = new Map<string, Uint8Array>();
  const entries = new Map<string, Uint8Array>();
  return {
    location: '<memory>',
    entries,
    async begin() {
      pending.clear();
    },
    async addEntry(path, bytes) {
      if (!isEntryPath(path)) throw new Tiles3dError({ where: '<memory>', expected: 'a relative entry path', found: JSON.stringify(path) });
      pending.set(path, bytes);
    },
    async keeps() {
      return false;
    },
    async previous() {
      return undefined;
    },
    async end() {
      entries.clear();
      for (const [path, bytes] of pending) entries.set(path, bytes);
      pending.clear();
    },
    async abort() {
      pending.clear();
    },
  };
}
