import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { generationMembers, graphIndexOf, neighbourhood, subgraphOf, taskLookup, toggleGeneration, visibleGraph, type HopDirection } from '../../../src/webview/panels/graphIndex';
import { arbitraryDag } from '../../support/arbitraryDag';
import { generationsOf, largePlan } from './syntheticPlan';

/** Hop distance from any start to every task by rescanning the whole edge list per hop: slow, obviously right. */
function distances(n: number, edges: ReadonlyArray<readonly [number, number]>, starts: readonly number[], forward: boolean): number[] {
  const d = new Array<number>(n).fill(Infinity);
  for (const s of starts) d[s] = 0;
  for (let hop = 1; hop <= n; hop++) {
    let changed = false;
    for (const [a, b] of edges) {
      const [from, to] = forward ? [a, b] : [b, a];
      if (d[from] === hop - 1 && d[to] > hop) {
        d[to] = hop;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return d;
}

const caseArb = fc.record({
  dag: arbitraryDag(30),
  hops: fc.oneof(fc.integer({ min: -1, max: 6 }), fc.constant(Infinity)),
  direction: fc.constantFrom<HopDirection>('up', 'down', 'both'),
  starts: fc.array(fc.nat(40), { minLength: 1, maxLength: 3 }),
});

function indexOf(n: number, edges: ReadonlyArray<readonly [number, number]>) {
  const edgePairs = Uint32Array.from(edges.flat());
  return graphIndexOf({ edgePairs, generation: generationsOf(n, edges) });
}

suite('panels: graph index', () => {
  test('k-hop neighbourhood is exactly the tasks within k hops up, down or both (union of cones), each once, starts first, nearer before farther', () => {
    fc.assert(
      fc.property(caseArb, ({ dag: { dag, edges }, hops, direction, starts }) => {
        const n = dag.nodeCount;
        const index = indexOf(n, edges);
        const valid = [...new Set(starts.filter((s) => s < n))];
        const got = neighbourhood(index, starts, hops, direction);
        const k = hops > 0 ? hops : 0;
        const down = distances(n, edges, valid, true);
        const up = distances(n, edges, valid, false);
        const expected = new Set<number>();
        for (let v = 0; v < n; v++) if ((direction !== 'up' && down[v] !== Infinity && down[v] <= k) || (direction !== 'down' && up[v] !== Infinity && up[v] <= k)) expected.add(v);
        assert.equal(new Set(got).size, got.length, 'no duplicates');
        assert.deepEqual(new Set(got), expected);
        assert.deepEqual([...got.slice(0, valid.length)], valid, 'the starts come first');
        if (direction !== 'both') {
          const d = direction === 'down' ? down : up;
          for (let i = 1; i < got.length; i++) assert.ok(d[got[i - 1]] <= d[got[i]], 'breadth-first order');
        }
      }),
      { numRuns: 400 },
    );
  });

  test('a single start is a number; repeated queries on one index do not leak marks into each other', () => {
    const edges: Array<[number, number]> = [[0, 1], [1, 2], [2, 3], [4, 2]];
    const index = indexOf(5, edges);
    assert.deepEqual([...neighbourhood(index, 2, 1, 'up')], [2, 1, 4]);
    assert.deepEqual([...neighbourhood(index, 2, 1, 'down')], [2, 3]);
    assert.deepEqual([...neighbourhood(index, 2, 1, 'both')], [2, 3, 1, 4]);
    assert.deepEqual([...neighbourhood(index, 0, Infinity, 'down')], [0, 1, 2, 3]);
    assert.deepEqual([...neighbourhood(index, 0, 0, 'both')], [0]);
    assert.deepEqual([...neighbourhood(index, 99, 3, 'both')], []);
  });

  test('the subgraph of a set of tasks holds exactly the edges with both ends in it', () => {
    fc.assert(
      fc.property(arbitraryDag(30), fc.array(fc.nat(40), { maxLength: 40 }), ({ dag, edges }, picked) => {
        const n = dag.nodeCount;
        const index = indexOf(n, edges);
        const sub = subgraphOf(index, picked);
        const set = new Set(picked.filter((v) => v < n));
        assert.deepEqual([...sub.tasks], [...set].sort((a, b) => a - b));
        const expected = edges.map((e, k) => [e, k] as const).filter(([[s, t]]) => set.has(s) && set.has(t)).map(([, k]) => k);
        assert.deepEqual([...sub.edges], expected);
      }),
    );
  });

  test('generation members partition the tasks by generation, in index order', () => {
    fc.assert(
      fc.property(arbitraryDag(30), ({ dag, edges }) => {
        const n = dag.nodeCount;
        const generation = generationsOf(n, edges);
        const index = graphIndexOf({ edgePairs: Uint32Array.from(edges.flat()), generation });
        const seen: number[] = [];
        for (let g = 0; g < index.generationCount; g++) {
          const members = [...generationMembers(index, g)];
          assert.deepEqual(members, [...Array(n).keys()].filter((v) => generation[v] === g));
          seen.push(...members);
        }
        assert.equal(seen.length, n);
        assert.equal(generationMembers(index, index.generationCount).length, 0);
        assert.equal(generationMembers(index, -1).length, 0);
      }),
    );
  });

  test('collapsing generations folds their tasks into one box each, keeps other edges and maps the rest to the boxes once', () => {
    fc.assert(
      fc.property(arbitraryDag(30), fc.array(fc.nat(8), { maxLength: 4 }), fc.option(fc.array(fc.nat(40), { maxLength: 40 })), ({ dag, edges }, folded, subset) => {
        const n = dag.nodeCount;
        const index = indexOf(n, edges);
        const collapsed = new Set(folded);
        const view = visibleGraph(index, collapsed, subset ?? undefined);
        const inView = new Set(subset === null ? [...Array(n).keys()] : subset.filter((v) => v < n));
        const groupGenerations = [...new Set([...inView].map((v) => index.generation[v]).filter((g) => collapsed.has(g)))].sort((a, b) => a - b);
        assert.deepEqual(view.groups.map((g) => g.generation), groupGenerations);
        for (const g of view.groups) assert.equal(g.count, [...inView].filter((v) => index.generation[v] === g.generation).length);
        assert.deepEqual([...view.tasks], [...inView].filter((v) => !collapsed.has(index.generation[v])).sort((a, b) => a - b));
        const node = (v: number): number => (collapsed.has(index.generation[v]) ? n + groupGenerations.indexOf(index.generation[v]) : v);
        const taskEdges: number[] = [];
        const groupEdges = new Set<string>();
        edges.forEach(([s, t], k) => {
          if (!inView.has(s) || !inView.has(t)) return;
          if (node(s) === s && node(t) === t) taskEdges.push(k);
          else groupEdges.add(`${node(s)}>${node(t)}`);
        });
        assert.deepEqual([...view.taskEdges], taskEdges);
        const got: string[] = [];
        for (let i = 0; i < view.groupEdges.length; i += 2) got.push(`${view.groupEdges[i]}>${view.groupEdges[i + 1]}`);
        assert.equal(got.length, groupEdges.size, 'each pair once');
        assert.deepEqual(new Set(got), groupEdges);
      }),
    );
  });

  test('toggling a generation is immutable and undoes itself; names look up their task', () => {
    const a = new Set([1]);
    const b = toggleGeneration(a, 2);
    assert.deepEqual([...a], [1]);
    assert.deepEqual([...b].sort(), [1, 2]);
    assert.deepEqual([...toggleGeneration(b, 2)], [1]);
    const find = taskLookup(['a', 'b', 'a']);
    assert.equal(find('b'), 1);
    assert.equal(find('a'), 0);
    assert.equal(find('zz'), -1);
  });

  test('an edge naming a task out of range is refused', () => {
    assert.throws(() => graphIndexOf({ edgePairs: Uint32Array.of(0, 5), generation: new Uint32Array(2) }), /names task 5/);
  });

  test('100k tasks: index once, then k-hop focus and a collapsed view cost what they visit (times printed)', () => {
    const { arrays } = largePlan(100_000);
    let t = performance.now();
    const index = graphIndexOf(arrays);
    const build = performance.now() - t;
    const middle = index.generationTasks[index.generationStart[Math.floor(index.generationCount / 2)]];
    t = performance.now();
    const rounds = 100;
    let size = 0;
    for (let r = 0; r < rounds; r++) size = neighbourhood(index, middle, 2, 'both').length;
    const khop = (performance.now() - t) / rounds;
    // Timed on the second call: the first pays for compiling the code, which a page pays once.
    neighbourhood(index, middle, Infinity, 'both');
    t = performance.now();
    const all = neighbourhood(index, middle, Infinity, 'both');
    const cone = performance.now() - t;
    visibleGraph(index, new Set([0, 1, 2, 3, 4]));
    t = performance.now();
    const view = visibleGraph(index, new Set([0, 1, 2, 3, 4]));
    const collapse = performance.now() - t;
    console.log(`      100k tasks, ${index.edgeCount} edges: index ${build.toFixed(1)} ms; 2-hop focus (${size} tasks) ${khop.toFixed(3)} ms; whole cone (${all.length}) ${cone.toFixed(1)} ms; 5 generations collapsed ${collapse.toFixed(1)} ms`);
    assert.ok(size > 1 && all.length > size);
    assert.equal(view.groups.length, 5);
  });
});
