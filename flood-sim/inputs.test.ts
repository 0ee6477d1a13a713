import { writeArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { FloodInputError, formatEsriAscii, parseEsriAscii } from './raster.ts';
import { parseGeoTiff } from './io/geotiff.ts';
import { modelFrom, syntheticRaster } from './testing.ts';
import { parseScenario, type Scenario } from './scenario.ts';
import { buildModel } from './model.ts';

const dem = syntheticRaster('dem.asc', 8, 6, 2, (x) => 5 + 0.1 * x);

describe('raster readers', () => {
  it('reads ESRI ASCII with corner or centre origins and nodata', () => {
    const r = parseEsriAscii('ncols 3\nnrows 2\nxllcenter 101\nyllcenter 201\ncellsize 2\nNODATA_value -9999\n1 2 3\n4 -9999 6\n', 'a.asc');
    expect([r.nx, r.ny, r.dx, r.x0, r.y0, r.nodata]).toEqual([3, 2, 2, 100, 204, -9999]);
    expect(Array.from(r.data)).toEqual([1, 2, 3, 4, -9999, 6]);
    const back = parseEsriAscii(formatEsriAscii(dem), 'round trip');
    expect(back.x0).toBe(0);
    expect(back.y0).toBe(12);
    expect(Array.from(back.data)).toEqual(Array.from(dem.data));
  });

  it('names the file when ESRI ASCII is short of values', () => {
    expect(() => parseEsriAscii('ncols 3\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2 3 4 5\n', 'short.asc')).toThrow(/short\.asc: expected 6 values \(3 x 2\), found 5/);
  });

  it('reads a GeoTIFF with its origin, cell size, CRS and nodata', async () => {
    const data = new Float32Array([1, 2, 3, 4, 5, -9999]);
    const buf = writeArrayBuffer(data, {
      width: 3, height: 2, BitsPerSample: [32], SampleFormat: [3],
      ModelPixelScale: [2, 2, 0], ModelTiepoint: [0, 0, 0, 500000, 3300000, 0],
      ProjectedCSTypeGeoKey: 4544, GDAL_NODATA: '-9999',
    });
    const r = await parseGeoTiff(buf, 'dem.tif');
    expect([r.nx, r.ny, r.dx, r.dy, r.x0, r.y0, r.crs, r.nodata]).toEqual([3, 2, 2, 2, 500000, 3300000, 'EPSG:4544', -9999]);
    expect(Array.from(r.data)).toEqual(Array.from(data));
  });
});

describe('bad input names the input', () => {
  it('rejects a nodata hole inside the DEM but treats nodata at the edge as outside', () => {
    const holed = syntheticRaster('dem.tif', 8, 6, 2, (_x, _y, i, j) => (i === 4 && j === 3 ? NaN : 5));
    expect(() => modelFrom({ dem: 'dem', duration: 10 }, { dem: holed })).toThrow(/dem\.tif: 1 nodata\/NaN cell\(s\) inside the DEM, first at column 4, row 3/);
    const edged = syntheticRaster('dem.tif', 8, 6, 2, (_x, _y, i) => (i === 0 ? NaN : 5));
    const m = modelFrom({ dem: 'dem', duration: 10 }, { dem: edged });
    expect(m.open[0]).toBe(0);
    expect(m.open[1]).toBe(1);
  });

  it('rejects rasters of another extent, resolution or CRS', () => {
    const small = syntheticRaster('manning.tif', 7, 6, 2, () => 0.03);
    expect(() => modelFrom({ dem: 'dem', manning: { raster: 'n' }, duration: 10 }, { dem, n: small })).toThrow(/manning\.tif: expected 8 x 6 cells like dem\.asc, found 7 x 6/);
    const coarse = { ...syntheticRaster('manning.tif', 8, 6, 4, () => 0.03) };
    expect(() => modelFrom({ dem: 'dem', manning: { raster: 'n' }, duration: 10 }, { dem, n: coarse })).toThrow(/manning\.tif: expected cell size 2 x 2 m/);
    const shifted = { ...syntheticRaster('manning.tif', 8, 6, 2, () => 0.03), x0: 10 };
    expect(() => modelFrom({ dem: 'dem', manning: { raster: 'n' }, duration: 10 }, { dem, n: shifted })).toThrow(/manning\.tif: expected origin/);
    const a = { ...dem, crs: 'EPSG:4544' }, b = { ...syntheticRaster('manning.tif', 8, 6, 2, () => 0.03), crs: 'EPSG:4326' };
    expect(() => modelFrom({ dem: 'dem', manning: { raster: 'n' }, duration: 10 }, { dem: a, n: b })).toThrow(/manning\.tif: CRS EPSG:4326 does not match EPSG:4544/);
    expect(() => modelFrom({ dem: 'dem', crs: 'EPSG:4326', duration: 10 }, { dem: a })).toThrow(/crs: scenario CRS EPSG:4326 does not match the DEM's EPSG:4544/);
  });

  it('rejects negative rain and non-monotonic hydrographs', () => {
    expect(() => modelFrom({ dem: 'dem', rain: { type: 'uniform', hyetograph: [[0, 10], [60, -1]] }, duration: 10 }, { dem })).toThrow(/rain\.hyetograph: entry 1 is negative \(-1\) at t = 60 s/);
    expect(() => modelFrom({ dem: 'dem', inflows: [{ name: 'culvert', point: [3, 3], hydrograph: [[0, 1], [60, 2], [60, 3]] }], duration: 10 }, { dem }))
      .toThrow(/inflows\.0 \(culvert\)\.hydrograph: times must increase strictly: entry 2 has t = 60 s after t = 60 s/);
    expect(() => modelFrom({ dem: 'dem', boundaries: { default: 'closed', edges: [{ edge: 'west', type: 'stage', stage: [[10, 1], [5, 2]] }] }, duration: 10 }, { dem }))
      .toThrow(/boundaries\.edges\.0\.stage: times must increase strictly/);
    expect(() => modelFrom({ dem: 'dem', inflows: [{ point: [300, 3], hydrograph: [[0, 1]] }], duration: 10 }, { dem })).toThrow(/inflows\.0: point \(300, 3\) is outside the DEM/);
  });

  it('names the field of a malformed scenario', () => {
    expect(() => parseScenario({ dem: 'd.tif', duration: -5 }, 's.json')).toThrow(/s\.json: duration:/);
    expect(() => parseScenario({ dem: 'd.tif', duration: 5, rain: { type: 'design', returnPeriod: 5 } }, 's.json')).toThrow(/s\.json: rain\.duration/);
  });

  it('maps land-use classes and names a missing class', () => {
    const lu = syntheticRaster('landuse.tif', 8, 6, 2, (_x, _y, i) => (i < 4 ? 1 : 2));
    const m = modelFrom({ dem: 'dem', manning: { landUse: 'lu', table: { 1: 0.015, 2: 0.05 } }, losses: { type: 'runoff-coefficient', landUse: 'lu', table: { 1: 0.9, 2: 0.3 } }, duration: 10 }, { dem, lu });
    expect(m.manning[0]).toBeCloseTo(0.015, 6);
    expect(m.manning[7]).toBeCloseTo(0.05, 6);
    expect(m.rainFactor[7]).toBeCloseTo(0.3, 6);
    expect(() => modelFrom({ dem: 'dem', manning: { landUse: 'lu', table: { 1: 0.015 } }, duration: 10 }, { dem, lu })).toThrow(/manning\.table: no entry for land-use class 2 \(from landuse\.tif\)/);
  });
});

describe('buildings', () => {
  it('blocks or raises footprints from GeoJSON polygons', () => {
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[4, 4], [8, 4], [8, 8], [4, 8], [4, 4]]] } }] };
    const s = { dem: 'dem', duration: 10 };
    const blocked = parseScenario({ ...s, buildings: { geojson: 'b.geojson' } });
    const mb = modelFromGeo(blocked, fc);
    // Cells with centres (5, 5), (7, 5), (5, 7), (7, 7): columns 2–3, rows 2–3 (y0 = 12).
    const inside = [2 + 2 * 8, 3 + 2 * 8, 2 + 3 * 8, 3 + 3 * 8];
    expect(inside.map((c) => mb.open[c])).toEqual([0, 0, 0, 0]);
    expect(mb.open[0]).toBe(1);
    const mr = modelFromGeo(parseScenario({ ...s, buildings: { geojson: 'b.geojson', mode: 'raised', height: 12 } }), fc);
    expect(mr.z[inside[0]] - dem.data[inside[0]]).toBeCloseTo(12, 4);
    expect(mr.open[inside[0]]).toBe(1);
  });
});

function modelFromGeo(s: Scenario, fc: unknown) {
  return buildModel(s, () => dem, () => fc);
}

it('raster errors are FloodInputErrors carrying the input name', () => {
  const e = (() => {
    try {
      parseEsriAscii('nrows 2\n', 'x.asc');
    } catch (err) {
      return err;
    }
  })();
  expect(e).toBeInstanceOf(FloodInputError);
  expect((e as FloodInputError).input).toBe('x.asc');
});
