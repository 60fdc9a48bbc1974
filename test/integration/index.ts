/**
 * The in-editor suite: `run()` is called inside the extension host (by @vscode/test-electron, or by the
 * code-server workbench through the `extensionTestsPath` URL payload). It ends by logging one line with
 * the counts, and writes them as JSON to $PLAN_LENS_TEST_RESULT for the runner (scripts/editor/inHost.ts).
 * PLAN_LENS_TEST_TARGET=installed (in the server's environment) runs only the checks of an installed .vsix.
 */

import Mocha from 'mocha';
import { writeFileSync } from 'node:fs';

/** Printed first, so the runner can leave out the workbench's own log lines that come before it. */
const startMarker = 'in-host tests: starting';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000 });
  if (process.env.PLAN_LENS_TEST_GREP) mocha.grep(process.env.PLAN_LENS_TEST_GREP);
  console.log(startMarker);
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  // Order matters: the activation suite must see the extension before anything has activated it.
  if (process.env.PLAN_LENS_TEST_TARGET === 'installed') {
    await import('./installed.test');
  } else {
    await import('./activation.test');
    await import('./commands.test');
    await import('./analysis.test');
    await import('./diagnostics.test');
    await import('./graph.test');
  }
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? { passes: 0, failures: 1, pending: 0 } as Mocha.Stats));
  });
  const counts = { passed: stats.passes, failed: stats.failures, skipped: stats.pending };
  console.log(`in-host tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  if (process.env.PLAN_LENS_TEST_RESULT) writeFileSync(process.env.PLAN_LENS_TEST_RESULT, JSON.stringify(counts));
  if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed`);
}
