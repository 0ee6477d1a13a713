import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFolderTarget } from './folder-target.ts';
import { createMemoryTarget } from './memory-target.ts';
import { syntheticLodLayer } from './synthetic-lod.test-support.ts';
import type { Tile, Tileset } from './tileset-json.ts';
import type { TilesetTarget } from './tileset-target.ts';
import { validateGlb } from './validate-glb.ts';
import { validateTilesetJson } from './validate-tileset-json.ts';
import { writeCimTileset } from './write-cim-tileset.ts';
import { writeLodLayer } from './write-lod-layer.ts';

const parse = (bytes: Uint8Array): Tileset => JSON.parse(new TextDecoder().decode(bytes));

describe('writeLodLayer', () => {
  it('writes one external tileset per root and one glb per node, in the same tree shape', async () => {
    const events: string[] = [];
    const layer = syntheticLodLayer({ roots: 2, levels: 3, onLoad: (id) => events.push(`load ${id}`) });
    const memory = createMemoryTarget();
    const target: TilesetTarget = { ...memory, async addEntry(p, b) { events.push(`write ${p}`); await memory.addEntry(p, b); } };
    await memory.begin();
    const result = await writeLodLayer(layer, target);
    await memory.end();
    expect(result.glbs).toBe(4 * 21);
    expect(result.tiles).toBe(4 * 21);

    // Nodes are loaded and written one at a time: every load is followed by its own glb.
    const loads = events.filter((e) => e.startsWith('load'));
    expect(loads).toHaveLength(84);
    events.forEach((e, i) => {
      if (!e.startsWith('load')) return;
      const id = e.slice(5);
      expect(events[i + 1], e).toMatch(new RegExp(`^write oblique/[^/]+/${id.replace(/[+]/g, '_')}\\.glb$`));
    });

    const top = parse(memory.entries.get('oblique/tileset.json')!);
    expect(validateTilesetJson(top).issues).toEqual([]);
    expect(top.root.children).toHaveLength(4);
    expect(top.root.transform).toBeUndefined();
    for (const child of top.root.children!) {
      const sub = parse(memory.entries.get(`oblique/${child.content!.uri}`)!);
      expect(validateTilesetJson(sub).issues).toEqual([]);
      expect(sub.root.transform).toHaveLength(16);
      expect(child.geometricError).toBe(sub.geometricError);
      const shape = (tile: Tile): unknown => (tile.children ?? []).map(shape);
      expect(shape(sub.root)).toEqual([[[], [], [], []], [[], [], [], []], [[], [], [], []], [[], [], [], []]]);
      expect(sub.root.geometricError).toBeCloseTo(200 / 16);
      expect(sub.root.children![0].children![0].geometricError).toBe(0);
    }
    const glb = [...memory.entries].find(([p]) => p.endsWith('.glb'))![1];
    const report = await validateGlb(glb);
    expect(report.issues.filter((i) => i.severity <= 1)).toEqual([]);
  });

  it('re-runs into the same folder reuse every unchanged node glb', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cimflow-lod-'));
    try {
      const layer = syntheticLodLayer({ roots: 1, levels: 2 });
      const progress: number[] = [];
      const first = await writeCimTileset({ layers: [layer] }, createFolderTarget(dir), { onProgress: (p) => progress.push(p.tiles) });
      expect(first.layers[0]).toMatchObject({ glbs: 5, reused: 0 });
      expect(progress).toEqual([1, 2, 3, 4, 5]);
      const second = await writeCimTileset({ layers: [layer] }, createFolderTarget(dir));
      expect(second.layers[0]).toMatchObject({ glbs: 5, reused: 5, triangles: first.layers[0].triangles });
      const third = await writeCimTileset({ layers: [layer] }, createFolderTarget(dir), { compression: 'meshopt' });
      expect(third.layers[0].reused).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('joins a reality mesh and a feature layer under one valid root tileset', async () => {
    const { syntheticCity } = await import('./synthetic-city.test-support.ts');
    const memory = createMemoryTarget();
    const result = await writeCimTileset({ layers: [syntheticLodLayer({ roots: 1, levels: 2 }), syntheticCity({ side: 2 })], name: 'Mixed' }, memory, { incremental: false });
    expect(result.layers.map((l) => [l.id, l.kind])).toEqual([['oblique', 'reality-mesh'], ['buildings', 'buildings']]);
    const root = parse(memory.entries.get('tileset.json')!);
    expect(validateTilesetJson(root).issues).toEqual([]);
    expect(root.groups?.map((g) => g.properties?.kind)).toEqual(['reality-mesh', 'buildings']);
    expect(root.root.children?.map((c) => c.content?.uri)).toEqual(['oblique/tileset.json', 'buildings/tileset.json']);
    expect(root.metadata).toEqual({ class: 'cimTileset', properties: { name: 'Mixed', layerCount: 2 } });
    // The root box holds both layers' boxes: every layer corner is inside it.
    const [cx, cy, cz, ...axes] = root.root.boundingVolume.box!;
    for (const layer of result.layers) for (const corner of layer.corners) {
      const d = [corner[0] - cx, corner[1] - cy, corner[2] - cz];
      for (let k = 0; k < 3; k++) {
        const axis = axes.slice(3 * k, 3 * k + 3), length = Math.hypot(...axis);
        expect(Math.abs(d[0] * axis[0] + d[1] * axis[1] + d[2] * axis[2]) / length).toBeLessThanOrEqual(length + 1e-6);
      }
    }
  });
});
