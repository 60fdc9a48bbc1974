/**
 * Transitive reduction of a DAG: the unique smallest subgraph with the same reachability. An edge u -> w is
 * redundant exactly when a path u -> x ~> w of two or more edges exists, that is, when another successor x
 * of u reaches w.
 *
 * Algorithm (chosen by measurement, see bench/suites/kernel.ts): one bidirectional breadth-first search
 * per edge whose source has several successors. The forward side starts from all the other successors of
 * u at once, the backward side from the other predecessors of w, and the smaller frontier grows by one
 * level at a time until they meet (redundant) or one runs dry (needed). Both sides stay inside the
 * topological window between u and w and keep only nodes whose GRAIL intervals (reachabilityLabels.ts)
 * allow the path, so most answers cost a handful of visits.
 *
 * Measured on a 100k-task pipeline-shaped plan (250k edges): a depth-first search per pair of successors
 * visited 4.7M nodes, this search 2.4M at a third of the time. Worst case O(V * E) like every search-based
 * reduction; a word-parallel bitset closure is O(V * E / 32) always and needs V^2 bits, 1.25 GB at 100k
 * nodes (the bitset baseline in the benchmark processes it in column blocks).
 *
 * Result shape follows rustworkx.transitive_reduction: the reduced graph and a node map (the identity
 * here, since no node is dropped), plus the removed edges.
 *
 * Precondition: `order` is a topological order of `g` (from `topologicalOrder`).
 */

import type { Dag } from './dag';
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
  const { outOffsets, outTargets } = g.csr;
  const position = new Int32Array(n);
  for (let i = 0; i < n; i++) position[order[i]] = i;
  const search = new RedundancySearch(g, position, buildReachabilityLabels(g));

  const keep = new Uint8Array(g.edgeCount).fill(1);
  const removedEdges: Array<readonly [number, number]> = [];
  for (let u = 0; u < n; u++) {
    if (outOffsets[u + 1] - outOffsets[u] < 2) continue;
    for (let e = outOffsets[u]; e < outOffsets[u + 1]; e++) {
      if (search.isRedundant(u, outTargets[e])) {
        keep[e] = 0;
        removedEdges.push([u, outTargets[e]]);
      }
    }
  }
  const nodeMap = new Int32Array(n);
  for (let v = 0; v < n; v++) nodeMap[v] = v;
  return { reduced: g.withEdges(keep), removedEdges, nodeMap };
}

/** Answers "is the edge u -> w implied by a longer path" with a bidirectional search; reusable buffers. */
class RedundancySearch {
  private readonly outOffsets: Int32Array;
  private readonly outTargets: Int32Array;
  private readonly inOffsets: Int32Array;
  private readonly inSources: Int32Array;
  /** forwardStamp[v] === query: v is reached from a successor of u; backwardStamp[v] === query: v reaches w. */
  private readonly forwardStamp: Int32Array;
  private readonly backwardStamp: Int32Array;
  private frontier: Int32Array[];
  private query = 0;

  constructor(
    g: Dag,
    private readonly position: Int32Array,
    private readonly labels: ReachabilityLabels,
  ) {
    ({ outOffsets: this.outOffsets, outTargets: this.outTargets, inOffsets: this.inOffsets, inSources: this.inSources } = g.csr);
    const n = g.nodeCount;
    this.forwardStamp = new Int32Array(n);
    this.backwardStamp = new Int32Array(n);
    this.frontier = [new Int32Array(n), new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  }

  /** Precondition: u -> w is an edge. */
  isRedundant(u: number, w: number): boolean {
    const { outOffsets, outTargets, inOffsets, inSources, position, labels, forwardStamp, backwardStamp } = this;
    if (inOffsets[w + 1] - inOffsets[w] < 2) return false;
    const lo = position[u];
    const hi = position[w];
    const q = ++this.query;
    let [forward, nextForward, backward, nextBackward] = this.frontier;

    let forwardSize = 0;
    for (let e = outOffsets[u]; e < outOffsets[u + 1]; e++) {
      const x = outTargets[e];
      if (x === w || position[x] >= hi || !mayReach(labels, x, w)) continue;
      forwardStamp[x] = q;
      forward[forwardSize++] = x;
    }
    if (forwardSize === 0) return false;

    let backwardSize = 0;
    for (let e = inOffsets[w]; e < inOffsets[w + 1]; e++) {
      const p = inSources[e];
      if (p === u) continue;
      if (forwardStamp[p] === q) return true;
      if (position[p] <= lo || !mayReach(labels, u, p)) continue;
      backwardStamp[p] = q;
      backward[backwardSize++] = p;
    }

    // A node stamped by one side and met by the other closes a path u -> x ~> v ~> w of two or more edges.
    while (forwardSize > 0 && backwardSize > 0) {
      let size = 0;
      if (forwardSize <= backwardSize) {
        for (let i = 0; i < forwardSize; i++) {
          const v = forward[i];
          for (let e = outOffsets[v]; e < outOffsets[v + 1]; e++) {
            const c = outTargets[e];
            if (c === w || backwardStamp[c] === q) return true;
            if (position[c] >= hi || forwardStamp[c] === q) continue;
            forwardStamp[c] = q;
            if (mayReach(labels, c, w)) nextForward[size++] = c;
          }
        }
        [forward, nextForward] = [nextForward, forward];
        forwardSize = size;
      } else {
        for (let i = 0; i < backwardSize; i++) {
          const v = backward[i];
          for (let e = inOffsets[v]; e < inOffsets[v + 1]; e++) {
            const p = inSources[e];
            if (forwardStamp[p] === q) return true;
            if (position[p] <= lo || backwardStamp[p] === q) continue;
            backwardStamp[p] = q;
            if (mayReach(labels, u, p)) nextBackward[size++] = p;
          }
        }
        [backward, nextBackward] = [nextBackward, backward];
        backwardSize = size;
      }
    }
    this.frontier = [forward, nextForward, backward, nextBackward];
    return false;
  }
}
