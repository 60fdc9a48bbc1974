import * as assert from 'node:assert/strict';
import { analyzeNodeLinkGraph, analyzeNodeLinkText } from '../../../src/core/analysis/analyzePlan';
import { loadPlanInput } from '../../../src/core/load/loadPlanInput';
import { bundleText, makeBundle } from '../../../src/core/load/bundle';
import { modelToNodeLinkGraph } from '../../../src/core/model/modelGraph';
import { generateSample } from '../../../src/core/sample/generateSample';
import { memoryFs } from '../../support/memoryFileSystem';

suite('model as a task graph for the analysis', () => {
  test('sample node-link -> model -> bundle -> model -> graph analyses exactly like the node-link file', async () => {
    const files: Record<string, Uint8Array> = {};
    for (const f of generateSample({ tasks: 30, runs: 1, seed: 4 })) files[`/ws/${f.path}`] = f.bytes;
    const nodeLinkPath = Object.keys(files).find((p) => p.endsWith('task_graph_node_link.json')) as string;
    const direct = analyzeNodeLinkText(new TextDecoder().decode(files[nodeLinkPath]), nodeLinkPath);
    const loaded = await loadPlanInput(memoryFs(files), '/ws');
    const again = await loadPlanInput(memoryFs({ '/b.planlens.json': bundleText(makeBundle(loaded.model)) }), '/b.planlens.json');
    const viaModel = analyzeNodeLinkGraph(modelToNodeLinkGraph(again.model), []);
    const strip = (a: typeof direct): unknown => ({ ...a, issues: a.issues.map((i) => i.code) });
    assert.deepEqual(strip(viaModel), strip(direct));
  });

  test('a CLI plan (no evidence) gets one evidence per task output', async () => {
    const cli = { task_graph: { nodes: ['a', 'b', 'c'], edges: [['a', 'b'], ['b', 'c'], ['a', 'c']] } };
    const loaded = await loadPlanInput(memoryFs({ '/p.json': JSON.stringify(cli) }), '/p.json');
    const a = analyzeNodeLinkGraph(modelToNodeLinkGraph(loaded.model), []);
    assert.deepEqual(a.tasks, ['a', 'b', 'c']);
    assert.deepEqual(a.reducedDependencies, [['a', 'b'], ['b', 'c']]);
    assert.deepEqual(a.removedDependencies, [['a', 'c']]);
  });
});
