import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runContextOf, runIdOfPath } from '../../../src/core/analysis/runContext';
import { nodeFileSystem } from '../../../src/node/nodeFileSystem';
import { repoRoot } from '../../support/corpus';

const runId = '019bfeb2-a0d4-7091-bd2a-d070b6061cb0';
const otherRun = '019c03dd-7755-774b-95f8-ecf61ecd55af';
const diagnostics = path.join(repoRoot, 'examples', 'workspace', '.artifacts', 'diagnostics');

suite('run context: the costs and drift of the plan\'s own run', () => {
  test("a plan in its run's folder is weighed by that run's schedule, and reads that run's drift", async () => {
    const plan = path.join(diagnostics, runId, 'task_graph_node_link.json');
    assert.equal(runIdOfPath(plan), runId);
    const context = await runContextOf(nodeFileSystem, plan, 1 << 30);
    assert.equal(context.runId, runId);
    assert.equal(context.costs?.runId, runId);
    assert.equal(path.basename(context.costs?.file ?? ''), 'plan_schedule_v1.json');
    assert.equal(context.costs?.costs.size, 60);
    assert.equal(context.drift?.drift.runId, runId);
  });

  test("another run's schedule copied into the folder is not used, not even as the only schedule", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-lens-run-'));
    try {
      const folder = path.join(dir, runId);
      cpSync(path.join(diagnostics, runId), folder, { recursive: true });
      for (const f of ['plan_schedule_v1.json', 'plan_schedule_v1.msgpack']) rmSync(path.join(folder, f));
      writeFileSync(path.join(folder, 'plan_schedule_v1.json'), readFileSync(path.join(diagnostics, otherRun, 'plan_schedule_v1.json')));
      const context = await runContextOf(nodeFileSystem, path.join(folder, 'task_graph_node_link.json'), 1 << 30);
      assert.equal(context.costs, undefined);
      // The msgpack schedule of the right run is read when it is the run's only one.
      cpSync(path.join(diagnostics, runId, 'plan_schedule_v1.msgpack'), path.join(folder, 'plan_schedule_v1.msgpack'));
      const again = await runContextOf(nodeFileSystem, path.join(folder, 'task_graph_node_link.json'), 1 << 30);
      assert.equal(again.costs?.runId, runId);
      assert.equal(path.basename(again.costs?.file ?? ''), 'plan_schedule_v1.msgpack');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('outside a run folder, the folder\'s schedules count only when they name one run; a size limit passes files over', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-lens-run-'));
    try {
      cpSync(path.join(diagnostics, runId, 'task_graph_node_link.json'), path.join(dir, 'task_graph_node_link.json'));
      cpSync(path.join(diagnostics, runId, 'plan_schedule_v1.json'), path.join(dir, 'plan_schedule_v1.json'));
      const plan = path.join(dir, 'task_graph_node_link.json');
      assert.equal((await runContextOf(nodeFileSystem, plan, 1 << 30)).costs?.runId, runId);
      assert.equal((await runContextOf(nodeFileSystem, plan, 10)).costs, undefined);
      cpSync(path.join(diagnostics, otherRun, 'plan_schedule_v1.json'), path.join(dir, 'plan_schedule_other.json'));
      assert.equal((await runContextOf(nodeFileSystem, plan, 1 << 30)).costs, undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
