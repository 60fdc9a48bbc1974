/**
 * `plan-lens`: the command-line entry point over the same core as the editor, for CI and scripted checks.
 * Exit codes: 0 success, 1 the input has errors (issues are still printed), 2 wrong usage.
 */

import { type CliCommand, type CliIo, ExitCode, UsageError } from './cliCommand';
import { commands } from './commands';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: plan-lens <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `plan-lens <command> --help` for the options of one command.',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(help());
    return name === undefined ? ExitCode.Usage : ExitCode.Ok;
  }
  const command: CliCommand | undefined = commands.find((c) => c.name === name);
  if (command === undefined) {
    io.err(`plan-lens: unknown command '${name}'\n\n${help()}`);
    return ExitCode.Usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return ExitCode.Ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`plan-lens ${command.name}: ${e.message}\n\n${command.usage}`);
      return ExitCode.Usage;
    }
    throw e;
  }
}

if (require.main === module) {
  const io: CliIo = {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    cwd: process.cwd(),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // Readers turn bad input into issues; reaching here is a Plan Lens bug, reported as such.
      process.stderr.write(`plan-lens: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
