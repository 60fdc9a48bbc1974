/**
 * Topological order by Kahn's algorithm, O(V + E). A cycle is a result, not an exception: the caller gets
 * the nodes of one cycle (in edge order, first node not repeated) to report to the user.
 *
 * Order: ready nodes leave a FIFO queue seeded in id order, so the result is deterministic for a given
 * graph; use `lexicographicalTopologicalSort` when a key must decide.
 */

import type { Dag } from './dag';

export type TopologicalOrder = { readonly ok: true; readonly order: Int32Array } | { readonly ok: false; readonly cycle: readonly number[] };

export function topologicalOrder(g: Dag): TopologicalOrder {
  const n = g.nodeCount;
  const indegree = new Int32Array(n);
  for (let v = 0; v < n; v++) indegree[v] = g.inDegree(v);
  const order = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let v = 0; v < n; v++) if (indegree[v] === 0) order[tail++] = v;
  while (head < tail) {
    const v = order[head++];
    const succ = g.successors(v);
    for (let i = 0; i < succ.length; i++) {
      if (--indegree[succ[i]] === 0) order[tail++] = succ[i];
    }
  }
  if (tail === n) return { ok: true, order };
  return { ok: false, cycle: findCycle(g, indegree) };
}

/**
 * Finds one cycle among the nodes Kahn's algorithm could not release (indegree > 0). Every such node has
 * a predecessor that is also unreleased, so walking predecessors must revisit a node: iterative, O(V).
 */
function findCycle(g: Dag, indegree: Int32Array): number[] {
  let start = -1;
  for (let v = 0; v < g.nodeCount; v++) {
    if (indegree[v] > 0) {
      start = v;
      break;
    }
  }
  const seenAt = new Map<number, number>();
  const walk: number[] = [];
  let v = start;
  while (!seenAt.has(v)) {
    seenAt.set(v, walk.length);
    walk.push(v);
    const preds = g.predecessors(v);
    let next = -1;
    for (let i = 0; i < preds.length; i++) {
      if (indegree[preds[i]] > 0) {
        next = preds[i];
        break;
      }
    }
    v = next;
  }
  // `walk` follows edges backwards; the cycle is the tail from the repeated node, reversed to edge order.
  const cycle = walk.slice(seenAt.get(v)).reverse();
  // Rotate so the smallest id comes first: the same cycle always reads the same way.
  let minAt = 0;
  for (let i = 1; i < cycle.length; i++) if (cycle[i] < cycle[minAt]) minAt = i;
  return [...cycle.slice(minAt), ...cycle.slice(0, minAt)];
}
