import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readArtifactBytes } from '../../../src/core/artifacts/readArtifact';
import { recordedDrift, recordedTaskCosts } from '../../../src/core/analysis/recordedCosts';
import { analyzeNodeLinkText } from '../../../src/core/analysis/analyzePlan';
import { graphViewOf, MAX_DRAWN_TASKS } from '../../../src/extension/graph/graphViewModel';
import { isGraphViewRequest } from '../../../src/protocol/graphView';
import { repoRoot } from '../../support/corpus';
import { randomNodeLinkText } from '../../support/randomPlans';

const run = path.join(repoRoot, 'examples', 'workspace', '.artifacts', 'diagnostics', '019bfeb2-a0d4-7091-bd2a-d070b6061cb0');

suite('plan graph view model', () => {
  test('the sample run: every task placed, reduced edges, the critical path as the schedule recorded it', () => {
    const text = readFileSync(path.join(run, 'task_graph_node_link.json'), 'utf8');
    const costs = recordedTaskCosts(readArtifactBytes(readFileSync(path.join(run, 'plan_schedule_v1.json')), 'plan_schedule_v1.json'));
    const view = graphViewOf(text, 'task_graph_node_link.json', costs);
    assert.equal(view.note, undefined);
    assert.equal(view.nodes.length, 60);
    assert.equal(view.criticalPathLength, 2414.6);
    const edges = new Set(view.edges.map(([s, t]) => `${s},${t}`));
    // The path is a path of drawn edges, and its tasks know their place on it.
    for (let i = 1; i < view.criticalPath.length; i++) assert.ok(edges.has(`${view.criticalPath[i - 1]},${view.criticalPath[i]}`));
    view.criticalPath.forEach((v, i) => assert.equal(view.nodes[v].criticalIndex, i));
    assert.equal(view.nodes.filter((n) => n.criticalIndex >= 0).length, view.criticalPath.length);
    for (const n of view.nodes) {
      assert.ok(n.x >= 0 && n.x + view.nodeWidth <= view.width + 1e-9 && n.y >= 0 && n.y + view.nodeHeight <= view.height + 1e-9, n.name);
    }
    assert.ok(view.nodes.some((n) => n.taskKind === 'scan') && view.nodes.some((n) => n.taskKind === 'view'));
    // Every edge goes left to right: the layout's columns are the generations.
    for (const [s, t] of view.edges) assert.ok(view.nodes[s].x < view.nodes[t].x);
  });

  test('a plan too large to draw, a cycle and unreadable text give a note instead of a drawing', () => {
    const big = graphViewOf(randomNodeLinkText({ tasks: MAX_DRAWN_TASKS + 1, seed: 1 }), 'big.json');
    assert.deepEqual([big.nodes.length, /too many to draw/.test(big.note ?? '')], [0, true]);
    const task = (id: number, name: string): object => ({ id, data: { kind: 'task', name, priority: '100' } });
    const link = (source: number, target: number, kind: string, name: string): object => ({ source, target, id: 0, data: { kind, name } });
    const cycle = JSON.stringify({
      nodes: [{ id: 0, data: { kind: 'evidence', name: 'a' } }, { id: 1, data: { kind: 'evidence', name: 'b' } }, task(2, 'a'), task(3, 'b')],
      links: [link(2, 0, 'produces', 'a'), link(3, 1, 'produces', 'b'), link(0, 3, 'requires', 'a'), link(1, 2, 'requires', 'b')],
    });
    assert.match(graphViewOf(cycle, 'c.json').note ?? '', /cycle/);
    assert.match(graphViewOf('{"nodes": [', 'x.json').note ?? '', /invalid JSON/);
  });

  test('names are carried as data, whatever they hold', () => {
    const hostile = '<img src=x onerror=alert(1)>"]}';
    const doc = JSON.parse(randomNodeLinkText({ tasks: 5, seed: 3 })) as { nodes: Array<{ data: Record<string, string> }> };
    const t = doc.nodes.find((n) => n.data.kind === 'task');
    assert.ok(t !== undefined);
    t.data.name = hostile;
    t.data.output = hostile;
    const view = graphViewOf(JSON.stringify(doc), 'h.json');
    assert.ok(view.nodes.some((n) => n.name === hostile));
  });

  test('against a baseline: new tasks and changed costs are marked, removed tasks and the old length listed', () => {
    const doc = JSON.parse(randomNodeLinkText({ tasks: 40, seed: 8 })) as { nodes: Array<{ data: Record<string, string> }> };
    const views = doc.nodes.filter((n) => n.data.kind === 'task' && n.data.task_kind === 'view').map((n) => n.data.name);
    // The baseline named one view differently (so the plan added one task and removed another) and gave
    // another view priority 10.
    const baselineDoc = structuredClone(doc);
    for (const n of baselineDoc.nodes) {
      if (n.data.kind !== 'task') continue;
      if (n.data.name === views[0]) n.data.name = 'old_name_of_the_view';
      if (n.data.name === views[1]) n.data.priority = '10';
    }
    const baseline = { name: 'before.json', analysis: analyzeNodeLinkText(JSON.stringify(baselineDoc), 'before.json') };
    const view = graphViewOf(JSON.stringify(doc), 'after.json', undefined, baseline);
    const marked = (change: string): string[] => view.nodes.filter((n) => n.change === change).map((n) => n.name);
    assert.deepEqual(marked('added'), [views[0]]);
    assert.deepEqual(marked('cost'), [views[1]]);
    assert.equal(view.nodes.find((n) => n.change === 'cost')?.costBefore, 10);
    assert.deepEqual(view.comparison, { baseline: 'before.json', removed: ['old_name_of_the_view'], criticalPathLengthBefore: baseline.analysis.criticalPath.length });
    const alone = graphViewOf(JSON.stringify(doc), 'after.json');
    assert.equal(alone.comparison, undefined);
    assert.ok(alone.nodes.every((n) => n.change === undefined));
  });

  test("the second sample run: its recorded drift greys the planned tasks it never admitted", () => {
    const run2 = path.join(repoRoot, 'examples', 'workspace', '.artifacts', 'diagnostics', '019c03dd-7755-774b-95f8-ecf61ecd55af');
    const drift = recordedDrift(readArtifactBytes(readFileSync(path.join(run2, 'hamilton_plan_drift_v1.json')), 'hamilton_plan_drift_v1.json'));
    assert.ok(drift !== undefined);
    const view = graphViewOf(readFileSync(path.join(run2, 'task_graph_node_link.json'), 'utf8'), 'run2.json', undefined, undefined, { drift, file: 'run2/hamilton_plan_drift_v1.json' });
    assert.deepEqual(view.nodes.filter((n) => n.notRun === true).map((n) => n.name).sort(), [...drift.missingAdmittedTasks].sort());
    assert.equal(drift.missingAdmittedTasks.length, 9);
    assert.deepEqual(view.drift, { file: 'run2/hamilton_plan_drift_v1.json', planTasks: 60, admittedTasks: 52, missing: 9, unexpected: ['rel_ast_span_map_legacy_v0'], missingGenerations: [7] });
    // Without a drift nothing is greyed.
    assert.ok(graphViewOf(readFileSync(path.join(run2, 'task_graph_node_link.json'), 'utf8'), 'run2.json').nodes.every((n) => n.notRun === undefined));
    assert.equal(recordedDrift(readArtifactBytes(readFileSync(path.join(run2, 'plan_schedule_v1.json')), 'plan_schedule_v1.json')), undefined);
  });

  test('messages from the webview are checked before the host acts on them', () => {
    assert.ok(isGraphViewRequest({ type: 'ready' }));
    assert.ok(isGraphViewRequest({ type: 'reveal', task: 'a' }));
    assert.ok(isGraphViewRequest({ type: 'rendered', nodes: 1, edges: 0 }));
    for (const bad of [null, 'ready', {}, { type: 'reveal' }, { type: 'reveal', task: 3 }, { type: 'rendered', nodes: '1', edges: 0 }, { type: 'open', path: '/etc/passwd' }]) assert.equal(isGraphViewRequest(bad), false, JSON.stringify(bad));
  });
});
