import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { parseMtl, parseObj } from './obj.ts';

describe.skipIf(!hasSharedData())('OBJ export of the ContextCapture tile (osgconv oracle)', () => {
  it('has the oracle counts: 200 vertices, 114 triangles, a textured material', () => {
    const { meshes, mtllibs } = parseObj(readFileSync(sharedDataPath('cim/osgb/test.obj'), 'utf8'), 'test.obj');
    expect(mtllibs).toEqual(['test.mtl']);
    expect(meshes.reduce((s, m) => s + m.indices.length / 3, 0)).toBe(114);
    const mtl = parseMtl(readFileSync(sharedDataPath('cim/osgb/test.mtl'), 'utf8'), 'test.mtl');
    expect(mtl.get('material_1')?.texture).toBe('Tile_+000_+000_0.jpg');
    expect(mtl.get('material_2')?.diffuse[0]).toBeCloseTo(0.501961, 6);
    const textured = meshes.find((m) => m.material === 'material_1')!;
    expect(textured.texcoords).toBeDefined();
  });
});

describe('OBJ parsing', () => {
  it('fans polygons, resolves negative indices and de-duplicates corners', () => {
    const { meshes } = parseObj('v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\nvt 1 1\nf 1/1 2/1 3/2 4/2\nf -4/1 -2/2 -1/2\n');
    expect(Array.from(meshes[0].indices)).toEqual([0, 1, 2, 0, 2, 3, 0, 2, 3]);
    expect(meshes[0].positions.length).toBe(12);
  });
  it('names the file and line of bad input', () => {
    expect(() => parseObj('v 0 0 0\nf 1 2 3\n', 'a.obj')).toThrow(/a.obj:2: f: vertex index 2 out of range \(1–1\)/);
    expect(() => parseObj('v 0 x 0\n', 'a.obj')).toThrow(/a.obj:1: v: expected x y z, found '0 x 0'/);
    expect(() => parseMtl('Kd 1 1 1\n', 'a.mtl')).toThrow(/a.mtl:1: 'Kd' before any 'newmtl'/);
  });
});
