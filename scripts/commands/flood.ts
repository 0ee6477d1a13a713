import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Scenario, ScenarioInput } from '../../flood-sim/index.ts';
import type { CommandSpec } from '../cli/command.ts';
import { CliError, UsageError } from '../cli/errors.ts';

function num(name: string, s: unknown, opts: { min?: number; integer?: boolean } = {}): number | undefined {
  if (s === undefined) return undefined;
  const v = Number(s);
  if (String(s).trim() === '' || !Number.isFinite(v) || (opts.min !== undefined && v < opts.min) || (opts.integer && !Number.isInteger(v))) {
    throw new UsageError(`--${name}: expected ${opts.integer ? 'an integer' : 'a number'}${opts.min !== undefined ? ` ≥ ${opts.min}` : ''}, found '${String(s)}'`);
  }
  return v;
}

/** The scenario of a quick run from --dem/--rain/--duration/... (paths absolute). */
function quickScenario(o: Record<string, string | boolean | undefined>): ScenarioInput {
  const dem = o.dem as string;
  const duration = num('duration', o.duration, { min: 0 }) ?? 3600;
  const rain = num('rain', o.rain, { min: 0 }) ?? 0;
  const boundary = (o.boundary as string | undefined) ?? 'closed';
  if (boundary !== 'closed' && boundary !== 'free') throw new UsageError(`--boundary: expected closed or free, found '${boundary}'`);
  return {
    name: path.basename(dem),
    dem: path.resolve(dem),
    manning: num('manning', o.manning, { min: 0 }) ?? 0.03,
    boundaries: { default: boundary, edges: [] },
    ...(rain > 0 ? { rain: { type: 'uniform', hyetograph: [[0, rain], [duration, 0]] } } : {}),
    duration,
  };
}

export const floodCommand: CommandSpec = {
  name: 'flood',
  summary: 'run a 2D overland flood simulation and write an inundation replay',
  usage: '[scenario.json]',
  description: [
    'Runs the local inertial 2D model (flood-sim) on a scenario file (format: flood-sim/README.md), or a quick',
    'uniform-rain run on a DEM. A scenario with `drainage` runs coupled to its SWMM network (dual drainage).',
    'Writes <dir>/flood.cfr + flood.cfi (the replay, readable while it is written), <dir>/scenario.json (what',
    'ran) and <dir>/summary.json (volume balances, exchange totals, maxima, timings).',
    '',
    'Examples:',
    '  cimflow flood data/demo-city/flood/design-storm.json -o out/storm',
    '  cimflow flood --dem data/demo-city/terrain/dem.tif --rain 80 --duration 3600 --boundary free --workers 2 -o out/quick --json',
  ].join('\n'),
  positionals: [0, 1],
  options: {
    output: { type: 'string', short: 'o', valueName: '<dir>', description: 'output folder (required)' },
    force: { type: 'boolean', description: 'write into a non-empty output folder' },
    dem: { type: 'string', valueName: '<file>', description: 'quick run: DEM (.tif or .asc) instead of a scenario' },
    rain: { type: 'string', valueName: '<mm/h>', description: 'quick run: uniform rain intensity for the whole duration' },
    duration: { type: 'string', valueName: '<s>', description: 'simulated seconds (overrides the scenario)' },
    manning: { type: 'string', valueName: '<n>', description: "quick run: Manning's n (default 0.03)" },
    boundary: { type: 'string', valueName: '<closed|free>', description: 'quick run: all four edges closed or free outflow (default closed)' },
    'output-interval': { type: 'string', valueName: '<s>', description: 'seconds between replay frames (overrides the scenario)' },
    workers: { type: 'string', valueName: '<n>', description: 'worker threads (default: scenario, else min(2, cores)); 0 = this thread' },
  },
  async run(ctx) {
    // Loaded here so that `cimflow --help` and the other commands do not pay for the flood engine.
    const {
      drainageFromScenario, fileReplaySink, FloodInputError, FloodInstabilityError, InpError, loadScenario, loadScenarioFile, parseInp,
      parseScenario, ReplayWriter, simulate, simulateCoupled,
    } = await import('../../flood-sim/index.ts');
    const o = ctx.options;
    const out = o.output as string | undefined;
    if (!out) throw new UsageError('--output <dir> is required');
    if (ctx.args.length === 0 && !o.dem) throw new UsageError('give a scenario file or --dem <file>');
    if (ctx.args.length === 1 && o.dem) throw new UsageError('give either a scenario file or --dem, not both');
    if (existsSync(out) && readdirSync(out).length > 0 && !o.force) throw new CliError(`${out} is not empty (use --force to write into it)`);

    let scenario: Scenario;
    let model;
    let coupled: ReturnType<typeof drainageFromScenario> | undefined;
    try {
      if (ctx.args[0]) {
        const loaded = await loadScenarioFile(ctx.args[0]);
        scenario = loaded.scenario;
        const duration = num('duration', o.duration, { min: 0 });
        const interval = num('output-interval', o['output-interval'], { min: 0 });
        if (duration !== undefined || interval !== undefined) {
          scenario = { ...scenario, ...(duration !== undefined ? { duration } : {}), ...(interval !== undefined ? { outputInterval: interval } : {}) };
          model = await loadScenario(scenario, path.dirname(path.resolve(ctx.args[0])));
        } else {
          model = loaded.model;
        }
      } else {
        const quick = quickScenario(o);
        const interval = num('output-interval', o['output-interval'], { min: 0 });
        scenario = parseScenario({ ...quick, ...(interval !== undefined ? { outputInterval: interval } : {}) }, '--dem run');
        model = await loadScenario(scenario, process.cwd());
      }
      if (scenario.drainage) {
        const file = path.resolve(ctx.args[0] ? path.dirname(path.resolve(ctx.args[0])) : process.cwd(), scenario.drainage.inp);
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch (e) {
          throw new FloodInputError(`drainage.inp (${scenario.drainage.inp})`, `cannot read the network: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
        coupled = drainageFromScenario(scenario.drainage, parseInp(text, { file }), model.duration);
      }
    } catch (e) {
      if (e instanceof FloodInputError || e instanceof InpError) throw new CliError(e.message);
      throw e;
    }
    const workers = num('workers', o.workers, { min: 0, integer: true }) ?? scenario.workers ?? Math.min(2, os.cpus().length);

    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, 'scenario.json'), `${JSON.stringify(scenario, null, 2)}\n`);
    const sink = await fileReplaySink(out, 'flood');
    const writer = new ReplayWriter(sink);
    await writer.writeHeader({
      name: model.name, crs: model.crs ?? '', nx: model.nx, ny: model.ny, cellSize: model.dx, originX: model.x0, originY: model.y0,
      outputInterval: model.outputInterval, duration: model.duration, scenario: JSON.stringify(scenario),
    });
    const cells = model.nx * model.ny;
    ctx.log.info(`flood: ${model.nx} x ${model.ny} cells of ${model.dx} m, ${model.duration} s, ${workers} worker(s)` +
      (coupled ? `, coupled to ${coupled.network.net.nodeIds.length} nodes / ${coupled.network.net.linkIds.length} links` : ''));
    const frames = Math.ceil(model.duration / model.outputInterval - 1e-9);
    const bar = ctx.progress('flood', Math.round(model.duration));
    let last;
    let drainage;
    let maxDepth = 0;
    try {
      const frames = coupled ? simulateCoupled(model, coupled.network, { workers, drainage: coupled.options }) : simulate(model, { workers });
      for await (const f of frames) {
        await writer.writeFrame(f);
        bar.set(Math.round(f.time), `t=${f.time.toFixed(0)}s wet=${f.wetCells}`);
        last = f;
        if ('drainage' in f) drainage = f.drainage;
      }
    } catch (e) {
      bar.finish();
      await sink.close();
      if (e instanceof FloodInstabilityError || e instanceof FloodInputError) throw new CliError(e.message);
      throw e;
    }
    bar.finish();
    await writer.writeMaxima({ time: last!.time, ...last!.maxima });
    await sink.close();
    for (const h of last!.maxima.depth) if (h > maxDepth) maxDepth = h;
    const summary = {
      output: path.resolve(out),
      replay: ['flood.cfr', 'flood.cfi'],
      cells,
      nx: model.nx,
      ny: model.ny,
      cellSize: model.dx,
      workers,
      frames: frames + 1,
      steps: last!.steps,
      simulatedSeconds: last!.time,
      wallSeconds: last!.wallSeconds,
      // Nominal: every cell counts in every step, whether its block was skipped as dry or not.
      cellUpdatesPerSecond: (last!.steps * cells) / Math.max(1e-9, last!.wallSeconds),
      balance: last!.balance,
      ...(drainage ? {
        drainage: {
          exchange: drainage.exchange,
          network: drainage.network,
          balance: drainage.balance,
          wallSeconds: drainage.wallSeconds,
          wallShare: drainage.wallSeconds / Math.max(1e-9, last!.wallSeconds),
        },
      } : {}),
      maxDepth,
      wetCells: last!.wetCells,
    };
    await writeFile(path.join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    ctx.print(`flood: ${last!.steps} steps in ${last!.wallSeconds.toFixed(1)} s (${(summary.cellUpdatesPerSecond / 1e6).toFixed(1)} M cell-updates/s), ` +
      `max depth ${maxDepth.toFixed(3)} m, volume error ${(last!.balance.relativeError * 100).toExponential(2)} %`);
    if (drainage) {
      const x = drainage.exchange;
      ctx.print(`drainage: ${x.toNetwork.toFixed(0)} m³ into the network, ${x.toSurface.toFixed(0)} m³ out onto the surface, ` +
        `${x.outfallToSurface.toFixed(0)} m³ from outfalls onto the surface; network volume error ${(drainage.network.relativeError * 100).toFixed(3)} %, ` +
        `both domains ${(drainage.balance.relativeError * 100).toFixed(3)} %; 1D + exchange ${(100 * summary.drainage!.wallShare).toFixed(1)} % of the wall time`);
    }
    ctx.print(`replay: ${path.join(out, 'flood.cfr')}`);
    return summary;
  },
};
