/**
 * IoT sensor of the drainage / city-safety monitoring network. Readings are a datastream keyed by
 * the sensor id (OGC SensorThings style): this feature holds what the stream means (kind, unit),
 * where it is, what it observes and its alarm thresholds. CIM level 2.
 */
import { z } from 'zod';
import { featureBaseShape, featureRef } from './feature-base.ts';
import { PointSchema } from './geometry.ts';

export const SensorKindSchema = z
  .enum([
    'river-level', 'rain', 'ponding-depth', 'pipe-level', 'pipe-flow', 'flow-velocity', 'manhole-cover',
    'gas', 'water-quality', 'pump-status', 'gate-position', 'groundwater-level', 'camera',
  ])
  .meta({ id: 'SensorKind', description: 'what the sensor measures' });
export type SensorKind = z.infer<typeof SensorKindSchema>;

export const ThresholdDirectionSchema = z
  .enum(['above', 'below'])
  .meta({ id: 'ThresholdDirection', description: 'alarm when the reading rises above or falls below the thresholds' });
export type ThresholdDirection = z.infer<typeof ThresholdDirectionSchema>;

export const SensorStatusSchema = z
  .enum(['active', 'inactive', 'maintenance'])
  .meta({ id: 'SensorStatus', description: 'operating status' });
export type SensorStatus = z.infer<typeof SensorStatusSchema>;

/** Alarm thresholds in the sensor's unit; escalating levels must be ordered in the alarm direction. */
export const ThresholdsSchema = z
  .strictObject({
    direction: ThresholdDirectionSchema.default('above'),
    warning: z.number().optional().describe('warning threshold (预警), in the sensor unit'),
    alarm: z.number().optional().describe('alarm threshold (报警), in the sensor unit'),
    critical: z.number().optional().describe('critical threshold (紧急), in the sensor unit'),
  })
  .superRefine((t, ctx) => {
    const levels = (['warning', 'alarm', 'critical'] as const).filter((k) => t[k] !== undefined);
    for (let i = 1; i < levels.length; i++) {
      const prev = t[levels[i - 1]] as number;
      const value = t[levels[i]] as number;
      const ordered = t.direction === 'above' ? value >= prev : value <= prev;
      if (!ordered) {
        ctx.addIssue({ code: 'custom', path: [levels[i]], input: value,
          message: `expected a number ${t.direction === 'above' ? '>=' : '<='} ${levels[i - 1]} (${prev}) for direction '${t.direction}'` });
      }
    }
  });
export type Thresholds = z.infer<typeof ThresholdsSchema>;

export const SensorSchema = z.strictObject({
  ...featureBaseShape('sensor', 2),
  kind: SensorKindSchema,
  unit: z
    .string()
    .regex(/^[!-~]+$/, 'expected a UCUM code such as m, mm/h, m3/s (printable ASCII, no spaces)')
    .describe('unit of readings, UCUM case-sensitive code: m, mm, mm/h, m3/s, m/s, mg/L, ppm, %, 1'),
  geometry: PointSchema.describe('sensor location'),
  observes: featureRef([], 'id of the observed feature (pipe, manhole, river reach, …)').optional(),
  thresholds: ThresholdsSchema.optional(),
  datumElevation: z.number().optional()
    .describe('elevation of the gauge zero in m (1985 national height datum); level = datum + reading'),
  samplingInterval: z.number().positive().optional().describe('nominal interval between readings in s'),
  status: SensorStatusSchema.default('active'),
  installedDate: z.iso.date().optional().describe('installation date, ISO 8601 YYYY-MM-DD'),
})
  .describe('IoT sensor: what its datastream measures, where, what it observes and its alarm thresholds');
export type Sensor = z.infer<typeof SensorSchema>;
