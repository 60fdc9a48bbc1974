import * as assert from 'node:assert/strict';
import { discoverArtifacts } from '../../../src/core/workspace/workspace';
import { GlobSet } from '../../../src/core/workspace/glob';
import { memoryFs } from '../../support/memoryFileSystem';

const sched = (runId: string, tasks: string[]): string => JSON.stringify({ kind: 'plan_schedule', payload: { run_id: runId, plan_signature: 'p', ordered_tasks: tasks, generations: tasks.map((t) => [t]) } });

suite('workspace discovery', () => {
  test('globs: **, *, ?, alternatives, character classes and escapes; dot folders match like any name', () => {
    const m = (glob: string, path: string): boolean => new GlobSet([glob]).matches(path);
    assert.ok(m('**/*.json', 'a.json'));
    assert.ok(m('**/*.json', 'x/y/a.json'));
    assert.ok(m('**/*.json', '.artifacts/r/a.json'));
    assert.ok(!m('*.json', 'x/a.json'));
    assert.ok(m('build/**', 'build/a/b'));
    assert.ok(m('a?c.{json,dot}', 'abc.dot'));
    assert.ok(!m('a?c.{json,dot}', 'abc.txt'));
    assert.ok(m('run_[0-9].json', 'run_7.json'));
    assert.ok(!m('run_[0-9].json', 'run_x.json'));
    assert.ok(m('run_[^0-9].json', 'run_x.json'));
    assert.ok(m('odd\\*name.json', 'odd*name.json'));
    assert.ok(!m('odd\\*name.json', 'oddXname.json'));
    assert.ok(m('\\{a,b\\}.json', '{a,b}.json'));
    assert.ok(!new GlobSet([]).matches('a.json'));
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
});
