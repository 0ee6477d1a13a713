/**
 * Outfall: where a drainage network discharges into a receiving water, with the boundary condition
 * the 1D model applies there (SWMM outfall types). CIM level 2.
 */
import { z } from 'zod';
import { featureBaseShape, featureRef } from './feature-base.ts';
import { PointSchema } from './geometry.ts';
import { PipeNetworkSchema } from './network.ts';

export const OutfallBoundarySchema = z
  .enum(['free', 'normal', 'fixed', 'tidal', 'timeseries', 'river'])
  .meta({
    id: 'OutfallBoundary',
    description: 'outfall boundary: free (critical depth), normal depth, fixed stage, tidal, stage time series, or coupled to the receiving river reach',
  });
export type OutfallBoundary = z.infer<typeof OutfallBoundarySchema>;

export const OutfallSchema = z
  .strictObject({
    ...featureBaseShape('outfall', 2),
    network: PipeNetworkSchema,
    geometry: PointSchema.describe('outfall location'),
    invertElevation: z.number().describe('invert elevation in m, 1985 national height datum'),
    boundary: OutfallBoundarySchema.default('free'),
    fixedStage: z.number().optional().describe("receiving water stage in m (1985 national height datum) for 'fixed' boundaries"),
    receivingReach: featureRef(['river-reach'], 'id of the river reach receiving the discharge').optional(),
    flapGate: z.boolean().default(false).describe('flap gate prevents backflow'),
  })
  .superRefine((o, ctx) => {
    if (o.boundary === 'fixed' && o.fixedStage === undefined) {
      ctx.addIssue({ code: 'custom', path: ['fixedStage'], input: undefined, message: "expected a number (m) when boundary is 'fixed'" });
    }
    if (o.boundary === 'river' && o.receivingReach === undefined) {
      ctx.addIssue({ code: 'custom', path: ['receivingReach'], input: undefined, message: "expected a river reach id when boundary is 'river'" });
    }
  })
  .describe('Outfall: discharge point of a drainage network into a receiving water');
export type Outfall = z.infer<typeof OutfallSchema>;
