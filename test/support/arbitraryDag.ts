/** fast-check arbitraries for DAGs whose node ids are not in topological order, and brute-force oracles. */

import fc from 'fast-check';
import { Dag } from '../../src/core/graph/dag';

export interface DagCase {
  readonly dag: Dag;
  readonly edges: ReadonlyArray<readonly [number, number]>;
}

/** A random DAG: edges go forward in a random permutation, so id order is unrelated to edge direction. */
export function arbitraryDag(maxNodes = 24): fc.Arbitrary<DagCase> {
  return fc
    .integer({ min: 0, max: maxNodes })
    .chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }),
        fc.array(fc.tuple(fc.nat(Math.max(n - 1, 0)), fc.nat(Math.max(n - 1, 0))), { maxLength: n * 3 }),
      ),
    )
    .map(([n, perm, pairs]) => {
      const edges: Array<[number, number]> = [];
      for (const [a, b] of pairs) {
        if (n === 0 || a === b) continue;
        const [lo, hi] = a < b ? [a, b] : [b, a];
        edges.push([perm[lo], perm[hi]]);
      }
      const names = Array.from({ length: n }, (_, i) => `t${String(i).padStart(3, '0')}`);
      return { dag: Dag.fromEdges(names, edges.map((e) => e[0]), edges.map((e) => e[1])), edges };
    });
}

/** Reachability matrix by DFS from every node: the slow, obviously correct oracle. */
export function reachability(g: Dag): boolean[][] {
  const n = g.nodeCount;
  return Array.from({ length: n }, (_, s) => {
    const seen = new Array<boolean>(n).fill(false);
    const stack = [...g.successors(s)];
    while (stack.length > 0) {
      const v = stack.pop() as number;
      if (seen[v]) continue;
      seen[v] = true;
      stack.push(...g.successors(v));
    }
    return seen;
  });
}
