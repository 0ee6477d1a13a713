// Deterministic IfcGloballyUniqueId values.
// IFC encodes a 128-bit GUID as 22 characters of a 64-character alphabet, most significant first; the first
// character carries only the top 2 bits (so it is 0–3). Source: buildingSMART, "IfcGloballyUniqueId",
// https://standards.buildingsmart.org/IFC/RELEASE/IFC4/ADD2_TC1/HTML/schema/ifcutilityresource/lexical/ifcgloballyuniqueid.htm
import { createHash } from 'node:crypto';

const IFC_BASE64 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$';

/** Compresses 16 bytes (big-endian 128-bit number) to the 22-character IFC form. */
export function compressGuid(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError(`a GUID has 16 bytes, found ${bytes.length}`);
  // Byte 0 → 2 characters, then five groups of 3 bytes (24 bits) → 4 characters each.
  let out = IFC_BASE64[bytes[0] >> 6] + IFC_BASE64[bytes[0] & 63];
  for (let i = 1; i < 16; i += 3) {
    const group = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    for (let shift = 18; shift >= 0; shift -= 6) out += IFC_BASE64[(group >> shift) & 63];
  }
  return out;
}

/**
 * Name-based GUID: SHA-1 of `name`, truncated to 16 bytes with the RFC 9562 version-5 and variant bits set,
 * so regenerating a model yields byte-identical GlobalIds. `name` is a path such as `BIM-2026-001/storey/2/wall/3`.
 */
export function ifcGuidFromName(name: string): string {
  const bytes = new Uint8Array(createHash('sha1').update(name, 'utf8').digest().subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return compressGuid(bytes);
}

const GUID_PATTERN = /^[0-3][0-9A-Za-z_$]{21}$/;

/** True for a syntactically valid compressed IFC GUID. */
export function isIfcGuid(text: string): boolean {
  return GUID_PATTERN.test(text);
}
