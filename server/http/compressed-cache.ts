/**
 * Compressed bodies of small static files, kept so that a terrain tile or tileset JSON requested by many
 * viewers is compressed once per version (keyed by its ETag and encoding). Least recently used first out.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export const COMPRESSED_CACHE_DEFAULTS = {
  /** Files up to this size are compressed in memory and cached; larger ones are streamed. */
  maxEntryBytes: 1024 * 1024,
  /** Total compressed bytes kept. */
  maxTotalBytes: 32 * 1024 * 1024,
};

export function compress(bytes: Buffer, encoding: 'br' | 'gzip'): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
    : gz(bytes, { level: 6 });
}

export class CompressedCache {
  private readonly entries = new Map<string, Buffer>();
  private total = 0;

  constructor(private readonly maxTotalBytes = COMPRESSED_CACHE_DEFAULTS.maxTotalBytes) {}

  get(key: string): Buffer | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Re-insert: Map order is insertion order, so the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, body: Buffer): void {
    if (body.length > this.maxTotalBytes) return;
    const old = this.entries.get(key);
    if (old) this.total -= old.length;
    this.entries.set(key, body);
    this.total += body.length;
    for (const [k, v] of this.entries) {
      if (this.total <= this.maxTotalBytes) break;
      this.entries.delete(k);
      this.total -= v.length;
    }
  }
}
