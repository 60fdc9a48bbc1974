/**
 * GRAIL reachability labels (Yildirim, Chaoji, Zaki: "GRAIL: Scalable Reachability Index for Large
 * Graphs", PVLDB 2010). Each of k randomised post-order traversals gives every node an interval
 * [low, rank]; if u reaches w then w's interval lies inside u's in every traversal. So a failed
 * containment proves "unreachable" in O(k), and a search only keeps nodes whose interval can still
 * contain the target. Building costs O(k (V + E)) time and 2kV integers.
 *
 * A node's k intervals are stored next to each other, so one test reads one or two cache lines rather
 * than 2k scattered words.
 *
 * Precondition: the graph is acyclic. Traversal orders come from a fixed-seed generator, so labels (and
 * everything built on them) are deterministic.
 */

import type { Dag } from './dag';

export interface ReachabilityLabels {
  readonly k: number;
  /** For node v and traversal t: low at [v * 2k + 2t], rank at [v * 2k + 2t + 1]. */
  readonly bounds: Int32Array;
}

/** xorshift32: tiny, fast and seedable; statistical quality is irrelevant here. */
function makeRandom(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/**
 * k = 4 traversals: with the bidirectional search of transitiveReduction.ts, a 100k-task pipeline-shaped
 * plan reduced in about the same time with k = 2, 4 and 8 (more labels prune more but cost more to build);
 * 4 is the middle.
 */
export function buildReachabilityLabels(g: Dag, k = 4, seed = 0x9e3779b9): ReachabilityLabels {
  const n = g.nodeCount;
  const { outOffsets, outTargets } = g.csr;
  const bounds = new Int32Array(2 * k * n);
  const random = makeRandom(seed);
  const roots: number[] = [];
  for (let v = 0; v < n; v++) if (g.inDegree(v) === 0) roots.push(v);
  const visited = new Uint8Array(n);
  const stackNode = new Int32Array(n);
  const stackNext = new Int32Array(n);
  // A random rotation per node of its child list: cheaper than shuffling, random enough for GRAIL.
  const rotation = new Uint32Array(n);
  const stride = 2 * k;
  for (let t = 0; t < k; t++) {
    const lowAt = 2 * t;
    visited.fill(0);
    for (let v = 0; v < n; v++) rotation[v] = random();
    shuffle(roots, random);
    let counter = 0;
    for (const root of roots) {
      let top = 0;
      stackNode[0] = root;
      stackNext[0] = 0;
      visited[root] = 1;
      bounds[root * stride + lowAt] = 0x7fffffff;
      while (top >= 0) {
        const v = stackNode[top];
        const first = outOffsets[v];
        const degree = outOffsets[v + 1] - first;
        if (stackNext[top] < degree) {
          const c = outTargets[first + ((stackNext[top]++ + rotation[v]) % degree)];
          if (visited[c] === 0) {
            visited[c] = 1;
            bounds[c * stride + lowAt] = 0x7fffffff;
            stackNode[++top] = c;
            stackNext[top] = 0;
          } else if (bounds[c * stride + lowAt] < bounds[v * stride + lowAt]) {
            bounds[v * stride + lowAt] = bounds[c * stride + lowAt];
          }
        } else {
          bounds[v * stride + lowAt + 1] = ++counter;
          if (counter < bounds[v * stride + lowAt]) bounds[v * stride + lowAt] = counter;
          top--;
          if (top >= 0) {
            const parent = stackNode[top];
            if (bounds[v * stride + lowAt] < bounds[parent * stride + lowAt]) bounds[parent * stride + lowAt] = bounds[v * stride + lowAt];
          }
        }
      }
    }
  }
  return { k, bounds };
}

function shuffle(a: number[], random: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = random() % (i + 1);
    const x = a[i];
    a[i] = a[j];
    a[j] = x;
  }
}

/** False proves that `u` cannot reach `w`; true means it may. */
export function mayReach(labels: ReachabilityLabels, u: number, w: number): boolean {
  const stride = 2 * labels.k;
  const b = labels.bounds;
  const at = u * stride;
  const wt = w * stride;
  for (let i = 0; i < stride; i += 2) {
    if (b[wt + i] < b[at + i] || b[wt + i + 1] > b[at + i + 1]) return false;
  }
  return true;
}
