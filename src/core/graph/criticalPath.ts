/**
 * Weighted critical path, bottom levels and slack, with the pipeline's conventions
 * (../shared/reference/artifact-formats.md §3.2):
 *  - the path is the weighted longest path where an edge weighs the cost of its target node, as
 *    rustworkx.dag_weighted_longest_path is called by the pipeline, so the first node's cost is not in
 *    the length (length = sum of costs of every node on the path but the first);
 *  - bottom(n) = cost(n) + max bottom(successor), or cost(n) without successors;
 *  - slack from earliest/latest start: ES = max EF(pred) (0 without predecessors), EF = ES + cost,
 *    LS = min LS(succ) (the critical length without successors) - cost, slack = max(LS - ES, 0).
 * Each is one dynamic-programming sweep over a topological order: O(V + E).
 *
 * Tie-breaking (documented because equal-length paths are common): among predecessors giving the same
 * best length, the one with the smallest node id wins; among end nodes with the same length, the smallest
 * id. Ids follow name order, so ties resolve to the alphabetically first names. rustworkx resolves ties
 * by hash-map order, which varies between processes: recorded paths can differ on ties.
 *
 * Precondition: `order` is a topological order of `g`; costs are finite.
 */

import type { Dag } from './dag';

export interface CriticalPath {
  /** Node ids from the first task to the last. Empty for an empty graph. */
  readonly path: readonly number[];
  readonly length: number;
}

export function criticalPath(g: Dag, order: Int32Array, cost: Float64Array): CriticalPath {
  const n = g.nodeCount;
  if (n === 0) return { path: [], length: 0 };
  const dist = new Float64Array(n);
  const parent = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const v = order[i];
    const preds = g.predecessors(v);
    let best = -1;
    let bestDist = 0;
    // Predecessors are sorted by id, so keeping only strictly better candidates prefers the smallest id.
    for (let j = 0; j < preds.length; j++) {
      const d = dist[preds[j]];
      if (best === -1 || d > bestDist) {
        best = preds[j];
        bestDist = d;
      }
    }
    if (best !== -1) {
      dist[v] = bestDist + cost[v];
      parent[v] = best;
    }
  }
  let end = 0;
  for (let v = 1; v < n; v++) if (dist[v] > dist[end]) end = v;
  const path: number[] = [];
  for (let v = end; v !== -1; v = parent[v]) path.push(v);
  path.reverse();
  return { path, length: dist[end] };
}

export function bottomLevels(g: Dag, order: Int32Array, cost: Float64Array): Float64Array {
  const n = g.nodeCount;
  const bottom = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const v = order[i];
    const succ = g.successors(v);
    let best = 0;
    for (let j = 0; j < succ.length; j++) if (bottom[succ[j]] > best) best = bottom[succ[j]];
    bottom[v] = cost[v] + best;
  }
  return bottom;
}

export function slack(g: Dag, order: Int32Array, cost: Float64Array): Float64Array {
  const n = g.nodeCount;
  const earliestFinish = new Float64Array(n);
  const earliestStart = new Float64Array(n);
  let critical = 0;
  for (let i = 0; i < n; i++) {
    const v = order[i];
    const preds = g.predecessors(v);
    let es = 0;
    for (let j = 0; j < preds.length; j++) if (earliestFinish[preds[j]] > es) es = earliestFinish[preds[j]];
    earliestStart[v] = es;
    earliestFinish[v] = es + cost[v];
    if (earliestFinish[v] > critical) critical = earliestFinish[v];
  }
  const latestStart = new Float64Array(n);
  const out = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const v = order[i];
    const succ = g.successors(v);
    let lf = critical;
    for (let j = 0; j < succ.length; j++) if (latestStart[succ[j]] < lf) lf = latestStart[succ[j]];
    latestStart[v] = lf - cost[v];
    out[v] = Math.max(latestStart[v] - earliestStart[v], 0);
  }
  return out;
}
