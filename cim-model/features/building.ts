/** Building: a footprint polygon extruded from its base by its height. CIM level 2 (framework model). */
import { z } from 'zod';
import { featureBaseShape } from './feature-base.ts';
import { AreaGeometrySchema } from './geometry.ts';

export const BuildingUseSchema = z
  .enum(['residential', 'commercial', 'office', 'industrial', 'public', 'education', 'healthcare', 'mixed', 'other'])
  .meta({ id: 'BuildingUse', description: 'main use of the building' });
export type BuildingUse = z.infer<typeof BuildingUseSchema>;

export const RoofTypeSchema = z
  .enum(['flat', 'gable', 'hip', 'shed', 'dome', 'other'])
  .meta({ id: 'RoofType', description: 'roof shape' });
export type RoofType = z.infer<typeof RoofTypeSchema>;

export const BuildingSchema = z.strictObject({
  ...featureBaseShape('building', 2),
  geometry: AreaGeometrySchema.describe('footprint (Polygon or MultiPolygon)'),
  height: z.number().positive().describe('height above baseElevation in m (to the roof top)'),
  baseElevation: z.number().describe('ground elevation at the base in m, 1985 national height datum'),
  floors: z.int().positive().describe('storeys above ground'),
  undergroundFloors: z.int().nonnegative().optional().describe('storeys below ground'),
  use: BuildingUseSchema,
  roofType: RoofTypeSchema.optional(),
  yearBuilt: z.int().min(1000).max(2200).optional().describe('year of completion'),
  address: z.string().min(1).optional().describe('postal address'),
})
  .describe('Building: footprint extruded from its base elevation by its height');
export type Building = z.infer<typeof BuildingSchema>;
