/**
 * A compact directed graph for plans of 100k tasks and more: integer node ids 0..n-1, names interned once,
 * and both adjacency directions in CSR form (one offsets array and one flat targets array per direction).
 *
 * Why hand-written rather than graphology: object-per-node graphs build 5-10x slower than typed arrays at
 * this size (../shared/reference/perf-anchors.md), and every algorithm here is a linear sweep over CSR.
 *
 * Invariants: each adjacency list is sorted by node id and has no duplicates (parallel edges collapse to
 * one). Self-loops are kept: they are cycles, which `topologicalOrder` reports.
 */

export class Dag {
  private nameIndex: Map<string, number> | undefined;

  private constructor(
    /** Node names, indexed by node id. */
    readonly names: readonly string[],
    private readonly outOffsets: Int32Array,
    private readonly outTargets: Int32Array,
    private readonly inOffsets: Int32Array,
    private readonly inSources: Int32Array,
  ) {}

  /**
   * Builds a graph from parallel arrays of edge endpoints (node ids). Duplicate edges are merged.
   * @throws RangeError when an endpoint is not a node id: callers map names to ids first.
   */
  static fromEdges(names: readonly string[], sources: ArrayLike<number>, targets: ArrayLike<number>): Dag {
    const n = names.length;
    const m = sources.length;
    for (let e = 0; e < m; e++) {
      const s = sources[e];
      const t = targets[e];
      if (!(s >= 0 && s < n && t >= 0 && t < n)) throw new RangeError(`edge ${e} (${s} -> ${t}) is outside 0..${n - 1}`);
    }
    const [outOffsets, outTargets] = buildCsr(n, sources, targets);
    const [inOffsets, inSources] = buildCsr(n, targets, sources);
    return new Dag(names, outOffsets, outTargets, inOffsets, inSources);
  }

  /**
   * A graph with the same nodes and only the edges whose index (in edge order) is marked in `keep`. The
   * adjacency stays sorted, so no sorting is needed: O(V + E).
   */
  withEdges(keep: Uint8Array): Dag {
    const n = this.nodeCount;
    const outOffsets = new Int32Array(n + 1);
    const sources: number[] = [];
    const targets: number[] = [];
    for (let v = 0; v < n; v++) {
      outOffsets[v] = targets.length;
      for (let e = this.outOffsets[v]; e < this.outOffsets[v + 1]; e++) {
        if (keep[e] === 0) continue;
        sources.push(v);
        targets.push(this.outTargets[e]);
      }
    }
    outOffsets[n] = targets.length;
    const [inOffsets, inSources] = buildCsr(n, targets, sources);
    return new Dag(this.names, outOffsets, Int32Array.from(targets), inOffsets, inSources);
  }

  /**
   * The CSR arrays themselves, for hot loops where a subarray per visited node costs more than the visit.
   * Successors of v are outTargets[outOffsets[v] .. outOffsets[v + 1]); likewise for predecessors.
   * Shared with the graph: never modify them.
   */
  get csr(): { readonly outOffsets: Int32Array; readonly outTargets: Int32Array; readonly inOffsets: Int32Array; readonly inSources: Int32Array } {
    return { outOffsets: this.outOffsets, outTargets: this.outTargets, inOffsets: this.inOffsets, inSources: this.inSources };
  }

  get nodeCount(): number {
    return this.names.length;
  }

  get edgeCount(): number {
    return this.outTargets.length;
  }

  /** The successors of `v`, sorted by id. A view into the graph: do not modify. */
  successors(v: number): Int32Array {
    return this.outTargets.subarray(this.outOffsets[v], this.outOffsets[v + 1]);
  }

  /** The predecessors of `v`, sorted by id. A view into the graph: do not modify. */
  predecessors(v: number): Int32Array {
    return this.inSources.subarray(this.inOffsets[v], this.inOffsets[v + 1]);
  }

  outDegree(v: number): number {
    return this.outOffsets[v + 1] - this.outOffsets[v];
  }

  inDegree(v: number): number {
    return this.inOffsets[v + 1] - this.inOffsets[v];
  }

  hasEdge(s: number, t: number): boolean {
    return this.edgeIndex(s, t) !== -1;
  }

  /** The position of edge s -> t in edge order (by source, then target), or -1 when there is none. */
  edgeIndex(s: number, t: number): number {
    let lo = this.outOffsets[s];
    let hi = this.outOffsets[s + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = this.outTargets[mid];
      if (x === t) return mid;
      if (x < t) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The id of a node by name; the index is built on first use. */
  indexOf(name: string): number | undefined {
    if (this.nameIndex === undefined) {
      this.nameIndex = new Map();
      this.names.forEach((nm, i) => this.nameIndex?.set(nm, i));
    }
    return this.nameIndex.get(name);
  }

  /** All edges as [source, target] id pairs, by source then target. */
  *edges(): IterableIterator<[number, number]> {
    for (let v = 0; v < this.nodeCount; v++) {
      for (let e = this.outOffsets[v]; e < this.outOffsets[v + 1]; e++) yield [v, this.outTargets[e]];
    }
  }
}

/** Counting sort of edges by `keys`, then each bucket sorted and de-duplicated. */
function buildCsr(n: number, keys: ArrayLike<number>, values: ArrayLike<number>): [Int32Array, Int32Array] {
  const counts = new Int32Array(n + 1);
  for (let e = 0; e < keys.length; e++) counts[keys[e] + 1]++;
  for (let v = 0; v < n; v++) counts[v + 1] += counts[v];
  const fill = counts.slice(0, n);
  const flat = new Int32Array(keys.length);
  for (let e = 0; e < keys.length; e++) flat[fill[keys[e]]++] = values[e];
  // Sort and de-duplicate each bucket in place, compacting as we go.
  const offsets = new Int32Array(n + 1);
  let write = 0;
  for (let v = 0; v < n; v++) {
    const bucket = flat.subarray(counts[v], counts[v + 1]);
    if (bucket.length > 1) bucket.sort();
    offsets[v] = write;
    for (let i = 0; i < bucket.length; i++) {
      if (i > 0 && bucket[i] === bucket[i - 1]) continue;
      flat[write++] = bucket[i];
    }
  }
  offsets[n] = write;
  return [offsets, write === flat.length ? flat : flat.slice(0, write)];
}
