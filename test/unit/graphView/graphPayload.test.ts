import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { runContextOf } from '../../../src/core/analysis/runContext';
import { nodeFileSystem } from '../../../src/node/nodeFileSystem';
import { analyzeNodeLinkGraph } from '../../../src/core/analysis/analyzePlan';
import { readNodeLinkText } from '../../../src/core/readers/nodeLink';
import { decodeGraphArrays, encodeGraphArrays, TaskFlag, type GraphArrays } from '../../../src/protocol/graphPayload';
import { isGraphViewRequest } from '../../../src/protocol/graphView';
import { graphPayloadOf, type GraphPayloadInput } from '../../../src/server/graph/graphPayloadOf';
import { repoRoot } from '../../support/corpus';
import { randomNodeLinkText } from '../../support/randomPlans';

const run = path.join(repoRoot, 'examples', 'workspace', '.artifacts', 'diagnostics', '019c03dd-7755-774b-95f8-ecf61ecd55af');

async function sampleInput(): Promise<GraphPayloadInput> {
  const text = readFileSync(path.join(run, 'task_graph_node_link.json'), 'utf8');
  const context = await runContextOf(nodeFileSystem, path.join(run, 'task_graph_node_link.json'), 1 << 30);
  const costs = context.costs?.costs;
  const drift = context.drift?.drift;
  const read = readNodeLinkText(text, 'task_graph_node_link.json');
  assert.ok(read.graph !== undefined && costs !== undefined && drift !== undefined);
  const analysis = analyzeNodeLinkGraph(read.graph, read.issues, { costs }, text);
  return { title: 'task_graph_node_link.json', graph: read.graph, analysis, costSource: { kind: 'recorded', file: 'plan_schedule_v1.json', recordedTasks: costs.size }, drift: { file: 'hamilton_plan_drift_v1.json', drift } };
}

suite('plan graph payload', () => {
  test('the sample run crosses as typed arrays that decode to the analysis: positions, reduced edges, critical path, drift, datasets', async () => {
    const input = await sampleInput();
    const { meta, buffer } = graphPayloadOf(input);
    const g = decodeGraphArrays(meta, buffer);
    const { analysis } = input;
    // The sample's second run: 60 tasks of the first run's plan, one view added (docs/sample.md).
    assert.equal(meta.taskCount, 61);
    assert.deepEqual(g.names, analysis.tasks);
    assert.equal(meta.edgeCount, analysis.reducedDependencies.length);
    assert.equal(meta.criticalPathLength, analysis.criticalPath.length);
    assert.deepEqual([...g.criticalPath].map((v) => g.names[v]), analysis.criticalPath.tasks);
    const pairs = new Set<string>();
    for (let e = 0; e < meta.edgeCount; e++) pairs.add(`${g.names[g.edgePairs[2 * e]]}>${g.names[g.edgePairs[2 * e + 1]]}`);
    assert.deepEqual(pairs, new Set(analysis.reducedDependencies.map(([s, t]) => `${s}>${t}`)));
    g.names.forEach((name, v) => {
      const m = analysis.taskMetrics[name];
      assert.equal(g.cost[v], m.cost, name);
      assert.equal(g.slack[v], m.slack, name);
      assert.equal((g.flags[v] & TaskFlag.critical) !== 0, analysis.criticalPath.tasks.includes(name), name);
      assert.ok(g.x[v] >= 0 && g.x[v] + meta.nodeWidth <= meta.width + 1e-3 && g.y[v] >= 0 && g.y[v] + meta.nodeHeight <= meta.height + 1e-3, name);
    });
    // Every reduced edge goes from one generation column to a later one.
    for (let e = 0; e < meta.edgeCount; e++) assert.ok(g.generation[g.edgePairs[2 * e]] < g.generation[g.edgePairs[2 * e + 1]]);
    const notRun = g.names.filter((_, v) => (g.flags[v] & TaskFlag.notRun) !== 0);
    assert.equal(notRun.length, meta.drift?.missing);
    assert.equal(meta.drift?.missing, input.drift?.drift.missingAdmittedTasks.length);
    assert.equal(meta.drift?.missing, 10);
    // Scan tasks know the Delta dataset they read.
    const scans = g.names.filter((_, v) => meta.kinds[g.kind[v]] === 'scan');
    assert.ok(scans.length > 0);
    for (const name of scans) assert.ok(g.dataset[g.names.indexOf(name)] >= 0, name);
  });

  test('a baseline marks added tasks and changed costs, and keeps the removed ones and the old path length in the meta', async () => {
    const input = await sampleInput();
    const costs = new Map(input.analysis.tasks.map((t) => [t, input.analysis.taskMetrics[t].cost]));
    const changed = input.analysis.tasks[3];
    costs.set(changed, costs.get(changed)! + 1000);
    const text = readFileSync(path.join(run, 'task_graph_node_link.json'), 'utf8');
    const read = readNodeLinkText(text, 'x.json');
    const baseline = analyzeNodeLinkGraph(read.graph!, read.issues, { costs }, text);
    const { meta, buffer } = graphPayloadOf({ ...input, baseline: { name: 'before.json', analysis: baseline } });
    const g = decodeGraphArrays(meta, buffer);
    const v = g.names.indexOf(changed);
    assert.ok((g.flags[v] & TaskFlag.costChanged) !== 0);
    assert.equal(g.costBefore[v], costs.get(changed));
    assert.equal(g.names.filter((_, i) => (g.flags[i] & TaskFlag.costChanged) !== 0).length, 1);
    assert.equal(meta.comparison?.baseline, 'before.json');
    assert.equal(meta.comparison?.criticalPathLengthBefore, baseline.criticalPath.length);
  });

  test('encode then decode gives back every array and name, whatever the names hold', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 30 }), fc.array(fc.nat(1000), { maxLength: 40 }), (names, ints) => {
        const n = names.length;
        const f = (i: number): number => (ints[i % Math.max(ints.length, 1)] ?? 0) + i / 7;
        const arrays: GraphArrays = {
          names,
          x: Float32Array.from({ length: n }, (_, i) => f(i)),
          y: Float32Array.from({ length: n }, (_, i) => -f(i)),
          generation: Uint32Array.from({ length: n }, (_, i) => i),
          kind: Uint8Array.from({ length: n }, (_, i) => i % 3),
          flags: Uint8Array.from({ length: n }, (_, i) => i % 16),
          cache: new Uint8Array(n),
          dataset: Int32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1 : i)),
          cost: Float64Array.from({ length: n }, (_, i) => f(i)),
          bottomLevel: Float64Array.from({ length: n }, (_, i) => f(i) * 2),
          slack: new Float64Array(n).fill(Number.NaN),
          costBefore: new Float64Array(n),
          criticalPath: Uint32Array.from(ints.filter((x) => x < n)),
          edgePairs: Uint32Array.from(ints.slice(0, ints.length & ~1)),
        };
        const { buffer, sections, byteLength } = encodeGraphArrays(arrays);
        const back = decodeGraphArrays({ sections, byteLength, taskCount: n }, buffer);
        for (const key of Object.keys(arrays) as (keyof GraphArrays)[]) assert.deepEqual(Array.from(back[key] as ArrayLike<unknown>), Array.from(arrays[key] as ArrayLike<unknown>), key);
      }),
    );
  });

  test('a buffer that does not match its description is refused, not read out of bounds', async () => {
    const { meta, buffer } = graphPayloadOf(await sampleInput());
    assert.throws(() => decodeGraphArrays(meta, buffer.slice(0, buffer.byteLength - 8)), /bytes/);
    assert.throws(() => decodeGraphArrays({ ...meta, sections: { ...meta.sections, cost: { offset: meta.byteLength, length: meta.taskCount } } }, buffer), /bad section cost/);
    assert.throws(() => decodeGraphArrays({ ...meta, taskCount: meta.taskCount + 1 }, buffer), /name table/);
  });

  test("the run's cache lineage colours the cache layer: hits and misses by task", async () => {
    const context = await runContextOf(nodeFileSystem, path.join(run, 'task_graph_node_link.json'), 1 << 30);
    assert.ok(context.cache !== undefined);
    const input = await sampleInput();
    const { meta, buffer } = graphPayloadOf({ ...input, cacheStatus: new Map([...context.cache.nodes].map(([node, s]) => [node, s.status])) });
    const g = decodeGraphArrays(meta, buffer);
    assert.deepEqual([...meta.cacheStatuses].sort(), ['executed', 'hit']);
    g.names.forEach((name, v) => assert.equal(meta.cacheStatuses[g.cache[v] - 1], context.cache?.nodes.get(name)?.status, name));
    // Without lineage no task has a status.
    assert.ok(decodeGraphArrays(graphPayloadOf(input).meta, graphPayloadOf(input).buffer).cache.every((c) => c === 0));
  });

  test('a cycle gives an empty graph with the cycle as its note; names are carried as data, whatever they hold', () => {
    const task = (id: number, name: string): object => ({ id, data: { kind: 'task', name, priority: '100' } });
    const link = (source: number, target: number, kind: string, name: string): object => ({ source, target, id: 0, data: { kind, name } });
    const cyclic = JSON.stringify({
      nodes: [{ id: 0, data: { kind: 'evidence', name: 'a' } }, { id: 1, data: { kind: 'evidence', name: 'b' } }, task(2, 'a'), task(3, 'b')],
      links: [link(2, 0, 'produces', 'a'), link(3, 1, 'produces', 'b'), link(0, 3, 'requires', 'a'), link(1, 2, 'requires', 'b')],
    });
    const payloadOf = (text: string): ReturnType<typeof graphPayloadOf> => {
      const read = readNodeLinkText(text, 'p.json');
      assert.ok(read.graph !== undefined);
      return graphPayloadOf({ title: 'p.json', graph: read.graph, analysis: analyzeNodeLinkGraph(read.graph, read.issues, {}, text), costSource: { kind: 'priority' } });
    };
    const cycle = payloadOf(cyclic);
    assert.equal(cycle.meta.taskCount, 0);
    assert.match(cycle.meta.note ?? '', /cycle: (a -> b -> a|b -> a -> b)/);
    const hostile = '<img src=x onerror=alert(1)>"]}\u2028';
    const doc = JSON.parse(randomNodeLinkText({ tasks: 5, seed: 3 })) as { nodes: Array<{ data: Record<string, string> }> };
    const first = doc.nodes.find((n) => n.data.kind === 'task');
    assert.ok(first !== undefined);
    first.data.name = hostile;
    first.data.output = hostile;
    const { meta, buffer } = payloadOf(JSON.stringify(doc));
    assert.ok(decodeGraphArrays(meta, buffer).names.includes(hostile));
  });

  test('messages from the webview are checked before the host acts on them', () => {
    for (const good of [{ type: 'ready' }, { type: 'reveal', task: 'a' }, { type: 'details', task: 'a' }, { type: 'rendered', nodes: 1, edges: 0, firstPaintMs: 12 }, { type: 'export', format: 'svg', data: '<svg/>' }, { type: 'export', format: 'png', data: new ArrayBuffer(8) }]) {
      assert.ok(isGraphViewRequest(good), JSON.stringify(good));
    }
    const bad = [null, 'ready', {}, { type: 'reveal' }, { type: 'reveal', task: 3 }, { type: 'rendered', nodes: '1', edges: 0, firstPaintMs: 1 }, { type: 'export', format: 'json', data: '{}' }, { type: 'export', format: 'png', data: 'x' }, { type: 'open', path: '/etc/passwd' }];
    for (const message of bad) assert.equal(isGraphViewRequest(message), false, JSON.stringify(message));
  });
});
