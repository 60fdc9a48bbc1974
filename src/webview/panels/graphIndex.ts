/**
 * The plan's reduced graph indexed for the navigation panels: adjacency both ways as CSR, the members of
 * each generation, k-hop neighbourhoods, and the subgraph to draw for a set of tasks with some
 * generations collapsed into one box each. Pure (no DOM), built once per payload in O(tasks + edges);
 * every query after that costs what it visits, not the size of the plan, so focusing on two hops around a
 * task of a 100k-task plan touches a few hundred entries.
 *
 * The adjacency fields are named as the renderer's `PlanGraph` names them, so `neighbourhood` also takes
 * a `PlanGraph` and the page need not build the CSR twice.
 */

import type { GraphArrays } from '../../protocol/graphPayload';

/** Successors and predecessors as CSR: the successors of v are `succ[succStart[v] .. succStart[v + 1])`. */
export interface Adjacency {
  readonly taskCount: number;
  readonly succStart: Uint32Array;
  readonly succ: Uint32Array;
  readonly predStart: Uint32Array;
  readonly pred: Uint32Array;
}

export interface GraphIndex extends Adjacency {
  readonly edgeCount: number;
  /** For each entry of `succ`, the index of its edge in `edgePairs` (so a subgraph can name its edges). */
  readonly succEdge: Uint32Array;
  readonly generationCount: number;
  /** Tasks of generation g, by increasing task index: `generationTasks[generationStart[g] .. generationStart[g + 1])`. */
  readonly generationStart: Uint32Array;
  readonly generationTasks: Uint32Array;
  /** The payload's arrays, kept for collapsing. */
  readonly generation: Uint32Array;
  readonly edgePairs: Uint32Array;
}

/** Upstream follows edges backwards (what the task needs), downstream forwards (what needs it). */
export type HopDirection = 'up' | 'down' | 'both';

export function graphIndexOf(arrays: Pick<GraphArrays, 'edgePairs' | 'generation'>): GraphIndex {
  const n = arrays.generation.length;
  const pairs = arrays.edgePairs;
  const e = pairs.length >>> 1;
  for (let k = 0; k < 2 * e; k++) if (pairs[k] >= n) throw new Error(`graph index: edge ${k >>> 1} names task ${pairs[k]} of ${n}`);
  const [succStart, succ, succEdge] = csr(n, pairs, 0);
  const [predStart, pred] = csr(n, pairs, 1);
  let generationCount = 0;
  for (let v = 0; v < n; v++) if (arrays.generation[v] + 1 > generationCount) generationCount = arrays.generation[v] + 1;
  const generationStart = new Uint32Array(generationCount + 1);
  for (let v = 0; v < n; v++) generationStart[arrays.generation[v] + 1]++;
  for (let g = 0; g < generationCount; g++) generationStart[g + 1] += generationStart[g];
  const fill = generationStart.slice(0, generationCount);
  const generationTasks = new Uint32Array(n);
  for (let v = 0; v < n; v++) generationTasks[fill[arrays.generation[v]]++] = v;
  return { taskCount: n, edgeCount: e, succStart, succ, succEdge, predStart, pred, generationCount, generationStart, generationTasks, generation: arrays.generation, edgePairs: pairs };
}

/** Adjacency listed from one end of each edge (`side` 0: by source, listing targets; 1: by target, listing sources), with edge ids. */
function csr(n: number, pairs: Uint32Array, side: 0 | 1): [Uint32Array, Uint32Array, Uint32Array] {
  const e = pairs.length >>> 1;
  const start = new Uint32Array(n + 1);
  for (let k = 0; k < e; k++) start[pairs[2 * k + side] + 1]++;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const fill = start.slice(0, n);
  const other = new Uint32Array(e);
  const edge = new Uint32Array(e);
  for (let k = 0; k < e; k++) {
    const at = fill[pairs[2 * k + side]]++;
    other[at] = pairs[2 * k + 1 - side];
    edge[at] = k;
  }
  return [start, other, edge];
}

/**
 * A per-graph "seen" marker that is never cleared: a task counts as seen when its stamp equals the current
 * epoch, so starting a new search is O(1) instead of O(tasks). Kept beside the graph (weakly, so it goes
 * with it), because the adjacency may be the renderer's object.
 */
class Marks {
  private readonly stamp: Uint32Array;
  private epoch = 0;
  constructor(n: number) {
    this.stamp = new Uint32Array(n);
  }
  next(): void {
    if (++this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
  }
  /** Marks v; false when it was already marked in this epoch. */
  add(v: number): boolean {
    if (this.stamp[v] === this.epoch) return false;
    this.stamp[v] = this.epoch;
    return true;
  }
  has(v: number): boolean {
    return this.stamp[v] === this.epoch;
  }
}

const marksOf = new WeakMap<object, Marks>();

function marks(graph: { readonly taskCount: number }): Marks {
  let m = marksOf.get(graph);
  if (m === undefined) {
    m = new Marks(graph.taskCount);
    marksOf.set(graph, m);
  }
  m.next();
  return m;
}

/**
 * The tasks within `hops` edges of `start` (one task or several): upstream, downstream, or both, where
 * "both" is the union of the two cones (ancestors and descendants, as Kedro-Viz and dbt's `+model+` mean
 * it), not an undirected walk, which would pull in every sibling and soon the whole plan.
 * `hops` = Infinity gives all ancestors and/or descendants; 0 (or anything not positive) only the start.
 *
 * Order: the starts first, then breadth-first, so every task comes before those farther away (for 'both',
 * the downstream cone so, then the upstream one); within one distance, in edge order (deterministic for
 * one payload). Out-of-range starts are ignored; each task appears once.
 */
export function neighbourhood(graph: Adjacency, start: number | ArrayLike<number>, hops: number, direction: HopDirection): Uint32Array {
  const starts = typeof start === 'number' ? [start] : start;
  const n = graph.taskCount;
  const limit = hops > 0 ? hops : 0;
  const seen = marks(graph);
  // The output grows with what is visited: a plain array, copied once at the end.
  const out: number[] = [];
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i];
    if (Number.isInteger(s) && s >= 0 && s < n && seen.add(s)) out.push(s);
  }
  const roots = out.length;
  if (direction === 'down' || direction === 'both') walk(graph.succStart, graph.succ, out, 0, roots, limit, seen);
  if (direction === 'both') {
    // The upstream cone gets its own seen set: a task downstream of the start can also be upstream of
    // another start, and it must then be walked upwards too.
    const downstream = out.length;
    const up = marks(graph);
    const ups: number[] = [];
    for (let i = 0; i < roots; i++) if (up.add(out[i])) ups.push(out[i]);
    walk(graph.predStart, graph.pred, ups, 0, ups.length, limit, up);
    // Merge: keep the first-seen order of the downstream walk, then the upstream tasks not already in it.
    const inOut = marks(graph);
    for (let i = 0; i < downstream; i++) inOut.add(out[i]);
    for (let i = roots; i < ups.length; i++) if (inOut.add(ups[i])) out.push(ups[i]);
    return Uint32Array.from(out);
  }
  if (direction === 'up') walk(graph.predStart, graph.pred, out, 0, roots, limit, seen);
  return Uint32Array.from(out);
}

/** Breadth-first from `queue[from .. to)`, appending to `queue` every unseen task within `limit` hops. */
function walk(start: Uint32Array, list: Uint32Array, queue: number[], from: number, to: number, limit: number, seen: Marks): void {
  let head = from;
  let levelEnd = to;
  let depth = 0;
  while (head < queue.length && depth < limit) {
    for (; head < levelEnd; head++) {
      const v = queue[head];
      for (let k = start[v]; k < start[v + 1]; k++) {
        const w = list[k];
        if (seen.add(w)) queue.push(w);
      }
    }
    levelEnd = queue.length;
    depth++;
  }
}

/** The tasks of generation `g` by increasing index (empty for a generation that does not exist). */
export function generationMembers(index: GraphIndex, g: number): Uint32Array {
  if (!Number.isInteger(g) || g < 0 || g >= index.generationCount) return new Uint32Array(0);
  return index.generationTasks.subarray(index.generationStart[g], index.generationStart[g + 1]);
}

/** A set of tasks and the reduced edges among them: what to draw when focusing. */
export interface Subgraph {
  /** The tasks, by increasing index, each once. */
  readonly tasks: Uint32Array;
  /** Indices into the payload's `edgePairs` of the edges with both ends in `tasks`, increasing. */
  readonly edges: Uint32Array;
}

/** The subgraph induced by `tasks` (duplicates and out-of-range ids ignored), in O(|tasks| + their out-degrees). */
export function subgraphOf(index: GraphIndex, tasks: ArrayLike<number>): Subgraph {
  const member = marks(index);
  const kept: number[] = [];
  for (let i = 0; i < tasks.length; i++) {
    const v = tasks[i];
    if (Number.isInteger(v) && v >= 0 && v < index.taskCount && member.add(v)) kept.push(v);
  }
  const sorted = Uint32Array.from(kept).sort();
  const edges: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    for (let k = index.succStart[v]; k < index.succStart[v + 1]; k++) if (member.has(index.succ[k])) edges.push(index.succEdge[k]);
  }
  return { tasks: sorted, edges: Uint32Array.from(edges).sort() };
}

/** Collapsing and expanding generations is a set of generation numbers; these keep it immutable for the page's state. */
export function toggleGeneration(collapsed: ReadonlySet<number>, g: number): ReadonlySet<number> {
  const next = new Set(collapsed);
  if (!next.delete(g)) next.add(g);
  return next;
}

/** One box standing for the visible members of a collapsed generation. */
export interface CollapsedGroup {
  readonly generation: number;
  /** How many of the visible tasks it stands for. */
  readonly count: number;
}

/**
 * What to draw once some generations are collapsed. Nodes are numbered: `0 .. taskCount - 1` are tasks,
 * `taskCount + i` is `groups[i]`. An edge between two visible tasks keeps its identity (`taskEdges`); an
 * edge with an end in a collapsed generation becomes one edge to or from that generation's box, once per
 * pair of nodes (`groupEdges`, source and target node pairs), so a collapsed generation of 10k tasks
 * draws as one box and a handful of edges.
 */
export interface VisibleGraph {
  readonly tasks: Uint32Array;
  readonly groups: readonly CollapsedGroup[];
  /** Indices into `edgePairs` of the edges between two visible, uncollapsed tasks, increasing. */
  readonly taskEdges: Uint32Array;
  /** (source node, target node) pairs, each pair once, sorted, with at least one end a group. */
  readonly groupEdges: Uint32Array;
}

/**
 * The visible graph of `tasks` (every task when omitted, else e.g. a neighbourhood) with the generations in
 * `collapsed` folded. Cost: O(|tasks| + their out-degrees + distinct group edges · log).
 */
export function visibleGraph(index: GraphIndex, collapsed: ReadonlySet<number>, tasks?: ArrayLike<number>): VisibleGraph {
  const sub = tasks === undefined ? undefined : subgraphOf(index, tasks);
  const n = index.taskCount;
  const member = sub === undefined ? undefined : marks(index);
  if (member !== undefined && sub !== undefined) for (let i = 0; i < sub.tasks.length; i++) member.add(sub.tasks[i]);
  // Group numbers by generation, in generation order, for the collapsed generations with visible members.
  const folded = new Set([...collapsed].filter((g) => Number.isInteger(g) && g >= 0 && g < index.generationCount));
  const members = new Map<number, number>();
  if (sub === undefined) for (const g of folded) members.set(g, index.generationStart[g + 1] - index.generationStart[g]);
  else
    for (let i = 0; i < sub.tasks.length; i++) {
      const g = index.generation[sub.tasks[i]];
      if (folded.has(g)) members.set(g, (members.get(g) ?? 0) + 1);
    }
  const groupOf = new Map<number, number>();
  const counts: number[] = [];
  for (const g of [...members.keys()].sort((a, b) => a - b)) {
    const size = members.get(g) ?? 0;
    if (size === 0) continue;
    groupOf.set(g, counts.length);
    counts.push(size);
  }
  const groups: CollapsedGroup[] = [...groupOf.keys()].map((generation, i) => ({ generation, count: counts[i] }));
  // Looked up once per edge end: an array by generation, not the Map.
  const groupByGeneration = new Int32Array(index.generationCount).fill(-1);
  for (const [g, i] of groupOf) groupByGeneration[g] = i;
  const nodeOf = (v: number): number => {
    const group = groupByGeneration[index.generation[v]];
    return group < 0 ? v : n + group;
  };
  // Node pairs as one number: n + groups < 2^26 for any plan a webview holds, so the product stays exact.
  const width = n + groups.length;
  // Keys of edges that touch a group, duplicates included; sorted and made unique at the end (cheaper
  // than a Set of non-small-integer numbers, which boxes every key).
  const pairKeys: number[] = [];
  let tasksOut: Uint32Array;
  let taskEdges: Uint32Array;
  if (sub === undefined) {
    // The whole plan: walk tasks and edges in index order, so the results come out sorted.
    tasksOut = new Uint32Array(n);
    let kept = 0;
    for (let v = 0; v < n; v++) if (groupByGeneration[index.generation[v]] < 0) tasksOut[kept++] = v;
    tasksOut = tasksOut.slice(0, kept);
    taskEdges = new Uint32Array(index.edgeCount);
    let edgesKept = 0;
    const pairs = index.edgePairs;
    for (let k = 0; k < index.edgeCount; k++) {
      const s = pairs[2 * k];
      const t = pairs[2 * k + 1];
      const from = nodeOf(s);
      const to = nodeOf(t);
      if (from === s && to === t) taskEdges[edgesKept++] = k;
      else pairKeys.push(from * width + to);
    }
    taskEdges = taskEdges.slice(0, edgesKept);
  } else {
    const visible: number[] = [];
    const edgeList: number[] = [];
    for (let i = 0; i < sub.tasks.length; i++) {
      const v = sub.tasks[i];
      const from = nodeOf(v);
      if (from === v) visible.push(v);
      for (let k = index.succStart[v]; k < index.succStart[v + 1]; k++) {
        const w = index.succ[k];
        if (member === undefined || !member.has(w)) continue;
        const to = nodeOf(w);
        if (from === v && to === w) edgeList.push(index.succEdge[k]);
        else pairKeys.push(from * width + to);
      }
    }
    tasksOut = Uint32Array.from(visible);
    taskEdges = Uint32Array.from(edgeList).sort();
  }
  const keys = Float64Array.from(pairKeys).sort();
  let unique = 0;
  for (let i = 0; i < keys.length; i++) if (i === 0 || keys[i] !== keys[i - 1]) keys[unique++] = keys[i];
  const groupEdges = new Uint32Array(2 * unique);
  for (let i = 0; i < unique; i++) {
    groupEdges[2 * i] = Math.floor(keys[i] / width);
    groupEdges[2 * i + 1] = keys[i] % width;
  }
  return { tasks: tasksOut, groups, taskEdges, groupEdges };
}

/** Name -> task index, built once per payload (names are unique in a plan; the first wins otherwise). */
export function taskLookup(names: readonly string[]): (name: string) => number {
  const map = new Map<string, number>();
  for (let i = 0; i < names.length; i++) if (!map.has(names[i])) map.set(names[i], i);
  return (name) => map.get(name) ?? -1;
}
