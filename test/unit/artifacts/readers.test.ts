import * as assert from 'node:assert/strict';
import { encode } from '@msgpack/msgpack';
import { encodeBase64 } from '../../../src/core/text/base64';
import type { ArtifactRecord } from '../../../src/core/artifacts/readArtifact';
import { canonical, readText } from './helpers';

function only(text: string, file: string): ArtifactRecord {
  const a = readText(text, file);
  assert.deepEqual(a.issues, []);
  assert.equal(a.records.length, 1);
  return a.records[0];
}

const b64 = (v: unknown): string => encodeBase64(encode(v));

suite('artifact readers: every field of the spec', () => {
  test('plan_schedule_v1 @C with every optional field', () => {
    const rec = only(
      JSON.stringify({
        kind: 'plan_schedule',
        payload: {
          run_id: 'r', plan_signature: 'p', reduced_plan_signature: 'rp', task_count: 3, ordered_tasks: ['a', 'b', 'c'], generations: [['a'], ['b', 'c']],
          critical_path_tasks: ['a', 'c'], critical_path_length_weighted: 2, task_costs: { a: 1, b: 1, c: 2 }, bottom_level_costs: { a: 3, b: 1, c: 2 }, slack_by_task: { a: 0, b: 1, c: 0 },
          task_centrality: { a: 0.5, b: 0, c: 0 }, task_dominators: { a: null, b: 'a', c: 'a' }, bridge_edges: [['a', 'b'], ['a', 'c']], articulation_tasks: ['a'],
        },
      }),
      'x.json',
    );
    assert.equal(rec.kind, 'plan_schedule_v1');
    if (rec.kind !== 'plan_schedule_v1') return;
    assert.equal(canonical(rec.value.taskDominators), '{"a":null,"b":"a","c":"a"}');
    assert.deepEqual(rec.value.bridgeEdges, [['a', 'b'], ['a', 'c']]);
    assert.deepEqual(rec.value.articulationTasks, ['a']);
    assert.equal(rec.value.taskCentrality?.a, 0.5);
    assert.equal(rec.value.criticalPathLengthWeighted, 2);
  });

  test('Hamilton events: submission (with @C task facts), grouping, expansion, routing', () => {
    const sub = only(JSON.stringify({
      run_id: 'h1', task_id: 'generation_0', purpose: 'execute_block', plan_signature: 'p', reduced_plan_signature: 'rp', plan_task_count: 2,
      execution_task_names: ['a'], admitted_tasks: ['a'], rejected_tasks: ['x'], unknown_tasks: ['y'], critical_path_tasks: ['a'],
      task_facts: [{ task_name: 'a', bottom_level_cost: 3, on_critical_path: true, generation_index: 0, schedule_index: 0, slack: 0, is_bridge_task: false }],
      reduction_edge_count: 1, reduction_removed_edge_count: 0,
    }), 'hamilton_task_submission_v1.json');
    assert.equal(sub.kind, 'run_event');
    if (sub.kind === 'run_event' && sub.value.name === 'hamilton_task_submission_v1') {
      assert.deepEqual([sub.value.rejectedTasks, sub.value.unknownTasks, sub.value.reductionEdgeCount], [['x'], ['y'], 1]);
      assert.equal(canonical(sub.value.taskFacts[0].extra), '{"is_bridge_task":false,"slack":0}');
    } else assert.fail('not a submission');
    const grp = only(JSON.stringify({ run_id: 'h1', plan_signature: 'p', reduced_plan_signature: 'rp', task_ids: ['generation_0', 'level_1'], task_count: 2 }), 'g.json');
    assert.equal(grp.kind === 'run_event' && grp.value.name, 'hamilton_task_grouping_v1');
    const exp = only(JSON.stringify({ run_id: 'h1', plan_signature: 'p', task_id: 't', parameter_keys: ['k1', 'k2'], parameter_count: 2 }), 'e.json');
    assert.equal(exp.kind === 'run_event' && exp.value.name === 'hamilton_task_expansion_v1' && exp.value.parameterCount, 2);
    const rt = only(JSON.stringify({ run_id: null, task_name: 'scan_unit_0213c4559682279d', task_kind: 'scan', task_cost: 12.5, cost_threshold: 10, executor: 'remote', event_time_unix_ms: 5 }), 'rt.json');
    assert.equal(rt.kind === 'run_event' && rt.value.name === 'hamilton_task_routing_v1' && `${rt.value.executor}:${rt.value.taskCost}:${rt.value.runId}`, 'remote:12.5:null');
  });

  test('events-table rows (JSON lines): v1 JSON payload and v2 msgpack payload', () => {
    const payload = { plan_signature: 'p', task_ids: ['generation_0'], task_count: 1 };
    const lines = [
      JSON.stringify({ event_time_unix_ms: 1, run_id: 'h1', event_name: 'hamilton_task_grouping_v1', plan_signature: 'p', reduced_plan_signature: 'rp', event_payload_json: JSON.stringify(payload), event_payload_hash: 'x' }),
      JSON.stringify({ event_time_unix_ms: 2, run_id: 'h1', event_name: 'hamilton_task_grouping_v1', plan_signature: 'p', reduced_plan_signature: 'rp', event_payload_msgpack: b64(payload), event_payload_hash: 'y' }),
    ].join('\n');
    const a = readText(lines, 'events.jsonl');
    assert.deepEqual(a.issues, []);
    assert.equal(a.records.length, 2);
    // run_id comes from the row when the payload lacks it.
    assert.equal(canonical(a.records[0]), canonical(a.records[1]));
    assert.equal(a.records[0].kind === 'run_event' && a.records[0].value.runId, 'h1');
  });

  test('hamilton_plan_drift_v1, plan_expected_tasks_v1, hamilton_plan_events_v1', () => {
    const drift = {
      run_id: 'h1', plan_signature: 'p', reduced_plan_signature: 'rp', plan_task_count: 3, admitted_task_count: 2, admitted_task_coverage_ratio: 0.6666666666666666,
      missing_admitted_tasks: ['c'], unexpected_admitted_tasks: [], plan_generation_count: 2, plan_generations: [0, 1], admitted_generation_count: 1, admitted_generations: [0],
      missing_generations: [1], submission_event_count: 1, grouping_event_count: 1, expansion_event_count: 0,
    };
    const d = only(JSON.stringify(drift), 'hamilton_plan_drift_v1.json');
    assert.equal(d.kind, 'hamilton_plan_drift_v1');
    if (d.kind === 'hamilton_plan_drift_v1') assert.deepEqual([d.value.missingGenerations, d.value.admittedTaskCoverageRatio], [[1], 0.6666666666666666]);
    const e = only(JSON.stringify({ run_id: 'h1', plan_signature: 'p', task_count: 2, tasks: ['a', 'b'] }), 'plan_expected_tasks_v1.json');
    assert.equal(e.kind === 'plan_expected_tasks_v1' && e.value.tasks.length, 2);
    const c = only(JSON.stringify({ run_id: 'h1', plan_signature: 'p', reduced_task_dependency_signature: 'rp', event_counts: { hamilton_task_submission_v1: 4, plan_schedule_v1: 1 } }), 'x.json');
    assert.equal(c.kind === 'hamilton_plan_events_v1' && `${c.value.reducedTaskDependencySignature}:${c.value.eventCounts.hamilton_task_submission_v1}`, 'rp:4');
  });

  test('cache lineage: @C cache_lineage.json and @A JSON-lines rows', () => {
    const row = { cache_key: 'cpg_nodes-0123abcd-eF6zycvPS7UDAAeiAis=', code_version: '0123abcd', data_version: 'dv', dependencies_data_versions: { file_line_index_v1: 'dv_abc' }, error: null, event_count: 2, event_types: ['get_cache_key', 'set_result'], node_name: 'cpg_nodes', plan_signature: 'p', run_id: 'h1', source: 'metadata_store', task_id: null };
    const doc = only(JSON.stringify({ run_id: 'h1', path: '/c/lineage/h1/cache_lineage.json', record_count: 1, error_count: 0, log_count: 3, metadata_count: 1, rows: [{ ...row, semantic_id: 'sem' }] }), 'cache_lineage.json');
    assert.equal(doc.kind, 'hamilton_cache_lineage_v2');
    if (doc.kind === 'hamilton_cache_lineage_v2') assert.deepEqual([doc.value.logCount, doc.value.rows[0].semanticId, doc.value.rows[0].dependenciesDataVersions.file_line_index_v1], [3, 'sem', 'dv_abc']);
    const jl = readText(JSON.stringify(row) + '\n' + JSON.stringify({ ...row, node_name: 'cpg_edges', error: 'boom' }) + '\n', 'lineage/h1.jsonl');
    assert.deepEqual(jl.issues, []);
    assert.deepEqual(jl.records.map((r) => r.kind === 'hamilton_cache_lineage_nodes_v1' && r.value.error), [null, 'boom']);
  });

  test('plan-artifact row v1: JSON columns, lineage, scan units, pins, displays', () => {
    const lineage = { scans: [{ dataset_name: 'repo_files_v1', projected_columns: ['file_id', 'path'], pushed_filters: ['path IS NOT NULL'] }], joins: [{ join_type: 'Inner', left_keys: ['file_id'], right_keys: ['file_id'] }], exprs: [{ kind: 'column', referenced_columns: [['repo_files_v1', 'path']], referenced_udfs: [], text: 'path' }], filters: ['path IS NOT NULL'], required_udfs: ['stable_hash64'], required_rewrite_tags: [], required_columns_by_dataset: { repo_files_v1: ['file_id', 'path'] }, referenced_tables: ['repo_files_v1'] };
    const units = [{ key: 'scan::repo_files_v1::3::937aab666705ab91', dataset_name: 'repo_files_v1', delta_version: 3, candidate_files: ['/ws/delta/repo_files_v1/part-0000.parquet'], pushed_filters: [], projected_columns: ['file_id', 'path'], total_files: 4, candidate_file_count: 1, pruned_file_count: 3, delta_timestamp: null }];
    const row = {
      event_time_unix_ms: 10, profile_name: null, event_kind: 'plan', view_name: 'file_line_index_v1', plan_fingerprint: '326fd10e187cbaf193b6246686a30949e2c2807a078749a405af52e82834081f', plan_identity_hash: 'i', udf_snapshot_hash: 'u', function_registry_hash: 'f',
      required_udfs_json: '["stable_hash64"]', required_rewrite_tags_json: '[]', domain_planner_names_json: '["d"]', delta_inputs_json: '[{"dataset_name":"repo_files_v1","timestamp":null,"version":3}]',
      df_settings_json: '{"datafusion.execution.batch_size":"8192"}', substrait_b64: 'ZXhhbXBsZQ==', logical_plan_display: 'L', optimized_plan_display: 'O', optimized_plan_pgjson: '[]', optimized_plan_graphviz: 'digraph {}', execution_plan_display: null,
      lineage_json: JSON.stringify(lineage), scan_units_json: JSON.stringify(units), scan_keys_json: '["scan::repo_files_v1::3::937aab666705ab91"]', plan_details_json: '{"partition_count":8}',
      function_registry_snapshot_json: '{"functions":[]}', udf_snapshot_json: '{"rewrite_tags":{"hash":["stable_hash64"]},"scalar":["stable_hash64"]}', udf_compatibility_ok: true, udf_compatibility_detail_json: '{"snapshot_match":true}',
      execution_duration_ms: null, execution_status: null, execution_error: null,
    };
    const rec = only(JSON.stringify(row), 'datafusion_plan_artifacts_v1.json');
    assert.equal(rec.kind, 'plan_artifact_row');
    if (rec.kind !== 'plan_artifact_row') return;
    const v = rec.value;
    assert.deepEqual(v.deltaInputs, [{ datasetName: 'repo_files_v1', version: 3, timestamp: null }]);
    assert.deepEqual(v.requiredUdfs, ['stable_hash64']);
    assert.deepEqual(v.domainPlannerNames, ['d']);
    assert.deepEqual(v.rewriteTags, ['hash']);
    assert.equal(v.dfSettings['datafusion.execution.batch_size'], '8192');
    assert.deepEqual(v.scanKeys, ['scan::repo_files_v1::3::937aab666705ab91']);
    assert.deepEqual([v.scanUnits[0].totalFiles, v.scanUnits[0].candidateFileCount, v.scanUnits[0].prunedFileCount, v.scanUnits[0].deltaTimestamp], [4, 1, 3, null]);
    assert.deepEqual(v.lineage?.joins, [{ joinType: 'Inner', leftKeys: ['file_id'], rightKeys: ['file_id'] }]);
    assert.deepEqual(v.lineage?.requiredColumnsByDataset.repo_files_v1, ['file_id', 'path']);
    assert.deepEqual(v.displays, { logicalPlan: 'L', optimizedPlan: 'O', graphviz: 'digraph {}', pgjson: '[]' });
    assert.equal(canonical(v.planDetails), '{"partition_count":8}');
    assert.equal(v.other.substrait_b64, 'ZXhhbXBsZQ==');
    assert.equal(canonical(v.other.udf_compatibility_detail), '{"snapshot_match":true}');
  });

  test('plan-artifact row v10: typed and msgpack columns', () => {
    const row = { event_kind: 'plan', view_name: 'v', plan_fingerprint: 'f', required_udfs: ['u'], required_rewrite_tags: ['t'], domain_planner_names: [], scan_keys: [], df_settings: { k: 'v' }, delta_inputs_msgpack: b64([{ dataset_name: 'cpg_nodes', timestamp: null, version: 1, protocol_compatible: true }]), lineage_msgpack: b64({ scans: [], referenced_tables: ['cpg_nodes'] }), planning_env_hash: 'e', rulepack_hash: null, information_schema_hash: 'i' };
    const rec = only(JSON.stringify(row), 'row.json');
    if (rec.kind !== 'plan_artifact_row') return assert.fail(rec.kind);
    assert.equal(canonical(rec.value.deltaInputs), canonical([{ datasetName: 'cpg_nodes', version: 1, timestamp: null, extra: { protocol_compatible: true } }]));
    assert.deepEqual(rec.value.lineage?.referencedTables, ['cpg_nodes']);
    assert.equal(canonical(rec.value.hashes), '{"information_schema_hash":"i","planning_env_hash":"e"}');
  });

  test('run manifest Delta row: msgpack columns and cache settings', () => {
    const rec = only(JSON.stringify({ run_id: 'run_0123456789', status: 'completed', event_time_unix_ms: 1, plan_signature: 'p', plan_fingerprints: { v: 'f' }, delta_inputs_msgpack: b64([{ dataset_name: 'd', version: 2, timestamp: null }]), outputs_msgpack: b64([{ name: 'cpg_nodes', delta_version: 4, rows: 9 }]), artifact_ids: { plan_schedule: 'a' }, runtime_profile_name: 'default', runtime_profile_hash: 'h', determinism_tier: 'strict', output_dir: '/o', cache_path: '/c', cache_log_glob: '/c/*.jsonl', cache_policy_profile: 'default', cache_log_enabled: true, materialized_outputs_msgpack: b64(['cpg_nodes']) }), 'run_manifest.json');
    if (rec.kind !== 'run_manifest') return assert.fail(rec.kind);
    const m = rec.value;
    assert.deepEqual(m.deltaInputs, [{ datasetName: 'd', version: 2, timestamp: null }]);
    assert.deepEqual(m.outputs, [{ name: 'cpg_nodes', deltaVersion: 4, rows: 9 }]);
    assert.deepEqual([m.cachePath, m.cacheLogGlob, m.cachePolicyProfile, m.cacheLogEnabled], ['/c', '/c/*.jsonl', 'default', true]);
    assert.deepEqual(m.materializedOutputs, ['cpg_nodes']);
  });

  test('CLI plan output with envelopes (the pipeline form)', () => {
    const cli = { plan_signature: 'p', reduced_plan_signature: 'rp', task_count: 2, graph: { dot: 'digraph { 0 ; 1 ; 0 -> 1 ; }', critical_path: ['a', 'b'], critical_path_length: 110.0 }, schedule: { kind: 'plan_schedule', payload: { run_id: 'r', plan_signature: 'p', ordered_tasks: ['a', 'b'], generations: [['a'], ['b']] } }, validation: { kind: 'plan_validation', payload: { run_id: 'r', plan_signature: 'p', total_tasks: 2, valid_tasks: 2 } }, inferred_deps: { b: ['a'] }, task_graph: { nodes: ['a', 'b'], edges: [['a', 'b']] } };
    const rec = only(JSON.stringify(cli), 'plan.json');
    if (rec.kind !== 'cli_plan') return assert.fail(rec.kind);
    assert.deepEqual(rec.value.schedule?.generations, [['a'], ['b']]);
    assert.equal(rec.value.validation?.validTasks, 2);
    assert.equal(rec.value.criticalPathLength, 110);
  });

  test('DOT with indices, attributes and quoted ids', () => {
    const rec = only('digraph {\n0 ;\n1 ;\n"x y" [label="x"];\n0 -> 1 ;\n1 -> "x y" ;\n}\n', 'diagnostics.dot');
    assert.deepEqual(rec, { kind: 'dot', value: { nodes: ['0', '1', 'x y'], edges: [['0', '1'], ['1', 'x y']] } });
  });
});
