/**
 * The scenario file (JSON): what to simulate. Documented in flood-sim/README.md.
 * File paths are relative to the scenario file. Times in seconds, rain in mm/h, discharges in m³/s,
 * coordinates in the DEM's CRS (metres).
 */
import { z } from 'zod';

/** [time s, value] pairs; times strictly increasing (checked when the model is built). */
const series = z.array(z.tuple([z.number(), z.number()])).min(1);

const rasterRef = z.object({ raster: z.string() });

const boundary = z.object({
  edge: z.enum(['west', 'east', 'north', 'south']),
  type: z.enum(['closed', 'free', 'stage']),
  /** Part of the edge (along-edge world coordinate range, m); the whole edge when absent. */
  from: z.number().optional(),
  to: z.number().optional(),
  /** Free outflow: energy slope for the normal-depth discharge (m/m). */
  slope: z.number().positive().optional(),
  /** Stage: [t, water level m] pairs in the DEM's vertical datum. */
  stage: series.optional(),
});

const inflow = z.object({
  name: z.string().optional(),
  /** A point [x, y] or a polyline [[x, y], ...] whose cells share the discharge equally. */
  point: z.tuple([z.number(), z.number()]).optional(),
  line: z.array(z.tuple([z.number(), z.number()])).min(2).optional(),
  /** [t, Q m³/s] pairs, interpolated linearly. */
  hydrograph: series,
});

const rain = z.discriminatedUnion('type', [
  /** Block hyetograph: [t, mm/h] pairs, each intensity held until the next time; the last pair ends the rain. */
  z.object({ type: z.literal('uniform'), hyetograph: series }),
  z.object({
    type: z.literal('gauges'),
    /** Inverse-distance weighting power (default 2). */
    power: z.number().positive().optional(),
    gauges: z.array(z.object({ name: z.string().optional(), x: z.number(), y: z.number(), hyetograph: series })).min(1),
  }),
  z.object({
    type: z.literal('design'),
    /** A preset of storm-presets.json, or the formula's coefficients q = A(1 + C lg P)/(t + b)^n L/(s·ha). */
    preset: z.string().optional(),
    formula: z.object({ A: z.number().positive(), C: z.number(), b: z.number(), n: z.number().positive() }).optional(),
    returnPeriod: z.number().positive(),
    duration: z.number().positive(),
    peak: z.number().min(0).max(1).optional(),
    step: z.number().positive().optional(),
  }),
]);

const losses = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('runoff-coefficient'),
    /** One coefficient, or per land-use class with a land-use raster. */
    coefficient: z.number().min(0).max(1).optional(),
    landUse: z.string().optional(),
    table: z.record(z.string(), z.number().min(0).max(1)).optional(),
  }),
  z.object({ type: z.literal('horton'), f0: z.number().nonnegative(), fc: z.number().nonnegative(), k: z.number().nonnegative() }),
]);

const drainageLink = z.object({
  /** Node id in the .inp file. */
  node: z.string(),
  /** Point of the opening (m, DEM CRS); defaults to the node's [COORDINATES]. */
  x: z.number().optional(),
  y: z.number().optional(),
  /** inlet: manhole or gully (weir, then orifice); bank: lateral weir of a river node. Default: bank when all its conduits are open channels. */
  kind: z.enum(['inlet', 'bank']).optional(),
  /** Inlet opening diameter (m). */
  diameter: z.number().positive().optional(),
  /** Bank weir length (m); default half the length of the node's channels. */
  length: z.number().positive().optional(),
});

/** A SWMM 5 network coupled to the surface (dual drainage); see flood-sim/README.md, "Coupling". */
const drainage = z.object({
  /** SWMM 5 .inp file (DYNWAVE), relative to the scenario; node coordinates in the DEM's CRS. */
  inp: z.string(),
  /** 'auto': every junction with coordinates on the DEM exchanges with its cell; or an explicit list. */
  links: z.union([z.literal('auto'), z.array(drainageLink).min(1)]).default('auto'),
  /** Default inlet opening diameter (m). */
  diameter: z.number().positive().default(1),
  /** surface: outfalls on the DEM discharge into their cell and feel its level; own: their .inp boundary only. */
  outfalls: z.enum(['surface', 'own']).default('surface'),
  /** surface: a linked node's rim moves to its cell's ground (coarse grids), not below its crown; network: the .inp rims. */
  rims: z.enum(['surface', 'network']).default('surface'),
  /** Weir and orifice discharge coefficients of the exchange law. */
  coefficients: z.object({ weir: z.number().positive().default(0.54), orifice: z.number().positive().default(0.6) }).optional(),
  /** Coupling interval (s): the surface and the network exchange this often. */
  interval: z.number().positive().default(1),
  /** ignore: rain falls on the surface only (default); keep: the network's subcatchments also make runoff. */
  subcatchments: z.enum(['ignore', 'keep']).default('ignore'),
  /** slot: Preissmann slot in surcharged pipes, volume-exact (default); extran: SWMM's EXTRAN surcharge, as the .inp runs alone. */
  surcharge: z.enum(['slot', 'extran']).default('slot'),
});

export const scenarioSchema = z.object({
  name: z.string().optional(),
  /** CRS the scenario's coordinates are in; must match the DEM's when both are known. */
  crs: z.string().optional(),
  dem: z.string(),
  manning: z.union([
    z.number().nonnegative(),
    rasterRef,
    z.object({ landUse: z.string(), table: z.record(z.string(), z.number().nonnegative()) }),
  ]).default(0.03),
  buildings: z.object({
    raster: z.string().optional(),
    geojson: z.string().optional(),
    mode: z.enum(['blocked', 'raised']).default('blocked'),
    /** Raised mode: height (m) added to the DEM in footprints. */
    height: z.number().positive().optional(),
  }).optional(),
  initialWater: z.object({ depth: z.union([z.number().nonnegative(), rasterRef]).optional(), level: z.number().optional() }).optional(),
  boundaries: z.object({ default: z.enum(['closed', 'free']).default('closed'), slope: z.number().positive().optional(), edges: z.array(boundary).default([]) }).optional(),
  inflows: z.array(inflow).default([]),
  rain: rain.optional(),
  losses: losses.optional(),
  duration: z.number().positive(),
  outputInterval: z.number().positive().optional(),
  solver: z.object({
    /** Courant number α (Bates 2010 eq. 12); above ~0.7 the scheme may go unstable (the run then stops with a diagnostic). */
    cfl: z.number().positive().max(10).optional(),
    theta: z.number().min(0).max(1).optional(),
    hMin: z.number().positive().optional(),
    dtMax: z.number().positive().optional(),
    /** Convective acceleration (Stelling & Duinmeijer 2003) on top of the local inertial scheme. */
    advection: z.boolean().optional(),
    hAdvection: z.number().positive().optional(),
  }).optional(),
  outputs: z.object({
    wetThreshold: z.number().positive().optional(),
    pondingDepth: z.number().positive().optional(),
  }).optional(),
  workers: z.number().int().nonnegative().optional(),
  drainage: drainage.optional(),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** Validates a parsed JSON value; errors name the field path. */
export function parseScenario(value: unknown, source = 'scenario'): Scenario {
  const r = scenarioSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return r.data;
}
