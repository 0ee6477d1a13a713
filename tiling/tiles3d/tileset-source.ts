/**
 * Reading a written tileset back: from a folder, a 3D Tiles archive (.3tz, looked up through its
 * `@3dtilesIndex1@` index as viewers do) or memory. Used by tests and `cimflow inspect`.
 */
import { open, readFile, readdir, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { ARCHIVE_INDEX_NAME, findInArchiveIndex } from './archive-index.ts';
import { Tiles3dError } from './tiles3d-error.ts';
import { ZIP } from './zip-records.ts';

export interface TilesetSource {
  readonly location: string;
  /** The bytes of an entry, or undefined when there is none. */
  get(path: string): Promise<Uint8Array | undefined>;
  /** All entry paths (for archives, without the index member). */
  list(): Promise<string[]>;
  close(): Promise<void>;
}

export function createMemorySource(entries: ReadonlyMap<string, Uint8Array>): TilesetSource {
  return {
    location: '<memory>',
    async get(p) {
      return entries.get(p);
    },
    async list() {
      return [...entries.keys()];
    },
    async close() {},
  };
}

function folderSource(dir: string): TilesetSource {
  return {
    location: dir,
    async get(p) {
      try {
        return new Uint8Array(await readFile(path.join(dir, ...p.split('/'))));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async list() {
      const files = await readdir(dir, { recursive: true, withFileTypes: true });
      return files
        .filter((f) => f.isFile())
        .map((f) => path.relative(dir, path.join(f.parentPath, f.name)).split(path.sep).join('/'))
        .sort();
    },
    async close() {},
  };
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  const { bytesRead } = await handle.read(bytes, 0, length, position);
  return bytes.subarray(0, bytesRead);
}

interface CentralEntry { name: string; offset: number }

/** Central directory of a ZIP, with ZIP64 end records and offsets (APPNOTE §4.3.12–16). */
async function readCentralDirectory(handle: FileHandle, file: string, size: number): Promise<CentralEntry[]> {
  const tailLength = Math.min(size, ZIP.END_SIZE + ZIP.MAX16 + ZIP.ZIP64_END_SIZE + ZIP.ZIP64_LOCATOR_SIZE);
  const tail = await readAt(handle, size - tailLength, tailLength);
  const tv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let end = -1;
  for (let i = tail.length - ZIP.END_SIZE; i >= 0; i--) {
    if (tv.getUint32(i, true) === ZIP.END_SIG) { end = i; break; }
  }
  if (end < 0) throw new Tiles3dError({ where: file, expected: 'a ZIP end of central directory record', found: 'none' });
  let count = tv.getUint16(end + 10, true);
  let directorySize = tv.getUint32(end + 12, true);
  let directoryOffset = tv.getUint32(end + 16, true);
  const locator = end - ZIP.ZIP64_LOCATOR_SIZE;
  if (locator >= 0 && tv.getUint32(locator, true) === ZIP.ZIP64_LOCATOR_SIG) {
    const at = Number(tv.getBigUint64(locator + 8, true));
    const record = await readAt(handle, at, ZIP.ZIP64_END_SIZE);
    const rv = new DataView(record.buffer, record.byteOffset, record.byteLength);
    if (rv.getUint32(0, true) !== ZIP.ZIP64_END_SIG) {
      throw new Tiles3dError({ where: `${file}@${at}`, expected: 'a ZIP64 end of central directory record', found: `0x${rv.getUint32(0, true).toString(16)}` });
    }
    count = Number(rv.getBigUint64(32, true));
    directorySize = Number(rv.getBigUint64(40, true));
    directoryOffset = Number(rv.getBigUint64(48, true));
  }
  const dir = await readAt(handle, directoryOffset, directorySize);
  const dv = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const decoder = new TextDecoder();
  const entries: CentralEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (dv.getUint32(at, true) !== ZIP.CENTRAL_HEADER_SIG) {
      throw new Tiles3dError({ where: `${file}@${directoryOffset + at}`, expected: 'a central directory header', found: `0x${dv.getUint32(at, true).toString(16)}` });
    }
    const nameLength = dv.getUint16(at + 28, true), extraLength = dv.getUint16(at + 30, true), commentLength = dv.getUint16(at + 32, true);
    const name = decoder.decode(dir.subarray(at + ZIP.CENTRAL_HEADER_SIZE, at + ZIP.CENTRAL_HEADER_SIZE + nameLength));
    let offset = dv.getUint32(at + 42, true);
    if (offset === ZIP.MAX32) {
      // ZIP64 extra: fields present only for the 32-bit fields set to 0xFFFFFFFF, in this order.
      let e = at + ZIP.CENTRAL_HEADER_SIZE + nameLength;
      const extraEnd = e + extraLength;
      while (e < extraEnd) {
        const id = dv.getUint16(e, true), length = dv.getUint16(e + 2, true);
        if (id === ZIP.ZIP64_EXTRA_ID) {
          let field = e + 4;
          if (dv.getUint32(at + 24, true) === ZIP.MAX32) field += 8;
          if (dv.getUint32(at + 20, true) === ZIP.MAX32) field += 8;
          offset = Number(dv.getBigUint64(field, true));
        }
        e += 4 + length;
      }
    }
    entries.push({ name, offset });
    at += ZIP.CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A member's data from its local file header (sizes from the local header, as 3TZ requires). */
async function readMember(handle: FileHandle, file: string, offset: number, name: string): Promise<Uint8Array> {
  const header = await readAt(handle, offset, ZIP.LOCAL_HEADER_SIZE);
  const hv = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.length < ZIP.LOCAL_HEADER_SIZE || hv.getUint32(0, true) !== ZIP.LOCAL_HEADER_SIG) {
    throw new Tiles3dError({ where: `${file}@${offset}`, expected: `the local file header of ${name}`, found: 'other bytes' });
  }
  const method = hv.getUint16(8, true), compressedSize = hv.getUint32(18, true);
  const dataAt = offset + ZIP.LOCAL_HEADER_SIZE + hv.getUint16(26, true) + hv.getUint16(28, true);
  const data = await readAt(handle, dataAt, compressedSize);
  if (method === ZIP.METHOD_STORE) return data;
  if (method === ZIP.METHOD_DEFLATE) return new Uint8Array(inflateRawSync(data));
  throw new Tiles3dError({ where: `${file}:${name}`, expected: 'compression method 0 (store) or 8 (deflate)', found: String(method) });
}

async function archiveSource(file: string): Promise<TilesetSource> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const entries = await readCentralDirectory(handle, file, size);
    const last = entries[entries.length - 1];
    if (!last || last.name !== ARCHIVE_INDEX_NAME) {
      throw new Tiles3dError({ where: file, expected: `${ARCHIVE_INDEX_NAME} as the last member`, found: last ? JSON.stringify(last.name) : 'an empty archive' });
    }
    const index = await readMember(handle, file, last.offset, last.name);
    return {
      location: file,
      async get(p) {
        const offset = findInArchiveIndex(index, p);
        return offset === undefined ? undefined : readMember(handle, file, offset, p);
      },
      async list() {
        return entries.filter((e) => e.name !== ARCHIVE_INDEX_NAME).map((e) => e.name).sort();
      },
      async close() {
        await handle.close();
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Opens a tileset folder or a `.3tz` archive. */
export async function openTilesetSource(location: string): Promise<TilesetSource> {
  const info = await stat(location);
  return info.isDirectory() ? folderSource(path.resolve(location)) : archiveSource(path.resolve(location));
}
