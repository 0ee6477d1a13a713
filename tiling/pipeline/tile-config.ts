/**
 * The tiling configuration (`cimflow tile <config.json>`): which sources become which layers of
 * the CIM model, in which CRS and height datum. Validated with zod; saved beside the output so a
 * run can be reproduced. Paths are relative to the config file.
 */
import { z } from 'zod';

const geoid = z.union([
  z.object({ offset: z.number().describe('geoid undulation N in m: ellipsoidal h = H + N') }),
  z.object({ grid: z.string().describe('a .gtx geoid grid') }),
]);

const layerBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a layer id of lower-case letters, digits and dashes').optional(),
  name: z.string().optional(),
  /** Horizontal CRS of this source, when it differs from the config's. */
  crs: z.string().optional(),
};

/** Attribute names of a Shapefile/GeoJSON source for each feature field (survey data uses its own). */
const fieldMap = z.record(z.string(), z.string());

export const TileLayerConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reality-mesh'), ...layerBase, path: z.string().describe('folder with metadata.xml and Data/') }),
  z.object({
    kind: z.literal('buildings'), ...layerBase,
    path: z.string().describe('GeoJSON (cim-model building features), Shapefile (.shp) or CityJSON (.json)'),
    fields: fieldMap.optional().describe('Shapefile/GeoJSON attribute names: height, floors, use, baseElevation, name'),
    lod: z.string().optional().describe("CityJSON LoD: 'highest' or e.g. '2.2'"),
    missingTextures: z.enum(['error', 'untextured']).optional(),
  }),
  z.object({
    kind: z.literal('bim'), ...layerBase,
    files: z.array(z.string()).min(1).describe('IFC files'),
    projects: z.string().optional().describe('GeoJSON of bim-project features (status, permit) for these files'),
  }),
  z.object({
    kind: z.literal('pipes'), ...layerBase,
    path: z.string().describe('GeoJSON (pipe/manhole/outfall features), SWMM .inp, LandXML .xml, Shapefile .shp or IFC 4.3 .ifc'),
    network: z.enum(['storm', 'sewer', 'combined', 'water', 'gas', 'heat', 'power', 'telecom']).optional(),
    fields: fieldMap.optional().describe('Shapefile/GeoJSON attribute names: id, diameter (mm or m), width, height, material, upstreamInvert, downstreamInvert, fromNode, toNode'),
  }),
  z.object({
    kind: z.literal('terrain'), ...layerBase,
    dem: z.string().describe('GeoTIFF or ESRI ASCII DEM'),
    orthophoto: z.string().optional().describe('RGB GeoTIFF of the same area'),
  }),
]);
export type TileLayerConfig = z.infer<typeof TileLayerConfigSchema>;

export const TileConfigSchema = z.object({
  name: z.string().default('CIM model'),
  /** Horizontal CRS of the sources (easting, northing in metres for projected CRSs). */
  crs: z.string().describe('e.g. EPSG:4544 (CGCS2000 / 3-degree Gauss-Kruger CM 105E)'),
  /** Heights of the sources: orthometric on `verticalCrs`, or ellipsoidal. */
  heights: z.enum(['orthometric', 'ellipsoidal']).default('orthometric'),
  verticalCrs: z.string().regex(/^EPSG:\d+$/).default('EPSG:5737'),
  geoid: geoid.optional(),
  layers: z.array(TileLayerConfigSchema).min(1),
  output: z.object({
    compression: z.enum(['none', 'meshopt', 'draco']).default('none'),
    textureFormat: z.enum(['keep', 'webp', 'ktx2']).default('keep'),
    maxTrianglesPerTile: z.number().int().positive().optional(),
  }).default({ compression: 'none', textureFormat: 'keep' }),
}).superRefine((c, ctx) => {
  if (c.heights === 'orthometric' && !c.geoid) {
    ctx.addIssue({ code: 'custom', path: ['geoid'], message: "expected a geoid model ({ offset } or { grid }) when heights are 'orthometric'", input: undefined });
  }
});
export type TileConfig = z.infer<typeof TileConfigSchema>;
export type TileConfigInput = z.input<typeof TileConfigSchema>;

export class TileConfigError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'TileConfigError';
  }
}

/** Validate a parsed config; errors name the file and the field. */
export function parseTileConfig(input: unknown, file = 'config.json'): TileConfig {
  const r = TileConfigSchema.safeParse(input);
  if (r.success) return r.data;
  const lines = r.error.issues.slice(0, 10).map((i) => `field '${i.path.join('.') || '(root)'}': ${i.message}`);
  throw new TileConfigError(file, lines.join('; '));
}
