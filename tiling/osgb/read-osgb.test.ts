import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { hasOsgconv, osgconv } from './osgconv.test-support.ts';
import { parseObjCounts, parseOsgtCounts } from './osgt-oracle.test-support.ts';
import { readOsgb, readOsgbRaw } from './read-osgb.ts';
import { summarizeOsgb } from './summarize-osgb.ts';
import type { OsgbGeometry, OsgbNode, OsgbPagedLod } from './osgb-types.ts';

const osgbDir = (...p: string[]) => sharedDataPath('cim', 'osgb', ...p);
const load = (...p: string[]) => new Uint8Array(readFileSync(osgbDir(...p)));

function walk(node: OsgbNode | null, visit: (n: OsgbNode) => void): void {
  if (!node) return;
  visit(node);
  node.children.forEach((c) => walk(c, visit));
}

describe.skipIf(!hasSharedData())('readOsgb on the ContextCapture tile (fanvanzh/3dtiles test.osgb) against the osgconv oracle', () => {
  const bytes = load('test.osgb');
  const scene = readOsgb(bytes, { file: 'test.osgb' });
  const oracle = parseOsgtCounts(readFileSync(osgbDir('test.osgt'), 'utf8'));
  const obj = parseObjCounts(readFileSync(osgbDir('test.obj'), 'utf8'));
  const summary = summarizeOsgb(scene);

  it('reads the header and consumes the whole stream', () => {
    const raw = readOsgbRaw(bytes);
    expect(raw.header).toMatchObject({ type: 'Scene', version: 91, attributes: 0, compressor: '0' });
    expect(raw.end).toBe(bytes.length);
  });

  it('has the node tree of the oracle dump: PagedLOD → Geode → 2 Geometry', () => {
    const nodeClasses = oracle.classes.filter((c) => ['osg::PagedLOD', 'osg::Geode', 'osg::Geometry'].includes(c));
    const ours: string[] = [];
    walk(scene.root, (n) => ours.push(n.className));
    expect(ours).toEqual(nodeClasses);
    expect(summary.nodesByKind).toEqual({ PagedLOD: 1, Geode: 1, Geometry: 2 });
  });

  it('matches PagedLOD centre, radius, ranges and child file names', () => {
    const lod = scene.root as OsgbPagedLod;
    expect(lod.kind).toBe('PagedLOD');
    expect(lod.centerMode).toBe('USER_DEFINED_CENTER');
    expect(lod.rangeMode).toBe('PIXEL_SIZE_ON_SCREEN');
    const [cx, cy, cz, r] = oracle.userCenters[0];
    expect(lod.center![0]).toBeCloseTo(cx, 2);
    expect(lod.center![1]).toBeCloseTo(cy, 2);
    expect(lod.center![2]).toBeCloseTo(cz, 2);
    expect(lod.radius).toBeCloseTo(r, 3);
    const flat = lod.ranges.flat();
    expect(flat.length).toBe(oracle.ranges[0].length);
    flat.forEach((v, i) => expect(Math.abs(v - oracle.ranges[0][i])).toBeLessThanOrEqual(Math.abs(oracle.ranges[0][i]) * 1e-5));
    expect(lod.fileNames).toEqual(oracle.fileNames[0]);
    expect(summary.childFileNames).toEqual(['Tile_+000_+000_L16_0.osgb']);
    expect(lod.databasePath).toBe('');
  });

  it('matches vertex and triangle counts of the .osgt and .obj oracles (200 vertices, 114 triangles)', () => {
    expect(summary.vertices).toBe(oracle.vertices);
    expect(summary.vertices).toBe(obj.vertices);
    expect(summary.triangles).toBe(oracle.triangles);
    expect(summary.triangles).toBe(obj.faces);
    expect(summary.geometries).toBe(2);
  });

  it('matches the first vertex array values of the .osgt dump', () => {
    const text = readFileSync(osgbDir('test.osgt'), 'utf8');
    const block = /VertexArray TRUE \{[\s\S]*?vector (\d+) \{([^}]*)\}/.exec(text)!;
    const values = block[2].trim().split(/\s+/).map(Number);
    const geom = scene.root!.children[0].children[0] as OsgbGeometry;
    expect(geom.positions.length).toBe(values.length);
    values.forEach((v, i) => expect(Math.abs(geom.positions[i] - v)).toBeLessThanOrEqual(Math.max(1e-3, Math.abs(v) * 1e-5)));
    expect(geom.texcoords?.length).toBe((geom.positions.length / 3) * 2);
  });

  it('extracts the inline JPEG texture (16,767 bytes) with its file name', () => {
    expect(summary.textures).toBe(1);
    expect(summary.textureBytes).toBe(16767);
    const geom = scene.root!.children[0].children[0] as OsgbGeometry;
    const tex = geom.stateSet!.textures[0];
    expect(tex.unit).toBe(0);
    expect(tex.image!.fileName).toBe(oracle.imageFileNames[0]);
    expect(tex.image!.storage).toBe('inline-file');
    expect(tex.image!.mimeType).toBe('image/jpeg');
    const decoded = jpeg.decode(tex.image!.data!, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([tex.image!.width, tex.image!.height]);
    expect(geom.stateSet!.material?.diffuse).toEqual([1, 1, 1, 1]);
  });
});

describe.skipIf(!hasSharedData())('readOsgb on OpenSceneGraph samples of other serializer versions', () => {
  // Reference counts from osg-samples/README.txt (an independent reader and osgconv agree).
  const cases = [
    { file: 'cessna.osgb', version: 100, attributes: 4, geometries: 1, vertices: 3745 },
    { file: 'streetlight.osgb', version: 95, attributes: 0, geometries: 4, vertices: 6456 },
  ];
  for (const c of cases) {
    it(`${c.file}: v${c.version}, ${c.geometries} geometries, ${c.vertices} vertices`, () => {
      const bytes = load('osg-samples', c.file);
      const raw = readOsgbRaw(bytes, { file: c.file });
      expect(raw.header.version).toBe(c.version);
      expect(raw.header.attributes).toBe(c.attributes);
      expect(raw.end).toBe(bytes.length);
      const s = summarizeOsgb(readOsgb(bytes, { file: c.file }));
      expect(s.geometries).toBe(c.geometries);
      expect(s.vertices).toBe(c.vertices);
    });

    it.skipIf(!hasOsgconv())(`${c.file}: node classes, vertices and triangles equal osgconv's .osgt dump`, () => {
      const bytes = load('osg-samples', c.file);
      const oracle = parseOsgtCounts(new TextDecoder().decode(osgconv(bytes, 'osgt')));
      const scene = readOsgb(bytes);
      const s = summarizeOsgb(scene);
      expect(s.vertices).toBe(oracle.vertices);
      expect(s.triangles).toBe(oracle.triangles);
      const ours: string[] = [];
      walk(scene.root, (n) => ours.push(n.className));
      const nodeClasses = new Set(['osg::Group', 'osg::Geode', 'osg::Geometry']);
      expect(ours).toEqual(oracle.classes.filter((k) => nodeClasses.has(k)));
    });
  }

  it('cessna: DrawElementsUShort triangles, normals and a Material + ShadeModel state', () => {
    const scene = readOsgb(load('osg-samples', 'cessna.osgb'));
    const geom = scene.root!.children[0].children[0] as OsgbGeometry;
    expect(geom.primitives[0].mode).toBe('TRIANGLES');
    expect(geom.primitives[0].indices).toBeInstanceOf(Uint16Array);
    expect(geom.normals?.length).toBe(geom.positions.length);
    expect(geom.stateSet?.attributeClasses).toEqual(['osg::Material', 'osg::ShadeModel']);
  });

  it('streetlight: DrawArrays with per-vertex colours', () => {
    const scene = readOsgb(load('osg-samples', 'streetlight.osgb'));
    const geoms: OsgbGeometry[] = [];
    walk(scene.root, (n) => { if (n.kind === 'Geometry') geoms.push(n); });
    expect(geoms[0].primitives[0]).toMatchObject({ mode: 'TRIANGLES', first: 0, count: 1629 });
    expect(geoms[0].colors?.length).toBe((1629) * 4);
    expect(scene.root!.name).toBe('db');
  });
});
