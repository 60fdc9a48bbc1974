/**
 * The tiers that need a real VS Code: `integration` (mocha inside the extension host), `ui` (playwright in
 * the workbench) and `vsix` (the packaged extension installed into a fresh code-server). Without the
 * means they are skipped with the reason, except under CI=true, where a missing tool is a failure.
 */

import { cpSync } from 'node:fs';
import * as path from 'node:path';
import type { Tier, TierResult } from '../run';
import { runInCodeServer, runInElectron } from '../../scripts/editor/inHost';
import { packageVsix } from '../../scripts/editor/package';
import { exampleWorkspace, repoRoot, scratchRoot } from '../../scripts/editor/paths';
import { ensureEditorTools, scratchDir } from '../../scripts/editor/setup';
import { runUiTests } from '../ui/runUi';

/** The editor tests open the sample workspace that users get from `npm start`. */
/**
 * The sample workspace as the editor tiers see it: a fresh copy per tier run, so that no test, however it
 * fails or is stopped, can change the repository's sample (the tests edit documents, and a workbench
 * killed mid-test must not leave anything behind in examples/workspace).
 */
function testWorkspace(): string {
  const copy = path.join(scratchDir(scratchRoot, 'workspace-'), 'workspace');
  cpSync(exampleWorkspace, copy, { recursive: true });
  return copy;
}

const probeExtension = path.join(__dirname, 'probe');

/** code-server and chromium as installed by scripts/editor/setup.ts (`npm run setup:editor`); never installs. */
function browserRoute(): { codeServer: string; chromium: string } | string {
  const tools = ensureEditorTools({ browser: true, install: false });
  if (tools.codeServer !== undefined && tools.chromium !== undefined) return { codeServer: tools.codeServer, chromium: tools.chromium };
  return `${tools.problems.join('; ')}; run \`npm run setup:editor\` (Debian, as root) to install them`;
}

function unavailable(reason: string): TierResult {
  if (process.env.CI === 'true') {
    console.error(`CI=true and the editor tests cannot run: ${reason}`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  console.log(`skipped: ${reason}`);
  return { passed: 0, failed: 0, skipped: 1, skippedBecause: reason };
}

function grepEnv(grep: string | undefined): Record<string, string> {
  return grep === undefined ? {} : { PLAN_LENS_TEST_GREP: grep };
}

const integration: Tier = {
  name: 'integration',
  async run(grep) {
    const electron = process.env.VSCODE_EXECUTABLE;
    const scratch = scratchDir(scratchRoot, 'integration-');
    const run = { workspace: testWorkspace(), extensionDevelopmentPath: repoRoot, scratch, env: grepEnv(grep) };
    if (electron !== undefined) return runInElectron(electron, run);
    const route = browserRoute();
    if (typeof route === 'string') return unavailable(route);
    return runInCodeServer(route.codeServer, route.chromium, run);
  },
};

const ui: Tier = {
  name: 'ui',
  async run(grep) {
    const route = browserRoute();
    if (typeof route === 'string') return unavailable(route);
    return runUiTests({ ...route, workspace: testWorkspace(), grep });
  },
};

const vsix: Tier = {
  name: 'vsix',
  async run(grep) {
    const route = browserRoute();
    if (typeof route === 'string') return unavailable(route);
    const file = packageVsix();
    const scratch = scratchDir(scratchRoot, 'vsix-');
    return runInCodeServer(route.codeServer, route.chromium, {
      workspace: testWorkspace(),
      extensionDevelopmentPath: probeExtension,
      scratch,
      env: { ...grepEnv(grep), PLAN_LENS_TEST_TARGET: 'installed' },
      install: [file],
    });
  },
};

export const editorTiers: readonly Tier[] = [integration, ui, vsix];
