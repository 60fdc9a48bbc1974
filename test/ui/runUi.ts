/**
 * The UI tier: a fresh code-server with Plan Lens as the development extension, one chromium page on the
 * workspace, the mocha suites of test/ui/*.test.ts against it, then everything stopped.
 */

import Mocha from 'mocha';
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { TierResult } from '../run';
import { launchBrowser, newWorkbenchPage } from '../../scripts/editor/browser';
import { startCodeServer } from '../../scripts/editor/codeServer';
import { repoRoot, scratchRoot, screenshotsDir } from '../../scripts/editor/paths';
import { scratchDir } from '../../scripts/editor/setup';
import { screenshot, screenshotsTaken, setWorkbench } from './workbench';

export interface UiRun {
  readonly codeServer: string;
  readonly chromium: string;
  readonly workspace: string;
  readonly grep: string | undefined;
}

export async function runUiTests(run: UiRun): Promise<TierResult> {
  rmSync(screenshotsDir, { recursive: true, force: true });
  const scratch = scratchDir(scratchRoot, 'ui-');
  const server = await startCodeServer({ bin: run.codeServer, scratch, output: path.join(scratch, 'code-server.log') });
  const browser = await launchBrowser(run.chromium, server.env);
  try {
    const urlOf = (folder: string): string => server.url(folder, [['extensionDevelopmentPath', server.remote(repoRoot)]]);
    const page = await newWorkbenchPage(browser, urlOf(run.workspace));
    setWorkbench({ page, workspace: run.workspace, urlOf });
    const mocha = new Mocha({
      ui: 'tdd',
      reporter: 'spec',
      timeout: 120_000,
      ...(run.grep !== undefined ? { grep: run.grep } : {}),
      rootHooks: {
        // A failing UI test leaves a picture of the workbench as it was.
        async afterEach(this: Mocha.Context) {
          const t = this.currentTest;
          if (t?.state === 'failed') await screenshot(`failed-${t.title.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}`);
        },
      },
    });
    for (const f of readdirSync(__dirname).filter((n) => n.endsWith('.test.ts')).sort()) mocha.addFile(path.join(__dirname, f));
    await mocha.loadFilesAsync();
    const stats = await new Promise<Mocha.Stats | undefined>((resolve) => {
      const runner = mocha.run(() => resolve(runner.stats));
    });
    console.log(`screenshots (${screenshotsTaken().length}):`);
    for (const f of screenshotsTaken()) console.log(`  ${path.relative(repoRoot, f)}`);
    return { passed: stats?.passes ?? 0, failed: stats?.failures ?? 1, skipped: stats?.pending ?? 0 };
  } finally {
    setWorkbench(undefined);
    await browser.close();
    server.stop();
  }
}
