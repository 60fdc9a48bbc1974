import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { needCorpus } from '../../support/corpus';
import { decodeBytes } from '../../../src/core/artifacts/decode';
import { canonical, readGolden } from './helpers';

/**
 * The plan_artifact_row goldens are not twins: in the msgpack one, `substrait_msgpack` wraps the bytes in
 * `{data: bin}` and `logical_plan_proto_msgpack` is set, where the JSON one has raw bytes and null. Every
 * other column must agree.
 */
const KNOWN_DIFFERENT: Record<string, readonly string[]> = { plan_artifact_row: ['substrait_msgpack', 'logical_plan_proto_msgpack'] };

function without(v: unknown, keys: readonly string[]): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !keys.includes(k)));
}

const PAIRS = ['plan_schedule_artifact', 'plan_schedule_artifact.envelope', 'plan_validation_artifact', 'plan_validation_artifact.envelope', 'run_manifest', 'run_manifest.envelope', 'plan_artifact_row'];

suite('artifact readers on the pipeline goldens', () => {
  for (const name of PAIRS) {
    test(`${name}: the JSON and the msgpack .b64 decode to the same values and records`, function () {
      const dir = needCorpus(this, 'codeanatomy');
      const jsonBytes = readFileSync(path.join(dir, `${name}.json`));
      const mpBytes = readFileSync(path.join(dir, `${name}.msgpack.b64`));
      const j = decodeBytes(jsonBytes, `${name}.json`);
      const m = decodeBytes(mpBytes, `${name}.msgpack.b64`);
      assert.deepEqual(j.issues, []);
      assert.deepEqual(m.issues, []);
      assert.equal(m.format, 'msgpack');
      const skip = KNOWN_DIFFERENT[name] ?? [];
      assert.equal(canonical(without(m.value, skip)), canonical(without(j.value, skip)));
      for (const k of skip) assert.notEqual(canonical((m.value as Record<string, unknown>)[k]), canonical((j.value as Record<string, unknown>)[k]), k);
      if (skip.length > 0) return;
      const rj = readGolden(dir, `${name}.json`);
      const rm = readGolden(dir, `${name}.msgpack.b64`);
      assert.deepEqual(rj.issues, []);
      assert.deepEqual(rm.issues, []);
      assert.equal(rj.records.length, 1);
      assert.equal(canonical(rm.records), canonical(rj.records));
    });
  }

  test('plan_schedule_artifact: every field as recorded, metadata derived', function () {
    const dir = needCorpus(this, 'codeanatomy');
    const [rec] = readGolden(dir, 'plan_schedule_artifact.envelope.msgpack.b64').records;
    assert.equal(rec.kind, 'plan_schedule_v1');
    if (rec.kind !== 'plan_schedule_v1') return;
    const s = rec.value;
    assert.equal(s.runId, 'run_01HZX4J3C8F8M2KQ');
    assert.equal(s.reducedPlanSignature, 'sig-1:reduced');
    assert.deepEqual(s.generations, [['task_a'], ['task_b', 'task_c']]);
    assert.deepEqual(s.criticalPathTasks, ['task_a', 'task_c']);
    assert.equal(s.criticalPathLengthWeighted, 3.5);
    assert.deepEqual({ ...s.taskCosts }, { task_a: 1, task_b: 1.5, task_c: 2 });
    assert.deepEqual({ ...s.slackByTask }, { task_a: 0, task_b: 1, task_c: 0 });
    // Absent at their defaults in the golden.
    assert.equal(s.taskCentrality, null);
    assert.deepEqual(s.bridgeEdges, []);
    assert.deepEqual(s.metadata.task_c, { scheduleIndex: 2, generationIndex: 1, generationOrder: 1, generationSize: 2 });
  });

  test('plan_validation_artifact: the invalid edge input_x -> task_b missing col_x:Utf8', function () {
    const dir = needCorpus(this, 'codeanatomy');
    const [rec] = readGolden(dir, 'plan_validation_artifact.msgpack.b64').records;
    assert.equal(rec.kind, 'plan_validation_v1');
    if (rec.kind !== 'plan_validation_v1') return;
    assert.equal(rec.value.invalidEdges, 1);
    const edge = rec.value.taskResults[1].edgeResults[0];
    assert.deepEqual([edge.sourceName, edge.targetTask, edge.isValid], ['input_x', 'task_b', false]);
    assert.deepEqual(edge.missingTypes, [{ column: 'col_x', dtype: 'Utf8' }]);
  });

  test('run_manifest: artifact ids, outputs, delta inputs', function () {
    const dir = needCorpus(this, 'codeanatomy');
    const [rec] = readGolden(dir, 'run_manifest.envelope.msgpack.b64').records;
    assert.equal(rec.kind, 'run_manifest');
    if (rec.kind !== 'run_manifest') return;
    const m = rec.value;
    assert.equal(m.status, 'completed');
    assert.equal(m.eventTimeUnixMs, 1735689600000);
    assert.equal(m.artifactIds.plan_schedule, 'schedule-1');
    assert.deepEqual(m.deltaInputs, [{ datasetName: 'cpg_nodes', version: 1, timestamp: null }]);
    assert.deepEqual(m.outputs, [{ name: 'cpg_nodes', path: '/tmp/out/cpg_nodes', deltaVersion: 1, rows: 10 }]);
    assert.equal(m.cachePath, null);
  });

  test('plan_artifact_row: msgpack columns decoded into the view plan', function () {
    const dir = needCorpus(this, 'codeanatomy');
    const a = readGolden(dir, 'plan_artifact_row.json');
    // Its scan_units_msgpack is [{name: "scan-1"}], not a ScanUnit: key and dataset_name are reported missing.
    assert.deepEqual(a.issues.map((i) => [i.code, i.location.pointer]), [['missing-field', '/scan_units/0'], ['missing-field', '/scan_units/0']]);
    const [rec] = a.records;
    assert.equal(rec.kind, 'plan_artifact_row');
    if (rec.kind !== 'plan_artifact_row') return;
    const v = rec.value;
    assert.equal(v.viewName, 'example_view');
    assert.deepEqual(v.deltaInputs, [{ datasetName: 'cpg_nodes', version: 1, timestamp: null }]);
    assert.deepEqual(v.scanKeys, ['scan_key_1']);
    assert.deepEqual(v.requiredUdfs, ['udf_a']);
    assert.deepEqual({ ...v.dfSettings }, { execution_mode: 'test' });
    assert.equal(canonical(v.planDetails), '{"mode":"test"}');
    assert.equal(canonical(v.other.plan_signals), '{"stats":{"num_rows":1}}');
    assert.equal(v.other.substrait, 'c3Vic3RyYWl0'); // the bin payload "substrait", kept as base64
    assert.deepEqual(v.hashes.information_schema_hash, 'info-hash');
    assert.equal(v.lineage?.scans.length, 0);
    assert.equal(v.udfCompatibilityOk, true);
    assert.equal(canonical(v.other.udf_compatibility_detail), '{"status":"ok"}');
  });

  test('cli_plan_output.json: signatures, task graph, the fixture\'s reduced schedule and validation', function () {
    const dir = needCorpus(this, 'codeanatomy');
    const a = readGolden(dir, 'cli_plan_output.json');
    assert.deepEqual(a.issues, []);
    const [rec] = a.records;
    assert.equal(rec.kind, 'cli_plan');
    if (rec.kind !== 'cli_plan') return;
    const c = rec.value;
    assert.equal(c.planSignature, 'plan-123');
    assert.equal(c.reducedPlanSignature, 'plan-123-reduced');
    assert.deepEqual(c.nodes, ['a', 'b', 'c']);
    assert.deepEqual(c.edges, [['a', 'b'], ['b', 'c']]);
    assert.deepEqual(c.schedule?.orderedTasks, ['a', 'b', 'c']);
    assert.equal(c.validationOk, true);
    assert.equal(c.dot, 'digraph { a -> b; b -> c; }');
    assert.deepEqual(c.criticalPath, ['a', 'b', 'c']);
    assert.equal(c.criticalPathLength, 3);
    assert.deepEqual({ ...c.inferredDeps }, { b: ['a'], c: ['b'] });
  });

  test('cli_plan_output.dot: names as node ids', function () {
    const dir = needCorpus(this, 'codeanatomy');
    const a = readGolden(dir, 'cli_plan_output.dot');
    assert.deepEqual(a.issues, []);
    assert.deepEqual(a.records[0], { kind: 'dot', value: { nodes: ['a', 'b', 'c'], edges: [['a', 'b'], ['b', 'c']] } });
  });
});
