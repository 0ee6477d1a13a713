/**
 * GET/HEAD of static files under a route prefix, with the HTTP caching and transfer features 3D Tiles,
 * terrain and replay clients rely on: strong ETags and Last-Modified with 304 answers (RFC 9110 §13),
 * single byte ranges with 206/416 and If-Range (RFC 9110 §14), and brotli/gzip for text-like files when the
 * client accepts it (never together with a range, so byte offsets stay those of the file; small files are
 * compressed once per version and cached).
 */
import { Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { compress, COMPRESSED_CACHE_DEFAULTS, CompressedCache } from './compressed-cache.ts';
import { contentTypeOf, isCompressible } from './content-types.ts';
import { checkedRelativePath, type StaticEntry, type StaticSource } from './static-source.ts';

export interface ServeStaticOptions {
  /** Route prefix without a trailing slash, e.g. '/tiles'; '' serves from the root. */
  prefix: string;
  source: StaticSource;
  /** Cache-Control for a relative path. */
  cacheControl?: (relPath: string) => string;
  /** Relative path served for the prefix itself (e.g. 'index.html'). */
  index?: string;
  /** Answer when the entry does not exist (default: a 404 error). */
  missing?: (relPath: string, reply: FastifyReply) => FastifyReply | undefined;
}

/** Files that change in place (tileset roots, terrain layer, growing replays) must be revalidated. */
export function defaultCacheControl(relPath: string): string {
  return /(^|\/)(tileset|layer)\.json$|\.html$/.test(relPath) ? 'no-cache' : 'public, max-age=3600';
}

export const COMPRESS_MIN_BYTES = 1024;

/** HEAD answers: an empty stream keeps the Content-Length set here (an undefined body would reset it to 0). */
const noBody = () => Readable.from([]);

function parseRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Multiple ranges or other units: answer with the whole file, as RFC 9110 §14.2 allows.
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number, end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

function preferredEncoding(accept: string | undefined): 'br' | 'gzip' | undefined {
  if (!accept) return undefined;
  const allowed = (name: string) => new RegExp(`(^|,)\\s*${name}\\s*(;\\s*q=(?!0(\\.0*)?\\s*(,|$))[\\d.]+)?\\s*(,|$)`).test(accept);
  if (allowed('br')) return 'br';
  if (allowed('gzip')) return 'gzip';
  return undefined;
}

function notModified(request: FastifyRequest, etag: string, mtime: Date): boolean {
  const inm = request.headers['if-none-match'];
  if (inm !== undefined) return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
  const ims = request.headers['if-modified-since'];
  return ims !== undefined && Math.floor(mtime.getTime() / 1000) <= Math.floor(Date.parse(ims) / 1000);
}

async function bufferOf(body: Readable | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function send(request: FastifyRequest, reply: FastifyReply, rel: string, entry: StaticEntry, cacheControl: string, cache: CompressedCache): Promise<FastifyReply> {
  const etag = `"${entry.size.toString(36)}-${Math.floor(entry.mtime.getTime()).toString(36)}-${entry.tag}"`;
  const compressible = isCompressible(rel) && entry.size >= COMPRESS_MIN_BYTES;
  reply.header('content-type', contentTypeOf(rel));
  reply.header('accept-ranges', 'bytes');
  reply.header('last-modified', entry.mtime.toUTCString());
  reply.header('cache-control', cacheControl);
  if (compressible) reply.header('vary', 'Accept-Encoding');

  const rangeHeader = request.headers.range;
  const ifRange = request.headers['if-range'];
  const rangeApplies = rangeHeader !== undefined && (ifRange === undefined || ifRange === etag || ifRange === entry.mtime.toUTCString());
  const encoding = compressible && !rangeApplies ? preferredEncoding(request.headers['accept-encoding']) : undefined;
  const taggedEtag = encoding ? `${etag.slice(0, -1)}-${encoding}"` : etag;
  reply.header('etag', taggedEtag);
  if (notModified(request, taggedEtag, entry.mtime)) return reply.code(304).send();

  if (rangeApplies) {
    const range = parseRange(rangeHeader, entry.size);
    if (range === 'unsatisfiable') {
      reply.header('content-range', `bytes */${entry.size}`);
      return reply.code(416).type('application/json; charset=utf-8')
        .send({ error: { code: 'range-not-satisfiable', message: `range: '${rangeHeader}' is outside the ${entry.size} bytes of ${rel}` } });
    }
    if (range) {
      reply.header('content-range', `bytes ${range.start}-${range.end}/${entry.size}`);
      reply.header('content-length', range.end - range.start + 1);
      return reply.code(206).send(request.method === 'HEAD' ? noBody() : entry.body(range.start, range.end));
    }
  }
  if (encoding) {
    reply.header('content-encoding', encoding);
    if (request.method === 'HEAD') return reply.send(noBody());
    if (entry.size <= COMPRESSED_CACHE_DEFAULTS.maxEntryBytes) {
      const key = `${rel}:${taggedEtag}`;
      let packed = cache.get(key);
      if (!packed) {
        packed = await compress(await bufferOf(entry.body()), encoding);
        cache.set(key, packed);
      }
      reply.header('content-length', packed.length);
      return reply.send(packed);
    }
    const body = entry.body();
    const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    const zip = encoding === 'br'
      ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: entry.size } })
      : createGzip({ level: 6 });
    return reply.send(source.pipe(zip));
  }
  reply.header('content-length', entry.size);
  return reply.send(request.method === 'HEAD' ? noBody() : entry.body());
}

export function serveStatic(app: FastifyInstance, options: ServeStaticOptions): void {
  const { prefix, source } = options;
  const cacheControl = options.cacheControl ?? defaultCacheControl;
  const cache = new CompressedCache();
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const urlPath = request.url.split('?')[0];
    let rel = checkedRelativePath(urlPath.slice(prefix.length));
    if (rel === '' && options.index) rel = options.index;
    const entry = rel === '' ? undefined : await source.lookup(rel);
    if (!entry) {
      const answered = options.missing?.(rel, reply);
      if (answered) return answered;
      return reply.code(404).send({ error: { code: 'not-found', message: `${prefix}/${rel}: no such file` } });
    }
    return send(request, reply, rel, entry, cacheControl(rel), cache);
  };
  app.get(`${prefix}/*`, handler);
  if (prefix !== '') app.get(prefix, handler);
}
