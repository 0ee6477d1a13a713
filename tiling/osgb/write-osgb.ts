/**
 * writeOsgb: typed scene tree → OpenSceneGraph binary (.osgb) bytes, as osgDB::OutputStream writes
 * them (binary brackets on, "robust" format), optionally zlib-compressed as the "zlib" compressor
 * does (gzip-wrapped deflate). Source: OpenSceneGraph src/osgDB/OutputStream.cpp, Compressors.cpp.
 */
import { gzipSync } from 'fflate';
import { ATTR_BINARY_BRACKETS, BRACKETS_SINCE, OSGB_LATEST_VERSION, OSGB_NEWEST_VERSION, OSGB_OLDEST_VERSION } from './osgb-constants.ts';
import { OsgbError } from './osgb-error.ts';
import { osgbHeaderLength, writeOsgbHeader } from './osgb-header.ts';
import { OsgbOutput } from './osgb-output.ts';
import { sceneToRaw } from './osgb-scene.ts';
import type { OsgbNode, OsgbScene } from './osgb-types.ts';

export interface WriteOsgbOptions {
  /** Serializer version to write (default 161, OpenSceneGraph 3.6.5; ContextCapture writes 91). */
  version?: number;
  /** Deflate the payload with the "zlib" compressor. */
  compress?: boolean;
  /**
   * Write binary bracket sizes (header bit 0x4) so readers can skip unknown classes. Default: on
   * from serializer version 98, which introduced them (OutputStream::start).
   */
  brackets?: boolean;
}

export const WRITE_OSGB_DEFAULTS = { version: OSGB_LATEST_VERSION, compress: false };

export function writeOsgb(scene: OsgbScene | OsgbNode, options: WriteOsgbOptions = {}): Uint8Array {
  const version = options.version ?? WRITE_OSGB_DEFAULTS.version;
  const opts = { ...WRITE_OSGB_DEFAULTS, brackets: version >= BRACKETS_SINCE, ...options, version };
  if (opts.version < OSGB_OLDEST_VERSION || opts.version > OSGB_NEWEST_VERSION) {
    throw new OsgbError({ file: '<output>', offset: 0, expected: `a serializer version ${OSGB_OLDEST_VERSION}..${OSGB_NEWEST_VERSION}`, found: String(opts.version) });
  }
  const root = 'kind' in scene ? scene : scene.root;
  const output = new OsgbOutput(opts.version, opts.brackets);
  output.writeObject(root ? sceneToRaw(root, opts.version) : null);
  let payload = output.finish();
  const compressor = opts.compress ? 'zlib' : '0';
  if (opts.compress) payload = gzipSync(payload, { level: 6 });
  const out = new Uint8Array(osgbHeaderLength(compressor) + payload.length);
  const at = writeOsgbHeader(new DataView(out.buffer), 0, { version: opts.version, attributes: opts.brackets ? ATTR_BINARY_BRACKETS : 0, compressor });
  out.set(payload, at);
  return out;
}
