/**
 * `cimflow demo-data`: generates the demo city (a flood-prone confluence town modelled on Hechuan, Chongqing)
 * into a folder. Thin: options are validated by the generator's zod schema, the work is scripts/demo-city.
 */
import type { CommandSpec } from '../cli/command.ts';
import { UsageError } from '../cli/errors.ts';
import type { Progress } from '../cli/progress.ts';
import { DEMO_CITY_DEFAULTS, DemoCityOptionsError, parseDemoCityOptions } from '../demo-city/demo-city-options.ts';

export const demoDataCommand: CommandSpec = {
  name: 'demo-data',
  summary: 'generate the demo city: DEM, land cover, orthophoto, buildings, roads, parcels, drainage + SWMM, sensors, BIM, reality mesh',
  usage: '',
  description: [
    'Deterministic: the same --seed gives byte-identical files. The city is written to <dir>.tmp-<pid> and',
    'renamed into place when complete; city.json in the folder describes every layer.',
    '',
    'Examples:',
    '  cimflow demo-data -o data/demo-city',
    '  cimflow demo-data -o /tmp/town --size 1000 --seed 7 --force',
  ].join('\n'),
  options: {
    output: { type: 'string', short: 'o', valueName: '<dir>', description: 'output folder', default: DEMO_CITY_DEFAULTS.output },
    seed: { type: 'string', valueName: '<n>', description: 'random seed, a non-negative integer', default: String(DEMO_CITY_DEFAULTS.seed) },
    size: { type: 'string', valueName: '<m>', description: 'side of the square extent, 800–10000 m', default: String(DEMO_CITY_DEFAULTS.size) },
    cell: { type: 'string', valueName: '<m>', description: 'DEM cell size, 0.5–2 m', default: String(DEMO_CITY_DEFAULTS.cell) },
    force: { type: 'boolean', description: 'replace the output folder if it exists' },
  },
  positionals: [0, 0],
  async run(ctx) {
    let options;
    try {
      options = parseDemoCityOptions({
        output: ctx.options.output, seed: ctx.options.seed, size: ctx.options.size, cell: ctx.options.cell, force: Boolean(ctx.options.force),
      });
    } catch (e) {
      if (e instanceof DemoCityOptionsError) throw new UsageError(e.message);
      throw e;
    }
    let bar: Progress | undefined;
    // Loaded here so that the other commands do not pay for the generator.
    const { generateDemoCity } = await import('../demo-city/generate-demo-city.ts');
    const summary = await generateDemoCity(options, {
      log: (m) => ctx.log.debug(m),
      progress: (done, total, note) => {
        bar ??= ctx.progress('demo-data', total);
        bar.set(done, note);
      },
    });
    bar?.finish();
    ctx.print(`demo city written to ${summary.output} in ${summary.seconds} s (${summary.files} files, ${(summary.bytes / 1e6).toFixed(1)} MB)`);
    ctx.print(Object.entries(summary.counts).map(([k, v]) => `${k} ${v}`).join(', '));
    return { ...summary };
  },
};
