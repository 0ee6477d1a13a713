/** Urban road centreline, classed per CJJ 37-2012 《城市道路工程设计规范》. CIM level 1. */
import { z } from 'zod';
import { featureBaseShape } from './feature-base.ts';
import { LinearGeometrySchema } from './geometry.ts';

export const RoadClassSchema = z
  .enum(['expressway', 'arterial', 'secondary', 'branch'])
  .meta({ id: 'RoadClass', description: 'CJJ 37-2012 class: expressway 快速路, arterial 主干路, secondary 次干路, branch 支路' });
export type RoadClass = z.infer<typeof RoadClassSchema>;

export const RoadSchema = z.strictObject({
  ...featureBaseShape('road', 1),
  geometry: LinearGeometrySchema.describe('centreline (LineString or MultiLineString)'),
  class: RoadClassSchema,
  width: z.number().positive().describe('carriageway width in m'),
  redLineWidth: z.number().positive().optional().describe('right-of-way (red line) width in m'),
  lanes: z.int().positive().describe('number of lanes, both directions'),
  designSpeed: z.number().positive().optional().describe('design speed in km/h'),
  oneWay: z.boolean().default(false).describe('one-way in digitising direction'),
})
  .describe('Urban road centreline classed per CJJ 37-2012');
export type Road = z.infer<typeof RoadSchema>;
