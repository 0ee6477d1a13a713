/**
 * Pipe: one link of a pipe network between two nodes (manholes or outfalls), with its cross-section
 * and inverts. Inverts are the inside bottom of the pipe at each end, m, 1985 national height datum.
 * CIM level 2 (framework model of pipelines).
 */
import { z } from 'zod';
import { featureBaseShape, featureRef } from './feature-base.ts';
import { LineStringSchema } from './geometry.ts';
import { PipeNetworkSchema } from './network.ts';

export const SectionShapeSchema = z
  .enum(['circular', 'rectangular', 'box', 'egg', 'horseshoe', 'arch', 'trapezoidal', 'other'])
  .meta({ id: 'SectionShape', description: 'shape of the pipe or culvert cross-section' });
export type SectionShape = z.infer<typeof SectionShapeSchema>;

export const PipeMaterialSchema = z
  .enum(['concrete', 'reinforced-concrete', 'pvc', 'hdpe', 'pe', 'ductile-iron', 'cast-iron', 'steel', 'clay', 'brick', 'grp', 'copper', 'other'])
  .meta({ id: 'PipeMaterial', description: 'pipe material' });
export type PipeMaterial = z.infer<typeof PipeMaterialSchema>;

/** Circular sections give `diameter`; every other shape gives `width` and `height` (inside, m). */
export const PipeSectionSchema = z
  .strictObject({
    shape: SectionShapeSchema,
    diameter: z.number().positive().optional().describe('inside diameter in m (circular sections)'),
    width: z.number().positive().optional().describe('inside width in m (non-circular sections; top width for trapezoidal)'),
    height: z.number().positive().optional().describe('inside height in m (non-circular sections)'),
    barrels: z.int().positive().default(1).describe('number of identical parallel barrels'),
  })
  .superRefine((s, ctx) => {
    if (s.shape === 'circular') {
      if (s.diameter === undefined) {
        ctx.addIssue({ code: 'custom', path: ['diameter'], input: undefined, message: "expected a number > 0 (m) for a 'circular' section" });
      }
      return;
    }
    for (const key of ['width', 'height'] as const) {
      if (s[key] === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], input: undefined, message: `expected a number > 0 (m) for a '${s.shape}' section` });
      }
    }
  });
export type PipeSection = z.infer<typeof PipeSectionSchema>;

export const PipeSchema = z
  .strictObject({
    ...featureBaseShape('pipe', 2),
    network: PipeNetworkSchema,
    geometry: LineStringSchema.describe('pipe centreline from upstream to downstream node'),
    section: PipeSectionSchema,
    material: PipeMaterialSchema.optional(),
    fromNode: featureRef(['manhole', 'outfall'], 'id of the upstream node (manhole or outfall)'),
    toNode: featureRef(['manhole', 'outfall'], 'id of the downstream node (manhole or outfall)'),
    length: z.number().positive().describe('length in m along the centreline'),
    upstreamInvert: z.number().describe('invert elevation at fromNode in m, 1985 national height datum'),
    downstreamInvert: z.number().describe('invert elevation at toNode in m, 1985 national height datum'),
    roughness: z.number().positive().max(0.1).describe('Manning roughness n in s/m^(1/3)'),
    yearInstalled: z.int().min(1800).max(2200).optional().describe('year of installation'),
  })
  .superRefine((p, ctx) => {
    if (p.fromNode === p.toNode) {
      ctx.addIssue({ code: 'custom', path: ['toNode'], input: p.toNode, message: `expected a node other than fromNode` });
    }
  })
  .describe('Pipe: link of a pipe network between two nodes, with section, inverts and roughness');
export type Pipe = z.infer<typeof PipeSchema>;

/** Pipe slope (m/m, positive when falling downstream) from inverts and length. */
export function pipeSlope(pipe: Pick<Pipe, 'upstreamInvert' | 'downstreamInvert' | 'length'>): number {
  return (pipe.upstreamInvert - pipe.downstreamInvert) / pipe.length;
}
