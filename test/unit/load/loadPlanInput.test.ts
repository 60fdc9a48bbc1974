import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { needCorpus } from '../../support/corpus';
import { loadPlanInput } from '../../../src/core/load/loadPlanInput';
import { generateSample } from '../../../src/core/sample/generateSample';
import { memoryFs } from '../../support/memoryFileSystem';

/** The worked example of artifact-formats.md §2.3, completed. */
const NODE_LINK = {
  directed: true, multigraph: false, attrs: { label: 'relspec' },
  nodes: [
    { id: 0, data: { kind: 'evidence', name: 'file_line_index_v1' } },
    { id: 1, data: { kind: 'evidence', name: 'repo_files_v1' } },
    { id: 2, data: { kind: 'evidence', name: 'scan_unit_0213c4559682279d', scan_candidate_file_count: '2', scan_dataset_name: 'repo_files_v1', scan_delta_version: '3', scan_unit_key: 'scan::repo_files_v1::3::937aab666705ab91' } },
    { id: 3, data: { inputs: '["repo_files_v1"]', kind: 'task', name: 'file_line_index_v1', output: 'file_line_index_v1', priority: '100', sources: '["repo_files_v1", "scan_unit_0213c4559682279d"]', task_kind: 'view' } },
    { id: 4, data: { inputs: '[]', kind: 'task', name: 'scan_unit_0213c4559682279d', output: 'scan_unit_0213c4559682279d', priority: '10', sources: '[]', task_kind: 'scan' } },
  ],
  links: [
    { source: 1, target: 3, id: 0, data: { inferred: 'true', kind: 'requires', name: 'repo_files_v1', plan_fingerprint: '326fd10e187cbaf193b6246686a30949e2c2807a078749a405af52e82834081f', required_columns: '["file_id", "path"]', required_metadata: '[]', required_types: '[{"name": "file_id", "type": "string"}, {"name": "path", "type": "string"}]' } },
    { source: 2, target: 3, id: 1, data: { inferred: 'true', kind: 'requires', name: 'scan_unit_0213c4559682279d', plan_fingerprint: '326fd10e187cbaf193b6246686a30949e2c2807a078749a405af52e82834081f', required_columns: '[]', required_metadata: '[]', required_types: '[]' } },
    { source: 3, target: 0, id: 2, data: { inferred: 'true', kind: 'produces', name: 'file_line_index_v1', plan_fingerprint: '326fd10e187cbaf193b6246686a30949e2c2807a078749a405af52e82834081f', required_columns: '[]', required_metadata: '[]', required_types: '[]' } },
    { source: 4, target: 2, id: 3, data: { inferred: 'true', kind: 'produces', name: 'scan_unit_0213c4559682279d', plan_fingerprint: '62e664c3be015e3717f9164a5647e91fe258fb7663c645476d661e8f00fd7e4a', required_columns: '[]', required_metadata: '[]', required_types: '[]' } },
  ],
};

suite('loadPlanInput', () => {
  test('a node-link graph: tasks, evidence, edges with required columns, dependencies with their evidence', async () => {
    const loaded = await loadPlanInput(memoryFs({ '/w/task_graph_node_link.json': JSON.stringify(NODE_LINK) }), '/w/task_graph_node_link.json');
    assert.deepEqual(loaded.issues, []);
    const m = loaded.model;
    assert.deepEqual(m.tasks.map((t) => [t.name, t.kind, t.priority, t.planFingerprint?.slice(0, 8)]), [['file_line_index_v1', 'view', 100, '326fd10e'], ['scan_unit_0213c4559682279d', 'scan', 10, '62e664c3']]);
    assert.equal(m.evidence.find((e) => e.scanUnitKey !== undefined)?.scanDeltaVersion, 3);
    assert.deepEqual(m.edges[0].requiredTypes, [{ name: 'file_id', type: 'string' }, { name: 'path', type: 'string' }]);
    assert.deepEqual(m.dependencies, [{ from: 'scan_unit_0213c4559682279d', to: 'file_line_index_v1', evidence: ['scan_unit_0213c4559682279d'] }]);
  });

  test('task_graph_diagnostics_v2: embedded node-link, runtime hash, signatures, recorded task signatures', async () => {
    const diag = { run_id: 'h1', plan_signature: 'p', task_dependency_signature: 'td', reduced_task_dependency_signature: 'rtd', session_runtime_hash: 'r'.repeat(64), node_link_json: JSON.stringify(NODE_LINK), dot: 'digraph {\n0 ;\n}\n', plan_fingerprints: { file_line_index_v1: 'fp' }, plan_task_signatures: { file_line_index_v1: 'dec633bd' }, critical_path_task_names: ['scan_unit_0213c4559682279d', 'file_line_index_v1'], missing_tasks: [] };
    const loaded = await loadPlanInput(memoryFs({ '/w/task_graph_diagnostics_v2.json': JSON.stringify(diag) }), '/w/task_graph_diagnostics_v2.json');
    assert.deepEqual(loaded.issues, []);
    const m = loaded.model;
    assert.deepEqual([m.planSignature, m.reducedPlanSignature, m.taskDependencySignature, m.runtime?.sessionRuntimeHash], ['p', 'rtd', 'td', 'r'.repeat(64)]);
    assert.equal(m.tasks.length, 2);
    assert.equal(m.tasks.find((t) => t.name === 'file_line_index_v1')?.planTaskSignature, 'dec633bd');
    assert.equal(m.dot, 'digraph {\n0 ;\n}\n');
  });

  test('one golden schedule: tasks from the schedule, no issues', function () {
    const dir = needCorpus(this, 'codeanatomy');
    const file = path.join(dir, 'plan_schedule_artifact.envelope.msgpack.b64');
    return loadPlanInput(memoryFs({ [file]: readFileSync(file) }), file).then((loaded) => {
      assert.equal(loaded.input, 'artifact');
      assert.deepEqual(loaded.issues, []);
      assert.deepEqual(loaded.model.tasks.map((t) => t.name), ['task_a', 'task_b', 'task_c']);
      assert.equal(loaded.model.planSignature, 'sig-1');
      assert.equal(loaded.model.reducedPlanSignature, 'sig-1:reduced');
    });
  });

  test('a pipeline Delta table directory on its own', async () => {
    const files: Record<string, Uint8Array> = {};
    for (const f of generateSample({ tasks: 10, runs: 1, seed: 2 })) files[`/ws/${f.path}`] = f.bytes;
    const loaded = await loadPlanInput(memoryFs(files), '/ws/.artifacts/datafusion_hamilton_events_v1');
    assert.deepEqual(loaded.issues.filter((i) => i.severity === 'error'), []);
    assert.equal(loaded.model.runs.length, 1);
    assert.ok(loaded.model.runs[0].events.length > 0);
  });

  test('a directory reports its progress before each file it reads, out of all it found', async () => {
    const files: Record<string, Uint8Array> = {};
    for (const f of generateSample({ tasks: 10, runs: 1, seed: 2 })) files[`/ws/${f.path}`] = f.bytes;
    const calls: [number, number][] = [];
    const loaded = await loadPlanInput(memoryFs(files), '/ws', { onProgress: (done, total) => calls.push([done, total]) });
    const total = calls[0]?.[1] ?? 0;
    assert.ok(total > 1);
    assert.deepEqual(calls, Array.from({ length: total }, (_, i) => [i, total]));
    assert.ok(total >= loaded.files.length);
  });

  test('nothing at the path', async () => {
    const loaded = await loadPlanInput(memoryFs({}), '/nope');
    assert.deepEqual([loaded.input, loaded.issues.map((i) => i.code)], ['missing', ['file-not-found']]);
  });
});
