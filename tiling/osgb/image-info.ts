/**
 * MIME type and pixel size of an encoded image from its first bytes (JPEG SOFn segment, PNG IHDR),
 * enough to describe the textures inlined in OSGB tiles without decoding them.
 * Sources: ITU-T T.81 Annex B (JPEG markers), PNG specification §11.2.2 (IHDR).
 */
export interface ImageInfo { mimeType: string; width: number; height: number }

const EXTENSION_MIME: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', dds: 'image/vnd-ms.dds', ktx: 'image/ktx',
  bmp: 'image/bmp', gif: 'image/gif', tif: 'image/tiff', tiff: 'image/tiff', rgb: 'image/x-rgb', tga: 'image/x-tga',
};

/** MIME type guessed from a file name's extension ('application/octet-stream' if unknown). */
export function mimeFromFileName(fileName: string): string {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return EXTENSION_MIME[ext] ?? 'application/octet-stream';
}

/** Inspects encoded bytes; returns width/height 0 when the header cannot be parsed. */
export function imageInfo(data: Uint8Array, fileName = ''): ImageInfo {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return { mimeType: 'image/jpeg', ...jpegSize(data) };
  if (data.length >= 24 && data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) {
    const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
    return { mimeType: 'image/png', width: v.getUint32(16), height: v.getUint32(20) };
  }
  if (data.length >= 4 && data[0] === 0x44 && data[1] === 0x44 && data[2] === 0x53 && data[3] === 0x20) return { mimeType: 'image/vnd-ms.dds', width: 0, height: 0 };
  return { mimeType: mimeFromFileName(fileName), width: 0, height: 0 };
}

/** Walks JPEG marker segments to the first start-of-frame (SOF0..SOF15 except DHT/JPG/DAC). */
function jpegSize(data: Uint8Array): { width: number; height: number } {
  let p = 2;
  while (p + 9 < data.length) {
    if (data[p] !== 0xff) return { width: 0, height: 0 };
    const marker = data[p + 1];
    if (marker === 0xff) { p++; continue; }
    const length = (data[p + 2] << 8) | data[p + 3];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (data[p + 5] << 8) | data[p + 6], width: (data[p + 7] << 8) | data[p + 8] };
    }
    if (marker === 0xd9 || marker === 0xda) break;
    p += 2 + length;
  }
  return { width: 0, height: 0 };
}
