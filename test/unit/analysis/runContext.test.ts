import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runContextOf, runIdOfPath } from '../../../src/core/analysis/runContext';
import { nodeFileSystem } from '../../../src/node/nodeFileSystem';
import { repoRoot } from '../../support/corpus';

const runId = '019bfeb2-a0d4-7091-bd2a-d070b6061cb0';
const otherRun = '019c03dd-7755-774b-95f8-ecf61ecd55af';
const diagnostics = path.join(repoRoot, 'examples', 'workspace', '.artifacts', 'diagnostics');
const plan = 'task_graph_node_link.json';

/** A scratch run folder named `folderName` holding the sample plan and the given files of the two sample runs. */
function scratchRun(folderName: string, files: ReadonlyArray<readonly [run: string, name: string, as?: string]>): { dir: string; plan: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-lens-run-'));
  const folder = path.join(dir, folderName);
  mkdirSync(folder);
  cpSync(path.join(diagnostics, runId, plan), path.join(folder, plan));
  for (const [run, name, as] of files) writeFileSync(path.join(folder, as ?? name), readFileSync(path.join(diagnostics, run, name)));
  return { dir, plan: path.join(folder, plan) };
}

suite("run context: the costs, drift and cache status of the plan's own run", () => {
  test("a plan in its run's folder is weighed by that run's schedule, and reads that run's drift and cache lineage", async () => {
    const file = path.join(diagnostics, runId, plan);
    assert.equal(runIdOfPath(file), runId);
    const context = await runContextOf(nodeFileSystem, file, 1 << 30);
    assert.equal(context.runId, runId);
    assert.equal(context.costs?.runId, runId);
    assert.equal(path.basename(context.costs?.file ?? ''), 'plan_schedule_v1.json');
    assert.equal(context.costs?.costs.size, 60);
    assert.equal(context.noCosts, undefined);
    assert.equal(context.drift?.drift.runId, runId);
    // The first run found the cache cold: every node executed.
    assert.equal(path.basename(context.cache?.file ?? ''), `${runId}.jsonl`);
    assert.equal(context.cache?.nodes.size, 60);
    assert.ok([...(context.cache?.nodes.values() ?? [])].every((s) => s.status === 'executed' && /no earlier entry/.test(s.reason)));
    assert.ok(context.files.some((f) => f.endsWith('plan_schedule_v1.json')));
  });

  test('the second run hits the cache written by the first, and says why the others missed', async () => {
    const context = await runContextOf(nodeFileSystem, path.join(diagnostics, otherRun, plan), 1 << 30);
    const statuses = [...(context.cache?.nodes.values() ?? [])];
    const hits = statuses.filter((s) => s.status === 'hit');
    // Counts of the regenerated sample (plan-lens sample --tasks 60 --runs 2 --seed 1), whose second run
    // pins ast_files_v1 one version later: its three scan tasks are new, so they and their readers miss.
    assert.equal(statuses.length, 52);
    assert.ok(hits.length === 25 && hits.every((s) => s.reason === 'cache hit: identical cache_key already in the metadata store (written by run 1)'), JSON.stringify(hits[0]));
    assert.equal(statuses.filter((s) => /code_version changed/.test(s.reason)).length, 1);
    assert.ok(statuses.some((s) => /data_version of dependency '.+' changed/.test(s.reason)));
    assert.equal(statuses.filter((s) => /no earlier entry for this node/.test(s.reason)).length, 4);
    assert.ok(statuses.some((s) => /dependency 'scan_unit_[0-9a-f]+' removed; dependency 'scan_unit_[0-9a-f]+' added/.test(s.reason)));
  });

  test("another run's schedule in the folder is not used, not even as the only one; the run's own msgpack schedule is", async () => {
    const copied = scratchRun(runId, [[otherRun, 'plan_schedule_v1.json']]);
    try {
      const context = await runContextOf(nodeFileSystem, copied.plan, 1 << 30);
      assert.equal(context.costs, undefined);
      assert.equal(context.noCosts, `no schedule of this run found (plan_schedule_v1.json is of run ${otherRun})`);
      writeFileSync(path.join(path.dirname(copied.plan), 'plan_schedule_v1.msgpack'), readFileSync(path.join(diagnostics, runId, 'plan_schedule_v1.msgpack')));
      const again = await runContextOf(nodeFileSystem, copied.plan, 1 << 30);
      assert.equal(again.costs?.runId, runId);
      assert.equal(path.basename(again.costs?.file ?? ''), 'plan_schedule_v1.msgpack');
      assert.equal(again.costs?.costs.size, 60);
    } finally {
      rmSync(copied.dir, { recursive: true, force: true });
    }
  });

  test("a msgpack schedule of another run beside the run's own JSON one is passed over", async () => {
    const mixed = scratchRun(runId, [[otherRun, 'plan_schedule_v1.msgpack'], [runId, 'plan_schedule_v1.json']]);
    try {
      const context = await runContextOf(nodeFileSystem, mixed.plan, 1 << 30);
      assert.equal(path.basename(context.costs?.file ?? ''), 'plan_schedule_v1.json');
      assert.equal(context.costs?.runId, runId);
    } finally {
      rmSync(mixed.dir, { recursive: true, force: true });
    }
  });

  test("outside its run's folder no schedule applies, whatever the folder holds; a size limit passes files over", async () => {
    const elsewhere = scratchRun('copied-plans', [[runId, 'plan_schedule_v1.json'], [runId, 'hamilton_plan_drift_v1.json']]);
    try {
      const context = await runContextOf(nodeFileSystem, elsewhere.plan, 1 << 30);
      assert.equal(context.runId, 'copied-plans');
      assert.equal(context.costs, undefined);
      assert.match(context.noCosts ?? '', new RegExp(`plan_schedule_v1\\.json is of run ${runId}`));
      assert.equal(context.drift, undefined);
    } finally {
      rmSync(elsewhere.dir, { recursive: true, force: true });
    }
    const ownFolder = scratchRun(runId, [[runId, 'plan_schedule_v1.json']]);
    try {
      assert.equal((await runContextOf(nodeFileSystem, ownFolder.plan, 1 << 30)).costs?.runId, runId);
      const limited = await runContextOf(nodeFileSystem, ownFolder.plan, 100);
      assert.deepEqual([limited.costs, limited.noCosts], [undefined, 'no schedule of this run found']);
    } finally {
      rmSync(ownFolder.dir, { recursive: true, force: true });
    }
  });
});
