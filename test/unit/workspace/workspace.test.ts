import * as assert from 'node:assert/strict';
import { ArtifactWorkspace, discoverArtifacts, type FileWatcher } from '../../../src/core/workspace/workspace';
import { globToRegExp } from '../../../src/core/workspace/glob';
import { memoryFs } from '../artifacts/helpers';

const sched = (runId: string, tasks: string[]): string => JSON.stringify({ kind: 'plan_schedule', payload: { run_id: runId, plan_signature: 'p', ordered_tasks: tasks, generations: tasks.map((t) => [t]) } });

suite('workspace discovery', () => {
  test('globs: **, *, ?, alternatives', () => {
    assert.ok(globToRegExp('**/*.json').test('a.json'));
    assert.ok(globToRegExp('**/*.json').test('x/y/a.json'));
    assert.ok(!globToRegExp('*.json').test('x/a.json'));
    assert.ok(globToRegExp('build/**').test('build/a/b'));
    assert.ok(globToRegExp('a?c.{json,dot}').test('abc.dot'));
    assert.ok(!globToRegExp('a?c.{json,dot}').test('abc.txt'));
  });

  test('default globs find the .artifacts/ and build/ layouts and skip Delta logs and caches', async () => {
    const fs = memoryFs({
      '/ws/.artifacts/diagnostics/r1/plan_schedule_v1.json': sched('r1', ['a']),
      '/ws/.artifacts/diagnostics/r1/task_graph.dot': 'digraph { }',
      '/ws/build/run_bundle/r1/run_manifest.json': JSON.stringify({ run_id: 'r1', status: 'completed', plan_signature: 'p' }),
      '/ws/build/hamilton_cache/lineage/r1.jsonl': '',
      '/ws/build/delta/t/_delta_log/00000000000000000000.json': '{}',
      '/ws/node_modules/x/plan_schedule_v1.json': '{}',
      '/ws/src/unrelated.json': '{}',
      '/ws/out.planlens.json': '{}',
    });
    const d = await discoverArtifacts(fs, '/ws');
    assert.deepEqual(d.files, [
      '/ws/.artifacts/diagnostics/r1/plan_schedule_v1.json',
      '/ws/.artifacts/diagnostics/r1/task_graph.dot',
      '/ws/build/hamilton_cache/lineage/r1.jsonl',
      '/ws/build/run_bundle/r1/run_manifest.json',
      '/ws/out.planlens.json',
    ]);
    const custom = await discoverArtifacts(fs, '/ws', { include: ['src/*.json'] });
    assert.deepEqual(custom.files, ['/ws/src/unrelated.json']);
  });

  test('runs are grouped, and a change re-reads only the changed file', async () => {
    const fs = memoryFs({
      '/ws/.artifacts/r1/plan_schedule_v1.json': sched('r1', ['a', 'b']),
      '/ws/build/run_bundle/r1/run_manifest.json': JSON.stringify({ run_id: 'r1', status: 'completed', plan_signature: 'p' }),
      '/ws/.artifacts/r1/hamilton_plan_drift_v1.json': JSON.stringify({ run_id: 'h-1', plan_signature: 'p', admitted_task_coverage_ratio: 1 }),
    });
    const ws = new ArtifactWorkspace(fs, '/ws');
    const first = await ws.scan();
    assert.deepEqual(first.model.runs.map((r) => [r.runId, r.aliasRunIds]), [['r1', ['h-1']]]);
    assert.deepEqual(first.model.tasks.map((t) => t.name), ['a', 'b']);
    let listener: ((paths: readonly string[]) => void) | undefined;
    const watcher: FileWatcher = { watch: (_root, on) => ((listener = on), { dispose: () => (listener = undefined) }) };
    const rebuilt = new Promise<number>((resolve) => ws.watch(watcher, (m) => resolve(m.model.tasks.length)));
    fs.files['/ws/.artifacts/r1/plan_schedule_v1.json'] = new TextEncoder().encode(sched('r1', ['a', 'b', 'c']));
    fs.reads.length = 0;
    assert.ok(listener !== undefined);
    listener(['/ws/.artifacts/r1/plan_schedule_v1.json', '/ws/src/not-an-artifact.txt']);
    assert.equal(await rebuilt, 3);
    assert.deepEqual(fs.reads, ['/ws/.artifacts/r1/plan_schedule_v1.json']);
    assert.equal(ws.model?.model.tasks.length, 3);
    delete fs.files['/ws/.artifacts/r1/plan_schedule_v1.json'];
    const gone = await ws.refresh(['/ws/.artifacts/r1/plan_schedule_v1.json']);
    assert.equal(gone.model.schedule, undefined);
  });
});
