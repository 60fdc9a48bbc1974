/** The shape every `plan-lens` subcommand has, and the output streams it writes to. */

import { parseArgs } from 'node:util';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
}

export const enum ExitCode {
  Ok = 0,
  /** The input has errors; the issues were still printed. */
  InputErrors = 1,
  /** The command line itself is wrong. */
  Usage = 2,
}

export interface CliCommand {
  readonly name: string;
  /** One line for `plan-lens --help`. */
  readonly summary: string;
  /** The usage block for `plan-lens <name> --help` and usage errors. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<ExitCode>;
}

/** Thrown by argument parsing; `main` prints it with the command's usage and exits 2. */
export class UsageError extends Error {}

type OptionSpec = { readonly type: 'string' | 'boolean'; readonly short?: string; readonly multiple?: boolean };

/** `util.parseArgs` with positionals allowed and its errors turned into usage errors (exit 2). */
export function parseCommandArgs<O extends Record<string, OptionSpec>>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], allowPositionals: true as const, options });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** The `--max-file-size-mb` option in bytes: the default when absent, a usage error when not positive. */
export function maxFileBytes(megabytes: string | undefined, defaultBytes: number): number {
  if (megabytes === undefined) return defaultBytes;
  const bytes = Number(megabytes) * 1024 * 1024;
  if (!(bytes > 0)) throw new UsageError('--max-file-size-mb takes a positive number');
  return bytes;
}
