/**
 * Oracle tests: `node dist/cli.js analyze FILE --json` against networkx (Debian's python3-networkx, run
 * with /usr/bin/python3) on random pipeline-shaped plans of a few hundred tasks.
 */

import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot, skipReasons } from '../../support/corpus';
import { randomNodeLinkText } from '../../support/randomPlans';

const python = '/usr/bin/python3';
const oracle = path.join(repoRoot, 'test', 'oracle', 'networkx_oracle.py');
const cli = path.join(repoRoot, 'dist', 'cli.js');

function needNetworkx(ctx: Mocha.Context): void {
  const probe = spawnSync(python, ['-c', 'import networkx'], { encoding: 'utf8' });
  if (probe.status === 0) return;
  const reason = 'networkx is not installed for /usr/bin/python3 (apt-get install python3-networkx)';
  if (process.env.CI === 'true') throw new Error(`${reason}; CI requires it`);
  skipReasons.add(reason);
  ctx.skip();
}

const sortPairs = (pairs: string[][]): string[] => pairs.map((p) => JSON.stringify(p)).sort();
const asSets = (gens: string[][]): string[] => gens.map((g) => JSON.stringify([...g].sort()));

suite('oracle: networkx', () => {
  let dir = '';
  suiteSetup(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'plan-lens-oracle-'));
  });
  suiteTeardown(() => rmSync(dir, { recursive: true, force: true }));

  for (const [tasks, seed, varied] of [[150, 1, false], [300, 2, true], [420, 3, true], [250, 4, false], [500, 5, true]] as const) {
    test(`analyze agrees with networkx on a ${tasks}-task plan (seed ${seed}${varied ? ', varied priorities' : ''})`, function () {
      needNetworkx(this);
      assert.ok(existsSync(cli), `${cli} is missing: run npm run build first`);
      const file = path.join(dir, `plan-${seed}.json`);
      writeFileSync(file, randomNodeLinkText({ tasks, seed, variedPriorities: varied }));
      const ours = JSON.parse(execFileSync(process.execPath, [cli, 'analyze', file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 }));
      const theirs = JSON.parse(execFileSync(python, [oracle, file], { encoding: 'utf8', maxBuffer: 1 << 28 }));
      assert.deepEqual(ours.issues, []);
      assert.deepEqual(ours.tasks, theirs.tasks);
      assert.deepEqual(sortPairs(ours.dependencies), sortPairs(theirs.dependencies));
      assert.deepEqual(sortPairs(ours.reducedDependencies), sortPairs(theirs.reducedDependencies));
      assert.ok(ours.reducedDependencies.length < ours.dependencies.length, 'the plan should have redundant edges to remove');
      assert.deepEqual(asSets(ours.generations), asSets(theirs.generations));
      assert.equal(ours.criticalPath.length, theirs.criticalPathLength);
    });
  }
});
