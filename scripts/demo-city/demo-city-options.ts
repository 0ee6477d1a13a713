/**
 * Options of the demo city generator, validated at the boundary: a zod schema (each field's `.describe()` is
 * the "expected" text of its error message) and DEFAULTS. Messages name the option as typed on the command line:
 * "--seed: expected a non-negative integer, found 'abc'".
 */
import { z } from 'zod';

/** Largest raster side in cells (keeps memory and run time bounded). */
export const MAX_GRID_CELLS = 6000;

export const DemoCityOptionsSchema = z
  .object({
    output: z.string().min(1).describe('an output directory path'),
    seed: z.coerce.number().int().min(0).max(4294967295).describe('a non-negative integer'),
    size: z.coerce.number().min(800).max(10000).describe('800–10000 m (smaller extents cannot hold the town plan)'),
    cell: z.coerce.number().min(0.5).max(2).describe('0.5–2 m (a DEM cell of 2 m or finer)'),
    force: z.boolean().describe('true or false'),
  })
  .superRefine((o, ctx) => {
    if (o.size / o.cell > MAX_GRID_CELLS) {
      ctx.addIssue({ code: 'custom', path: ['cell'], input: o.cell, message: `at least size / ${MAX_GRID_CELLS} = ${(o.size / MAX_GRID_CELLS).toFixed(2)} m for --size ${o.size}` });
    }
  });

export type DemoCityOptions = z.output<typeof DemoCityOptionsSchema>;

export const DEMO_CITY_DEFAULTS: DemoCityOptions = { output: 'data/demo-city', seed: 1, size: 3000, cell: 2, force: false };

/** Command-line spelling of each option. */
const FLAG: Record<keyof DemoCityOptions, string> = { output: '--output', seed: '--seed', size: '--size', cell: '--cell', force: '--force' };

export class DemoCityOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoCityOptionsError';
  }
}

/** Parses raw options (strings from the CLI or numbers from code) over the defaults; throws DemoCityOptionsError. */
export function parseDemoCityOptions(raw: Partial<Record<keyof DemoCityOptions, unknown>>): DemoCityOptions {
  const input: Record<string, unknown> = { ...DEMO_CITY_DEFAULTS };
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) input[k] = typeof v === 'string' && k !== 'output' && v.trim() === '' ? Number.NaN : v;
  const result = DemoCityOptionsSchema.safeParse(input);
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) => {
    const field = issue.path[0] as keyof DemoCityOptions;
    const expected = issue.code === 'custom' ? issue.message : DemoCityOptionsSchema.shape[field].description;
    return `${FLAG[field]}: expected ${expected}, found '${String(raw[field] ?? input[field])}'`;
  });
  throw new DemoCityOptionsError(messages.join('; '));
}
