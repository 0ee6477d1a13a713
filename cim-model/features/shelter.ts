/** Emergency shelter (应急避难场所), classed per GB 51143-2015 《防灾避难场所设计规范》. CIM level 2. */
import { z } from 'zod';
import { featureBaseShape } from './feature-base.ts';
import { GeometrySchema } from './geometry.ts';

export const ShelterKindSchema = z
  .enum(['emergency', 'fixed', 'central'])
  .meta({ id: 'ShelterKind', description: 'GB 51143-2015 class: emergency 紧急, fixed 固定, central 中心 shelter' });
export type ShelterKind = z.infer<typeof ShelterKindSchema>;

export const ShelterSchema = z.strictObject({
  ...featureBaseShape('shelter', 2),
  name: z.string().min(1).describe('shelter name'),
  geometry: GeometrySchema.describe('location (Point) or site boundary (Polygon)'),
  kind: ShelterKindSchema,
  capacity: z.int().positive().describe('capacity in persons'),
  area: z.number().positive().describe('effective shelter area in m²'),
  indoor: z.boolean().default(false).describe('indoor shelter (school, gym) rather than open space'),
  groundElevation: z.number().optional().describe('ground elevation in m (1985 national height datum), for flood safety'),
})
  .describe('Emergency shelter classed per GB 51143-2015');
export type Shelter = z.infer<typeof ShelterSchema>;
