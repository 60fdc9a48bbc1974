import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Dag } from '../../../src/core/graph/dag';
import { topologicalOrder } from '../../../src/core/graph/topologicalOrder';
import { transitiveReduction } from '../../../src/core/graph/transitiveReduction';
import { topologicalGenerations } from '../../../src/core/graph/generations';
import { lexicographicalTopologicalSort } from '../../../src/core/graph/lexicographicalTopologicalSort';
import { bottomLevels, criticalPath, slack } from '../../../src/core/graph/criticalPath';
import { compareCodePoints } from '../../../src/core/text/compareCodePoints';
import { buildReachabilityLabels, mayReach } from '../../../src/core/graph/reachabilityLabels';
import { arbitraryDag, reachability } from '../../support/arbitraryDag';
import { bitsetRedundantEdges } from '../../support/bitsetReduction';
import { randomPlanTasks } from '../../support/randomPlans';

function orderOf(g: Dag): Int32Array {
  const r = topologicalOrder(g);
  assert.ok(r.ok, 'expected a DAG');
  return r.order;
}

function isTopological(g: Dag, order: ArrayLike<number>): boolean {
  const pos = new Map<number, number>();
  Array.from(order).forEach((v, i) => pos.set(v, i));
  return pos.size === g.nodeCount && [...g.edges()].every(([s, t]) => (pos.get(s) as number) < (pos.get(t) as number));
}

suite('graph kernel', () => {
  test('CSR merges parallel edges and keeps adjacency sorted both ways', () => {
    const g = Dag.fromEdges(['a', 'b', 'c'], [0, 0, 0, 2], [2, 1, 2, 1]);
    assert.equal(g.edgeCount, 3);
    assert.deepEqual([...g.successors(0)], [1, 2]);
    assert.deepEqual([...g.predecessors(1)], [0, 2]);
    assert.ok(g.hasEdge(2, 1) && !g.hasEdge(1, 2));
    assert.equal(g.indexOf('c'), 2);
    assert.throws(() => Dag.fromEdges(['a'], [0], [1]), RangeError);
  });

  test('topological order is an order of every DAG', () => {
    fc.assert(fc.property(arbitraryDag(), ({ dag }) => isTopological(dag, orderOf(dag))));
  });

  test('a cycle is returned as a closed walk along edges', () => {
    fc.assert(
      fc.property(arbitraryDag(12), fc.nat(), fc.nat(), ({ dag, edges }, a, b) => {
        if (dag.nodeCount === 0) return;
        // Close a cycle: an edge from the end of some path back to its start.
        const s = a % dag.nodeCount;
        const reach = reachability(dag)[s];
        const targets = reach.map((r, v) => (r ? v : -1)).filter((v) => v >= 0);
        const t = targets.length > 0 ? targets[b % targets.length] : s;
        const cyclic = Dag.fromEdges(dag.names, [...edges.map((e) => e[0]), t], [...edges.map((e) => e[1]), s]);
        const r = topologicalOrder(cyclic);
        assert.equal(r.ok, false);
        if (r.ok) return;
        assert.ok(r.cycle.length >= 1);
        r.cycle.forEach((v, i) => assert.ok(cyclic.hasEdge(v, r.cycle[(i + 1) % r.cycle.length]), `no edge ${v} -> next`));
      }),
    );
  });

  test('transitive reduction keeps reachability and is minimal', () => {
    fc.assert(
      fc.property(arbitraryDag(), ({ dag }) => {
        const { reduced, removedEdges, nodeMap } = transitiveReduction(dag, orderOf(dag));
        assert.deepEqual(reachability(reduced), reachability(dag));
        assert.equal(reduced.edgeCount + removedEdges.length, dag.edgeCount);
        // Minimal: removing any kept edge loses reachability, i.e. no other path joins its endpoints.
        const reach = reachability(reduced);
        for (const [s, t] of reduced.edges()) {
          const other = [...reduced.successors(s)].some((u) => u !== t && reach[u][t]);
          assert.equal(other, false, `edge ${s} -> ${t} is redundant`);
        }
        assert.deepEqual([...nodeMap], dag.names.map((_, i) => i));
      }),
      { numRuns: 300 },
    );
  });

  test('transitive reduction removes exactly the edges the bitset closure finds redundant', () => {
    fc.assert(
      fc.property(arbitraryDag(40), fc.constantFrom(32, 64), ({ dag }, blockBits) => {
        const order = orderOf(dag);
        const flags = bitsetRedundantEdges(dag, order, blockBits);
        const expected = [...dag.edges()].filter((_, e) => flags[e] === 1);
        assert.deepEqual(transitiveReduction(dag, order).removedEdges, expected);
      }),
      { numRuns: 200 },
    );
  });

  test('transitive reduction agrees with the bitset closure on pipeline-shaped plans of 3,000 tasks', () => {
    // Deep layered plans make the bidirectional search go many levels, which small random DAGs do not.
    for (const seed of [1, 2, 3, 4]) {
      const { tasks } = randomPlanTasks({ tasks: 3000, seed });
      const sources = tasks.flatMap((t) => t.sources);
      const targets = tasks.flatMap((t, i) => t.sources.map(() => i));
      const dag = Dag.fromEdges(tasks.map((t) => t.name), sources, targets);
      const order = orderOf(dag);
      const flags = bitsetRedundantEdges(dag, order);
      const expected = [...dag.edges()].filter((_, e) => flags[e] === 1);
      assert.ok(expected.length > 100, `seed ${seed}: the plan should have redundant edges`);
      assert.deepEqual(transitiveReduction(dag, order).removedEdges, expected, `seed ${seed}`);
    }
  });

  test('GRAIL labels never deny a real path', () => {
    fc.assert(
      fc.property(arbitraryDag(), fc.integer({ min: 1, max: 6 }), ({ dag }, k) => {
        const labels = buildReachabilityLabels(dag, k);
        const reach = reachability(dag);
        for (let u = 0; u < dag.nodeCount; u++) {
          for (let w = 0; w < dag.nodeCount; w++) if (reach[u][w]) assert.ok(mayReach(labels, u, w), `${u} reaches ${w}`);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('withEdges keeps exactly the marked edges, adjacency sorted both ways', () => {
    fc.assert(
      fc.property(arbitraryDag(), fc.infiniteStream(fc.boolean()), ({ dag }, coins) => {
        const keep = new Uint8Array(dag.edgeCount).map(() => (coins.next().value ? 1 : 0));
        const kept = [...dag.edges()].filter((_, e) => keep[e] === 1);
        const sub = dag.withEdges(keep);
        assert.deepEqual([...sub.edges()], kept);
        const rebuilt = Dag.fromEdges(dag.names, kept.map((e) => e[0]), kept.map((e) => e[1]));
        for (let v = 0; v < dag.nodeCount; v++) assert.deepEqual([...sub.predecessors(v)], [...rebuilt.predecessors(v)]);
      }),
    );
  });

  test('generations are layers: each node one past its deepest predecessor', () => {
    fc.assert(
      fc.property(arbitraryDag(), ({ dag }) => {
        const gens = topologicalGenerations(dag);
        const level = new Map<number, number>();
        gens.forEach((gen, i) => gen.forEach((v) => level.set(v, i)));
        assert.equal(level.size, dag.nodeCount);
        for (let v = 0; v < dag.nodeCount; v++) {
          const preds = [...dag.predecessors(v)];
          const expected = preds.length === 0 ? 0 : Math.max(...preds.map((p) => level.get(p) as number)) + 1;
          assert.equal(level.get(v), expected);
        }
        // The reduction preserves longest-path depth, so its generations are the same.
        assert.deepEqual(topologicalGenerations(transitiveReduction(dag, orderOf(dag)).reduced), gens);
      }),
    );
  });

  test('critical path equals the dynamic-programming optimum, and is a path', () => {
    fc.assert(
      fc.property(arbitraryDag(14), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 14, maxLength: 14 }), ({ dag }, costs) => {
        const cost = Float64Array.from(dag.names.map((_, i) => costs[i]));
        const order = orderOf(dag);
        const { path, length } = criticalPath(dag, order, cost);
        if (dag.nodeCount === 0) return assert.deepEqual(path, []);
        // Brute force: the best sum over every path of the costs of all nodes but the first.
        let best = 0;
        const visit = (v: number, sum: number): void => {
          best = Math.max(best, sum);
          for (const s of dag.successors(v)) visit(s, sum + cost[s]);
        };
        for (let v = 0; v < dag.nodeCount; v++) visit(v, 0);
        assert.equal(length, best);
        for (let i = 0; i + 1 < path.length; i++) assert.ok(dag.hasEdge(path[i], path[i + 1]));
        assert.equal(path.slice(1).reduce((s, v) => s + cost[v], 0), length);
        // bottom(v) - cost(v) is the longest path below v (§3.2), so its maximum is the path length.
        const bottom = bottomLevels(dag, order, cost);
        assert.equal(Math.max(...bottom.map((b, v) => b - cost[v])), length);
        assert.equal(bottom[path[0]], length + cost[path[0]]);
        // Slack is measured against the full schedule length (the largest bottom level), which counts the
        // first task's cost, so the zero-slack chain starts at a source with the largest bottom level.
        const slacks = slack(dag, order, cost);
        const longest = Math.max(...bottom);
        assert.ok([...slacks].every((s) => s >= 0));
        bottom.forEach((b, v) => {
          if (b === longest && dag.inDegree(v) === 0) assert.equal(slacks[v], 0, `task ${v} starts the longest chain but has slack`);
        });
      }),
    );
  });

  test('critical path ties break towards the smallest names', () => {
    // a -> c and b -> c with equal costs: both paths have length cost(c); the tie goes to a.
    const g = Dag.fromEdges(['a', 'b', 'c'], [0, 1], [2, 2]);
    const r = criticalPath(g, orderOf(g), Float64Array.from([5, 5, 7]));
    assert.deepEqual(r, { path: [0, 2], length: 7 });
  });

  test('lexicographical topological sort takes the smallest ready key first', () => {
    fc.assert(
      fc.property(arbitraryDag(), fc.array(fc.string(), { minLength: 24, maxLength: 24 }), ({ dag }, keys) => {
        const order = lexicographicalTopologicalSort(dag, (v) => keys[v]);
        assert.ok(order !== undefined && isTopological(dag, order));
        // At each step the chosen node is minimal among those ready at that step.
        const indegree = dag.names.map((_, v) => dag.inDegree(v));
        const ready = new Set(dag.names.map((_, v) => v).filter((v) => indegree[v] === 0));
        for (const v of order) {
          for (const r of ready) assert.ok(compareCodePoints(keys[v], keys[r]) < 0 || (keys[v] === keys[r] && v <= r) || r === v);
          ready.delete(v);
          for (const s of dag.successors(v)) if (--indegree[s] === 0) ready.add(s);
        }
      }),
    );
    assert.equal(lexicographicalTopologicalSort(Dag.fromEdges(['a', 'b'], [0, 1], [1, 0]), (v) => String(v)), undefined);
  });

  test('code-point order matches Python for astral characters', () => {
    // U+FF5E (fullwidth tilde) < U+1F600 (emoji) by code point, though not by UTF-16 code unit.
    assert.ok(compareCodePoints('\uff5e', '\u{1f600}') < 0);
    assert.ok('\uff5e' > '\u{1f600}');
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
      const cp = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0) as number);
      const x = cp(a);
      const y = cp(b);
      let expected = x.length - y.length;
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) { expected = x[i] - y[i]; break; }
      assert.equal(Math.sign(compareCodePoints(a, b)), Math.sign(expected));
    }));
  });
});
