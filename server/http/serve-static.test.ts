import http from 'node:http';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESSED_CACHE_DEFAULTS } from './compressed-cache.ts';
import { makeDataDir, removeDir, startTestServer, TERRAIN_TILE, type TestServer } from './server-fixture.test-support.ts';

/** A request with the path sent exactly as written (fetch would normalise `..`). */
function rawGet(url: string, rawPath: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static files', () => {
  let dir: string;
  let t: TestServer;
  beforeAll(async () => {
    dir = await makeDataDir();
    // A symlink inside tiles/ that points out of the data folder.
    await symlink(path.join(dir, 'secret.txt'), path.join(dir, 'tiles', 'escape.txt'));
    t = await startTestServer(dir);
  });
  afterAll(async () => {
    await t?.server.stop();
    await removeDir(dir);
  });

  it('serves tilesets with content types, validators, cache policy and isolation headers', async () => {
    const r = await t.call('/tiles/tileset.json');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(r.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(r.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(r.headers.get('accept-ranges')).toBe('bytes');
    expect((await r.json()).asset.version).toBe('1.1');
    const glb = await t.call('/tiles/content/0.glb');
    expect(glb.headers.get('content-type')).toBe('model/gltf-binary');
    expect(glb.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(Buffer.from(await glb.arrayBuffer()).subarray(0, 4).toString()).toBe('glTF');
    // Errors carry the isolation headers too.
    expect((await t.call('/tiles/none.glb')).headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  it('answers 304 to If-None-Match and If-Modified-Since', async () => {
    const first = await t.call('/tiles/content/0.glb');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await t.call('/tiles/content/0.glb', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const since = await t.call('/tiles/content/0.glb', { headers: { 'if-modified-since': first.headers.get('last-modified')! } });
    expect(since.status).toBe(304);
    const stale = await t.call('/tiles/content/0.glb', { headers: { 'if-none-match': '"other"' } });
    expect(stale.status).toBe(200);
  });

  it('serves byte ranges (206), suffix ranges, If-Range and refuses unsatisfiable ones (416)', async () => {
    const r = await t.call('/terrain/0/0/0.terrain', { headers: { range: 'bytes=10-19' } });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toBe(`bytes 10-19/${TERRAIN_TILE.length}`);
    expect(r.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await r.arrayBuffer())).toEqual(TERRAIN_TILE.subarray(10, 20));
    const tail = await t.call('/replays/fixture/flood.cfr', { headers: { range: 'bytes=-100' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe('bytes 4900-4999/5000');
    expect(tail.headers.get('cache-control')).toBe('no-cache');
    const bad = await t.call('/replays/fixture/flood.cfr', { headers: { range: 'bytes=6000-' } });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe('bytes */5000');
    const changed = await t.call('/replays/fixture/flood.cfr', { headers: { range: 'bytes=0-9', 'if-range': '"old"' } });
    expect(changed.status).toBe(200);
    const head = await t.call('/replays/fixture/flood.cfr', { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe('5000');
  });

  it('compresses quantized-mesh terrain with brotli or gzip as the client accepts', async () => {
    const accept = 'application/vnd.quantized-mesh;extensions=octvertexnormals,application/octet-stream;q=0.9';
    const br = await t.call('/terrain/0/0/0.terrain', { headers: { accept, 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-type')).toBe('application/vnd.quantized-mesh');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    // fetch decodes bodies itself; check the raw bytes over http for both encodings.
    const raw = (encoding: string, pathname = '/terrain/0/0/0.terrain') => new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const { hostname, port } = new URL(t.url);
      http.get({ hostname, port, path: pathname, headers: { 'accept-encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    const b = await raw('br');
    expect(b.headers['content-encoding']).toBe('br');
    expect(b.body.length).toBeLessThan(TERRAIN_TILE.length / 4);
    expect(brotliDecompressSync(b.body)).toEqual(TERRAIN_TILE);
    const g = await raw('gzip');
    expect(g.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(g.body)).toEqual(TERRAIN_TILE);
    expect(g.headers.etag).not.toBe(b.headers.etag);
    const none = await raw('identity');
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body).toEqual(TERRAIN_TILE);
    // Over the in-memory limit the body is compressed as a stream.
    const big = Buffer.from(JSON.stringify({ heights: Array.from({ length: 400_000 }, (_, i) => i % 100) }));
    expect(big.length).toBeGreaterThan(COMPRESSED_CACHE_DEFAULTS.maxEntryBytes);
    await writeFile(path.join(dir, 'terrain', 'big.json'), big);
    const streamed = await raw('gzip', '/terrain/big.json');
    expect(streamed.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(streamed.body).equals(big)).toBe(true);
    const refused = await raw('br;q=0, gzip;q=0');
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it.each([
    '/tiles/../cimflow.db',
    '/tiles/%2e%2e/secret.txt',
    '/tiles/%2E%2E%2Fsecret.txt',
    '/tiles/..%5csecret.txt',
    '/terrain/0/../../tokens.json',
    '/tiles/escape.txt',
    '/replays/%2e%2e/tokens.json',
    '/%2e%2e/secret.txt',
  ])('refuses %s', async (p) => {
    const r = await rawGet(t.url, p);
    expect([403, 404]).toContain(r.status);
    expect(r.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(r.body).not.toContain('not for the web');
    expect(r.body).not.toContain('SQLite');
    expect(r.body).not.toMatch(/"token"/);
  });

  it('serves the viewer build, or a page that says how to build it', async () => {
    const missing = await t.call('/');
    expect(missing.status).toBe(200);
    expect(await missing.text()).toContain('npm run build');
    await mkdir(path.join(dir, 'viewer', 'assets'), { recursive: true });
    await writeFile(path.join(dir, 'viewer', 'index.html'), '<!doctype html><title>cimflow viewer</title>');
    await writeFile(path.join(dir, 'viewer', 'assets', 'main-abc123.js'), 'console.log(1)');
    const index = await t.call('/');
    expect(await index.text()).toContain('cimflow viewer');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const asset = await t.call('/assets/main-abc123.js');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('gives the viewer its config from city.json and the data folder', async () => {
    const c = await (await t.call('/api/config')).json();
    expect(c).toMatchObject({ title: 'test town', tileset: '/tiles/tileset.json', terrain: '/terrain', imagery: null, crs: 'EPSG:4544', geoidOffset: -40.04, publicReadOnly: false });
    expect(c.home.lon).toBeCloseTo(103.961, 3);
  });
});

describe('3D Tiles archive', () => {
  it('serves /tiles entries out of tiles.3tz', async () => {
    const dir = await makeDataDir();
    await removeDir(path.join(dir, 'tiles'));
    const { create3tzTarget } = await import('../../tiling/index.ts');
    const target = create3tzTarget(path.join(dir, 'tiles.3tz'));
    await target.begin();
    await target.addEntry('tileset.json', new TextEncoder().encode('{"asset":{"version":"1.1"},"geometricError":1,"root":{"geometricError":0,"boundingVolume":{"sphere":[0,0,0,1]}}}'));
    await target.addEntry('a/b.glb', new TextEncoder().encode(`glTF${'z'.repeat(100)}`));
    await target.end();
    const t = await startTestServer(dir);
    try {
      expect((await (await t.call('/tiles/tileset.json')).json()).asset.version).toBe('1.1');
      const glb = await t.call('/tiles/a/b.glb', { headers: { range: 'bytes=0-3' } });
      expect(glb.status).toBe(206);
      expect(await glb.text()).toBe('glTF');
      expect((await t.call('/tiles/a/none.glb')).status).toBe(404);
      expect((await (await t.call('/api/config')).json()).tileset).toBe('/tiles/tileset.json');
    } finally {
      await t.server.stop();
      await removeDir(dir);
    }
  });
});
