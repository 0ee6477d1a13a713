/**
 * River cross-section: station–elevation points across the flow at a chainage along a reach
 * (HEC-RAS style). Stations are m from the left end looking downstream; elevations m, 1985 national
 * height datum. CIM level 2.
 */
import { z } from 'zod';
import { featureBaseShape, featureRef } from './feature-base.ts';
import { LineStringSchema } from './geometry.ts';
import { ManningSchema } from './river-reach.ts';

export const StationElevationSchema = z
  .tuple([z.number(), z.number()])
  .describe('[station m from the left end looking downstream, elevation m (1985 national height datum)]');

export const CrossSectionSchema = z
  .strictObject({
    ...featureBaseShape('cross-section', 2),
    reachId: featureRef(['river-reach'], 'id of the river reach'),
    chainage: z.number().nonnegative().describe('distance in m from the upstream end of the reach'),
    points: z.array(StationElevationSchema).min(3).describe('station–elevation points, stations non-decreasing'),
    leftBankStation: z.number().describe('station of the left bank in m (main channel starts)'),
    rightBankStation: z.number().describe('station of the right bank in m (main channel ends)'),
    manningChannel: ManningSchema.optional().describe('Manning n of the main channel here, overriding the reach, s/m^(1/3)'),
    geometry: LineStringSchema.optional().describe('cut line in plan, left to right looking downstream'),
  })
  .superRefine((s, ctx) => {
    for (let i = 1; i < s.points.length; i++) {
      if (s.points[i][0] < s.points[i - 1][0]) {
        ctx.addIssue({ code: 'custom', path: ['points', i, 0], input: s.points[i][0],
          message: `expected a station >= the previous one (${s.points[i - 1][0]})` });
      }
    }
    const first = s.points[0][0];
    const last = s.points[s.points.length - 1][0];
    if (s.leftBankStation < first || s.leftBankStation > last) {
      ctx.addIssue({ code: 'custom', path: ['leftBankStation'], input: s.leftBankStation,
        message: `expected a station within the points (${first} to ${last})` });
    }
    if (s.rightBankStation <= s.leftBankStation || s.rightBankStation > last) {
      ctx.addIssue({ code: 'custom', path: ['rightBankStation'], input: s.rightBankStation,
        message: `expected a station > leftBankStation (${s.leftBankStation}) and <= ${last}` });
    }
  })
  .describe('River cross-section: station-elevation points across the flow at a chainage');
export type CrossSection = z.infer<typeof CrossSectionSchema>;
