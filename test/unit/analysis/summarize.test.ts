import * as assert from 'node:assert/strict';
import { summarizePlan } from '../../../src/extension/analysis/summarizePlan';
import { randomNodeLinkText } from '../../support/randomPlans';

suite('editor summary', () => {
  test('with a baseline it adds the comparison, the baseline named as before', () => {
    const plan = { text: randomNodeLinkText({ tasks: 30, seed: 2 }), name: 'run2/task_graph_node_link.json' };
    const baseline = { text: randomNodeLinkText({ tasks: 25, seed: 2 }), name: 'run1/task_graph_node_link.json' };
    const alone = summarizePlan(plan);
    assert.doesNotMatch(alone, /Compared with/);
    const compared = summarizePlan(plan, baseline);
    assert.ok(compared.startsWith(alone.trimEnd().split('\n').slice(0, 3).join('\n')));
    assert.match(compared, /Compared with run1\/task_graph_node_link\.json \(before\) → run2\/task_graph_node_link\.json \(after\)/);
    assert.match(compared, /tasks {17}\d+ kept, \d+ added, \d+ removed/);
    const recorded = summarizePlan({ ...plan, recorded: { costs: new Map([['x', 1]]), file: 'run2/plan_schedule_v1.json' } });
    assert.match(recorded, /task costs {12}max\(priority, 1\): no recorded costs/);
  });
});
