import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TaskFlag } from '../../../src/protocol/graphPayload';
import { graphIndexOf, neighbourhood, type HopDirection } from '../../../src/webview/panels/graphIndex';
import { collapsedName, planViewOf, WHOLE_PLAN, type ViewSpec } from '../../../src/webview/panels/planView';
import { PlanViews } from '../../../src/webview/planViews';
import { arbitraryDag } from '../../support/arbitraryDag';
import { largePlan, planOf } from './syntheticPlan';

const caseArb = fc
  .record({
    dag: arbitraryDag(30),
    focus: fc.option(fc.record({ task: fc.nat(40), hops: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(Infinity)), direction: fc.constantFrom<HopDirection>('up', 'down', 'both') }), { nil: undefined }),
    collapsed: fc.uniqueArray(fc.nat(8), { maxLength: 4 }),
  })
  .filter(({ dag, focus }) => focus === undefined || focus.task < dag.dag.nodeCount);

/** The payload's edges are the transitive reduction's: each pair once. */
function planFor(withRepeats: ReadonlyArray<readonly [number, number]>, n: number) {
  const edges = [...new Map(withRepeats.map((e) => [`${e[0]}>${e[1]}`, e])).values()];
  const names = Array.from({ length: n }, (_, i) => `t${i}`);
  // A critical path of the first source's longest chain is not needed: any marked tasks exercise the mapping.
  const criticalPath = n === 0 ? [] : [0];
  return planOf({ names, edges, criticalPath });
}

suite('panels: views of a plan (focus, collapsed generations)', () => {
  test('a view shows exactly the focused tasks outside collapsed generations, one box per collapsed generation with members in focus, and the edges between them', () => {
    fc.assert(
      fc.property(caseArb, ({ dag: { dag, edges }, focus, collapsed }) => {
        const { meta, arrays } = planFor(edges, dag.nodeCount);
        const pairs = [...new Set(edges.map(([s, t]) => `${s}>${t}`))].map((e) => e.split('>').map(Number));
        const index = graphIndexOf(arrays);
        const spec: ViewSpec = { collapsed: new Set(collapsed), ...(focus === undefined ? {} : { focus }) };
        const view = planViewOf(meta, arrays, index, spec);
        const inFocus = new Set(focus === undefined ? [...Array(dag.nodeCount).keys()] : neighbourhood(index, focus.task, focus.hops, focus.direction));
        const folded = (t: number): boolean => spec.collapsed.has(arrays.generation[t]);
        const expectedTasks = [...inFocus].filter((t) => !folded(t)).sort((a, b) => a - b);
        const expectedBoxes = [...new Set([...inFocus].filter(folded).map((t) => arrays.generation[t]))].sort((a, b) => a - b);
        const shownTasks = [...view.origin].filter((o) => o >= 0).sort((a, b) => a - b);
        const boxes = [...view.origin].filter((o) => o < 0).map((o) => -1 - o).sort((a, b) => a - b);
        assert.deepEqual(shownTasks, expectedTasks);
        assert.deepEqual(boxes, expectedBoxes);
        assert.equal(view.meta.taskCount, view.origin.length);
        assert.equal(view.shownTasks, expectedTasks.length);
        // Every plan task maps to the view task standing for it, or to -1 when out of the focus.
        for (let t = 0; t < dag.nodeCount; t++) {
          const v = view.viewOf(t);
          if (!inFocus.has(t)) assert.equal(v, -1);
          else if (folded(t)) assert.equal(view.origin[v], -1 - arrays.generation[t]);
          else {
            assert.equal(view.origin[v], t);
            assert.equal(view.arrays.names[v], arrays.names[t]);
          }
        }
        // Edges: the plan's edges between shown ends, mapped; each pair of view nodes once.
        const node = (t: number): number => view.viewOf(t);
        const expectedEdges = new Set(pairs.filter(([s, t]) => inFocus.has(s) && inFocus.has(t)).map(([s, t]) => `${node(s)}>${node(t)}`));
        const viewEdges: string[] = [];
        for (let k = 0; k < view.meta.edgeCount; k++) viewEdges.push(`${view.arrays.edgePairs[2 * k]}>${view.arrays.edgePairs[2 * k + 1]}`);
        assert.deepEqual(new Set(viewEdges), expectedEdges);
        assert.equal(viewEdges.length, expectedEdges.size);
        // Boxes are marked and named for what they stand for; no two boxes of the first paint overlap.
        for (let v = 0; v < view.origin.length; v++) {
          const isBox = view.origin[v] < 0;
          assert.equal((view.arrays.flags[v] & TaskFlag.collapsed) !== 0, isBox);
          if (isBox) assert.equal(view.arrays.names[v], collapsedName(-1 - view.origin[v], [...inFocus].filter((t) => arrays.generation[t] === -1 - view.origin[v]).length));
        }
        for (let a = 0; a < view.origin.length; a++)
          for (let b = a + 1; b < view.origin.length; b++) assert.ok(Math.abs(view.arrays.x[a] - view.arrays.x[b]) >= meta.nodeWidth || Math.abs(view.arrays.y[a] - view.arrays.y[b]) >= meta.nodeHeight, `view tasks ${a} and ${b} overlap`);
      }),
      { numRuns: 300 },
    );
  });

  test('the whole plan is the payload itself, not a copy', () => {
    const { meta, arrays } = largePlan(2_000);
    const view = planViewOf(meta, arrays, graphIndexOf(arrays), WHOLE_PLAN);
    assert.equal(view.arrays, arrays);
    assert.equal(view.viewOf(1234), 1234);
  });

  test('a view keeps the plan\'s critical path steps, and a layout cache key of its own', () => {
    // a -> b -> c -> d, critical all along; focus one hop around c.
    const { meta, arrays } = planOf({ names: ['a', 'b', 'c', 'd'], edges: [[0, 1], [1, 2], [2, 3]], criticalPath: [0, 1, 2, 3] });
    const view = planViewOf(meta, arrays, graphIndexOf(arrays), { collapsed: new Set(), focus: { task: 2, hops: 1, direction: 'both' } });
    assert.deepEqual([...view.origin], [1, 2, 3]);
    assert.deepEqual([...(view.steps?.step ?? [])], [1, 2, 3]);
    assert.equal(view.steps?.pathTasks, 4);
    assert.notEqual(view.meta.reducedSignature, meta.reducedSignature);
  });

  test('focusing on a task of a 100k-task plan gives a view small enough for ELK', () => {
    const { meta, arrays } = largePlan(100_000);
    const views = new PlanViews();
    views.setPlan(meta, arrays, false);
    const task = arrays.criticalPath[Math.floor(arrays.criticalPath.length / 2)];
    const view = views.focus({ task, hops: 1, direction: 'both' });
    assert.ok(view !== undefined);
    assert.ok(view.meta.taskCount > 1 && view.meta.taskCount <= 2_000, `${view.meta.taskCount} tasks`);
    assert.match(views.describe() ?? '', /^Showing \d+ of 100,000 tasks one by one: focused on .* \(1 hop up- and downstream\)\.$/);
  });

  test('showing a hidden task widens the view: out of the focus drops the focus, in a collapsed generation opens it only when asked', () => {
    const { meta, arrays } = planOf({ names: ['a', 'b', 'c', 'd', 'e'], edges: [[0, 1], [1, 2], [3, 4]], criticalPath: [0, 1, 2] });
    const views = new PlanViews();
    views.setPlan(meta, arrays, false);
    views.focus({ task: 0, hops: 1, direction: 'down' });
    assert.equal(views.view?.viewOf(4), -1);
    const shown = views.show(4, true);
    assert.ok(shown.changed !== undefined);
    assert.equal(views.spec.focus, undefined);
    assert.equal(views.view?.origin[shown.task], 4);

    views.toggleGeneration(arrays.generation[2]);
    const boxed = views.show(2, false);
    assert.equal(boxed.changed, undefined, 'the box stands for the task: nothing to change');
    assert.equal(views.collapsedGeneration(boxed.task), arrays.generation[2]);
    const opened = views.show(2, true);
    assert.ok(opened.changed !== undefined);
    assert.equal(views.view?.origin[opened.task], 2);
    assert.equal(views.describe(), undefined);
  });

  test('a redraw of the same plan keeps the focus (by name) and the collapsed generations; a new plan opens whole', () => {
    const { meta, arrays } = planOf({ names: ['a', 'b', 'c'], edges: [[0, 1], [1, 2]] });
    const views = new PlanViews();
    views.setPlan(meta, arrays, false);
    views.focus({ task: 1, hops: 1, direction: 'up' });
    views.toggleGeneration(0);
    // The edited plan: a task added in front, so every index moved.
    const edited = planOf({ names: ['z', 'a', 'b', 'c'], edges: [[1, 2], [2, 3]] });
    views.setPlan(edited.meta, edited.arrays, true);
    assert.equal(views.spec.focus?.task, 2);
    assert.deepEqual([...views.spec.collapsed], [0]);
    views.setPlan(edited.meta, edited.arrays, false);
    assert.equal(views.describe(), undefined);
  });
});
