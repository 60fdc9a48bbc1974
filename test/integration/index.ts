/**
 * The in-editor suite: `run()` is called inside the extension host (by @vscode/test-electron, or by the
 * code-server workbench through the `extensionTestsPath` URL payload). It ends by logging one line with
 * the counts, and writes them as JSON to $PLAN_LENS_TEST_RESULT for the runner (scripts/editor/inHost.ts).
 * PLAN_LENS_TEST_TARGET=installed (in the server's environment) runs only the checks of an installed .vsix.
 */

import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Printed first, so the runner can leave out the workbench's own log lines that come before it. */
const startMarker = 'in-host tests: starting';

/** This folder in the checkout the bundle (dist/test/integration.js) was built from. */
const sourceDir = path.join(__dirname, '..', '..', 'test', 'integration');

/**
 * The names of every `*.test.ts` of this folder, found on disk so a new file cannot be left out; the bundle holds them
 * all (esbuild bundles every file the template import below can name), and a file added after the build
 * fails the run at its import. Order matters for one: the activation suite must see the extension
 * before anything has activated it. `installed.test.ts` checks an installed .vsix and runs alone.
 */
function suiteNames(): string[] {
  const suffix = '.test.ts';
  const names = readdirSync(sourceDir).filter((f) => f.endsWith(suffix)).map((f) => f.slice(0, -suffix.length)).filter((n) => n !== 'installed').sort();
  const first = 'activation';
  if (!names.includes(first)) throw new Error(`${first}${suffix} not found in ${sourceDir}`);
  return [first, ...names.filter((n) => n !== first)];
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000 });
  if (process.env.PLAN_LENS_TEST_GREP) mocha.grep(process.env.PLAN_LENS_TEST_GREP);
  console.log(startMarker);
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  if (process.env.PLAN_LENS_TEST_TARGET === 'installed') await import('./installed.test');
  else for (const name of suiteNames()) await import(`./${name}.test.ts`);
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? { passes: 0, failures: 1, pending: 0 } as Mocha.Stats));
  });
  const counts = { passed: stats.passes, failed: stats.failures, skipped: stats.pending };
  console.log(`in-host tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  if (process.env.PLAN_LENS_TEST_RESULT) writeFileSync(process.env.PLAN_LENS_TEST_RESULT, JSON.stringify(counts));
  if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed`);
}
