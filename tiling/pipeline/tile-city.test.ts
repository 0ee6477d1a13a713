import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatEsriAscii } from '../../flood-sim/index.ts';
import { validateTilesetJson } from '../tiles3d/index.ts';
import { parseTileConfig } from './tile-config.ts';
import { tileCity } from './tile-city.ts';

/** A small city: a 200 m × 200 m DEM at 2 m, two buildings, a two-pipe storm network. */
function city(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tile-city-'));
  const nx = 100, ny = 100, x0 = 622000, y0 = 3320000;
  const data = new Float32Array(nx * ny).map((_, k) => 210 + 0.02 * (k % nx));
  writeFileSync(path.join(dir, 'dem.asc'), formatEsriAscii({ name: 'dem', nx, ny, dx: 2, dy: 2, x0, y0, data, nodata: -9999 }));
  const source = { dataset: 'test' };
  const building = (id: string, e: number, n: number) => ({
    type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [[[e, n], [e + 20, n], [e + 20, n + 15], [e, n + 15], [e, n]]] },
    properties: { type: 'building', source, height: 12, baseElevation: 211, floors: 4, use: 'residential' },
  });
  writeFileSync(path.join(dir, 'buildings.geojson'), JSON.stringify({ type: 'FeatureCollection', crs: 'EPSG:4544', features: [building('B1', x0 + 20, y0 - 60), building('B2', x0 + 80, y0 - 120)] }));
  const mh = (id: string, e: number) => ({ type: 'Feature', id, geometry: { type: 'Point', coordinates: [e, y0 - 100] }, properties: { type: 'manhole', source, network: 'storm', rimElevation: 211, invertElevation: 208.5 } });
  const pipe = (id: string, a: string, b: string, e0: number, e1: number, up: number, dn: number) => ({
    type: 'Feature', id, geometry: { type: 'LineString', coordinates: [[e0, y0 - 100], [e1, y0 - 100]] },
    properties: { type: 'pipe', source, network: 'storm', section: { shape: 'circular', diameter: 0.6 }, fromNode: a, toNode: b, length: e1 - e0, upstreamInvert: up, downstreamInvert: dn, roughness: 0.013 },
  });
  writeFileSync(path.join(dir, 'pipes.geojson'), JSON.stringify({ type: 'FeatureCollection', crs: 'EPSG:4544', features: [mh('M1', x0 + 10), mh('M2', x0 + 60), mh('M3', x0 + 110), pipe('P1', 'M1', 'M2', x0 + 10, x0 + 60, 208.5, 208.4), pipe('P2', 'M2', 'M3', x0 + 60, x0 + 110, 208.4, 208.3)] }));
  writeFileSync(path.join(dir, 'broken.geojson'), '{"type": "FeatureCollection", "features": [');
  return dir;
}

const config = (extra: object[] = []) => parseTileConfig({
  name: 'test city', crs: 'EPSG:4544', geoid: { offset: -40.04 },
  layers: [
    { kind: 'terrain', dem: 'dem.asc' },
    { kind: 'buildings', path: 'buildings.geojson' },
    { kind: 'pipes', path: 'pipes.geojson' },
    ...extra,
  ],
});

describe('tileCity', () => {
  it('writes terrain, a valid root CIM tileset and the config, and reuses unchanged work', async () => {
    const dir = city();
    const out = path.join(dir, 'out');
    const r = await tileCity(config(), dir, out);
    expect(r.failures).toEqual([]);
    expect(existsSync(path.join(out, 'terrain', 'layer.json'))).toBe(true);
    const root = JSON.parse(readFileSync(path.join(out, 'tiles', 'tileset.json'), 'utf8'));
    const v = validateTilesetJson(root);
    expect(v.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.tileset!.layers.map((l) => l.id).sort()).toEqual(['buildings', 'pipes-storm']);
    expect(r.tileset!.layers.find((l) => l.id === 'buildings')!.featureCounts).toMatchObject({ building: 2 });
    expect(JSON.parse(readFileSync(path.join(out, 'tile-config.json'), 'utf8')).name).toBe('test city');
    const again = await tileCity(config(), dir, out);
    expect(again.terrain!.reused).toBe(true);
    expect(again.tileset!.layers.every((l) => l.reused > 0)).toBe(true);
  });

  it('reports and skips a bad source, or stops on it when strict', async () => {
    const dir = city();
    const r = await tileCity(config([{ kind: 'pipes', id: 'broken', path: 'broken.geojson' }]), dir, path.join(dir, 'out'));
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toMatch(/broken.geojson/);
    expect(r.tileset!.layers.length).toBe(2);
    await expect(tileCity(config([{ kind: 'pipes', id: 'broken', path: 'broken.geojson' }]), dir, path.join(dir, 'out2'), { strict: true })).rejects.toThrow(/broken.geojson/);
    expect(existsSync(path.join(dir, 'out2', 'tiles', 'tileset.json'))).toBe(false);
  });

  it('reads survey pipes from a Shapefile (GBK attributes, DN in mm)', async () => {
    const dir = city();
    for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) copyFileSync(path.join(import.meta.dirname, '..', 'formats', 'testdata', `pipes.${ext}`), path.join(dir, `survey.${ext}`));
    const r = await tileCity(config([{ kind: 'pipes', id: 'survey', path: 'survey.shp', network: 'sewer' }]), dir, path.join(dir, 'out'));
    expect(r.failures).toEqual([]);
    const survey = r.tileset!.layers.find((l) => l.id === 'survey-sewer')!;
    expect(survey.featureCounts).toMatchObject({ pipe: 2 });
  });

  it('validates the config and names the field', () => {
    expect(() => parseTileConfig({ crs: 'EPSG:4544', layers: [{ kind: 'terrain', dem: 'x' }] }, 'c.json')).toThrow(/c.json: field 'geoid': expected a geoid model/);
    expect(() => parseTileConfig({ crs: 'EPSG:4544', heights: 'ellipsoidal', layers: [{ kind: 'lidar', path: 'x' }] }, 'c.json')).toThrow(/c.json: field 'layers.0.kind'/);
    expect(() => parseTileConfig({ crs: 'EPSG:4544', heights: 'ellipsoidal', layers: [{ kind: 'pipes', id: 'Bad Id', path: 'x' }] }, 'c.json')).toThrow(/field 'layers.0.id': expected a layer id/);
  });
});
