/**
 * Where static files come from: a folder (symlinks may not lead out of it) or the entries of a 3D Tiles
 * archive (.3tz). A request path is checked segment by segment before anything touches the disk: `..`, `.`,
 * empty-after-decoding, encoded slashes, backslashes and NUL are refused.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ApiError } from './api-error.ts';

export interface StaticEntry {
  size: number;
  mtime: Date;
  /** Distinguishes versions of the entry (with size and mtime it makes the ETag). */
  tag: string;
  /** Bytes start..end inclusive (the whole entry by default). */
  body(start?: number, end?: number): Readable | Buffer;
}

export interface StaticSource {
  readonly location: string;
  /** The entry at a checked relative path (segments joined by '/'), or undefined. */
  lookup(relPath: string): Promise<StaticEntry | undefined>;
  close(): Promise<void>;
}

/** Decodes and checks the path part after a route prefix; returns the relative path ('' for the root). */
export function checkedRelativePath(rawPath: string): string {
  const parts: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      throw new ApiError(400, 'invalid-path', `path: malformed percent-encoding in '${raw}'`);
    }
    if (seg === '..' || seg === '.' || seg === '' || /[/\\\0]/.test(seg) || /^[A-Za-z]:/.test(seg)) {
      throw new ApiError(403, 'forbidden-path', `path: segment '${raw}' is not allowed`);
    }
    parts.push(seg);
  }
  return parts.join('/');
}

export function folderSource(root: string): StaticSource {
  const base = path.resolve(root);
  let realBase: string | undefined;
  return {
    location: base,
    async lookup(rel) {
      const file = path.join(base, ...rel.split('/'));
      if (file !== base && !file.startsWith(base + path.sep)) throw new ApiError(403, 'forbidden-path', `path: '${rel}' leaves the served folder`);
      let real: string;
      try {
        realBase ??= await realpath(base);
        real = await realpath(file);
      } catch {
        return undefined;
      }
      if (real !== realBase && !real.startsWith(realBase + path.sep)) {
        throw new ApiError(403, 'forbidden-path', `path: '${rel}' leads out of the served folder`);
      }
      const info = await stat(real);
      if (!info.isFile()) return undefined;
      return {
        size: info.size,
        mtime: info.mtime,
        tag: `${info.ino.toString(36)}`,
        body: (start = 0, end = info.size - 1) => createReadStream(real, { start, end }),
      };
    },
    async close() {},
  };
}

/** Entries of a .3tz archive through tiling's reader (imported only when an archive is served). */
export async function archiveSource(file: string): Promise<StaticSource> {
  const { openTilesetSource } = await import('../../tiling/index.ts');
  const archive = await openTilesetSource(file);
  const info = await stat(file);
  return {
    location: file,
    async lookup(rel) {
      const bytes = await archive.get(rel);
      if (!bytes) return undefined;
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return {
        size: buf.length,
        mtime: info.mtime,
        tag: `a${info.mtimeMs.toString(36)}`,
        body: (start = 0, end = buf.length - 1) => buf.subarray(start, end + 1),
      };
    },
    close: () => archive.close(),
  };
}
