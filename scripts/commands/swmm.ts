import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CommandSpec } from '../cli/command.ts';
import { CliError } from '../cli/errors.ts';

export const swmmCommand: CommandSpec = {
  name: 'swmm',
  summary: 'run a SWMM 5 network (.inp) alone and print SWMM-style report tables',
  usage: '<file.inp>',
  description: [
    'Reads an EPA SWMM 5 input file (any flow units), routes it with the dynamic-wave engine (runoff from',
    'subcatchments included) and prints node depths, flooding, outfall loading, link flows and the runoff and',
    'routing continuity errors. Example: cimflow swmm ../shared/data/flood/swmm-networks/extran1.inp --json',
  ].join('\n'),
  positionals: [1, 1],
  options: {
    output: { type: 'string', short: 'o', valueName: '<file.rpt>', description: 'also write the report tables to this file' },
    force: { type: 'boolean', description: 'overwrite the --output file if it exists' },
  },
  async run(ctx) {
    // Loaded here so that `cimflow --help` and the other commands do not pay for the network engine.
    const { formatReport, InpError, parseInp, runSwmm } = await import('../../flood-sim/index.ts');
    const file = ctx.args[0];
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
    }
    let report;
    try {
      const model = parseInp(text, { file: path.basename(file) });
      const progress = ctx.progress('swmm', 100);
      report = runSwmm(model, {
        progressEvery: 600,
        onProgress: (t, d) => progress.set(Math.round((100 * t) / d), `${(t / 3600).toFixed(1)} h`),
      });
      progress.finish();
    } catch (e) {
      if (e instanceof InpError) throw new CliError(e.message);
      throw e;
    }
    const tables = formatReport(report);
    for (const line of tables.split('\n')) ctx.print(line);
    const output = ctx.options.output as string | undefined;
    if (output) {
      try {
        writeFileSync(output, `${tables}\n`, { flag: ctx.options.force ? 'w' : 'wx' });
      } catch (e) {
        throw new CliError(`cannot write ${output}: ${(e as Error).message}${ctx.options.force ? '' : ' (use --force to overwrite)'}`);
      }
    }
    return {
      file,
      flowUnits: report.flowUnits,
      simulatedHours: report.duration / 3600,
      wallSeconds: report.wallSeconds,
      routingContinuityErrorPct: report.routingContinuity.errorPct,
      runoffContinuityErrorPct: report.runoffContinuity?.errorPct ?? null,
      floodedNodes: report.nodeFlooding,
      outfalls: report.outfalls,
      maxNodeDepth: Math.max(...report.nodeDepth.map((n) => n.maxDepth)),
      maxLinkFlow: Math.max(...report.linkFlow.map((l) => l.maxFlow)),
      timeSteps: report.timeSteps,
    };
  },
};
