/**
 * River reach: a stretch of river between two confluences or structures, digitised upstream to
 * downstream. Its shape across the flow lives in separate `cross-section` features that reference it.
 * CIM level 1 (water system of the ground-surface model).
 */
import { z } from 'zod';
import { featureBaseShape, featureRef } from './feature-base.ts';
import { LineStringSchema } from './geometry.ts';

/** Manning n in s/m^(1/3); natural channels lie around 0.025–0.15 (Chow 1959, table 5-6). */
export const ManningSchema = z.number().positive().max(0.3);

export const RiverReachSchema = z.strictObject({
  ...featureBaseShape('river-reach', 1),
  geometry: LineStringSchema.describe('centreline, digitised upstream to downstream'),
  manningChannel: ManningSchema.describe('Manning n of the main channel, s/m^(1/3)'),
  manningLeftBank: ManningSchema.optional().describe('Manning n of the left overbank (looking downstream), s/m^(1/3)'),
  manningRightBank: ManningSchema.optional().describe('Manning n of the right overbank (looking downstream), s/m^(1/3)'),
  leftBankElevation: z.number().optional().describe('typical left bank crest elevation in m, 1985 national height datum'),
  rightBankElevation: z.number().optional().describe('typical right bank crest elevation in m, 1985 national height datum'),
  length: z.number().positive().optional().describe('length along the centreline in m'),
  upstreamReach: featureRef(['river-reach'], 'id of the reach upstream').optional(),
  downstreamReach: featureRef(['river-reach'], 'id of the reach downstream').optional(),
})
  .describe('River reach: centreline and roughness of a stretch of river');
export type RiverReach = z.infer<typeof RiverReachSchema>;
