import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ecefToGeodetic } from '../../cim-model/index.ts';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import type { GeoMesh } from '../core/index.ts';
import { importCityJson } from './cityjson.ts';
import { importCityJsonFile } from './cityjson-file.ts';

// NAP heights to ellipsoidal: the geoid is about 43 m above GRS80 in the Netherlands.
const geoid = { kind: 'constant' as const, offset: 43 };

/** Signed volume of one feature's triangles (divergence theorem about a point near the data). */
function volumeOf(meshes: GeoMesh[], feature: number): number {
  const r = meshes[0].positions;
  let v = 0;
  for (const m of meshes) {
    const p = m.positions;
    const at = (i: number) => [p[3 * i] - r[0], p[3 * i + 1] - r[1], p[3 * i + 2] - r[2]];
    for (let t = 0; t < m.indices.length; t += 3) {
      if (m.featureIds![m.indices[t]] !== feature) continue;
      const [a, b, c] = [at(m.indices[t]), at(m.indices[t + 1]), at(m.indices[t + 2])];
      v += (a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0])) / 6;
    }
  }
  return v;
}

describe.skipIf(!hasSharedData())('CityJSON (cjio test cities)', () => {
  it('imports Rotterdam LoD2 with its one available texture, and refuses missing ones by default', () => {
    const file = sharedDataPath('cim/cityjson/rotterdam_subset.json');
    expect(() => importCityJsonFile(file, { crs: 'EPSG:7415', geoid })).toThrow(/rotterdam_subset.json: appearance.textures\[\d+\]: texture image 'appearances\/0320_\d+_\d+.jpg' not found/);
    const r = importCityJsonFile(file, { crs: 'EPSG:7415', geoid, missingTextures: 'untextured' });
    expect(r.layer.features).toHaveLength(16);
    const textured = r.layer.meshes.filter((m) => m.material.texture);
    expect(textured).toHaveLength(1);
    expect(textured[0].material.texture!.data.byteLength).toBe(184022);
    expect(textured[0].texcoords!.length / 2).toBe(textured[0].positions.length / 3);
    expect(r.warnings.length).toBe(73);
    const p = textured[0].positions;
    const [lon, lat] = ecefToGeodetic(p[0], p[1], p[2]);
    expect(lat).toBeGreaterThan(51.9);
    expect(lat).toBeLessThan(51.95);
    expect(lon).toBeGreaterThan(4.45);
    expect(lon).toBeLessThan(4.5);
  });

  it('imports 3D BAG multi-LoD buildings at the LoD asked for, closed and outward-facing', () => {
    const file = sharedDataPath('cim/cityjson/multi_lod.json');
    const hi = importCityJsonFile(file, { crs: 'EPSG:7415', geoid });
    const lo = importCityJsonFile(file, { crs: 'EPSG:7415', geoid, lod: '1.2' });
    expect(hi.layer.features).toHaveLength(10);
    expect(lo.layer.features).toHaveLength(10);
    const tris = (r: typeof hi) => r.layer.meshes.reduce((s, m) => s + m.indices.length / 3, 0);
    expect(tris(hi)).toBeGreaterThan(tris(lo));
    for (let f = 0; f < 10; f++) expect(volumeOf(lo.layer.meshes, f)).toBeGreaterThan(0);
    // Base elevation against the 3D BAG ground height attribute (h_maaiveld, NAP m).
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    for (const b of hi.layer.features) {
      const hm = doc.CityObjects[b.id].attributes.h_maaiveld;
      if (typeof hm === 'number' && b.type === 'building') expect(Math.abs(b.baseElevation - hm)).toBeLessThan(1.5);
    }
  });

  it('imports Delft buildings from a CRS in the file and reports the other classes it skipped', () => {
    const r = importCityJsonFile(sharedDataPath('cim/cityjson/delft.json'), { geoid });
    expect(r.crs).toBe('https://www.opengis.net/def/crs/EPSG/0/7415');
    expect(r.layer.features).toHaveLength(160);
    expect(r.skipped).toMatchObject({ Bridge: 3, LandUse: 81, PlantCover: 126, WaterBody: 3, Road: 143, GenericCityObject: 54 });
  });
});

describe('CityJSON bad input', () => {
  const base = { type: 'CityJSON', version: '2.0', vertices: [[0, 0, 0], [1, 0, 0], [1, 1, 0]], CityObjects: {} };
  it('names the file and the place that failed', () => {
    expect(() => importCityJson({ type: 'Other' }, { file: 'a.json' })).toThrow(/a.json: type: expected "CityJSON", found "Other"/);
    expect(() => importCityJson(base, { file: 'a.json' })).toThrow(/a.json: metadata.referenceSystem: no CRS/);
    const badIndex = { ...base, CityObjects: { b: { type: 'Building', geometry: [{ type: 'MultiSurface', lod: '1', boundaries: [[[0, 1, 7]]] }] } } };
    expect(() => importCityJson(badIndex, { file: 'a.json', crs: 'EPSG:28992' })).toThrow(/a.json: boundaries: vertex index 7 out of range \(0–2\)/);
    const badType = { ...base, CityObjects: { b: { type: 'Building', geometry: [{ type: 'Blob', lod: '1', boundaries: [] }] } } };
    expect(() => importCityJson(badType, { file: 'a.json', crs: 'EPSG:28992' })).toThrow(/CityObjects\["b"\].*found 'Blob'/);
    expect(() => importCityJson(base, { file: 'a.json', crs: 'EPSG:99999' })).toThrow(/unknown CRS code 'EPSG:99999'/);
  });
});
