/**
 * The .osgb file header: magic, stream type, serializer version, attribute bits, custom domains
 * and compressor name. Source: OpenSceneGraph src/osgPlugins/osg/ReaderWriterOSG2.cpp (magic and
 * byte-order check) and src/osgDB/InputStream.cpp `start()` / `decompress()`.
 */
import { ATTR_CUSTOM_DOMAINS, OSG_HEADER_HIGH, OSG_HEADER_LOW, OSGB_TYPE_NAMES } from './osgb-constants.ts';
import { OsgbError } from './osgb-error.ts';

export interface OsgbHeader {
  type: 'Scene' | 'Image' | 'Object';
  /** Serializer (SO) version, e.g. 91 for ContextCapture tiles, 161 for OpenSceneGraph 3.6.5. */
  version: number;
  /** Attribute bits: 0x1 custom domains, 0x2 inbuilt schema, 0x4 binary bracket sizes. */
  attributes: number;
  domains: Record<string, number>;
  /** "0" for none, "zlib" for gzip/zlib-deflated payloads. */
  compressor: string;
  /** True when the file was written big-endian. */
  byteSwap: boolean;
}

const swap32 = (v: number) => (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;

/**
 * Reads the header starting at `offset`; returns it and the offset of the payload (the first byte
 * after the compressor name).
 */
export function readOsgbHeader(view: DataView, offset: number, file = '<memory>'): { header: OsgbHeader; offset: number } {
  const fail = (at: number, expected: string, found: string): never => { throw new OsgbError({ file, offset: at, expected, found }); };
  const need = (at: number, n: number, what: string) => {
    if (at + n > view.byteLength) fail(at, `${what} (${n} bytes)`, `end of file (${view.byteLength - at} bytes left)`);
  };
  need(offset, 8, 'OSGB magic');
  const low = view.getUint32(offset, true);
  const high = view.getUint32(offset + 4, true);
  let byteSwap = false;
  if (low === swap32(OSG_HEADER_LOW) && high === swap32(OSG_HEADER_HIGH)) byteSwap = true;
  else if (low !== OSG_HEADER_LOW || high !== OSG_HEADER_HIGH) {
    fail(offset, 'OSGB magic 0x6C910EA1 0x1AFB4545', `0x${low.toString(16).toUpperCase()} 0x${high.toString(16).toUpperCase()}`);
  }
  const le = !byteSwap;
  let at = offset + 8;
  const u32 = (what: string) => { need(at, 4, what); const v = view.getUint32(at, le); at += 4; return v; };
  const str = (what: string) => {
    const start = at;
    const n = view.getInt32((need(at, 4, `${what} length`), at), le);
    at += 4;
    if (n < 0 || n > 4096) fail(start, `${what} length 0..4096`, String(n));
    need(at, n, what);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(view.getUint8(at + i));
    at += n;
    return s;
  };
  const typeAt = at;
  const typeValue = u32('stream type');
  const type = OSGB_TYPE_NAMES[typeValue];
  if (!type) fail(typeAt, 'stream type 1 (scene), 2 (image) or 3 (object)', String(typeValue));
  const version = u32('serializer version');
  const attributes = u32('attributes');
  const domains: Record<string, number> = {};
  if (attributes & ATTR_CUSTOM_DOMAINS) {
    const n = u32('custom domain count');
    if (n > 256) fail(at - 4, 'custom domain count <= 256', String(n));
    for (let i = 0; i < n; i++) {
      const name = str('custom domain name');
      domains[name] = view.getInt32((need(at, 4, 'custom domain version'), at), le);
      at += 4;
    }
  }
  const compressor = str('compressor name');
  return { header: { type, version, attributes, domains, compressor, byteSwap }, offset: at };
}

/** Writes a little-endian header into `view` at `offset`; returns the offset after it. */
export function writeOsgbHeader(view: DataView, offset: number, header: Pick<OsgbHeader, 'version' | 'attributes' | 'compressor'>): number {
  let at = offset;
  const u32 = (v: number) => { view.setUint32(at, v, true); at += 4; };
  u32(OSG_HEADER_LOW);
  u32(OSG_HEADER_HIGH);
  u32(1);
  u32(header.version);
  u32(header.attributes & ~ATTR_CUSTOM_DOMAINS);
  u32(header.compressor.length);
  for (let i = 0; i < header.compressor.length; i++) view.setUint8(at++, header.compressor.charCodeAt(i));
  return at;
}

/** Byte length of the header `writeOsgbHeader` produces. */
export function osgbHeaderLength(compressor: string): number {
  return 24 + compressor.length;
}
