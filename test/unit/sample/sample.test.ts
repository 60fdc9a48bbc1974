import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parquetReadObjects } from 'hyparquet';
import { generateSample, PLAN_ARTIFACT_ROWS_PER_PART, PLAN_ARTIFACTS_TABLE, sampleFiles } from '../../../src/core/sample/generateSample';
import { artifactEnvelopeId } from '../../../src/core/identity/envelopes';
import type { Plain } from '../../../src/core/json/decodedValue';
import { Dag } from '../../../src/core/graph/dag';
import { nodeSha256 } from '../../../src/node/nodeSha256';
import { topologicalOrder } from '../../../src/core/graph/topologicalOrder';
import { transitiveReduction } from '../../../src/core/graph/transitiveReduction';
import { scanTaskName } from '../../../src/core/identity/scanUnits';
import { planFingerprint, substraitHash, settingsHash } from '../../../src/core/identity/fingerprints';
import { sha256Hex } from '../../../src/core/identity/hash';
import { repoRoot } from '../../support/corpus';
import { readArtifactBytes } from '../../../src/core/artifacts/readArtifact';
import { recordedTaskCosts } from '../../../src/core/analysis/recordedCosts';
import { analyzeNodeLinkText } from '../../../src/core/analysis/analyzePlan';
import type { SampleFile } from '../../../src/core/sample/sampleFile';

const EXAMPLE = path.join(repoRoot, 'examples', 'workspace');

function walk(dir: string, base = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const rel = base === '' ? name : `${base}/${name}`;
    return statSync(path.join(dir, name)).isDirectory() ? walk(path.join(dir, name), rel) : [rel];
  });
}

interface NodeLink {
  nodes: { id: number; data: Record<string, string> }[];
  links: { source: number; target: number; id: number; data: Record<string, string> }[];
}

function checkGraph(text: string): void {
  const g = JSON.parse(text) as NodeLink;
  const ids = new Set(g.nodes.map((n) => n.id));
  g.nodes.forEach((n, i) => assert.equal(n.id, i));
  for (const n of g.nodes) for (const x of Object.values(n.data)) assert.equal(typeof x, 'string');
  for (const l of g.links) {
    assert.ok(ids.has(l.source) && ids.has(l.target), `link ${l.id} references a missing node`);
    const kinds = [g.nodes[l.source].data.kind, g.nodes[l.target].data.kind];
    assert.deepEqual(kinds, l.data.kind === 'requires' ? ['evidence', 'task'] : ['task', 'evidence']);
  }
  // Kahn's algorithm over the bipartite graph: every node is ordered iff it is a DAG.
  const indeg = new Map(g.nodes.map((n) => [n.id, 0]));
  for (const l of g.links) indeg.set(l.target, indeg.get(l.target)! + 1);
  const ready = [...indeg].filter(([, d]) => d === 0).map(([id]) => id);
  let seen = 0;
  while (ready.length > 0) {
    const id = ready.pop()!;
    seen++;
    for (const l of g.links) if (l.source === id && indeg.set(l.target, indeg.get(l.target)! - 1).get(l.target) === 0) ready.push(l.target);
  }
  assert.equal(seen, g.nodes.length, 'the task graph has a cycle');
  for (const n of g.nodes) {
    if (n.data.kind === 'evidence' && n.data.scan_unit_key !== undefined) assert.equal(n.data.name, scanTaskName(n.data.scan_unit_key));
    if (n.data.task_kind === 'scan') assert.match(n.data.name, /^scan_unit_[0-9a-f]{16}$/);
  }
}

const byPath = (files: ReturnType<typeof generateSample>, suffix: string) => files.filter((f) => f.path.endsWith(suffix));
const text = (b: Uint8Array) => new TextDecoder().decode(b);

suite('sample generator', () => {
  test('reproduces the committed examples/workspace byte for byte', () => {
    const files = generateSample({ tasks: 60, runs: 2, seed: 1 });
    const onDisk = walk(EXAMPLE).filter((p) => p !== 'README.md').sort();
    assert.deepEqual(onDisk, files.map((f) => f.path).sort());
    for (const f of files) assert.ok(Buffer.from(f.bytes).equals(readFileSync(path.join(EXAMPLE, f.path))), `${f.path} differs; regenerate with the command in examples/workspace/README.md`);
  });

  test('any seed and size: a DAG whose links reference existing nodes, scan names follow the key rule, equal seeds give equal bytes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 70 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 0xffffffff }), (tasks, runs, seed) => {
        const a = generateSample({ tasks, runs, seed });
        const b = generateSample({ tasks, runs, seed });
        assert.deepEqual(a.map((f) => f.path), b.map((f) => f.path));
        a.forEach((f, i) => assert.ok(Buffer.from(f.bytes).equals(Buffer.from(b[i].bytes)), f.path));
        const graphs = byPath(a, 'task_graph_node_link.json');
        assert.equal(graphs.length, runs);
        checkGraph(text(graphs[0].bytes));
        const g = JSON.parse(text(graphs[0].bytes)) as NodeLink;
        assert.equal(g.nodes.filter((n) => n.data.kind === 'task').length, tasks);
      }),
      { numRuns: 8 },
    );
  });

  test('recorded identities recompute: fingerprints from plan-artifact rows, envelope ids, stale pin', async () => {
    const files = generateSample({ tasks: 40, runs: 2, seed: 5 });
    const parts = files.filter((f) => f.path.startsWith('.artifacts/datafusion_plan_artifacts_v1/part-'));
    // Each run's rows carry that run's plan: the later run pins one dataset a version later, so the views
    // reading it have another fingerprint there (planChange.ts).
    const fingerprintsOf = (file: SampleFile): Map<string, string> => {
      const graph = JSON.parse(text(file.bytes)) as NodeLink;
      return new Map(graph.links.filter((l) => l.data.kind === 'produces').map((l) => [graph.nodes[l.source].data.name, l.data.plan_fingerprint]));
    };
    const [first, later] = byPath(files, 'task_graph_node_link.json').map(fingerprintsOf);
    assert.ok([...first].some(([view, fp]) => later.has(view) && later.get(view) !== fp), 'a view planned differently by the later run');
    const planned = (view: string, fp: string): boolean => first.get(view) === fp || later.get(view) === fp;
    for (const part of parts) {
      const buf = part.bytes.buffer.slice(part.bytes.byteOffset, part.bytes.byteOffset + part.bytes.byteLength) as ArrayBuffer;
      const rows = (await parquetReadObjects({ file: buf })) as Record<string, string>[];
      assert.ok(rows.length > 0);
      for (const row of rows) {
        const fp = planFingerprint(
          {
            substraitHash: substraitHash(Buffer.from(row.substrait_b64, 'base64')),
            settingsHash: settingsHash(JSON.parse(row.df_settings_json) as Record<string, string>),
            udfSnapshotHash: row.udf_snapshot_hash,
            requiredUdfs: JSON.parse(row.required_udfs_json) as string[],
            requiredRewriteTags: JSON.parse(row.required_rewrite_tags_json) as string[],
            deltaInputs: JSON.parse(row.delta_inputs_json) as { dataset_name: string; version: number }[],
          },
          'A',
        );
        assert.equal(row.plan_fingerprint, fp, row.view_name);
        assert.ok(planned(row.view_name, fp), row.view_name);
      }
    }
    for (const manifest of byPath(files, 'run_manifest.json')) {
      const ids = (JSON.parse(text(manifest.bytes)) as { payload: { run_id: string; artifact_ids: Record<string, string> } }).payload;
      const sched = files.find((f) => f.path === `.artifacts/diagnostics/${ids.run_id}/plan_schedule_v1.msgpack`)!;
      assert.equal(ids.artifact_ids.plan_schedule, sha256Hex(sched.bytes));
    }
    const logs = files.filter((f) => /build\/delta\/[^/]+\/_delta_log\//.test(f.path));
    assert.equal(logs.filter((f) => text(f.bytes).includes('"OPTIMIZE"')).length, 1, 'exactly one pinned table moved on after the pin');
  });

  test('round trip: the costs the generator wrote in a run schedule, read back, weigh the task graph next to it to the length it wrote', () => {
    const runs = walk(EXAMPLE).filter((f) => f.endsWith('/plan_schedule_v1.json'));
    assert.ok(runs.length >= 2);
    for (const schedulePath of runs) {
      const schedule = readArtifactBytes(readFileSync(path.join(EXAMPLE, schedulePath)), schedulePath);
      const costs = recordedTaskCosts(schedule);
      assert.ok(costs !== undefined && costs.size > 0, schedulePath);
      const graph = readFileSync(path.join(EXAMPLE, path.dirname(schedulePath), 'task_graph_node_link.json'), 'utf8');
      const recorded = schedule.records.find((r) => r.kind === 'plan_schedule_v1');
      assert.ok(recorded?.kind === 'plan_schedule_v1');
      const analysis = analyzeNodeLinkText(graph, 'task_graph_node_link.json', { costs });
      assert.equal(analysis.criticalPath.length, recorded.value.criticalPathLengthWeighted);
      assert.equal(analysis.recordedCosts, analysis.tasks.length);
    }
    assert.equal(recordedTaskCosts(readArtifactBytes(new TextEncoder().encode('{"nodes": [], "links": []}'), 'x.json')), undefined);
  });

  test('task_graph.dot is the transitive reduction of the written bipartite graph, kept edges in link order', () => {
    for (const [tasks, runs, seed] of [[2, 1, 0], [13, 1, 4], [60, 1, 1], [250, 1, 9], [700, 1, 3]] as const) {
      const files = generateSample({ tasks, runs, seed });
      const g = JSON.parse(text(byPath(files, 'task_graph_node_link.json')[0].bytes)) as NodeLink;
      const names = g.nodes.map((n) => String(n.id));
      const dag = Dag.fromEdges(names, g.links.map((l) => l.source), g.links.map((l) => l.target));
      const topo = topologicalOrder(dag);
      assert.ok(topo.ok);
      const reduced = transitiveReduction(dag, topo.order).reduced;
      const kept = g.links.filter((l) => reduced.hasEdge(l.source, l.target));
      const expected = ['digraph {', ...names.map((n) => `${n} ;`), ...kept.map((l) => `${l.source} -> ${l.target} ;`), '}'].join('\n') + '\n';
      assert.equal(text(byPath(files, 'task_graph.dot')[0].bytes), expected, `${tasks} tasks, seed ${seed}`);
    }
  });

  test('the manifest artifact ids recompute from the envelope JSON files, as plan-lens verify does', () => {
    const files = generateSample({ tasks: 45, runs: 2, seed: 8 });
    for (const manifest of byPath(files, 'run_manifest.json')) {
      const { run_id: runId, artifact_ids: ids } = (JSON.parse(text(manifest.bytes)) as { payload: { run_id: string; artifact_ids: Record<string, string> } }).payload;
      for (const kind of ['plan_schedule', 'plan_validation'] as const) {
        const json = files.find((f) => f.path === `.artifacts/diagnostics/${runId}/${kind}_v1.json`)!;
        assert.equal(artifactEnvelopeId(kind, (JSON.parse(text(json.bytes)) as { payload: Plain }).payload), ids[kind], `${runId} ${kind}`);
      }
    }
  });

  test('sampleFiles yields the files of generateSample, in the order it makes them, with any SHA-256', () => {
    const streamed = [...sampleFiles({ tasks: 30, runs: 2, seed: 6, sha256: nodeSha256 })];
    const sorted = generateSample({ tasks: 30, runs: 2, seed: 6 });
    assert.deepEqual(streamed.map((f) => f.path).sort(), sorted.map((f) => f.path));
    const byName = new Map(streamed.map((f) => [f.path, f.bytes]));
    for (const f of sorted) assert.ok(Buffer.from(f.bytes).equals(Buffer.from(byName.get(f.path)!)), f.path);
  });

  test('over 10,000 views the plan-artifact rows of a run go into parts of 10,000, all in one commit', async () => {
    // 24 scan units, so 10,050 views: one full part and one of 50 rows.
    const files = [...sampleFiles({ tasks: 10_074, runs: 1, seed: 2 })].filter((f) => f.path.startsWith(`${PLAN_ARTIFACTS_TABLE}/`));
    const log = files.filter((f) => f.path.includes('/_delta_log/'));
    assert.deepEqual(log.map((f) => f.path), [`${PLAN_ARTIFACTS_TABLE}/_delta_log/00000000000000000000.json`]);
    const adds = text(log[0].bytes)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { add?: { path: string; size: number; stats: string } })
      .flatMap((action) => (action.add === undefined ? [] : [action.add]));
    assert.deepEqual(adds.map((a) => (JSON.parse(a.stats) as { numRecords: number }).numRecords), [PLAN_ARTIFACT_ROWS_PER_PART, 50]);
    assert.match(adds[0].path, /^part-00000-/);
    assert.match(adds[1].path, /^part-00001-/);
    const views = new Set<string>();
    for (const add of adds) {
      const part = files.find((f) => f.path === `${PLAN_ARTIFACTS_TABLE}/${add.path}`)!;
      assert.equal(part.bytes.length, add.size);
      const buf = part.bytes.buffer.slice(part.bytes.byteOffset, part.bytes.byteOffset + part.bytes.byteLength) as ArrayBuffer;
      for (const row of (await parquetReadObjects({ file: buf, columns: ['view_name'] })) as { view_name: string }[]) views.add(row.view_name);
    }
    assert.equal(views.size, 10_050);
  });

  test('run 2 drifts: a missing task, an unexpected task, a generation never admitted', () => {
    const files = generateSample({ tasks: 60, runs: 2, seed: 1 });
    const drifts = byPath(files, 'hamilton_plan_drift_v1.json').map((f) => JSON.parse(text(f.bytes)) as Record<string, unknown>);
    assert.equal(drifts[0].admitted_task_coverage_ratio, 1);
    assert.ok((drifts[1].missing_admitted_tasks as string[]).length > 0);
    assert.equal((drifts[1].unexpected_admitted_tasks as string[]).length, 1);
    assert.equal((drifts[1].missing_generations as number[]).length, 1);
  });
});
