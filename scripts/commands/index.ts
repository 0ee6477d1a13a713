/**
 * The one list of `cimflow` commands: help and dispatch are both generated from it.
 * Add a command by importing its spec and appending it here.
 */
import type { CommandSpec } from '../cli/command.ts';
import { benchCommand } from './bench.ts';
import { crsCommand } from './crs.ts';
import { inspectCommand } from './inspect.ts';

export const COMMANDS: CommandSpec[] = [crsCommand, inspectCommand, benchCommand];
