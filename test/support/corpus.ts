/**
 * The real data the readers are tested against lives outside the repo, in `../shared/corpus` (or
 * wherever PLAN_LENS_CORPUS points). A test that needs it and does not find it is skipped with the reason
 * printed; under CI=true it fails instead, so a missing corpus can never pass silently.
 */

import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

export function corpusRoot(): string {
  return process.env.PLAN_LENS_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus');
}

/** Reasons for skipped tests, printed by the test runner at the end. */
export const skipReasons = new Set<string>();

/** Skips the current test (or fails it under CI) when the corpus folder `sub` is absent. */
export function needCorpus(ctx: Mocha.Context, sub: string): string {
  const dir = path.join(corpusRoot(), sub);
  if (existsSync(dir)) return dir;
  const reason = `corpus folder ${dir} is absent (set PLAN_LENS_CORPUS to the shared corpus)`;
  if (process.env.CI === 'true') throw new Error(`${reason}; CI requires it`);
  skipReasons.add(reason);
  ctx.skip();
}
