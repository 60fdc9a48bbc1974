/**
 * The analysis against a schedule the pipeline itself recorded: the golden `plan_schedule_artifact` of
 * CodeAnatomy @4fae7cdb (tests/msgspec_contract/goldens, in the shared corpus under codeanatomy/). Its
 * values are checked against Plan Lens's analysis of the same tasks, weighed with the costs the artifact
 * records. artifact-formats.md §3.2 warns that this golden is synthetic test data: where its numbers do
 * not follow from its own costs under the pipeline's rules (§3.2), the test says so and checks the rule.
 */

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeNodeLinkText } from '../../../src/core/analysis/analyzePlan';
import { recordedTaskCosts } from '../../../src/core/analysis/recordedCosts';
import { readArtifactBytes } from '../../../src/core/artifacts/readArtifact';
import { needCorpus } from '../../support/corpus';

interface GoldenSchedule {
  readonly generations: string[][];
  readonly critical_path_tasks: string[];
  readonly critical_path_length_weighted: number;
  readonly task_costs: Record<string, number>;
  readonly bottom_level_costs: Record<string, number>;
  readonly slack_by_task: Record<string, number>;
}

/** A node-link task graph (artifact-formats.md §2.3) in which each task produces `<task>_out`. */
function nodeLinkText(tasks: readonly string[], edges: readonly (readonly [string, string])[]): string {
  const nodes: object[] = [];
  const links: object[] = [];
  const id = new Map<string, number>();
  for (const t of tasks) {
    id.set(t, nodes.length);
    nodes.push({ id: nodes.length, data: { inputs: '[]', kind: 'task', name: t, output: `${t}_out`, priority: '100', sources: '[]', task_kind: 'view' } });
    id.set(`${t}_out`, nodes.length);
    nodes.push({ id: nodes.length, data: { kind: 'evidence', name: `${t}_out` } });
  }
  const link = (source: string, target: string, kind: string, name: string): void => {
    links.push({ source: id.get(source), target: id.get(target), id: links.length, data: { inferred: 'true', kind, name, plan_fingerprint: '', required_columns: '[]', required_metadata: '[]', required_types: '[]' } });
  };
  for (const t of tasks) link(t, `${t}_out`, 'produces', `${t}_out`);
  for (const [from, to] of edges) link(`${from}_out`, to, 'requires', `${from}_out`);
  return JSON.stringify({ directed: true, multigraph: false, attrs: {}, nodes, links });
}

suite("analysis against the pipeline's recorded schedule (corpus: codeanatomy golden)", () => {
  test('critical path, bottom levels and slack from the recorded task_costs: as recorded where the golden follows the pipeline\'s rules, by those rules where it is synthetic', function () {
    const dir = needCorpus(this, 'codeanatomy');
    const golden = JSON.parse(readFileSync(path.join(dir, 'plan_schedule_artifact.json'), 'utf8')) as GoldenSchedule;
    // The schedule records generations but no edges. rustworkx puts a task one generation after its latest
    // predecessor (artifact-formats.md §3.3), so a task of generation g > 0 depends on one of generation
    // g - 1; in this golden every earlier generation has one task, so the edges are determined.
    const edges: [string, string][] = [];
    golden.generations.forEach((gen, g) => {
      if (g === 0) return;
      assert.equal(golden.generations[g - 1].length, 1, 'the edges are determined only when the previous generation has one task');
      for (const task of gen) edges.push([golden.generations[g - 1][0], task]);
    });
    const tasks = golden.generations.flat();

    // The costs as Plan Lens reads them from the pipeline's own msgpack envelope of the same schedule.
    const envelope = readArtifactBytes(readFileSync(path.join(dir, 'plan_schedule_artifact.envelope.msgpack.b64')), 'plan_schedule_artifact.envelope.msgpack.b64');
    const costs = recordedTaskCosts(envelope);
    assert.deepEqual(Object.fromEntries(costs ?? []), golden.task_costs);

    const a = analyzeNodeLinkText(nodeLinkText(tasks, edges), 'task_graph_node_link.json', { costs });
    assert.deepEqual(a.issues, []);
    assert.deepEqual(a.generations.map((g) => [...g].sort()), golden.generations.map((g) => [...g].sort()));
    const [first, ...rest] = golden.critical_path_tasks;
    const cost = (t: string): number => golden.task_costs[t];
    // As recorded: the critical path (no tie here: task_c costs more than task_b), the bottom levels of the
    // tasks without successors (their own costs) and zero slack on the path.
    assert.deepEqual(a.criticalPath.tasks, golden.critical_path_tasks);
    for (const t of ['task_b', 'task_c']) assert.equal(a.taskMetrics[t].bottomLevel, golden.bottom_level_costs[t], `${t} bottom level`);
    for (const t of golden.critical_path_tasks) assert.equal(a.taskMetrics[t].slack, golden.slack_by_task[t], `${t} slack`);
    for (const t of tasks) assert.equal(a.taskMetrics[t].cost, cost(t), `${t} cost`);

    // Synthetic in the golden (§3.2): its length 3.5, task_a's bottom level 3.5 and task_b's slack 1.0 do not
    // follow from its costs. The pipeline's rules, applied here to the recorded costs by hand:
    // - rx.dag_weighted_longest_path_length weighs an edge by its target's cost, so the length leaves out
    //   the first task's cost: cost(task_c) = 2;
    assert.equal(golden.critical_path_length_weighted, 3.5);
    assert.equal(a.criticalPath.length, rest.reduce((sum, t) => sum + cost(t), 0));
    // - bottom(n) = cost(n) + max bottom(successor): 1 + max(1.5, 2) = 3;
    assert.equal(a.taskMetrics[first].bottomLevel, cost(first) + Math.max(golden.bottom_level_costs.task_b, golden.bottom_level_costs.task_c));
    // - slack = latest start - earliest start, the critical length being max earliest finish (3):
    //   (3 - 1.5) - 1 = 0.5.
    const criticalLength = cost(first) + cost('task_c');
    assert.equal(a.taskMetrics.task_b.slack, criticalLength - cost('task_b') - cost(first));
  });
});
