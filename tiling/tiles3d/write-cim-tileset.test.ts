import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureLayer } from '../core/index.ts';
import { create3tzTarget } from './archive-3tz-target.ts';
import { createFolderTarget } from './folder-target.ts';
import { createMemoryTarget } from './memory-target.ts';
import { ecefPositions, propertyTableRows, readGlb } from './read-back.test-support.ts';
import { syntheticCity } from './synthetic-city.test-support.ts';
import type { Tile, Tileset } from './tileset-json.ts';
import { openTilesetSource, type TilesetSource } from './tileset-source.ts';
import type { TilesetTarget } from './tileset-target.ts';
import { validateGlb } from './validate-glb.ts';
import { validateTilesetJson } from './validate-tileset-json.ts';
import { writeCimTileset } from './write-cim-tileset.ts';

const decoder = new TextDecoder();
const json = async (source: TilesetSource, p: string): Promise<Tileset> => JSON.parse(decoder.decode((await source.get(p))!));

function walk(tile: Tile, visit: (tile: Tile, parent: Tile | undefined) => void, parent?: Tile): void {
  visit(tile, parent);
  for (const child of tile.children ?? []) walk(child, visit, tile);
}

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'cimflow-tiles3d-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('writeCimTileset', () => {
  const city = syntheticCity({ side: 6, subdivisions: 3, meshes: 2 });
  const options = { maxTrianglesPerTile: 1500 };

  it('writes a root tileset joining the layer tilesets, all valid', async () => {
    const out = path.join(dir, 'city');
    const result = await writeCimTileset({ layers: [city], name: 'Test city' }, createFolderTarget(out), options);
    expect(result.layers[0].glbs).toBeGreaterThan(4);
    const source = await openTilesetSource(out);
    const rootTileset = await json(source, 'tileset.json');
    expect(validateTilesetJson(rootTileset).issues).toEqual([]);
    expect(rootTileset.groups).toEqual([{ class: 'cimLayer', properties: { id: 'buildings', name: 'Buildings', kind: 'buildings' } }]);
    expect(rootTileset.schema?.classes?.building).toBeDefined();
    expect(rootTileset.statistics?.classes.building.count).toBe(36);
    expect(rootTileset.root.children?.[0].content).toEqual({ uri: 'buildings/tileset.json', group: 0 });

    const layer = await json(source, 'buildings/tileset.json');
    expect(validateTilesetJson(layer).issues).toEqual([]);
    expect(layer.root.transform).toHaveLength(16);
    let glbs = 0, leaves = 0;
    const pending: Promise<void>[] = [];
    walk(layer.root, (tile, parent) => {
      if (tile.content) {
        glbs++;
        pending.push(source.get(`buildings/${tile.content.uri}`).then(async (bytes) => {
          const report = await validateGlb(bytes!);
          expect(report.issues.filter((i) => i.severity <= 1), tile.content!.uri).toEqual([]);
        }));
      }
      if (!tile.children) {
        leaves++;
        expect(tile.geometricError).toBe(0);
      }
      if (!parent) return;
      // Same frame (no child transforms): the child's axis-aligned box lies inside the parent's.
      expect(tile.transform).toBeUndefined();
      expect(parent.refine).toBe('REPLACE');
      expect(tile.geometricError).toBeLessThanOrEqual(parent.geometricError);
      const [c, p] = [tile.boundingVolume.box!, parent.boundingVolume.box!];
      for (let k = 0; k < 3; k++) expect(Math.abs(c[k] - p[k]) + c[3 + 4 * k]).toBeLessThanOrEqual(p[3 + 4 * k] + 1e-6);
    });
    await Promise.all(pending);
    expect(glbs).toBe(result.layers[0].glbs);
    expect(leaves).toBeGreaterThan(1);
    expect(layer.root.geometricError).toBeGreaterThan(0);
    await source.close();
  });

  it('re-runs skip unchanged layers and leave the same files', async () => {
    const out = path.join(dir, 'city');
    const before = await openTilesetSource(out);
    const again = await writeCimTileset({ layers: [city], name: 'Test city' }, createFolderTarget(out), options);
    expect(again.layers[0].reused).toBeGreaterThan(0);
    const after = await openTilesetSource(out);
    expect(await after.list()).toEqual(await before.list());
    expect(await after.get('tileset.json')).toEqual(await before.get('tileset.json'));
    const changed = syntheticCity({ side: 6, subdivisions: 3, meshes: 2 });
    changed.features[0] = { ...changed.features[0], name: 'Renamed' } as FeatureLayer['features'][number];
    const third = await writeCimTileset({ layers: [changed], name: 'Test city' }, createFolderTarget(out), options);
    expect(third.layers[0].reused).toBe(0);
  });

  it('an interrupted run leaves no root tileset', async () => {
    const out = path.join(dir, 'interrupted');
    const folder = createFolderTarget(out);
    let entries = 0;
    const failing: TilesetTarget = {
      ...folder,
      async addEntry(p, bytes) {
        if (++entries === 4) throw new Error('disk full');
        await folder.addEntry(p, bytes);
      },
    };
    await expect(writeCimTileset({ layers: [city] }, failing, options)).rejects.toThrow('disk full');
    const files = await readdir(out, { recursive: true });
    expect(files).not.toContain('tileset.json');
    expect(files.filter((f) => String(f).endsWith('.tmp'))).toEqual([]);

    const archive = path.join(dir, 'interrupted.3tz');
    const target3tz = create3tzTarget(archive);
    let count = 0;
    await expect(writeCimTileset({ layers: [city] }, { ...target3tz, async addEntry(p, b) { if (++count === 4) throw new Error('disk full'); await target3tz.addEntry(p, b); } }, options)).rejects.toThrow('disk full');
    expect((await readdir(dir)).filter((f) => f.startsWith('interrupted.3tz'))).toEqual([]);
  });

  it('gives parents that leave features out at least the error of the smallest one left out', async () => {
    // 100 plain boxes (12 triangles each) and a budget of 120: parents must drop whole buildings.
    const blocks = syntheticCity({ side: 10, spacing: 40, subdivisions: 1 });
    const smallest = Math.min(...blocks.features.map((f) => Math.hypot(24, 20, (f as { height: number }).height) / 2));
    const memory = createMemoryTarget();
    await writeCimTileset({ layers: [blocks] }, memory, { maxTrianglesPerTile: 120, incremental: false });
    const layer = JSON.parse(decoder.decode(memory.entries.get('buildings/tileset.json')!)) as Tileset;
    let parentsChecked = 0;
    const count = async (tile: Tile): Promise<number> => {
      const tables = propertyTableRows(await readGlb(memory.entries.get(`buildings/${tile.content!.uri}`)!));
      const rows = new Set(tables.flatMap((t) => t.rows.map((r) => r.id))).size;
      if (!tile.children) return rows;
      let below = 0;
      for (const child of tile.children) below += await count(child);
      if (rows < below) {
        expect(tile.geometricError, tile.content!.uri).toBeGreaterThanOrEqual(smallest);
        parentsChecked++;
      }
      return below;
    };
    expect(await count(layer.root)).toBe(100);
    expect(parentsChecked).toBeGreaterThan(0);
  });

  it('rejects bad input naming the layer and mesh, before writing anything', async () => {
    const bad = syntheticCity({ side: 2 });
    bad.meshes[0] = { ...bad.meshes[0], featureIds: undefined };
    const memory = createMemoryTarget();
    await expect(writeCimTileset({ layers: [bad] }, memory)).rejects.toThrow("layer 'buildings' mesh 0: expected featureIds");
    const outOfRange = syntheticCity({ side: 2 });
    outOfRange.meshes[0].featureIds![5] = 99;
    await expect(writeCimTileset({ layers: [outOfRange] }, memory)).rejects.toThrow('expected feature ids below 4, found 99');
    await expect(writeCimTileset({ layers: [city, city] }, memory)).rejects.toThrow(/unique layer ids/);
    expect(memory.entries.size).toBe(0);
  });

  it('writes the same entries to a .3tz archive, found through its index', async () => {
    const small = syntheticCity({ side: 4, subdivisions: 2 });
    const memory = createMemoryTarget();
    await writeCimTileset({ layers: [small] }, memory, { maxTrianglesPerTile: 300, incremental: false });
    const file = path.join(dir, 'city.3tz');
    await writeCimTileset({ layers: [small] }, create3tzTarget(file), { maxTrianglesPerTile: 300, incremental: false });
    const archive = await openTilesetSource(file);
    expect(await archive.list()).toEqual([...memory.entries.keys()].sort());
    for (const [p, bytes] of memory.entries) expect(await archive.get(p), p).toEqual(bytes);
    expect(await archive.get('missing.glb')).toBeUndefined();
    await archive.close();
  });

  it('keeps vertices within 1 cm of their ECEF input, 5 km and more from the layer centre', async () => {
    // Four large boxes whose centres are 5 km from the layer centre; corners reach 7 km.
    const wide = { ...syntheticCity({ side: 2, spacing: 7100, subdivisions: 2 }), id: 'wide' };
    const memory = createMemoryTarget();
    await writeCimTileset({ layers: [wide] }, memory, { maxTrianglesPerTile: 100, incremental: false });
    const tileset = JSON.parse(decoder.decode(memory.entries.get('wide/tileset.json')!)) as Tileset;
    const transform = tileset.root.transform!;
    const inputs: number[][] = [];
    for (const mesh of wide.meshes) for (let i = 0; i < mesh.positions.length; i += 3) inputs.push([mesh.positions[i], mesh.positions[i + 1], mesh.positions[i + 2]]);
    let worst = 0, farthest = 0, checked = 0;
    for (const [p, bytes] of memory.entries) {
      if (!p.endsWith('.glb')) continue;
      for (const positions of ecefPositions(await readGlb(bytes), transform)) {
        for (let i = 0; i < positions.length; i += 3) {
          let best = Infinity;
          for (const q of inputs) best = Math.min(best, Math.hypot(positions[i] - q[0], positions[i + 1] - q[1], positions[i + 2] - q[2]));
          worst = Math.max(worst, best);
          farthest = Math.max(farthest, Math.hypot(positions[i] - transform[12], positions[i + 1] - transform[13], positions[i + 2] - transform[14]));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(farthest).toBeGreaterThan(5000);
    expect(worst).toBeLessThan(0.01);
  });
});
