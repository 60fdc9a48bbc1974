/**
 * Runs the mocha suite of test/integration inside a real extension host, by one of two routes:
 * @vscode/test-electron with a desktop VS Code (VSCODE_EXECUTABLE), or code-server in Debian's chromium,
 * where the workbench reads `extensionDevelopmentPath`/`extensionTestsPath` from the URL payload and
 * reports through `codeAutomationLog`/`codeAutomationExit`. Mocha's output is printed as it arrives.
 */

import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { repoRoot } from './paths';

export interface InHostCounts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

export interface InHostRun {
  readonly workspace: string;
  /** The extension to develop: the repository, or a probe extension when testing an installed .vsix. */
  readonly extensionDevelopmentPath: string;
  readonly scratch: string;
  /** Environment for the extension host (code-server's extension hosts inherit the server's). */
  readonly env: Readonly<Record<string, string>>;
  readonly install?: readonly string[];
}

const workbenchNoise = /^(Ignoring fetching additional builtin extensions|Extension host \(Remote\) is (un)?responsive)/;

export const testsModule = path.join(repoRoot, 'dist', 'test', 'integration.js');

/** The suite writes its counts here (see test/integration/index.ts): the exit code alone has no counts. */
function readCounts(file: string, exitCode: number): InHostCounts {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const counts = JSON.parse(readFileSync(file, 'utf8')) as InHostCounts;
  return exitCode !== 0 && counts.failed === 0 ? { ...counts, failed: 1 } : counts;
}

/** Longest an in-host run may take from page load to the workbench's exit signal. */
const IN_HOST_LIMIT_MS = 10 * 60_000;

export async function runInCodeServer(codeServerBin: string, chromiumBin: string, run: InHostRun): Promise<InHostCounts> {
  const resultFile = path.join(run.scratch, 'result.json');
  const server = await startCodeServer({
    bin: codeServerBin,
    scratch: run.scratch,
    keepScratch: true,
    env: { ...run.env, PLAN_LENS_TEST_RESULT: resultFile },
    output: path.join(run.scratch, 'code-server.log'),
    ...(run.install !== undefined ? { install: run.install } : {}),
  });
  const browser = await launchBrowser(chromiumBin, server.env);
  try {
    const page = await browser.newPage();
    // The workbench forwards its own console too: show errors always, other lines once the suite started.
    let started = false;
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = format(...args);
      started ||= line.startsWith('in-host tests: starting');
      if (type === 'error' || (started && !workbenchNoise.test(line))) console.log(line);
    });
    const exit = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)));
    await page.goto(server.url(run.workspace, [
      ['extensionDevelopmentPath', server.remote(run.extensionDevelopmentPath)],
      ['extensionTestsPath', server.remote(testsModule)],
    ]));
    // A workbench that never signals its exit (a hung extension host, a suite that never settles) must
    // fail the tier, not hang CI until its own limit.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        console.error(`in-host tests: no exit signal from the workbench after ${IN_HOST_LIMIT_MS / 1000} s; counted as failed`);
        resolve(1);
      }, IN_HOST_LIMIT_MS);
    });
    const code = await Promise.race([exit, limit]);
    clearTimeout(timer);
    return readCounts(resultFile, code);
  } finally {
    await browser.close();
    server.stop();
    rmSync(run.scratch, { recursive: true, force: true, maxRetries: 3 });
  }
}

export async function runInElectron(executable: string, run: InHostRun): Promise<InHostCounts> {
  const { runTests } = await import('@vscode/test-electron');
  const resultFile = path.join(run.scratch, 'result.json');
  let code: number;
  try {
    code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: run.extensionDevelopmentPath,
      extensionTestsPath: testsModule,
      extensionTestsEnv: { ...run.env, PLAN_LENS_TEST_RESULT: resultFile },
      launchArgs: [run.workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome',
        '--user-data-dir', path.join(run.scratch, 'user-data'), '--extensions-dir', path.join(run.scratch, 'extensions')],
    });
  } catch {
    code = 1;
  }
  const counts = readCounts(resultFile, code);
  rmSync(run.scratch, { recursive: true, force: true, maxRetries: 3 });
  return counts;
}
