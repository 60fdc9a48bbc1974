/** Every `plan-lens` subcommand, in the order `plan-lens --help` lists them. One line each. */

import type { CliCommand } from '../cliCommand';

export const commands: readonly CliCommand[] = [];
