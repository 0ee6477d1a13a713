/**
 * A TilesetTarget writing a 3D Tiles archive (.3tz): a ZIP whose last member is the
 * `@3dtilesIndex1@` hash index (see archive-index.ts). Members stream to `<file>.tmp` as they
 * arrive (memory holds only the central directory), and the archive is renamed into place at
 * `end()`, so an interrupted run leaves no `.3tz`. JSON is deflated; glb is deflated only when
 * that saves at least a tenth.
 */
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';
import { ARCHIVE_INDEX_NAME, buildArchiveIndex } from './archive-index.ts';
import { Tiles3dError } from './tiles3d-error.ts';
import { isEntryPath, type TilesetTarget } from './tileset-target.ts';
import { ZIP, centralHeader, endRecords, localHeader, type ZipEntryRecord } from './zip-records.ts';

export interface Archive3tzTargetOptions {
  /** zlib level for deflated members (0–9). */
  level?: number;
  /** Deflate a member only if that saves at least this fraction of it. */
  minSaving?: number;
}

export const ARCHIVE_3TZ_TARGET_DEFAULTS: Required<Archive3tzTargetOptions> = { level: 6, minSaving: 0.1 };

export function create3tzTarget(file: string, options: Archive3tzTargetOptions = {}): TilesetTarget {
  const { level, minSaving } = { ...ARCHIVE_3TZ_TARGET_DEFAULTS, ...options };
  const tmp = `${file}.tmp`;
  const encoder = new TextEncoder();
  let handle: FileHandle | undefined;
  let position = 0;
  let records: ZipEntryRecord[] = [];
  let paths: string[] = [];
  const names = new Set<string>();

  async function append(bytes: Uint8Array): Promise<void> {
    if (!handle) throw new Tiles3dError({ where: file, expected: 'begin() before writing', found: 'no open archive' });
    await handle.write(bytes, 0, bytes.length, position);
    position += bytes.length;
  }

  async function addMember(path: string, bytes: Uint8Array, compress: boolean): Promise<void> {
    let data = bytes, method: number = ZIP.METHOD_STORE;
    if (compress && bytes.length > 64) {
      const deflated = deflateRawSync(bytes, { level });
      if (deflated.length <= bytes.length * (1 - minSaving)) {
        data = deflated;
        method = ZIP.METHOD_DEFLATE;
      }
    }
    const record: ZipEntryRecord = {
      name: encoder.encode(path), method, crc: crc32(bytes), compressedSize: data.length, size: bytes.length, offset: position,
    };
    await append(localHeader(record));
    await append(data);
    records.push(record);
    paths.push(path);
  }

  return {
    location: file,
    async begin() {
      handle = await open(tmp, 'w');
      position = 0;
      records = [];
      paths = [];
      names.clear();
    },
    async addEntry(path, bytes) {
      if (!isEntryPath(path) || path === ARCHIVE_INDEX_NAME) {
        throw new Tiles3dError({ where: file, expected: 'a relative entry path', found: JSON.stringify(path) });
      }
      if (names.has(path)) throw new Tiles3dError({ where: `${file}:${path}`, expected: 'each entry once', found: 'a second entry' });
      names.add(path);
      await addMember(path, bytes, true);
    },
    async keeps() {
      return false;
    },
    async previous() {
      return undefined;
    },
    async end() {
      const index = buildArchiveIndex(paths.map((path, i) => ({ path, offset: records[i].offset })));
      await addMember(ARCHIVE_INDEX_NAME, index, false);
      const directoryOffset = position;
      for (const record of records) await append(centralHeader(record));
      await append(endRecords(records.length, directoryOffset, position - directoryOffset));
      await handle?.close();
      handle = undefined;
      await rename(tmp, file);
    },
    async abort() {
      await handle?.close();
      handle = undefined;
      await rm(tmp, { force: true });
    },
  };
}
