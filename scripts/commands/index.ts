/**
 * The one list of `cimflow` commands: help and dispatch are both generated from it.
 * Add a command by importing its spec and appending it here.
 */
import type { CommandSpec } from '../cli/command.ts';
import { benchCommand } from './bench.ts';
import { crsCommand } from './crs.ts';
import { demoDataCommand } from './demo-data.ts';
import { floodCommand } from './flood.ts';
import { inspectCommand } from './inspect.ts';
import { serveCommand } from './serve.ts';
import { startCommand } from './start.ts';
import { swmmCommand } from './swmm.ts';
import { tileCommand } from './tile.ts';

export const COMMANDS: CommandSpec[] = [startCommand, serveCommand, demoDataCommand, tileCommand, floodCommand, swmmCommand, inspectCommand, crsCommand, benchCommand];
