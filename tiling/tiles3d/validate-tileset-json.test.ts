import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { validateTilesetJson } from './validate-tileset-json.ts';

const valid = () => ({
  asset: { version: '1.1' },
  schema: { id: 's', classes: { layer: { properties: { name: { type: 'STRING' }, level: { type: 'SCALAR', componentType: 'UINT8' } } } } },
  groups: [{ class: 'layer', properties: { name: 'a' } }],
  geometricError: 100,
  root: {
    boundingVolume: { box: [0, 0, 0, 10, 0, 0, 0, 10, 0, 0, 0, 10] },
    geometricError: 50,
    refine: 'REPLACE',
    transform: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
    content: { uri: 'a.glb', group: 0 },
    children: [{ boundingVolume: { sphere: [0, 0, 0, 5] }, geometricError: 0, content: { uri: 'b.glb' } }],
  },
});

type Mutable = ReturnType<typeof valid> & Record<string, unknown>;

const CASES: Array<[string, (t: Mutable) => void, string]> = [
  ['missing geometricError', (t) => { delete (t as Partial<Mutable>).geometricError; }, 'geometricError'],
  ['box of 11 numbers', (t) => { t.root.boundingVolume.box.pop(); }, 'root.boundingVolume.box'],
  ['negative geometricError', (t) => { t.root.children[0].geometricError = -1; }, 'root.children[0].geometricError'],
  ['unknown refine', (t) => { (t.root as { refine: string }).refine = 'UP'; }, 'root.refine'],
  ['transform of 15 numbers', (t) => { t.root.transform.pop(); }, 'root.transform'],
  ['empty bounding volume', (t) => { (t.root.children[0] as { boundingVolume: object }).boundingVolume = {}; }, 'root.children[0].boundingVolume'],
  ['content and contents', (t) => { (t.root as Record<string, unknown>).contents = [{ uri: 'c.glb' }]; }, 'root'],
  ['group out of range', (t) => { t.root.content.group = 3; }, 'root.content.group'],
  ['unknown class', (t) => { t.groups[0].class = 'nope'; }, 'groups[0].class'],
  ['schema and schemaUri', (t) => { t.schemaUri = 'schema.json'; }, 'schema'],
  ['required extension not used', (t) => { t.extensionsRequired = ['X']; }, 'extensionsRequired[0]'],
  ['componentType missing', (t) => { delete (t.schema.classes.layer.properties.level as { componentType?: string }).componentType; }, 'schema.classes.layer.properties.level.componentType'],
  ['bad class id', (t) => { (t.schema.classes as Record<string, unknown>)['1x'] = {}; }, 'schema.classes.1x'],
  ['region south above north', (t) => { (t.root.children[0] as { boundingVolume: object }).boundingVolume = { region: [0, 0.5, 0.1, 0.4, 0, 1] }; }, 'root.children[0].boundingVolume.region'],
  ['root without refine', (t) => { delete (t.root as { refine?: string }).refine; }, 'root.refine'],
  ['implicit tiling with a sphere', (t) => {
    Object.assign(t.root.children[0], { implicitTiling: { subdivisionScheme: 'QUADTREE', subtreeLevels: 2, availableLevels: 3, subtrees: { uri: 's/{level}.{x}.{y}.subtree' } }, content: { uri: 'c/{level}/{x}/{y}.glb' } });
  }, 'root.children[0].boundingVolume'],
];

describe('validateTilesetJson', () => {
  it('accepts a valid tileset', () => {
    expect(validateTilesetJson(valid()).issues).toEqual([]);
  });

  for (const [name, mutate, path] of CASES) {
    it(`reports ${name} at ${path}`, () => {
      const tileset = valid() as Mutable;
      mutate(tileset);
      const result = validateTilesetJson(tileset);
      expect(result.errors).toBeGreaterThan(0);
      expect(result.issues.map((i) => i.path)).toContain(path);
    });
  }

  it('warns when a child has a larger geometricError than its parent', () => {
    const tileset = valid();
    tileset.root.children[0].geometricError = 60;
    const result = validateTilesetJson(tileset, { path: 'x/tileset.json' });
    expect(result).toMatchObject({ errors: 0, warnings: 1, issues: [{ path: 'x/tileset.json#root.children[0].geometricError', severity: 'warning' }] });
  });
});

describe.skipIf(!hasSharedData())('validateTilesetJson on the official 3D Tiles 1.1 samples', () => {
  for (const sample of ['1.1/MetadataGranularities', '1.1/SparseImplicitQuadtree', '1.1/SparseImplicitOctree', 'glTF/EXT_mesh_features/FeatureIdAttribute', 'glTF/EXT_structural_metadata/FeatureIdAttributeAndPropertyTable']) {
    it(`accepts ${sample} (implicit tiling included)`, async () => {
      const file = sharedDataPath('cim', '3dtiles-samples', ...sample.split('/'), 'tileset.json');
      const result = validateTilesetJson(JSON.parse(await readFile(file, 'utf8')), { path: file });
      expect(result.issues).toEqual([]);
    });
  }
});
