/**
 * The `@3dtilesIndex1@` member of a 3D Tiles archive (3TZ, "3D Tiles Archive Format" v1.3,
 * erikdahlstrom/3tz-specification; as read by CesiumGS/3d-tiles-tools and loaders.gl): one 24-byte
 * record per member, the MD5 of its path (16 bytes) then the offset of its local file header
 * (uint64 LE), sorted by the hash read as two uint64 LE (bytes 0–7 first, then 8–15). It is the
 * last member of the archive, so readers find it from the end of the central directory.
 */
import { createHash } from 'node:crypto';

export const ARCHIVE_INDEX_NAME = '@3dtilesIndex1@';
export const ARCHIVE_INDEX_RECORD_SIZE = 24;

export function pathHash(path: string): Uint8Array {
  return new Uint8Array(createHash('md5').update(path, 'utf8').digest());
}

/** The spec's order: the first 8 bytes as uint64 LE, then the last 8. */
export function compareHashes(a: Uint8Array, b: Uint8Array): number {
  const va = new DataView(a.buffer, a.byteOffset, 16), vb = new DataView(b.buffer, b.byteOffset, 16);
  for (const at of [0, 8]) {
    const x = va.getBigUint64(at, true), y = vb.getBigUint64(at, true);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function buildArchiveIndex(entries: ReadonlyArray<{ path: string; offset: number }>): Uint8Array {
  const records = entries.map((e) => ({ hash: pathHash(e.path), offset: e.offset }));
  records.sort((a, b) => compareHashes(a.hash, b.hash));
  const bytes = new Uint8Array(records.length * ARCHIVE_INDEX_RECORD_SIZE);
  const view = new DataView(bytes.buffer);
  records.forEach((r, i) => {
    bytes.set(r.hash, i * ARCHIVE_INDEX_RECORD_SIZE);
    view.setBigUint64(i * ARCHIVE_INDEX_RECORD_SIZE + 16, BigInt(r.offset), true);
  });
  return bytes;
}

/** Binary search of an index for a path; the local header offset or undefined. */
export function findInArchiveIndex(index: Uint8Array, path: string): number | undefined {
  const hash = pathHash(path);
  const view = new DataView(index.buffer, index.byteOffset, index.byteLength);
  let lo = 0, hi = index.byteLength / ARCHIVE_INDEX_RECORD_SIZE - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = mid * ARCHIVE_INDEX_RECORD_SIZE;
    const c = compareHashes(index.subarray(at, at + 16), hash);
    if (c === 0) return Number(view.getBigUint64(at + 16, true));
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
