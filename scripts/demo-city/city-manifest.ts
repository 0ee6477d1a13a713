/**
 * `city.json`: the manifest of a generated demo city, read by the tiler (`cimflow tile`), the flood engine, the
 * sensor server and the viewer. The zod schema is the contract; `CityManifest` is its type. Paths are relative
 * to the city folder. Coordinates EPSG:4544 metres, easting first; heights 1985 national height datum.
 */
import { z } from 'zod';

const Extent = z.object({ west: z.number(), south: z.number(), east: z.number(), north: z.number() });

export const LayerKindSchema = z.enum([
  'terrain', 'terrain-ascii', 'land-cover', 'manning', 'orthophoto', 'buildings', 'roads', 'parcels', 'shelters',
  'rivers', 'pipes', 'swmm', 'sensors', 'bim', 'reality-mesh', 'datasets',
]);

export const CityLayerSchema = z.object({
  id: z.string(),
  kind: LayerKindSchema,
  path: z.string().describe('file or folder relative to the city folder'),
  format: z.string(),
  description: z.string(),
  /** Feature counts by type (vector layers) or other counts (tiles, files). */
  counts: z.record(z.string(), z.number()).optional(),
  bytes: z.number().int().nonnegative().optional(),
});

export const TilingLayerSchema = z.object({
  kind: z.enum(['reality-mesh', 'buildings', 'bim', 'pipes', 'terrain', 'orthophoto', 'sensors', 'rivers']),
  path: z.string(),
  layer: z.string().describe('id of the layer in `layers`'),
});

export const CityManifestSchema = z.object({
  name: z.string(),
  generator: z.object({ name: z.string(), version: z.string(), command: z.string(), stages: z.array(z.string()) }),
  seed: z.number().int().nonnegative(),
  options: z.object({ size: z.number(), cell: z.number(), orthoCell: z.number() }),
  crs: z.object({
    horizontal: z.literal('EPSG:4544'),
    name: z.string(),
    proj4: z.string(),
    axisOrder: z.string(),
    units: z.literal('m'),
  }),
  verticalDatum: z.object({
    name: z.literal('1985 National Height Datum'),
    epsg: z.literal('EPSG:5737'),
    heights: z.literal('orthometric'),
    geoid: z.object({
      model: z.string(),
      offset: z.number().describe('N in metres at the town centre: ellipsoidal h = H + N'),
      at: z.tuple([z.number(), z.number()]).describe('longitude, latitude (degrees, CGCS2000) where N was evaluated'),
      note: z.string(),
    }),
  }),
  extent: z.object({ projected: Extent, geographic: Extent, centre: z.tuple([z.number(), z.number()]), centreLonLat: z.tuple([z.number(), z.number()]) }),
  grid: z.object({ west: z.number(), north: z.number(), cellSize: z.number(), nx: z.number().int(), ny: z.number().int(), rowOrder: z.string(), nodata: z.number() }),
  layers: z.array(CityLayerSchema),
  landCover: z.array(z.object({ code: z.number().int(), name: z.string(), manning: z.number(), impervious: z.number(), obstacle: z.boolean() })),
  designStorm: z.object({
    formula: z.string(),
    source: z.string(),
    returnPeriod: z.number(),
    duration: z.number(),
    peakRatio: z.number(),
    step: z.number(),
    depth: z.number(),
    peakIntensity: z.number(),
    intensity: z.array(z.number()).describe('mm/h per step'),
  }),
  drainageDesign: z.object({ returnPeriod: z.number(), minCover: z.number(), roughness: z.number() }),
  floodLevels: z.object({ warning: z.number(), guarantee: z.number(), hundredYear: z.number(), note: z.string() }),
  hotspots: z.array(z.object({ id: z.string(), kind: z.enum(['underpass', 'depression']), at: z.tuple([z.number(), z.number()]), depth: z.number() })),
  tiling: z.object({ layers: z.array(TilingLayerSchema) }),
});

export type CityManifest = z.infer<typeof CityManifestSchema>;
export type CityLayer = z.infer<typeof CityLayerSchema>;
