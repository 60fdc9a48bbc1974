/** Every `plan-lens` subcommand, in the order `plan-lens --help` lists them. One line each. */

import type { CliCommand } from '../cliCommand';
import { analyzeCommand } from './analyze';
import { bundleCommand } from './bundle';
import { cacheCommand } from './cache';
import { deltaCommand } from './delta';
import { tableCommand } from './table';
import { sampleCommand } from './sample';
import { verifyCommand } from './verify';

export const commands: readonly CliCommand[] = [
  analyzeCommand,
  bundleCommand,
  deltaCommand,
  tableCommand,
  cacheCommand,
  sampleCommand,
  verifyCommand,
];
