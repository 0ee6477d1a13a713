/**
 * Where a tileset is written: a folder, a 3D Tiles archive (.3tz) or memory, after CesiumGS/3d-tiles-tools'
 * TilesetTarget. Paths are relative, '/'-separated, e.g. `buildings/tiles/0-1.glb`.
 *
 * Commit protocol: nothing the target holds looks like a complete tileset until `end()` resolves
 * (the root `tileset.json` appears last, or the archive is renamed into place). `abort()` removes
 * what an unfinished run wrote, so an interrupted run never leaves a complete-looking tileset.
 */
export interface TilesetTarget {
  /** Folder, archive file or `<memory>`, for messages. */
  readonly location: string;
  begin(): Promise<void>;
  addEntry(path: string, bytes: Uint8Array): Promise<void>;
  /**
   * True when the target already holds `path` from an earlier run and can keep it without
   * `addEntry` (used to skip unchanged inputs); only targets that update in place say yes.
   */
  keeps(path: string): Promise<boolean>;
  /** The bytes `path` had before this run, for targets that update in place (else undefined). */
  previous(path: string): Promise<Uint8Array | undefined>;
  /** Commits the tileset. */
  end(): Promise<void>;
  /** Abandons the run: temporary files are removed and nothing new is committed. */
  abort(): Promise<void>;
}

/** The root tileset JSON of a target. */
export const ROOT_TILESET_PATH = 'tileset.json';

/** Checks a target path: relative, '/'-separated, no `.` or `..` segments. */
export function isEntryPath(path: string): boolean {
  if (!path || path.startsWith('/') || path.includes('\\')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
