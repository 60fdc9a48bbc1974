import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { planOutline } from '../../../src/core/analysis/planOutline';
import { locatePointers } from '../../../src/core/json/parseJson';
import { readNodeLinkText } from '../../../src/core/readers/nodeLink';
import { repoRoot } from '../../support/corpus';
import { randomNodeLinkText } from '../../support/randomPlans';

suite('plan outline', () => {
  test('every task and evidence node, at its name, with the facts of the analysis', () => {
    const text = readFileSync(path.join(repoRoot, 'examples', 'workspace', '.artifacts', 'diagnostics', '019bfeb2-a0d4-7091-bd2a-d070b6061cb0', 'task_graph_node_link.json'), 'utf8');
    const outline = planOutline(text, 'task_graph_node_link.json');
    const tasks = outline.filter((e) => e.kind === 'task');
    assert.equal(tasks.length, 60);
    assert.ok(outline.filter((e) => e.kind === 'evidence').length >= 60);
    for (const e of outline) assert.equal(text.slice(e.start, e.end), JSON.stringify(e.name), `${e.name} is not where its symbol says`);
    // Ordered as written, so the outline follows the file.
    for (let i = 1; i < outline.length; i++) assert.ok(outline[i - 1].start < outline[i].start);
    const onPath = tasks.filter((t) => /critical path \d+\/\d+/.test(t.detail));
    assert.ok(onPath.length >= 2);
    assert.match(tasks[0].detail, /^(scan|view|extract) · cost \d+ · slack [\d.]+/);
  });

  test('pretty-printed files and escaped names are found too; anything but a task graph has no outline', () => {
    const doc = JSON.parse(randomNodeLinkText({ tasks: 12, seed: 6 })) as { nodes: Array<{ data: Record<string, string> }> };
    const task = doc.nodes.find((n) => n.data.kind === 'task');
    assert.ok(task !== undefined);
    task.data.name = 'caf\u00e9 "quoted" \\ name';
    const text = JSON.stringify(doc, null, 2);
    const outline = planOutline(text, 'plan.json');
    const entry = outline.find((e) => e.name === task.data.name);
    assert.ok(entry !== undefined);
    assert.equal(JSON.parse(text.slice(entry.start, entry.end)), task.data.name);
    assert.deepEqual(planOutline('{"kind": "plan_schedule"}', 'plan_schedule_v1.json'), []);
    assert.deepEqual(planOutline('{"nodes": [', 'broken.json'), []);
  });

  test('names are found where the general JSON scanner finds them, whatever the layout, escapes and attrs', () => {
    const doc = JSON.parse(randomNodeLinkText({ tasks: 40, seed: 11 })) as { attrs?: Record<string, string>; nodes: Array<{ id: number; data: Record<string, string> }> };
    // A graph attribute called "name" comes before the nodes; a name written with a \u escape and one
    // holding the text of a "name" key must not mislead the search.
    doc.attrs = { name: doc.nodes[0].data.name, label: 'relspec' };
    const tasks = doc.nodes.filter((n) => n.data.kind === 'task');
    tasks[0].data.name = '"name":"trap"';
    tasks[1].data.name = 'caf\u00e9';
    for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2), JSON.stringify(doc).replace('caf\u00e9', 'caf\\u00e9')]) {
      const outline = planOutline(text, 'plan.json');
      assert.equal(outline.length, doc.nodes.length);
      const read = readNodeLinkText(text, 'plan.json');
      const expected = locatePointers(text, 'plan.json', outline.map((e) => `${read.graph?.nodePointer(e.id) ?? ''}/data/name`));
      outline.forEach((e, i) => assert.equal(e.start, expected[i].offset, e.name));
    }
  });
});
