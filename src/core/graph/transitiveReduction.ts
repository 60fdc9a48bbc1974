/**
 * Transitive reduction of a DAG: the unique smallest subgraph with the same reachability. An edge u -> w is
 * redundant exactly when another successor of u reaches w.
 *
 * Algorithm (chosen by measurement, see bench/suites/kernel.ts): for each node, its successors are taken in
 * topological order, and each is tested against the earlier ones with a pruned depth-first search. The
 * search never leaves the topological window before the target and descends only into nodes whose GRAIL
 * interval (reachabilityLabels.ts) can contain the target, so a negative answer, the common case, usually
 * costs O(k). Worst case O(V * E) like every search-based reduction, but near-linear on pipeline-shaped
 * plans; a word-parallel bitset closure is O(V * E / 32) always and needs V^2 bits, 1.25 GB at 100k
 * nodes (the bitset baseline in the benchmark processes it in column blocks).
 *
 * Result shape follows rustworkx.transitive_reduction: the reduced graph and a node map (the identity
 * here, since no node is dropped), plus the removed edges.
 *
 * Precondition: `order` is a topological order of `g` (from `topologicalOrder`).
 */

import { Dag } from './dag';
import { buildReachabilityLabels, mayReach, type ReachabilityLabels } from './reachabilityLabels';

export interface TransitiveReduction {
  readonly reduced: Dag;
  /** Removed edges as [source, target] ids, by source then target. */
  readonly removedEdges: ReadonlyArray<readonly [number, number]>;
  /** Original node id -> reduced node id, as rustworkx returns it. */
  readonly nodeMap: Int32Array;
}

export function transitiveReduction(g: Dag, order: Int32Array): TransitiveReduction {
  const n = g.nodeCount;
  const position = new Int32Array(n);
  for (let i = 0; i < n; i++) position[order[i]] = i;
  const labels = buildReachabilityLabels(g);
  const search = new ReachabilitySearch(g, position, labels);

  const keptSources: number[] = [];
  const keptTargets: number[] = [];
  const removedEdges: Array<readonly [number, number]> = [];
  let byPosition = new Int32Array(16);
  for (let u = 0; u < n; u++) {
    const succ = g.successors(u);
    if (succ.length === 1) {
      keptSources.push(u);
      keptTargets.push(succ[0]);
      continue;
    }
    if (byPosition.length < succ.length) byPosition = new Int32Array(succ.length * 2);
    const sorted = byPosition.subarray(0, succ.length);
    sorted.set(succ);
    sorted.sort((a, b) => position[a] - position[b]);
    const redundant = new Set<number>();
    for (let j = 1; j < sorted.length; j++) {
      const w = sorted[j];
      for (let i = 0; i < j; i++) {
        // An earlier successor that is itself redundant is reachable from a kept one, which is tested too.
        if (!redundant.has(sorted[i]) && search.reaches(sorted[i], w)) {
          redundant.add(w);
          break;
        }
      }
    }
    for (let i = 0; i < succ.length; i++) {
      if (redundant.has(succ[i])) removedEdges.push([u, succ[i]]);
      else {
        keptSources.push(u);
        keptTargets.push(succ[i]);
      }
    }
  }
  const nodeMap = new Int32Array(n);
  for (let v = 0; v < n; v++) nodeMap[v] = v;
  return { reduced: Dag.fromEdges(g.names, keptSources, keptTargets), removedEdges, nodeMap };
}

/** Answers "does u reach w" by a depth-first search pruned by topological position and GRAIL labels. */
class ReachabilitySearch {
  private readonly stamp: Int32Array;
  private readonly stack: Int32Array;
  private query = 0;

  constructor(
    private readonly g: Dag,
    private readonly position: Int32Array,
    private readonly labels: ReachabilityLabels,
  ) {
    this.stamp = new Int32Array(g.nodeCount);
    this.stack = new Int32Array(g.nodeCount);
  }

  reaches(u: number, w: number): boolean {
    const n = this.g.nodeCount;
    if (!mayReach(this.labels, n, u, w)) return false;
    if (this.g.hasEdge(u, w)) return true;
    const limit = this.position[w];
    const q = ++this.query;
    let top = 0;
    this.stack[0] = u;
    this.stamp[u] = q;
    while (top >= 0) {
      const v = this.stack[top--];
      const succ = this.g.successors(v);
      for (let i = 0; i < succ.length; i++) {
        const c = succ[i];
        if (c === w) return true;
        if (this.stamp[c] === q || this.position[c] >= limit) continue;
        this.stamp[c] = q;
        if (mayReach(this.labels, n, c, w)) this.stack[++top] = c;
      }
    }
    return false;
  }
}
