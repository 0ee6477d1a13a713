/**
 * Manhole (network node): rim (ground / cover level) and invert (lowest inside bottom) elevations,
 * m, 1985 national height datum. Also used for inlets, junctions and storage nodes. CIM level 2.
 */
import { z } from 'zod';
import { featureBaseShape } from './feature-base.ts';
import { PointSchema } from './geometry.ts';
import { PipeNetworkSchema } from './network.ts';

export const NodeKindSchema = z
  .enum(['manhole', 'inlet', 'junction', 'storage'])
  .meta({ id: 'NodeKind', description: 'kind of network node: manhole, gully inlet, buried junction, storage unit' });
export type NodeKind = z.infer<typeof NodeKindSchema>;

export const CoverShapeSchema = z.enum(['circular', 'rectangular']).meta({ id: 'CoverShape', description: 'manhole cover shape' });
export type CoverShape = z.infer<typeof CoverShapeSchema>;
export const CoverMaterialSchema = z
  .enum(['cast-iron', 'ductile-iron', 'composite', 'concrete', 'steel', 'other'])
  .meta({ id: 'CoverMaterial', description: 'manhole cover material' });
export type CoverMaterial = z.infer<typeof CoverMaterialSchema>;

export const ManholeCoverSchema = z.strictObject({
  shape: CoverShapeSchema,
  diameter: z.number().positive().optional().describe('clear opening diameter in m (circular covers)'),
  width: z.number().positive().optional().describe('clear opening width in m (rectangular covers)'),
  length: z.number().positive().optional().describe('clear opening length in m (rectangular covers)'),
  material: CoverMaterialSchema.optional(),
  loadClass: z.string().regex(/^[A-F]\d{2,3}$/, 'expected a load class such as D400').optional()
    .describe('load class per GB/T 23858-2009 / EN 124, e.g. D400'),
  locked: z.boolean().optional().describe('anti-theft / anti-fall lock fitted'),
});
export type ManholeCover = z.infer<typeof ManholeCoverSchema>;

export const ManholeSchema = z
  .strictObject({
    ...featureBaseShape('manhole', 2),
    network: PipeNetworkSchema,
    kind: NodeKindSchema.default('manhole'),
    geometry: PointSchema.describe('node location (centre of the cover)'),
    rimElevation: z.number().describe('rim (cover) elevation in m, 1985 national height datum'),
    invertElevation: z.number().describe('lowest invert elevation in m, 1985 national height datum'),
    shaftDiameter: z.number().positive().optional().describe('inside shaft diameter in m'),
    pondedArea: z.number().nonnegative().optional().describe('surface area in m² over which surcharge ponds'),
    cover: ManholeCoverSchema.optional(),
  })
  .superRefine((m, ctx) => {
    if (m.rimElevation <= m.invertElevation) {
      ctx.addIssue({ code: 'custom', path: ['rimElevation'], input: m.rimElevation,
        message: `expected a number > invertElevation (${m.invertElevation})` });
    }
  })
  .describe('Manhole or other network node with rim and invert elevations');
export type Manhole = z.infer<typeof ManholeSchema>;

/** Depth from rim to invert in m. */
export function manholeDepth(m: Pick<Manhole, 'rimElevation' | 'invertElevation'>): number {
  return m.rimElevation - m.invertElevation;
}
