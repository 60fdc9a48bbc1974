/**
 * Lexicographical topological sort, as rustworkx.lexicographical_topological_sort: among the nodes that are
 * ready, the one with the smallest key comes first. O((V + E) log V) with a binary heap. Keys compare by
 * Unicode code point (Python's order); equal keys fall back to the node id, so the result is total.
 *
 * Returns undefined when the graph has a cycle (use `topologicalOrder` to get the cycle).
 */

import type { Dag } from './dag';
import { compareCodePoints } from '../text/compareCodePoints';

export function lexicographicalTopologicalSort(g: Dag, key: (v: number) => string): number[] | undefined {
  const n = g.nodeCount;
  const keys = new Array<string>(n);
  for (let v = 0; v < n; v++) keys[v] = key(v);
  const less = (a: number, b: number): boolean => {
    const c = compareCodePoints(keys[a], keys[b]);
    return c < 0 || (c === 0 && a < b);
  };
  const heap: number[] = [];
  const push = (v: number): void => {
    let i = heap.push(v) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap.pop() as number;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  };
  const indegree = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    indegree[v] = g.inDegree(v);
    if (indegree[v] === 0) push(v);
  }
  const out: number[] = [];
  while (heap.length > 0) {
    const v = pop();
    out.push(v);
    const succ = g.successors(v);
    for (let i = 0; i < succ.length; i++) if (--indegree[succ[i]] === 0) push(succ[i]);
  }
  return out.length === n ? out : undefined;
}
