/**
 * POST /api/scenarios bodies (contracts `ScenarioRequest`) and their translation into a flood-sim scenario
 * over the city's DEM, Manning raster and building footprints. Times in seconds, rain in mm/h, discharge in
 * m³/s, coordinates EPSG:4544 metres (easting first). The simulated duration defaults to the forcing's end
 * plus one hour of recession.
 */
import { z } from 'zod';
import { STORM_PRESETS, type ScenarioInput } from '../../flood-sim/index.ts';
import type { ScenarioRequest } from '../contracts.ts';

/** The one storm formula shipped with flood-sim (Chongqing, 2014), used when a request names none. */
export const DEFAULT_STORM_PRESET = 'chongqing-shapingba-2014';
/** Recession simulated after the forcing ends (s). */
export const RECESSION_SECONDS = 3600;
/** The longest run a request may ask for (s): 3 days. */
export const MAX_SIM_SECONDS = 3 * 86400;

const name = z.string().trim().min(1, 'expected a non-empty name').max(200);
const seconds = z.number().positive().max(MAX_SIM_SECONDS);
const series = z.array(z.tuple([z.number().min(0), z.number().min(0)])).min(2).max(10_000)
  .refine((s) => s.every((p, k) => k === 0 || p[0] > s[k - 1][0]), 'expected times that increase strictly');
const point = z.tuple([z.number(), z.number()]);

export const ScenarioRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    name,
    kind: z.literal('design-storm'),
    returnPeriod: z.number().min(0.5).max(1000),
    duration: z.number().int().min(300).max(86400).multipleOf(60, 'expected a multiple of 60 s'),
    peak: z.number().min(0).max(1).optional(),
    preset: z.string().refine((p) => p in STORM_PRESETS, { message: `expected one of: ${Object.keys(STORM_PRESETS).join(', ')}` }).optional(),
    simDuration: seconds.optional(),
  }),
  z.strictObject({
    name,
    kind: z.literal('gauge-rain'),
    gauges: z.array(z.strictObject({ name: z.string().max(200).optional(), x: z.number(), y: z.number(), hyetograph: series })).min(1).max(100),
    simDuration: seconds.optional(),
  }),
  z.strictObject({
    name,
    kind: z.literal('river-inflow'),
    inflows: z.array(z.strictObject({ name: z.string().max(200).optional(), line: z.array(point).min(2).max(1000), hydrograph: series })).min(1).max(100),
    simDuration: seconds.optional(),
  }),
]) satisfies z.ZodType<ScenarioRequest>;

/** The rasters and footprints a scenario runs on; paths absolute or relative to `dir`. */
export interface FloodInputs {
  dir: string;
  dem: string;
  /** Manning n raster on the DEM grid; a uniform 0.03 when absent. */
  manning?: string;
  /** Building footprints (GeoJSON polygons), blocked to flow. */
  buildings?: string;
  /** Storm drainage network (SWMM 5 .inp, node coordinates in the DEM's CRS): runs coupled (dual drainage) when given. */
  drainage?: string;
}

/** When the forcing of a request ends (s). */
function forcingEnd(r: ScenarioRequest): number {
  switch (r.kind) {
    case 'design-storm':
      return r.duration;
    case 'gauge-rain':
      return Math.max(...r.gauges.map((g) => g.hyetograph[g.hyetograph.length - 1][0]));
    case 'river-inflow':
      return Math.max(...r.inflows.map((f) => f.hydrograph[f.hydrograph.length - 1][0]));
  }
}

export function simDurationOf(r: ScenarioRequest): number {
  return r.simDuration ?? forcingEnd(r) + RECESSION_SECONDS;
}

export function toFloodScenario(r: ScenarioRequest, inputs: FloodInputs, outputInterval?: number): ScenarioInput {
  const base: ScenarioInput = {
    name: r.name,
    dem: inputs.dem,
    manning: inputs.manning ? { raster: inputs.manning } : 0.03,
    ...(inputs.buildings ? { buildings: { geojson: inputs.buildings, mode: 'blocked' as const } } : {}),
    ...(inputs.drainage ? { drainage: { inp: inputs.drainage } } : {}),
    // Water leaves the modelled town over its edges (rivers run out of the extent).
    boundaries: { default: 'free', edges: [] },
    duration: simDurationOf(r),
    ...(outputInterval ? { outputInterval } : {}),
  };
  switch (r.kind) {
    case 'design-storm':
      return {
        ...base,
        rain: {
          type: 'design', preset: r.preset ?? DEFAULT_STORM_PRESET, returnPeriod: r.returnPeriod, duration: r.duration,
          ...(r.peak !== undefined ? { peak: r.peak } : {}),
          step: r.duration % 300 === 0 ? 300 : 60,
        },
      };
    case 'gauge-rain':
      return { ...base, rain: { type: 'gauges', gauges: r.gauges } };
    case 'river-inflow':
      return { ...base, inflows: r.inflows.map((f) => ({ ...(f.name ? { name: f.name } : {}), line: f.line, hydrograph: f.hydrograph })) };
  }
}
