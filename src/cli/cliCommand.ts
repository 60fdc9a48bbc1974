/** The shape every `plan-lens` subcommand has, and the output streams it writes to. */

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
