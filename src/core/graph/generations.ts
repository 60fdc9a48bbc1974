/**
 * Topological generations, as rustworkx.topological_generations: generation 0 holds the nodes without
 * predecessors, generation i+1 the nodes whose last predecessor is in generation i. O(V + E).
 * Each generation is sorted by node id (ids are assigned in name order by the readers).
 *
 * Precondition: the graph is acyclic (nodes on or behind a cycle would be left out).
 */

import type { Dag } from './dag';

export function topologicalGenerations(g: Dag): number[][] {
  const n = g.nodeCount;
  const indegree = new Int32Array(n);
  let current: number[] = [];
  for (let v = 0; v < n; v++) {
    indegree[v] = g.inDegree(v);
    if (indegree[v] === 0) current.push(v);
  }
  const generations: number[][] = [];
  while (current.length > 0) {
    generations.push(current);
    const next: number[] = [];
    for (const v of current) {
      const succ = g.successors(v);
      for (let i = 0; i < succ.length; i++) if (--indegree[succ[i]] === 0) next.push(succ[i]);
    }
    next.sort((a, b) => a - b);
    current = next;
  }
  return generations;
}

/** The generation index of every node, from `topologicalGenerations`. */
export function generationIndex(n: number, generations: readonly (readonly number[])[]): Int32Array {
  const index = new Int32Array(n).fill(-1);
  generations.forEach((gen, i) => gen.forEach((v) => (index[v] = i)));
  return index;
}
