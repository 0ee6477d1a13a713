/**
 * readOsgb: OpenSceneGraph binary (.osgb) bytes → typed scene tree. Serializer versions 70..202
 * (OpenSceneGraph 3.0 – 3.7), with or without binary brackets, plain or zlib/gzip-compressed.
 * Source: OpenSceneGraph src/osgPlugins/osg/ReaderWriterOSG2.cpp and src/osgDB/InputStream.cpp.
 */
import { decompressSync } from 'fflate';
import { ATTR_BINARY_BRACKETS, ATTR_SCHEMA_DATA, OSGB_NEWEST_VERSION, OSGB_OLDEST_VERSION } from './osgb-constants.ts';
import { OsgbError } from './osgb-error.ts';
import { readOsgbHeader } from './osgb-header.ts';
import type { OsgbHeader } from './osgb-header.ts';
import { OsgbInput } from './osgb-input.ts';
import type { RawObject } from './osgb-raw.ts';
import { rawToScene } from './osgb-scene.ts';
import type { OsgbScene } from './osgb-types.ts';

export interface ReadOsgbOptions {
  /** File name used in error messages. */
  file?: string;
}

/** The header and root object of a stream at schema level (for tools and tests); `end` is the offset after the root object in the (inflated) payload, `length` that payload's size. */
export interface RawOsgb { header: OsgbHeader; root: RawObject | null; end: number; length: number }

export function readOsgbRaw(bytes: Uint8Array, options: ReadOsgbOptions = {}): RawOsgb {
  const file = options.file ?? '<memory>';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { header, offset } = readOsgbHeader(view, 0, file);
  if (header.type === 'Image') {
    throw new OsgbError({ file, offset: 8, expected: 'a scene or object stream (type 1 or 3)', found: 'a stand-alone image stream (type 2)' });
  }
  if (header.version < OSGB_OLDEST_VERSION || header.version > OSGB_NEWEST_VERSION) {
    throw new OsgbError({ file, offset: 12, expected: `serializer version ${OSGB_OLDEST_VERSION}..${OSGB_NEWEST_VERSION}`, found: String(header.version) });
  }
  let payload = bytes;
  let start = offset;
  let label = file;
  if (header.compressor === 'zlib') {
    try {
      payload = decompressSync(bytes.subarray(offset));
    } catch (e) {
      throw new OsgbError({ file, offset, expected: 'a zlib or gzip stream after the compressor name', found: `data that does not inflate (${(e as Error).message})` });
    }
    start = 0;
    label = `${file} (inflated payload)`;
  } else if (header.compressor !== '0') {
    throw new OsgbError({ file, offset: offset - header.compressor.length, expected: 'compressor "0" or "zlib"', found: JSON.stringify(header.compressor) });
  }
  const input = new OsgbInput(payload, start, {
    file: label, version: header.version, brackets: (header.attributes & ATTR_BINARY_BRACKETS) !== 0, byteSwap: header.byteSwap,
  });
  // Inbuilt schema data only matters to wrappers newer than the file; skip it.
  if (header.attributes & ATTR_SCHEMA_DATA) input.string('inbuilt schema');
  const root = input.readObject();
  return { header, root, end: input.pos, length: payload.length };
}

/** Reads a whole .osgb stream into a typed scene tree. Throws OsgbError on malformed input. */
export function readOsgb(bytes: Uint8Array, options: ReadOsgbOptions = {}): OsgbScene {
  const { header, root } = readOsgbRaw(bytes, options);
  return { version: header.version, compressor: header.compressor, attributes: header.attributes, root: rawToScene(root) };
}
