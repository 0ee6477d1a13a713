/**
 * Planning parcel (地块) with the regulatory indicators of its detailed plan (控制性详细规划).
 * CIM level 1 (2D planning vector).
 */
import { z } from 'zod';
import { featureBaseShape } from './feature-base.ts';
import { AreaGeometrySchema } from './geometry.ts';

/**
 * Land-use code of GB 50137-2011 《城市用地分类与规划建设用地标准》: a major class letter
 * (R residential, A public administration & services, B commercial, M industrial, W logistics,
 * S roads & transport, U utilities, G green space & squares, H construction land, E non-construction
 * land) with an optional medium/minor class number, e.g. R2, A33, B1, S1, U11, G1.
 */
export const LandUseCodeSchema = z
  .string()
  .regex(/^[RABMWSUGHE]\d{0,2}$/, 'expected a GB 50137-2011 land-use code such as R2, A33, B1, G1')
  .describe('land-use code, GB 50137-2011 (e.g. R2, A33, B1, G1)');

const RatioSchema = z.number().min(0).max(1);

export const SetbacksSchema = z.strictObject({
  front: z.number().nonnegative().describe('front (street) setback in m'),
  side: z.number().nonnegative().describe('side setback in m'),
  rear: z.number().nonnegative().describe('rear setback in m'),
});
export type Setbacks = z.infer<typeof SetbacksSchema>;

export const ParcelSchema = z.strictObject({
  ...featureBaseShape('parcel', 1),
  geometry: AreaGeometrySchema.describe('parcel boundary'),
  landUse: LandUseCodeSchema,
  area: z.number().positive().optional().describe('parcel area in m²'),
  heightLimit: z.number().positive().optional().describe('maximum building height in m'),
  floorAreaRatio: z.number().nonnegative().optional().describe('maximum floor-area ratio (容积率), gross floor area / parcel area'),
  buildingCoverage: RatioSchema.optional().describe('maximum building coverage (建筑密度), 0–1'),
  greenRatio: RatioSchema.optional().describe('minimum green ratio (绿地率), 0–1'),
  setbacks: SetbacksSchema.optional(),
})
  .describe('Planning parcel with the regulatory indicators of its detailed plan');
export type Parcel = z.infer<typeof ParcelSchema>;
