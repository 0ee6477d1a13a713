import type { Progress } from './progress.ts';

/** One command-line option. Names are long-form (`output`), optionally with a one-letter `short`. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  description: string;
  /** Placeholder shown in help, e.g. `<dir>`. */
  valueName?: string;
  default?: string | boolean;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface Logger {
  /** Human-readable progress notes: stderr, suppressed by --log-level warn/error. */
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export interface CommandContext {
  /** Positional arguments after the command name. */
  args: string[];
  options: OptionValues;
  /** True with --json: the command's summary is printed as the last line of stdout. */
  json: boolean;
  log: Logger;
  /** A progress bar with ETA on a TTY (stderr); invisible otherwise. */
  progress(label: string, total: number): Progress;
  /** Print a human-readable line on stdout (not printed with --json). */
  print(line: string): void;
}

/** A `cimflow` sub-command. `run` returns the machine-readable summary printed by --json. */
export interface CommandSpec {
  name: string;
  summary: string;
  /** Positional part of the usage line, e.g. `<from> <to> <x> <y> [z]`. */
  usage: string;
  /** Longer help text: what it does, examples. */
  description?: string;
  options: Record<string, OptionSpec>;
  /** Smallest and largest number of positional arguments. */
  positionals: [min: number, max: number];
  run(ctx: CommandContext): Promise<Record<string, unknown>>;
}

/** Options every command accepts. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'show this help and exit' },
  json: { type: 'boolean', description: 'print one JSON summary as the last line of stdout' },
  'log-level': { type: 'string', valueName: '<level>', description: 'debug | info | warn | error (default info)' },
};
