/**
 * `npm start`: installs what is missing (code-server and its build needs; Debian, as root), builds, and
 * starts code-server on 127.0.0.1 with Plan Lens as the development extension and the sample workspace
 * open. Prints the URL; Ctrl-C stops the server's whole process group and removes its scratch state.
 * Usage: npm start [-- --workspace DIR] [-- --url-file FILE]
 */

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { startCodeServer } from './codeServer';
import { exampleWorkspace, repoRoot, scratchRoot } from './paths';
import { ensureEditorTools, scratchDir } from './setup';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function desktopInstructions(problems: readonly string[], workspace: string): string {
  return [
    'Cannot start code-server here:',
    ...problems.map((p) => `  - ${p}`),
    '',
    'To run code-server: on Debian/Ubuntu as root, `npm start` installs it (libkrb5-dev, pkg-config,',
    'build-essential and ripgrep from apt, code-server 4.100.3 from npm into .vscode-test/).',
    'Or use a desktop VS Code (1.100 or newer) with the built extension:',
    `  code --extensionDevelopmentPath="${repoRoot}" "${workspace}"`,
    'or install the package: npm run package && code --install-extension plan-lens-*.vsix',
  ].join('\n');
}

async function main(): Promise<void> {
  const requested = option('--workspace');
  const workspace = path.resolve(requested ?? exampleWorkspace);
  const tools = ensureEditorTools({ browser: false });
  console.log('[start] building');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (tools.codeServer === undefined) {
    console.error(desktopInstructions(tools.problems, workspace));
    process.exitCode = 1;
    return;
  }
  const scratch = scratchDir(scratchRoot, 'start-');
  const log = path.join(scratch, 'code-server.log');
  const server = await startCodeServer({ bin: tools.codeServer, scratch, output: log });
  const url = server.url(workspace, [['extensionDevelopmentPath', server.remote(repoRoot)]]);
  const urlFile = option('--url-file');
  if (urlFile !== undefined) writeFileSync(urlFile, url);
  console.log(`\nPlan Lens is running in VS Code (code-server) at\n\n  ${url}\n\nwith ${path.relative(repoRoot, workspace) || workspace} open. Ctrl-C stops it.`);
  console.log('(the address only works from this machine)');
  const shutdown = (): void => {
    console.log('\n[start] stopping code-server');
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  const code = await server.exited;
  console.error(`[start] code-server exited on its own (exit code ${code}); the end of its log:`);
  console.error(readFileSync(log, 'utf8').split('\n').slice(-20).join('\n'));
  server.stop();
  process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
