/**
 * Single-band GeoTIFF → Raster with the `geotiff` package (runs in Node and in browsers).
 * North-up grids only (no rotation); the CRS comes from ProjectedCSTypeGeoKey / GeographicTypeGeoKey.
 * GeoTIFF 1.1: https://docs.ogc.org/is/19-008r4/19-008r4.html
 */
import { fromArrayBuffer } from 'geotiff';
import { FloodInputError, type Raster } from '../raster.ts';

export async function parseGeoTiff(bytes: ArrayBuffer | Uint8Array, name: string): Promise<Raster> {
  const buf = bytes instanceof Uint8Array ? (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer) : bytes;
  let image;
  try {
    image = await (await fromArrayBuffer(buf)).getImage();
  } catch (e) {
    throw new FloodInputError(name, `not a readable GeoTIFF: ${(e as Error).message}`);
  }
  const nx = image.getWidth(), ny = image.getHeight();
  const [rx, ry] = image.getResolution();
  const [ox, oy] = image.getOrigin();
  if (!(ry < 0)) throw new FloodInputError(name, `expected a north-up GeoTIFF (negative y resolution), found ${ry}`);
  const keys = image.getGeoKeys() ?? {};
  const epsg = (keys.ProjectedCSTypeGeoKey ?? keys.GeographicTypeGeoKey) as number | undefined;
  const nodata = image.getGDALNoData();
  const rasters = (await image.readRasters({ samples: [0] })) as unknown as ArrayLike<number>[];
  const data = Float32Array.from(rasters[0]);
  return {
    name, nx, ny, dx: rx, dy: -ry, x0: ox, y0: oy, data,
    ...(epsg && epsg !== 32767 ? { crs: `EPSG:${epsg}` } : {}),
    ...(nodata !== null && nodata !== undefined ? { nodata } : {}),
  };
}
