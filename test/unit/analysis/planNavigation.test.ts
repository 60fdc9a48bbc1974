import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { planReferenceAt } from '../../../src/core/analysis/planNavigation';
import { planOutline } from '../../../src/core/analysis/planOutline';
import { repoRoot } from '../../support/corpus';

const file = path.join(repoRoot, 'examples', 'workspace', '.artifacts', 'diagnostics', '019bfeb2-a0d4-7091-bd2a-d070b6061cb0', 'task_graph_node_link.json');

interface Doc {
  nodes: Array<{ id: number; data: Record<string, string> }>;
  links: Array<{ source: number; target: number; data: Record<string, string> }>;
}

suite('plan navigation', () => {
  for (const [layout, indent] of [['compact', undefined], ['pretty-printed', 2]] as const) {
    test(`${layout}: link ids, list items and names lead to their node; other tokens to nothing`, () => {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as Doc;
      const text = JSON.stringify(doc, null, indent);
      const nameOf = new Map(doc.nodes.map((n) => [n.id, n.data.name]));
      const outline = planOutline(text, 'task_graph_node_link.json');
      const at = (needle: string, from = 0, shift = 1): ReturnType<typeof planReferenceAt> => {
        const i = text.indexOf(needle, from);
        assert.ok(i >= 0, needle);
        return planReferenceAt(text, outline, i + shift);
      };
      // A link's source: the number after "source".
      const link = doc.links[0];
      const linksAt = text.indexOf('"links"');
      const sourceKey = text.indexOf('"source"', linksAt);
      const digits = text.indexOf(String(link.source), sourceKey + 8);
      const bySource = planReferenceAt(text, outline, digits);
      assert.equal(bySource?.target.name, nameOf.get(link.source));
      assert.equal(bySource?.target.id, link.source);
      assert.equal(text.slice(bySource.target.start, bySource.target.end), JSON.stringify(bySource.target.name));
      // An item of an embedded inputs list: the node of that name (a task when there is one).
      const withInputs = doc.nodes.find((n) => n.data.kind === 'task' && n.data.inputs !== '[]');
      assert.ok(withInputs !== undefined);
      const item = (JSON.parse(withInputs.data.inputs) as string[])[0];
      const inList = at(`\\"${item}\\"`, text.indexOf(JSON.stringify(withInputs.data.inputs).slice(0, 12)), 3);
      assert.equal(inList?.target.name, item);
      assert.equal(text.slice(inList.start, inList.end), item);
      // A task's own name leads to the task; a priority is no reference; punctuation is nothing.
      const task = doc.nodes.find((n) => n.data.kind === 'task');
      assert.ok(task !== undefined);
      assert.deepEqual([at(JSON.stringify(task.data.name))?.target.kind, at(JSON.stringify(task.data.name))?.target.name], ['task', task.data.name]);
      assert.equal(at('"priority"', 0, 13 + (indent === undefined ? 0 : 1)), undefined);
      assert.equal(planReferenceAt(text, outline, 0), undefined);
    });
  }
});
