/**
 * The GLB container (glTF 2.0 §4.4 "Binary glTF Layout") written with 8-byte chunk alignment, as
 * EXT_structural_metadata §"Binary Data Storage" requires: the JSON chunk padded with spaces and
 * the BIN chunk with zeros to multiples of 8, so every 8-byte aligned buffer view is also 8-byte
 * aligned in the file. The buffer's byteLength includes the BIN padding.
 */
import { Format, type Document, type PlatformIO } from '@gltf-transform/core';

const GLB_BUFFER = '@glb.bin';
const MAGIC = 0x46546c67; // 'glTF'
const CHUNK_JSON = 0x4e4f534a;
const CHUNK_BIN = 0x004e4942;

const pad8 = (n: number): number => Math.ceil(n / 8) * 8;

export async function writeGlbBytes(io: PlatformIO, doc: Document): Promise<Uint8Array> {
  const { json, resources } = await io.writeJSON(doc, { format: Format.GLB });
  const bin = resources[GLB_BUFFER];
  if (bin && json.buffers?.[0]) json.buffers[0].byteLength = pad8(bin.byteLength);
  const jsonBytes = new TextEncoder().encode(JSON.stringify(json));
  const jsonLength = pad8(jsonBytes.length);
  const binLength = bin ? pad8(bin.byteLength) : 0;
  const total = 12 + 8 + jsonLength + (bin ? 8 + binLength : 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, 2, true);
  view.setUint32(8, total, true);
  view.setUint32(12, jsonLength, true);
  view.setUint32(16, CHUNK_JSON, true);
  out.set(jsonBytes, 20);
  out.fill(0x20, 20 + jsonBytes.length, 20 + jsonLength);
  if (bin) {
    const at = 20 + jsonLength;
    view.setUint32(at, binLength, true);
    view.setUint32(at + 4, CHUNK_BIN, true);
    out.set(bin, at + 8);
  }
  return out;
}
