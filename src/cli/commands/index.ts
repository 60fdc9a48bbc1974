/** Every `plan-lens` subcommand, in the order `plan-lens --help` lists them. One line each. */

import type { CliCommand } from '../cliCommand';
import { deltaCommand } from './delta';
import { tableCommand } from './table';
import { cacheCommand } from './cache';

export const commands: readonly CliCommand[] = [
  deltaCommand,
  tableCommand,
  cacheCommand,
];
