import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../data/index.ts';
import type { CommandSpec } from '../cli/command.ts';
import { CliError } from '../cli/errors.ts';

const SOURCE_DIRS = ['cim-model', 'tiling', 'flood-sim', 'server', 'viewer', 'scripts'];

/** Every `*.bench.ts` under the source folders, sorted. */
export function findBenchmarks(root = PROJECT_ROOT): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.bench.ts')) found.push(path.relative(root, p));
    }
  };
  for (const d of SOURCE_DIRS) {
    try {
      walk(path.join(root, d));
    } catch {
      // a folder that does not exist yet has no benchmarks
    }
  }
  return found.sort();
}

/** A one-line description of this machine, printed with every benchmark figure. */
export function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

export const benchCommand: CommandSpec = {
  name: 'bench',
  summary: 'run the benchmarks (*.bench.ts) and print their figures with the machine',
  usage: '[filter]',
  description: 'Each benchmark runs in its own process, one after another. A filter keeps the files whose path contains it.',
  positionals: [0, 1],
  options: {},
  async run(ctx) {
    const filter = ctx.args[0];
    const files = findBenchmarks().filter((f) => !filter || f.includes(filter));
    if (files.length === 0) throw new CliError(filter ? `no benchmark matches '${filter}'` : 'no benchmarks found');
    ctx.print(`machine: ${machineLine()}`);
    const results: Array<{ file: string; ok: boolean; seconds: number }> = [];
    for (const file of files) {
      ctx.print(`\n== ${file}`);
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: PROJECT_ROOT, stdio: ['ignore', ctx.json ? 'pipe' : 'inherit', 'inherit'] });
      results.push({ file, ok: r.status === 0, seconds: (performance.now() - t0) / 1000 });
      if (r.status !== 0) ctx.log.warn(`${file} exited with ${r.status ?? r.signal}`);
    }
    const failed = results.filter((r) => !r.ok);
    if (failed.length) throw new CliError(`${failed.length} benchmark(s) failed: ${failed.map((f) => f.file).join(', ')}`);
    return { machine: machineLine(), benchmarks: results };
  },
};
