import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { transformPoint } from '../../cim-model/index.ts';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { readOsgb, writeOsgb, type OsgbGeometry, type OsgbNode } from '../osgb/index.ts';

/** The first inline image in a scene tree. */
function firstImage(n: OsgbNode): Uint8Array {
  const img = n.stateSet?.textures.find((t) => t.image?.data)?.image?.data;
  if (img) return img;
  for (const c of n.children) {
    const found = firstImage(c);
    if (found.length) return found;
  }
  return new Uint8Array(0);
}
import { parseMetadataXml } from './metadata-xml.ts';
import { openRealityMesh } from './reality-layer.ts';

const geoid = { kind: 'constant' as const, offset: -40.04 };
const ORIGIN: [number, number, number] = [622555, 3319684, 0];

function quad(z: number, size: number): OsgbGeometry {
  return {
    kind: 'Geometry', className: 'osg::Geometry', name: '', children: [],
    positions: Float32Array.of(0, 0, z, size, 0, z, size, size, z, 0, size, z),
    texcoords: Float32Array.of(0, 0, 1, 0, 1, 1, 0, 1),
    primitives: [{ mode: 'TRIANGLES', indices: Uint16Array.of(0, 1, 2, 0, 2, 3) }],
  };
}

function production(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reality-'));
  writeFileSync(path.join(dir, 'metadata.xml'), `<?xml version="1.0"?>\n<ModelMetadata version="1"><SRS>EPSG:4544</SRS><SRSOrigin>${ORIGIN.join(',')}</SRSOrigin></ModelMetadata>`);
  const tile = path.join(dir, 'Data', 'Tile_+000_+000');
  mkdirSync(tile, { recursive: true });
  const root: OsgbNode = {
    kind: 'PagedLOD', className: 'osg::PagedLOD', name: '', children: [{ kind: 'Geode', className: 'osg::Geode', name: '', children: [quad(210, 100)] }],
    centerMode: 'USER_DEFINED_CENTER', center: [50, 50, 210], radius: 71, rangeMode: 'PIXEL_SIZE_ON_SCREEN',
    ranges: [[0, 142], [142, 1e30]], fileNames: ['', 'Tile_+000_+000_L17_0.osgb'], databasePath: '',
  };
  const fine: OsgbNode = { kind: 'Geode', className: 'osg::Geode', name: '', children: [quad(211, 100), quad(212, 50)] };
  writeFileSync(path.join(tile, 'Tile_+000_+000.osgb'), writeOsgb(root, { version: 91 }));
  writeFileSync(path.join(tile, 'Tile_+000_+000_L17_0.osgb'), writeOsgb(fine, { version: 91 }));
  return dir;
}

describe('openRealityMesh', () => {
  it('keeps the PagedLOD pyramid with geometric errors from the switch ranges', async () => {
    const r = await openRealityMesh(production(), { geoid });
    expect(r.metadata).toEqual({ srs: 'EPSG:4544', origin: ORIGIN });
    expect(r.files).toBe(2);
    const root = r.layer.roots[0];
    expect(root.id).toBe('Tile_+000_+000');
    // SSE 16 × 2R / r = 16 × 142 / 142
    expect(root.geometricError).toBeCloseTo(16, 9);
    expect(root.children).toHaveLength(1);
    expect(root.children[0].geometricError).toBe(0);
    expect(await root.children[0].load()).toHaveLength(2);
  });

  it('places every vertex at its own exact ECEF position (1985 heights through the geoid)', async () => {
    const r = await openRealityMesh(production(), { geoid });
    const [mesh] = await r.layer.roots[0].load();
    const p = mesh.positions;
    const corner = transformPoint('EPSG:4544+5737', 'EPSG:4978', [ORIGIN[0] + 100, ORIGIN[1] + 100, 210], { geoid });
    expect(Math.hypot(p[6] - corner[0], p[7] - corner[1], p[8] - corner[2])).toBeLessThan(0.001);
    expect(mesh.material.unlit).toBe(true);
    expect(r.layer.roots[0].sphere![3]).toBe(71);
  });

  it('reports the metadata errors with the file and field', async () => {
    expect(() => parseMetadataXml('<ModelMetadata><SRS>EPSG:1</SRS></ModelMetadata>', 'm.xml')).toThrow(/m.xml: <SRS>: unknown CRS code 'EPSG:1'/);
    expect(() => parseMetadataXml('<ModelMetadata><SRS>EPSG:4544</SRS><SRSOrigin>1,x,2</SRSOrigin></ModelMetadata>', 'm.xml')).toThrow(/<SRSOrigin>: expected 'x,y\[,z\]' numbers, found '1,x,2'/);
    await expect(openRealityMesh(os.tmpdir() + '/no-such-production')).rejects.toThrow(/metadata.xml: not found/);
  });
});

describe.skipIf(!hasSharedData())('openRealityMesh on the real ContextCapture tile', () => {
  it('reads the OBJ export of the same tile, with LODs by simplification', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cc-obj-'));
    writeFileSync(path.join(dir, 'metadata.xml'), '<ModelMetadata version="1"><SRS>ENU:30.5,114.3</SRS><SRSOrigin>0,0,0</SRSOrigin></ModelMetadata>');
    const tile = path.join(dir, 'Data', 'Tile_+000_+000');
    mkdirSync(tile, { recursive: true });
    copyFileSync(sharedDataPath('cim/osgb/test.obj'), path.join(tile, 'Tile_+000_+000.obj'));
    copyFileSync(sharedDataPath('cim/osgb/test.mtl'), path.join(tile, 'test.mtl'));
    // The texture the .mtl names is inline in the .osgb only: without it the tile is reported.
    const bad: string[] = [];
    await expect(openRealityMesh(dir, { onBadFile: (f, e) => bad.push(e.message) })).rejects.toThrow(/no readable tiles/);
    expect(bad[0]).toMatch(/texture 'Tile_\+000_\+000_0.jpg' not found/);
    writeFileSync(path.join(tile, 'Tile_+000_+000_0.jpg'), firstImage(readOsgb(readFileSync(sharedDataPath('cim/osgb/test.osgb'))).root!));
    const r = await openRealityMesh(dir);
    const meshes = await r.layer.roots[0].load();
    expect(meshes.reduce((s, m) => s + m.indices.length / 3, 0)).toBe(114);
    expect(meshes.some((m) => m.material.texture)).toBe(true);
  });

  it('reads its inline JPEG texture and reports the missing finer file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cc-'));
    // ContextCapture coordinates are local to SRSOrigin; an ENU origin near the sample's source is enough here.
    writeFileSync(path.join(dir, 'metadata.xml'), '<ModelMetadata version="1"><SRS>ENU:30.5,114.3</SRS><SRSOrigin>0,0,0</SRSOrigin></ModelMetadata>');
    mkdirSync(path.join(dir, 'Data', 'Tile_+000_+000'), { recursive: true });
    copyFileSync(sharedDataPath('cim/osgb/test.osgb'), path.join(dir, 'Data', 'Tile_+000_+000', 'Tile_+000_+000.osgb'));
    await expect(openRealityMesh(dir)).rejects.toThrow(/Tile_\+000_\+000_L16_0.osgb/);
    const bad: string[] = [];
    const r = await openRealityMesh(dir, { onBadFile: (f) => bad.push(path.basename(f)) });
    expect(bad).toEqual(['Tile_+000_+000_L16_0.osgb']);
    const meshes = await r.layer.roots[0].load();
    expect(meshes.reduce((s, m) => s + m.positions.length / 3, 0)).toBe(200);
    expect(meshes.reduce((s, m) => s + m.indices.length / 3, 0)).toBe(114);
    expect(meshes[0].material.texture?.mimeType).toBe('image/jpeg');
    expect(meshes[0].material.texture?.data.byteLength).toBe(16767);
  });
});
