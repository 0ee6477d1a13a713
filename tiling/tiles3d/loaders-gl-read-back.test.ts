/**
 * The written tileset read back by an independent reader: @loaders.gl/3d-tiles over a local HTTP
 * server (loaders.gl fetches; Node's fetch has no file: URLs), from a .3tz archive.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from '@loaders.gl/core';
import { Tiles3DLoader } from '@loaders.gl/3d-tiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featurePropertyRow, type MetadataValue } from '../../cim-model/index.ts';
import { create3tzTarget } from './archive-3tz-target.ts';
import { syntheticCity } from './synthetic-city.test-support.ts';
import { openTilesetSource, type TilesetSource } from './tileset-source.ts';
import { writeCimTileset } from './write-cim-tileset.ts';

interface LoadedTile { content?: { uri: string }; children: LoadedTile[]; transform?: number[] }
interface LoadedContent {
  type: string;
  gltf: {
    meshes: Array<{ primitives: Array<{ attributes: Record<string, unknown>; extensions: { EXT_mesh_features: { featureIds: Array<{ featureCount: number; propertyTable: number; data: Record<number, number> }> } } }> }>;
    extensions: { EXT_structural_metadata: { propertyTables: Array<{ class: string; count: number; properties: Record<string, { data: unknown[] }> }> } };
  };
}

let dir: string, source: TilesetSource, server: http.Server, base: string;
// One material, so one property table per glb: loaders.gl 4.5 decodes only the first property
// table of each class (findPropertyTableByClass), and the writer makes one table per primitive.
const city = syntheticCity({ side: 4, subdivisions: 2 });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cimflow-loaders-'));
  const file = path.join(dir, 'city.3tz');
  await writeCimTileset({ layers: [city] }, create3tzTarget(file), { maxTrianglesPerTile: 400, incremental: false });
  source = await openTilesetSource(file);
  server = http.createServer((req, res) => {
    const entry = decodeURIComponent(new URL(req.url!, 'http://localhost').pathname.slice(1));
    source.get(entry).then((bytes) => {
      if (!bytes) { res.statusCode = 404; res.end(); return; }
      res.setHeader('content-type', entry.endsWith('.json') ? 'application/json' : 'model/gltf-binary');
      res.end(bytes);
    }, () => { res.statusCode = 500; res.end(); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
  await source?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('read back with @loaders.gl/3d-tiles', () => {
  it('loads the root, the layer tileset and every glb, with feature tables equal to the input', async () => {
    const root = await load(`${base}/tileset.json`, Tiles3DLoader) as unknown as { root: LoadedTile; groups: unknown[] };
    expect(root.root.children).toHaveLength(1);
    expect(root.groups).toHaveLength(1);
    const layer = await load(`${base}/buildings/tileset.json`, Tiles3DLoader) as unknown as { root: LoadedTile };
    const uris: string[] = [];
    const collect = (tile: LoadedTile): void => { if (tile.content) uris.push(tile.content.uri); tile.children.forEach(collect); };
    collect(layer.root);
    expect(uris.length).toBeGreaterThan(3);

    const byId = new Map(city.features.map((f) => [f.id, f]));
    let checkedRows = 0;
    for (const uri of uris) {
      const content = await load(`${base}/buildings/${uri}`, Tiles3DLoader, { '3d-tiles': { loadGLTF: true } }) as unknown as LoadedContent;
      expect(content.type).toBe('glTF');
      const tables = content.gltf.extensions.EXT_structural_metadata.propertyTables;
      for (const prim of content.gltf.meshes.flatMap((m) => m.primitives)) {
        const [featureIds] = prim.extensions.EXT_mesh_features.featureIds;
        const table = tables[featureIds.propertyTable];
        expect(table.class).toBe('building');
        expect(featureIds.featureCount).toBe(table.count);
        expect(new Set(Object.values(featureIds.data)).size).toBe(table.count);
        for (let row = 0; row < table.count; row++) {
          const feature = byId.get(table.properties.id.data[row] as string)!;
          const expected = featurePropertyRow('building', feature);
          for (const [key, value] of Object.entries(expected)) {
            expect(table.properties[key].data[row] as MetadataValue, `${uri} ${feature.id}.${key}`).toEqual(value);
          }
          checkedRows++;
        }
      }
    }
    expect(checkedRows).toBeGreaterThanOrEqual(city.features.length);
  });
});
