import { parseArgs } from 'node:util';
import { COMMANDS } from '../commands/index.ts';
import { COMMON_OPTIONS, type CommandContext, type CommandSpec, type Logger, type OptionSpec } from './command.ts';
import { CliError, UsageError } from './errors.ts';
import { Progress } from './progress.ts';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
const NEGATIVE_NUMBER = /^-(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const NEG_MARK = 'NEG\u0000';

export function commandHelp(cmd: CommandSpec): string {
  const opts = { ...cmd.options, ...COMMON_OPTIONS };
  const rows = Object.entries(opts).map(([name, o]: [string, OptionSpec]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.valueName ? ` ${o.valueName}` : ''}`;
    const def = o.default !== undefined && o.default !== false ? ` (default ${String(o.default)})` : '';
    return `  ${flag.padEnd(30)} ${o.description}${def}`;
  });
  return [`Usage: cimflow ${cmd.name} ${cmd.usage}`.trimEnd(), '', cmd.summary, ...(cmd.description ? ['', cmd.description] : []), '', 'Options:', ...rows].join('\n');
}

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    'Usage: cimflow <command> [options]',
    '',
    'cimflow: city information model engine and urban flood digital twin.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)} ${c.summary}`),
    '',
    "Run 'cimflow <command> --help' for a command's options.",
  ].join('\n');
}

function makeLogger(level: string): Logger {
  const at = LEVELS.indexOf(level as (typeof LEVELS)[number]);
  const write = (min: number, prefix: string) => (m: string) => {
    if (at <= min) process.stderr.write(`${prefix}${m}\n`);
  };
  return { debug: write(0, 'debug: '), info: write(1, ''), warn: write(2, 'warning: ') };
}

/** Runs the CLI; returns the process exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${mainHelp()}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    process.stdout.write('cimflow 0.1.0\n');
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`cimflow: unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  let json = rest.includes('--json');
  try {
    const opts = { ...cmd.options, ...COMMON_OPTIONS };
    const parsed = (() => {
      try {
        return parseArgs({
          // Negative numbers are coordinates here, not options: hide them from the option parser.
          args: rest.map((a) => (NEGATIVE_NUMBER.test(a) ? `${NEG_MARK}${a}` : a)),
          options: Object.fromEntries(
            Object.entries(opts).map(([k, o]) => [k, { type: o.type, ...(o.short ? { short: o.short } : {}) }]),
          ),
          allowPositionals: true,
          strict: true,
        });
      } catch (e) {
        throw new UsageError((e as Error).message.split('\n')[0]);
      }
    })();
    const values = parsed.values as Record<string, string | boolean | undefined>;
    for (const [k, v] of Object.entries(values)) if (typeof v === 'string' && v.startsWith(NEG_MARK)) values[k] = v.slice(NEG_MARK.length);
    if (values.help) {
      process.stdout.write(`${commandHelp(cmd)}\n`);
      return 0;
    }
    json = Boolean(values.json);
    for (const [k, o] of Object.entries(cmd.options)) if (values[k] === undefined && o.default !== undefined) values[k] = o.default;
    const level = (values['log-level'] as string | undefined) ?? 'info';
    if (!LEVELS.includes(level as (typeof LEVELS)[number])) throw new UsageError(`--log-level: expected one of ${LEVELS.join(', ')}, found '${level}'`);
    const [min, max] = cmd.positionals;
    const args = parsed.positionals.map((a) => (a.startsWith(NEG_MARK) ? a.slice(NEG_MARK.length) : a));
    if (args.length < min || args.length > max) {
      throw new UsageError(`expected ${min === max ? min : `${min} to ${max}`} argument(s) (${cmd.usage}), found ${args.length}`);
    }
    const ctx: CommandContext = {
      args,
      options: values,
      json,
      log: makeLogger(level),
      progress: (label, total) => new Progress(label, total),
      print: (line) => {
        if (!json) process.stdout.write(`${line}\n`);
      },
    };
    const summary = await cmd.run(ctx);
    if (json) process.stdout.write(`${JSON.stringify({ ok: true, command: cmd.name, ...summary })}\n`);
    return 0;
  } catch (e) {
    const err = e as Error;
    const code = e instanceof CliError ? e.exitCode : 1;
    const reason = (err.message || String(e)).replace(/\s*\n\s*/g, ' ');
    process.stderr.write(`cimflow ${cmd.name}: error: ${reason}\n`);
    if (process.env.CIMFLOW_DEBUG && err.stack) process.stderr.write(`${err.stack}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, command: cmd.name, error: reason })}\n`);
    return code;
  }
}
