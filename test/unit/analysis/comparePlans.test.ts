import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyzeNodeLinkText, type PlanAnalysis } from '../../../src/core/analysis/analyzePlan';
import { comparePlans, formatComparison } from '../../../src/core/analysis/comparePlans';
import { repoRoot } from '../../support/corpus';
import { randomNodeLinkText } from '../../support/randomPlans';

interface Doc {
  nodes: Array<{ id: number; data: Record<string, string> }>;
  links: Array<{ source: number; target: number; data: Record<string, string> }>;
}

const analyze = (doc: Doc | string): PlanAnalysis => analyzeNodeLinkText(typeof doc === 'string' ? doc : JSON.stringify(doc), 'plan.json');

suite('plan comparison', () => {
  test('a plan against itself: nothing added, removed or changed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.nat(), (tasks, seed) => {
        const a = analyze(randomNodeLinkText({ tasks, seed }));
        const c = comparePlans(a, a);
        assert.deepEqual([c.tasks.added, c.tasks.removed, c.reducedDependencies.added, c.reducedDependencies.removed, c.costChanges, c.criticalPath.joined, c.criticalPath.left], [[], [], [], [], [], [], []]);
        assert.equal(c.tasks.kept, a.tasks.length);
        assert.deepEqual(c.sameSignature, { plan: true, reduced: true });
      }),
      { numRuns: 40 },
    );
  });

  test('going one way is the reverse of going the other', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), fc.nat(), (n, m, seed) => {
        const a = analyze(randomNodeLinkText({ tasks: n, seed }));
        const b = analyze(randomNodeLinkText({ tasks: m, seed: seed + 1 }));
        const ab = comparePlans(a, b);
        const ba = comparePlans(b, a);
        assert.deepEqual(ab.tasks.added, ba.tasks.removed);
        assert.deepEqual(ab.reducedDependencies.added, ba.reducedDependencies.removed);
        assert.deepEqual(ab.criticalPath.joined, ba.criticalPath.left);
        assert.equal(ab.tasks.kept + ab.tasks.added.length, b.tasks.length);
        assert.equal(ab.tasks.kept + ab.tasks.removed.length, a.tasks.length);
      }),
      { numRuns: 40 },
    );
  });

  test('a changed priority is a cost change that moves the critical path, in the readable form too', () => {
    const base = JSON.parse(randomNodeLinkText({ tasks: 30, seed: 4 })) as Doc;
    const before = analyze(base);
    const doc = structuredClone(base);
    const task = doc.nodes.find((n) => n.data.kind === 'task' && n.data.task_kind === 'view' && before.criticalPath.tasks.includes(n.data.name));
    assert.ok(task !== undefined, 'a view on the critical path');
    task.data.priority = '1000';
    const after = analyze(doc);
    const c = comparePlans(before, after);
    assert.deepEqual(c.costChanges, [{ task: task.data.name, before: 100, after: 1000 }]);
    assert.equal(c.criticalPath.after.length, c.criticalPath.before.length + 900);
    assert.equal(c.sameSignature.plan, false);
    assert.equal(c.sameSignature.reduced, false);
    const lines = formatComparison('before.json', 'after.json', c).join('\n');
    assert.match(lines, /critical path length {2}\d+ → \d+ \(\+900\)/);
    assert.match(lines, new RegExp(`${task.data.name} {2}100 → 1000`));
  });

  test('the sample\'s second run planned differently: a moved pin, a regressed view, a new view (plan-lens sample, planChange.ts)', () => {
    const runs = path.join(repoRoot, 'examples', 'workspace', '.artifacts', 'diagnostics');
    const [first, second] = ['019bfeb2-a0d4-7091-bd2a-d070b6061cb0', '019c03dd-7755-774b-95f8-ecf61ecd55af'].map((run) =>
      analyze(readFileSync(path.join(runs, run, 'task_graph_node_link.json'), 'utf8')),
    );
    const c = comparePlans(first, second);
    assert.deepEqual(c.sameSignature, { plan: false, reduced: false });
    // ast_files_v1 moved from v1 to v2: its three scan units have new keys, so new scan task names.
    assert.deepEqual(c.tasks.added, ['cpg_files_delta_v1', 'scan_unit_54c966215bb0f0fd', 'scan_unit_65f17e3dba93a40d', 'scan_unit_c8eb947d24f5a635']);
    assert.deepEqual(c.tasks.removed, ['scan_unit_4627353997be4b15', 'scan_unit_74c3884a165f6987', 'scan_unit_8a6c437906fd42c6']);
    assert.equal(c.tasks.kept, 57);
    // The regressed view's recorded costs are not in the node-link file: only priorities weigh here.
    assert.deepEqual(c.costChanges, []);
    assert.match(formatComparison('a', 'b', c).join('\n'), /57 kept, 4 added, 3 removed/);
  });
});
