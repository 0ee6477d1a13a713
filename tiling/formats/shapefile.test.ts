import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCrs } from '../../cim-model/index.ts';
import { readShapefile } from './shapefile.ts';
import { readShapefileSet } from './shapefile-file.ts';

const dir = path.join(import.meta.dirname, 'testdata');

describe('readShapefile (fixtures written by GDAL ogr2ogr)', () => {
  it('reads GBK-encoded polylines with their attributes and the .prj CRS', () => {
    const s = readShapefileSet(path.join(dir, 'pipes.shp'));
    expect(s.encoding).toBe('gbk');
    expect(s.features).toHaveLength(2);
    expect(s.features[0].properties).toMatchObject({ GXBH: 'YS-001', DN: 600, CZ: '混凝土', QDGC: 202.1, ZDGC: 201.9 });
    expect(s.features[1].properties.CZ).toBe('钢筋混凝土');
    expect(s.features[1].geometry).toEqual({ type: 'LineString', coordinates: [[622040, 3319000], [622070, 3319020], [622100, 3319020]] });
    const crs = parseCrs(s.prj!);
    expect(crs.kind).toBe('projected');
    expect(crs.datum).toBe('CGCS2000');
    expect(crs.proj4).toMatch(/lon_0=105 /);
  });

  it('assembles polygon rings into shells with holes and multipolygons', () => {
    const s = readShapefileSet(path.join(dir, 'footprints.shp'));
    const [school, shops] = s.features;
    expect(school.properties).toMatchObject({ name: '教学楼', height: 18.5, floors: 5, use: 'education' });
    expect(school.geometry?.type).toBe('Polygon');
    expect((school.geometry as { coordinates: number[][][] }).coordinates).toHaveLength(2);
    expect(shops.geometry?.type).toBe('MultiPolygon');
    expect((shops.geometry as { coordinates: number[][][][] }).coordinates).toHaveLength(2);
  });

  it('reports truncated and foreign files with the byte offset', () => {
    const shp = new Uint8Array(readFileSync(path.join(dir, 'pipes.shp')));
    expect(() => readShapefile({ shp: shp.slice(0, 150), file: 'cut' })).toThrow(/cut.shp: byte 100: record of \d+ bytes runs past the end/);
    expect(() => readShapefile({ shp: shp.slice(0, 50), file: 'tiny' })).toThrow(/tiny.shp: byte 0: expected a 100-byte header, found 50 bytes/);
    const bad = shp.slice();
    bad[3] = 0;
    expect(() => readShapefile({ shp: bad, file: 'x' })).toThrow(/x.shp: byte 0: expected file code 9994/);
    const dbf = new Uint8Array(readFileSync(path.join(dir, 'pipes.dbf')));
    expect(() => readShapefile({ shp, dbf: dbf.slice(0, dbf.length - 40), file: 'd' })).toThrow(/d.dbf: byte 4: 2 records .* truncated/);
  });
});
