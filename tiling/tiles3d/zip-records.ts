/**
 * ZIP record layouts used by 3D Tiles archives (PKWARE APPNOTE.TXT 6.3.10: §4.3.7 local file
 * header, §4.3.12 central directory header, §4.3.14–16 ZIP64 end records, §4.5.3 ZIP64 extra
 * field). All integers little-endian.
 */

export const ZIP = {
  LOCAL_HEADER_SIG: 0x04034b50,
  CENTRAL_HEADER_SIG: 0x02014b50,
  END_SIG: 0x06054b50,
  ZIP64_END_SIG: 0x06064b50,
  ZIP64_LOCATOR_SIG: 0x07064b50,
  ZIP64_EXTRA_ID: 0x0001,
  LOCAL_HEADER_SIZE: 30,
  CENTRAL_HEADER_SIZE: 46,
  END_SIZE: 22,
  ZIP64_END_SIZE: 56,
  ZIP64_LOCATOR_SIZE: 20,
  METHOD_STORE: 0,
  METHOD_DEFLATE: 8,
  /** General purpose flag bit 11: names are UTF-8. */
  FLAG_UTF8: 0x0800,
  /** 1980-01-01 00:00 in MS-DOS date/time, so archives are reproducible. */
  DOS_TIME: 0,
  DOS_DATE: (1 << 5) | 1,
  MAX32: 0xffffffff,
  MAX16: 0xffff,
} as const;

/** One archive member as the central directory records it. */
export interface ZipEntryRecord {
  name: Uint8Array;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header from the start of the archive. */
  offset: number;
}

export function localHeader(entry: ZipEntryRecord): Uint8Array {
  if (entry.size >= ZIP.MAX32 || entry.compressedSize >= ZIP.MAX32) {
    throw new RangeError(`zip entry of ${entry.size} bytes: entries of 4 GiB or more are not supported`);
  }
  const bytes = new Uint8Array(ZIP.LOCAL_HEADER_SIZE + entry.name.length);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, ZIP.LOCAL_HEADER_SIG, true);
  v.setUint16(4, 20, true);
  v.setUint16(6, ZIP.FLAG_UTF8, true);
  v.setUint16(8, entry.method, true);
  v.setUint16(10, ZIP.DOS_TIME, true);
  v.setUint16(12, ZIP.DOS_DATE, true);
  v.setUint32(14, entry.crc, true);
  v.setUint32(18, entry.compressedSize, true);
  v.setUint32(22, entry.size, true);
  v.setUint16(26, entry.name.length, true);
  v.setUint16(28, 0, true);
  bytes.set(entry.name, ZIP.LOCAL_HEADER_SIZE);
  return bytes;
}

/** Central directory header; the offset goes into a ZIP64 extra field when it does not fit 32 bits. */
export function centralHeader(entry: ZipEntryRecord): Uint8Array {
  const zip64 = entry.offset >= ZIP.MAX32;
  const extraLength = zip64 ? 12 : 0;
  const bytes = new Uint8Array(ZIP.CENTRAL_HEADER_SIZE + entry.name.length + extraLength);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, ZIP.CENTRAL_HEADER_SIG, true);
  v.setUint16(4, zip64 ? 45 : 20, true);
  v.setUint16(6, zip64 ? 45 : 20, true);
  v.setUint16(8, ZIP.FLAG_UTF8, true);
  v.setUint16(10, entry.method, true);
  v.setUint16(12, ZIP.DOS_TIME, true);
  v.setUint16(14, ZIP.DOS_DATE, true);
  v.setUint32(16, entry.crc, true);
  v.setUint32(20, entry.compressedSize, true);
  v.setUint32(24, entry.size, true);
  v.setUint16(28, entry.name.length, true);
  v.setUint16(30, extraLength, true);
  v.setUint32(42, zip64 ? ZIP.MAX32 : entry.offset, true);
  bytes.set(entry.name, ZIP.CENTRAL_HEADER_SIZE);
  if (zip64) {
    const at = ZIP.CENTRAL_HEADER_SIZE + entry.name.length;
    v.setUint16(at, ZIP.ZIP64_EXTRA_ID, true);
    v.setUint16(at + 2, 8, true);
    v.setBigUint64(at + 4, BigInt(entry.offset), true);
  }
  return bytes;
}

/** End of central directory, preceded by the ZIP64 end record and locator when needed. */
export function endRecords(count: number, directoryOffset: number, directorySize: number): Uint8Array {
  const zip64 = count >= ZIP.MAX16 || directoryOffset >= ZIP.MAX32 || directorySize >= ZIP.MAX32;
  const size = ZIP.END_SIZE + (zip64 ? ZIP.ZIP64_END_SIZE + ZIP.ZIP64_LOCATOR_SIZE : 0);
  const bytes = new Uint8Array(size);
  const v = new DataView(bytes.buffer);
  let at = 0;
  if (zip64) {
    v.setUint32(at, ZIP.ZIP64_END_SIG, true);
    v.setBigUint64(at + 4, BigInt(ZIP.ZIP64_END_SIZE - 12), true);
    v.setUint16(at + 12, 45, true);
    v.setUint16(at + 14, 45, true);
    v.setBigUint64(at + 24, BigInt(count), true);
    v.setBigUint64(at + 32, BigInt(count), true);
    v.setBigUint64(at + 40, BigInt(directorySize), true);
    v.setBigUint64(at + 48, BigInt(directoryOffset), true);
    at += ZIP.ZIP64_END_SIZE;
    v.setUint32(at, ZIP.ZIP64_LOCATOR_SIG, true);
    v.setBigUint64(at + 8, BigInt(directoryOffset + directorySize), true);
    v.setUint32(at + 16, 1, true);
    at += ZIP.ZIP64_LOCATOR_SIZE;
  }
  v.setUint32(at, ZIP.END_SIG, true);
  v.setUint16(at + 8, Math.min(count, ZIP.MAX16), true);
  v.setUint16(at + 10, Math.min(count, ZIP.MAX16), true);
  v.setUint32(at + 12, Math.min(directorySize, ZIP.MAX32), true);
  v.setUint32(at + 16, Math.min(directoryOffset, ZIP.MAX32), true);
  return bytes;
}
