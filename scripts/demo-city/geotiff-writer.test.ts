import { fromArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { encodeGeoTiff } from './geotiff-writer.ts';

async function readBack(bytes: Uint8Array) {
  const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return tiff.getImage();
}

describe('encodeGeoTiff', () => {
  const width = 37;
  const height = 23;
  const base = { width, height, west: 621055, north: 3321184, cellSize: 2, epsg: 4544 };

  it('writes Float32 values, georeferencing and nodata that geotiff.js reads back (deflate + predictor 3)', async () => {
    const data = new Float32Array(width * height).map((_, k) => 200 + Math.sin(k) * 10 + k * 1e-3);
    data[5] = -9999;
    const image = await readBack(encodeGeoTiff({ ...base, samplesPerPixel: 1, data, verticalEpsg: 5737, nodata: -9999 }, { stripBytes: 600 }));
    expect(image.getWidth()).toBe(width);
    expect(image.getHeight()).toBe(height);
    expect(image.getOrigin()).toEqual([621055, 3321184, 0]);
    expect(image.getResolution()).toEqual([2, -2, 0]);
    expect(image.getGDALNoData()).toBe(-9999);
    const keys = image.getGeoKeys() as Record<string, number>;
    expect(keys.ProjectedCSTypeGeoKey).toBe(4544);
    expect(keys.GTModelTypeGeoKey).toBe(1);
    expect(keys.GTRasterTypeGeoKey).toBe(1);
    expect(keys.VerticalCSTypeGeoKey).toBe(5737);
    const [band] = (await image.readRasters()) as unknown as Float32Array[];
    expect(Array.from(band)).toEqual(Array.from(data));
  });

  it('writes RGB UInt8 (deflate + predictor 2) and uncompressed UInt8', async () => {
    const rgb = new Uint8Array(width * height * 3).map((_, k) => (k * 37) & 0xff);
    const image = await readBack(encodeGeoTiff({ ...base, samplesPerPixel: 3, data: rgb }));
    expect(image.getSamplesPerPixel()).toBe(3);
    const pixels = (await image.readRasters({ interleave: true })) as unknown as Uint8Array;
    expect(Array.from(pixels)).toEqual(Array.from(rgb));
    const grey = new Uint8Array(width * height).map((_, k) => k % 13);
    const plain = await readBack(encodeGeoTiff({ ...base, samplesPerPixel: 1, data: grey }, { compression: 'none' }));
    const [band] = (await plain.readRasters()) as unknown as Uint8Array[];
    expect(Array.from(band)).toEqual(Array.from(grey));
  });
});
