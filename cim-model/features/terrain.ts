/** Terrain: a gridded digital elevation model (DEM) file covering an extent. CIM level 1. */
import { z } from 'zod';
import { featureBaseShape, CrsSchema } from './feature-base.ts';
import { ExtentSchema } from './geometry.ts';

export const DemFormatSchema = z
  .enum(['geotiff', 'ascii-grid'])
  .meta({ id: 'DemFormat', description: 'DEM file format: GeoTIFF or Esri ASCII grid' });
export type DemFormat = z.infer<typeof DemFormatSchema>;

export const TerrainSchema = z.strictObject({
  ...featureBaseShape('terrain', 1),
  crs: CrsSchema.describe('horizontal CRS of the grid, e.g. EPSG:4544'),
  verticalDatum: z
    .string()
    .min(1)
    .default('EPSG:5737')
    .describe('vertical datum of the heights; EPSG:5737 is the 1985 national height datum (Yellow Sea 1985)'),
  extent: ExtentSchema,
  resolution: z.number().positive().describe('grid cell size in m'),
  file: z.string().min(1).describe('DEM file path, relative to the dataset root'),
  format: DemFormatSchema.default('geotiff'),
  nodata: z.number().optional().describe('value marking cells without data'),
})
  .describe('Terrain: gridded digital elevation model (DEM) covering an extent');
export type Terrain = z.infer<typeof TerrainSchema>;
