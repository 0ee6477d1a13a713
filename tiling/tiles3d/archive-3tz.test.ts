import { mkdtemp, open, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { Tiles3DArchiveFileLoader } from '@loaders.gl/3d-tiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_INDEX_RECORD_SIZE, buildArchiveIndex, compareHashes, findInArchiveIndex } from './archive-index.ts';
import { create3tzTarget } from './archive-3tz-target.ts';
import { openTilesetSource } from './tileset-source.ts';
import { centralHeader, endRecords, localHeader, type ZipEntryRecord } from './zip-records.ts';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'cimflow-3tz-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const entries = new Map<string, Uint8Array>([
  ['tileset.json', new TextEncoder().encode(JSON.stringify({ asset: { version: '1.1' }, geometricError: 1, root: { refine: 'ADD', geometricError: 0, boundingVolume: { sphere: [0, 0, 0, 1] } } }, null, 2).repeat(20))],
  ['buildings/tiles/t0.glb', Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)],
  ['buildings/tileset.json', new TextEncoder().encode('{"a":1}')],
  ['oblique/Tile_+001_+002/Tile_+001_+002_L20.glb', Uint8Array.from({ length: 300 }, (_, i) => i % 256)],
]);

describe('3D Tiles archive (.3tz)', () => {
  it('round-trips entries through the hash index, and loaders.gl reads them too', async () => {
    const file = path.join(dir, 'a.3tz');
    const target = create3tzTarget(file);
    await target.begin();
    for (const [p, bytes] of entries) await target.addEntry(p, bytes);
    await target.end();
    const source = await openTilesetSource(file);
    expect(await source.list()).toEqual([...entries.keys()].sort());
    for (const [p, bytes] of entries) expect(await source.get(p), p).toEqual(bytes);
    await source.close();

    const archive = new Uint8Array(await readFile(file));
    for (const [p, bytes] of entries) {
      const read = await Tiles3DArchiveFileLoader.parse(archive.buffer.slice(archive.byteOffset, archive.byteOffset + archive.byteLength) as ArrayBuffer, { '3d-tiles-archive': { path: p } });
      expect(new Uint8Array(read), `loaders.gl ${p}`).toEqual(bytes);
    }
  });

  it('sorts the index by MD5 read as two little-endian uint64', () => {
    const paths = Array.from({ length: 50 }, (_, i) => `tiles/${i}.glb`);
    const index = buildArchiveIndex(paths.map((p, i) => ({ path: p, offset: i * 1000 })));
    expect(index.length).toBe(50 * ARCHIVE_INDEX_RECORD_SIZE);
    for (let i = 1; i < 50; i++) {
      const a = index.subarray((i - 1) * 24, (i - 1) * 24 + 16), b = index.subarray(i * 24, i * 24 + 16);
      expect(compareHashes(a, b)).toBeLessThan(0);
    }
    paths.forEach((p, i) => expect(findInArchiveIndex(index, p)).toBe(i * 1000));
    expect(findInArchiveIndex(index, 'tiles/50.glb')).toBeUndefined();
  });

  it('abort leaves neither the archive nor its temporary file', async () => {
    const file = path.join(dir, 'b.3tz');
    const target = create3tzTarget(file);
    await target.begin();
    await target.addEntry('x.glb', new Uint8Array(10));
    await target.abort();
    expect((await readdir(dir)).filter((f) => f.startsWith('b.3tz'))).toEqual([]);
    await expect(target.addEntry('../x', new Uint8Array(1))).rejects.toThrow(/relative entry path/);
  });

  it('reads ZIP64 offsets beyond 4 GiB (a sparse file, no disk used)', async () => {
    const file = path.join(dir, 'big.3tz');
    const handle = await open(file, 'w');
    const encoder = new TextEncoder();
    const records: ZipEntryRecord[] = [];
    let position = 2 ** 32 + 1000;
    const put = async (name: string, data: Uint8Array): Promise<void> => {
      const record = { name: encoder.encode(name), method: 0, crc: crc32(data), compressedSize: data.length, size: data.length, offset: position };
      const header = localHeader(record);
      await handle.write(header, 0, header.length, position);
      await handle.write(data, 0, data.length, position + header.length);
      position += header.length + data.length;
      records.push(record);
    };
    const glb = Uint8Array.from({ length: 100 }, (_, i) => i);
    await put('tiles/far.glb', glb);
    await put('@3dtilesIndex1@', buildArchiveIndex([{ path: 'tiles/far.glb', offset: records[0].offset }]));
    const directoryOffset = position;
    for (const record of records) {
      const header = centralHeader(record);
      await handle.write(header, 0, header.length, position);
      position += header.length;
    }
    const end = endRecords(records.length, directoryOffset, position - directoryOffset);
    await handle.write(end, 0, end.length, position);
    await handle.close();
    expect((await stat(file)).size).toBeGreaterThan(2 ** 32);
    const source = await openTilesetSource(file);
    expect(await source.list()).toEqual(['tiles/far.glb']);
    expect(await source.get('tiles/far.glb')).toEqual(glb);
    await source.close();
    await rm(file);
  });
});
