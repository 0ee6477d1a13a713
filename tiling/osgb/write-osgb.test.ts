import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { hasOsgconv, osgconv } from './osgconv.test-support.ts';
import { parseOsgtCounts } from './osgt-oracle.test-support.ts';
import { readOsgb, readOsgbRaw } from './read-osgb.ts';
import { makeSampleScene } from './sample-scene.test-support.ts';
import { summarizeOsgb } from './summarize-osgb.ts';
import { writeOsgb } from './write-osgb.ts';
import type { OsgbGeometry, OsgbPagedLod } from './osgb-types.ts';

const VERSIONS = [91, 95, 100, 112, 148, 149, 161, 202];

describe('writeOsgb → readOsgb round trip', () => {
  const scene = makeSampleScene();
  const expected = summarizeOsgb(scene);

  for (const version of VERSIONS) {
    for (const compress of [false, true]) {
      it(`version ${version}${compress ? ', zlib' : ''}: same tree, arrays, indices and texture bytes`, () => {
        const bytes = writeOsgb(scene, { version, compress });
        const raw = readOsgbRaw(bytes);
        expect(raw.header).toMatchObject({ version, compressor: compress ? 'zlib' : '0', attributes: version >= 98 ? 4 : 0 });
        expect(raw.end).toBe(raw.length);
        const back = readOsgb(bytes);
        expect(summarizeOsgb(back)).toEqual(expected);
        const lod = back.root as OsgbPagedLod;
        const src = scene.root as OsgbPagedLod;
        expect(lod).toMatchObject({ kind: 'PagedLOD', centerMode: 'USER_DEFINED_CENTER', rangeMode: 'PIXEL_SIZE_ON_SCREEN', fileNames: src.fileNames });
        expect(lod.center).toEqual(src.center);
        expect(lod.ranges[0]).toEqual([0, 25]);
        const [g, strip] = lod.children[0].children as OsgbGeometry[];
        const s = src.children[0].children[0] as OsgbGeometry;
        expect(g.positions).toEqual(s.positions);
        expect(g.normals).toEqual(s.normals);
        expect(g.texcoords).toEqual(s.texcoords);
        expect(g.primitives[0].indices).toBeInstanceOf(Uint16Array);
        expect(g.primitives[0].indices).toEqual(s.primitives[0].indices);
        expect(g.stateSet?.textures[0].image?.data).toEqual(s.stateSet?.textures[0].image?.data);
        expect(g.stateSet?.material?.diffuse).toEqual([1, 1, 1, 1]);
        expect(strip.primitives[0]).toMatchObject({ mode: 'TRIANGLE_STRIP', first: 0, count: 6 });
      });
    }
  }

  it('writes binary brackets on request or off on request, whatever the version', () => {
    expect(readOsgbRaw(writeOsgb(scene, { version: 91, brackets: true })).header.attributes).toBe(4);
    const bytes = writeOsgb(scene, { version: 161, brackets: false });
    expect(readOsgbRaw(bytes).header.attributes).toBe(0);
    expect(summarizeOsgb(readOsgb(bytes))).toEqual(expected);
  });

  it('keeps Uint32 indices as DrawElementsUInt and Float64 positions as Vec3dArray', () => {
    const s = makeSampleScene();
    const g = s.root!.children[0].children[0] as OsgbGeometry;
    g.primitives[0].indices = Uint32Array.from(g.primitives[0].indices!);
    g.positions = Float64Array.from(g.positions, (v) => v + 0.123456789);
    const back = readOsgb(writeOsgb(s)).root!.children[0].children[0] as OsgbGeometry;
    expect(back.primitives[0].indices).toBeInstanceOf(Uint32Array);
    expect(back.positions).toBeInstanceOf(Float64Array);
    expect(back.positions[0]).toBe(g.positions[0]);
  });

  it('writes a shared image once and reads it back shared (UniqueID references)', () => {
    const s = makeSampleScene();
    const [grid, strip] = s.root!.children[0].children as OsgbGeometry[];
    strip.stateSet = { ...grid.stateSet!, textures: [{ ...grid.stateSet!.textures[0] }] };
    strip.texcoords = new Float32Array(strip.positions.length / 3 * 2);
    const jpegBytes = grid.stateSet!.textures[0].image!.data!.length;
    const once = writeOsgb(s).length;
    const back = readOsgb(writeOsgb(s));
    const [g2, s2] = back.root!.children[0].children as OsgbGeometry[];
    expect(s2.stateSet!.textures[0].image).toBe(g2.stateSet!.textures[0].image);
    expect(summarizeOsgb(back)).toMatchObject({ textures: 1, textureBytes: jpegBytes });
    // An equal but distinct image object is written a second time.
    strip.stateSet.textures[0].image = { ...grid.stateSet!.textures[0].image! };
    expect(writeOsgb(s).length - once).toBeGreaterThanOrEqual(jpegBytes);
  });

  it.skipIf(!hasOsgconv())('osgconv loads the written files (v161 plain, v91 zlib) and reports the same counts', () => {
    for (const opts of [{ version: 161 }, { version: 91, compress: true }, { version: 100, brackets: false }, { version: 91, brackets: true }]) {
      const oracle = parseOsgtCounts(new TextDecoder().decode(osgconv(writeOsgb(scene, opts), 'osgt')));
      expect(oracle.vertices).toBe(expected.vertices);
      // The .osgt counter only sees TRIANGLES sets; the strip adds 4 triangles.
      expect(oracle.triangles).toBe(expected.triangles - 4);
      expect(oracle.fileNames[0]).toEqual((scene.root as OsgbPagedLod).fileNames);
      expect(oracle.classes.filter((c) => c === 'osg::Geometry').length).toBe(2);
    }
  });

  it.skipIf(!hasOsgconv())('osgconv decodes the inline JPEG we wrote (inline image size in its dump)', () => {
    const text = new TextDecoder().decode(osgconv(writeOsgb(scene), 'osgt'));
    expect(text).toMatch(/Size 32 16 1/);
  });
});

describe.skipIf(!hasSharedData())('re-writing the shared ContextCapture tile', () => {
  const bytes = new Uint8Array(readFileSync(sharedDataPath('cim', 'osgb', 'test.osgb')));
  const scene = readOsgb(bytes);

  it('round-trips test.osgb at v91 and v161 with identical summary and JPEG bytes', () => {
    for (const version of [91, 161]) {
      const back = readOsgb(writeOsgb(scene, { version }));
      expect(summarizeOsgb(back)).toEqual(summarizeOsgb(scene));
    }
    const img = (readOsgb(writeOsgb(scene)).root!.children[0].children[0] as OsgbGeometry).stateSet!.textures[0].image!;
    expect(jpeg.decode(img.data!).width).toBe(img.width);
  });

  it.skipIf(!hasOsgconv())('reads a file compressed by osgconv -O Compressor=zlib', () => {
    const z = osgconv(bytes, 'osgb', ['-O', 'Compressor=zlib']);
    const raw = readOsgbRaw(z);
    expect(raw.header.compressor).toBe('zlib');
    expect(raw.header.version).toBe(161);
    const s = summarizeOsgb(readOsgb(z));
    expect(s.vertices).toBe(200);
    expect(s.triangles).toBe(114);
    expect(s.childFileNames).toEqual(['Tile_+000_+000_L16_0.osgb']);
  });
});
