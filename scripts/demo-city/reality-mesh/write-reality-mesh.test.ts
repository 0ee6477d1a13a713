import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOsgbFile, summarizeOsgb } from '../../../tiling/index.ts';
import type { OsgbGeometry, OsgbNode, OsgbScene } from '../../../tiling/index.ts';
import { sampleDem } from './node-mesh.ts';
import { syntheticTown } from './synthetic-town.test-support.ts';
import { writeRealityMesh } from './write-reality-mesh.ts';
import type { RealityMeshResult } from './write-reality-mesh.ts';

/** The OpenSceneGraph converter as an independent oracle, when installed (Debian package openscenegraph). */
const hasOsgconv = !spawnSync('osgconv', ['--help'], { timeout: 10_000 }).error;

function walk(node: OsgbNode | null, visit: (n: OsgbNode) => void): void {
  if (!node) return;
  visit(node);
  node.children.forEach((c) => walk(c, visit));
}

describe('writeRealityMesh on a small synthetic town (100×100 DEM at 2 m, 2×2 tiles of 100 m)', () => {
  const input = { ...syntheticTown(100, 2, 6, 2), tileSize: 100 };
  let dir = '';
  let result: RealityMeshResult;
  const progress: Array<[number, number]> = [];
  const scenes = new Map<string, OsgbScene>();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'reality-mesh-test-'));
    result = await writeRealityMesh(input, dir, { levels: 3, onProgress: (d, t) => progress.push([d, t]) });
    for (const tile of readdirSync(path.join(dir, 'Data'))) {
      for (const f of readdirSync(path.join(dir, 'Data', tile))) scenes.set(`${tile}/${f}`, await readOsgbFile(path.join(dir, 'Data', tile, f)));
    }
  });
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('writes metadata.xml with the SRS and origin', () => {
    const xml = readFileSync(path.join(dir, 'metadata.xml'), 'utf8');
    expect(xml).toMatch(/<ModelMetadata version="1">/);
    expect(xml).toContain('<SRS>EPSG:4544</SRS>');
    expect(xml).toContain(`<SRSOrigin>${input.origin.join(',')}</SRSOrigin>`);
    expect(xml).toContain('<ColorSource>Visible</ColorSource>');
  });

  it('lays out Data/Tile_±xxx_±yyy/ with ContextCapture file names and no leftovers', () => {
    expect(readdirSync(path.join(dir, 'Data')).sort()).toEqual(['Tile_+000_+000', 'Tile_+000_+001', 'Tile_+001_+000', 'Tile_+001_+001']);
    const files = readdirSync(path.join(dir, 'Data', 'Tile_+001_+000')).sort();
    expect(files).toEqual([
      'Tile_+001_+000.osgb', 'Tile_+001_+000_L15_0.osgb',
      'Tile_+001_+000_L16_00.osgb', 'Tile_+001_+000_L16_01.osgb', 'Tile_+001_+000_L16_02.osgb', 'Tile_+001_+000_L16_03.osgb',
    ]);
    expect(readdirSync(dir).sort()).toEqual(['Data', 'metadata.xml']);
    expect(result.tiles).toBe(4);
    expect(result.files).toBe(4 * 6 + 1);
    let bytes = statSync(path.join(dir, 'metadata.xml')).size;
    for (const key of scenes.keys()) bytes += statSync(path.join(dir, 'Data', key)).size;
    expect(result.bytes).toBe(bytes);
    expect(progress).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]]);
  });

  it('links levels by PagedLOD in pixel-size ranges, and every child file exists', () => {
    let links = 0;
    for (const [key, scene] of scenes) {
      walk(scene.root, (n) => {
        if (n.kind !== 'PagedLOD') return;
        expect(n.rangeMode).toBe('PIXEL_SIZE_ON_SCREEN');
        expect(n.ranges.length).toBe(n.fileNames.length);
        for (const f of n.fileNames) {
          if (!f) continue;
          links++;
          expect(existsSync(path.join(dir, 'Data', path.dirname(key), f)), `${key} → ${f}`).toBe(true);
        }
      });
    }
    // Per tile: root → L15_0, 4 × (L15 quadrant → L16_0q).
    expect(links).toBe(4 * 5);
    const root = scenes.get('Tile_+000_+000/Tile_+000_+000.osgb')!.root;
    expect(root?.kind).toBe('PagedLOD');
    expect(summarizeOsgb(root).geometries).toBe(1);
  });

  it('reads back every file; triangles add up; finer levels are denser', () => {
    let triangles = 0;
    for (const s of scenes.values()) triangles += summarizeOsgb(s).triangles;
    expect(triangles).toBe(result.triangles);
    const coarse = summarizeOsgb(scenes.get('Tile_+000_+000/Tile_+000_+000.osgb')!);
    let finest = 0;
    for (const q of [0, 1, 2, 3]) finest += summarizeOsgb(scenes.get(`Tile_+000_+000/Tile_+000_+000_L16_0${q}.osgb`)!).vertices;
    expect(finest).toBeGreaterThan(coarse.vertices * 4);
  });

  it('writes vertices relative to the SRS origin: ground on the DEM, roofs at base + height', () => {
    const [ox, oy, oz] = input.origin;
    const scene = scenes.get('Tile_+000_+000/Tile_+000_+000_L16_00.osgb')!;
    const geoms: OsgbGeometry[] = [];
    walk(scene.root, (n) => { if (n.kind === 'Geometry') geoms.push(n); });
    expect(geoms.length).toBe(4);
    const g = geoms[0];
    const [x, y, z] = [g.positions[0] + ox, g.positions[1] + oy, g.positions[2] + oz];
    // First vertex = south-west corner of the tile's first quadrant.
    expect(x).toBeCloseTo(input.dem.west, 1);
    expect(y).toBeCloseTo(input.dem.north - 100 * 2, 1);
    expect(z).toBeCloseTo(sampleDem(input.dem, x, y), 2);
    const tops = new Set(input.buildings.map((b) => Math.round((b.base + b.height - oz) * 100)));
    let roofVertices = 0;
    for (const geom of geoms) {
      for (let i = 2; i < geom.positions.length; i += 3) if (tops.has(Math.round(geom.positions[i] * 100))) roofVertices++;
      for (let i = 0; i < geom.positions.length; i += 3) {
        expect(Math.abs(geom.positions[i])).toBeLessThan(200);
        expect(Math.abs(geom.positions[i + 1])).toBeLessThan(200);
      }
    }
    expect(roofVertices).toBeGreaterThan(0);
  });

  it('textures every node with a valid power-of-two JPEG', () => {
    let textures = 0;
    for (const scene of scenes.values()) {
      walk(scene.root, (n) => {
        for (const t of n.stateSet?.textures ?? []) {
          textures++;
          const img = t.image!;
          expect(img.storage).toBe('inline-file');
          const decoded = jpeg.decode(img.data!, { useTArray: true });
          expect([decoded.width, decoded.height]).toEqual([img.width, img.height]);
          expect(Math.log2(img.width) % 1).toBe(0);
          const g = n as OsgbGeometry;
          expect(Math.min(...g.texcoords!)).toBeGreaterThanOrEqual(0);
          expect(Math.max(...g.texcoords!)).toBeLessThanOrEqual(1);
        }
      });
    }
    expect(textures).toBe(4 * (1 + 4 + 16));
  });

  it.skipIf(!hasOsgconv)('osgconv loads a finest-level file and exports the same vertex and face counts to OBJ', () => {
    const src = path.join(dir, 'Data', 'Tile_+000_+000', 'Tile_+000_+000_L16_03.osgb');
    const obj = path.join(dir, 'check.obj');
    const r = spawnSync('osgconv', [src, obj], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(obj, 'utf8');
    const s = summarizeOsgb(scenes.get('Tile_+000_+000/Tile_+000_+000_L16_03.osgb')!);
    expect((text.match(/^v /gm) ?? []).length).toBe(s.vertices);
    expect((text.match(/^f /gm) ?? []).length).toBe(s.triangles);
    rmSync(obj);
    rmSync(obj.replace(/obj$/, 'mtl'), { force: true });
  });
});
