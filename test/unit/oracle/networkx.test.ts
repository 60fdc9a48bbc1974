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

interface Analysis {
  readonly reducedDependencies: [string, string][];
  readonly criticalPath: { readonly tasks: string[]; readonly length: number };
  readonly taskMetrics: Record<string, { readonly cost: number }>;
}

/** `ours.criticalPath.tasks` is a path of reduced edges whose weight (costs of all but its first task) is `length`. */
function assertLongestPath(ours: Analysis, length: number): void {
  const edges = new Set(ours.reducedDependencies.map((e) => JSON.stringify(e)));
  const tasks = ours.criticalPath.tasks;
  for (let i = 1; i < tasks.length; i++) assert.ok(edges.has(JSON.stringify([tasks[i - 1], tasks[i]])), `${tasks[i - 1]} -> ${tasks[i]} is not a reduced edge`);
  assert.equal(tasks.slice(1).reduce((sum, t) => sum + ours.taskMetrics[t].cost, 0), length);
}

suite('oracle: networkx', () => {
  let dir = '';
  suiteSetup(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'plan-lens-oracle-'));
  });
  // How many plans had a unique longest path, so the path itself was compared with networkx's.
  let unique = 0;
  suiteTeardown(() => rmSync(dir, { recursive: true, force: true }));

  // Seed 9's 80-task plan has a unique longest path (the others tie: scans all cost 10); see the last test.
  for (const [tasks, seed, varied] of [[150, 1, false], [300, 2, true], [420, 3, true], [250, 4, false], [500, 5, true], [80, 9, true]] as const) {
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
      // The path itself: networkx's when it is the only longest one; on a tie, any path of that length
      // along reduced edges (the tie-break is each tool's own, artifact-formats.md §3.2).
      if (theirs.longestPathCount === 1) assert.deepEqual(ours.criticalPath.tasks, theirs.criticalPath);
      else assertLongestPath(ours, theirs.criticalPathLength);
      unique += theirs.longestPathCount === 1 ? 1 : 0;
    });
  }

  test('at least one plan had a unique longest path, so a path was compared with networkx itself', function () {
    needNetworkx(this);
    assert.ok(unique > 0);
  });
});
