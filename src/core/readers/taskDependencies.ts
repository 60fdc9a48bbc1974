/**
 * Projection of the bipartite task graph onto tasks (artifact-formats.md §3.1): for every evidence node
 * with a producing task and a consuming task, one edge producer -> consumer (no self-loops), labelled with
 * the sorted names of all evidence that links the pair. Task ids follow task names in code-point order,
 * as the pipeline adds them, so id order is name order everywhere downstream.
 *
 * O(V + E + P) for P producer/consumer pairs, plus sorting names when the file does not list them sorted
 * already (rustworkx does). Everything runs on typed arrays: producers and consumers per evidence in CSR
 * form, pairs as integer triples put in order by two counting sorts. At 100k tasks this is several times
 * faster than Maps keyed by pair or arrays of arrays.
 */

import { Dag } from '../graph/dag';
import { compareCodePoints } from '../text/compareCodePoints';
import type { NodeLinkGraph, TaskNode } from './nodeLinkGraph';

export interface TaskDependencyGraph {
  readonly dag: Dag;
  /** Task records by task id. */
  readonly tasks: readonly TaskNode[];
  /** Evidence names justifying the edge s -> t, sorted; empty when there is no such edge. */
  evidenceOf(s: number, t: number): readonly string[];
  /** The same for the edge with this index in edge order (by source, then target): no lookup. */
  evidenceOfEdge(edge: number): readonly string[];
}

export function projectTaskDependencies(graph: NodeLinkGraph): TaskDependencyGraph {
  const tasks = sortedByName(graph.tasks);
  const evidence = sortedByName(graph.evidence);
  const n = tasks.length;
  const taskIndex = new IdIndex(tasks);
  const evidenceIndex = new IdIndex(evidence);

  // Producers and consumers of each evidence node, CSR by evidence index (evidence in name order).
  const links = graph.links;
  const taskOf = new Int32Array(links.length);
  const evidenceOfLink = new Int32Array(links.length);
  const producerCount = new Int32Array(evidence.length + 1);
  const consumerCount = new Int32Array(evidence.length + 1);
  for (let i = 0; i < links.length; i++) {
    const link = links[i];
    const produces = link.kind === 'produces';
    const t = taskIndex.get(produces ? link.source : link.target);
    const e = evidenceIndex.get(produces ? link.target : link.source);
    taskOf[i] = t;
    evidenceOfLink[i] = e;
    if (t === -1 || e === -1) continue;
    (produces ? producerCount : consumerCount)[e + 1]++;
  }
  const producers = fillCsr(links, taskOf, evidenceOfLink, producerCount, 'produces');
  const consumers = fillCsr(links, taskOf, evidenceOfLink, consumerCount, 'requires');

  // Every (producer, consumer, evidence) triple, evidence in name order, then two stable counting sorts
  // (by consumer, then by producer) give (producer, consumer, evidence name) order in linear time.
  let count = 0;
  for (let e = 0; e < evidence.length; e++) count += (producerCount[e + 1] - producerCount[e]) * (consumerCount[e + 1] - consumerCount[e]);
  const P = new Int32Array(count);
  const C = new Int32Array(count);
  const E = new Int32Array(count);
  count = 0;
  for (let e = 0; e < evidence.length; e++) {
    for (let i = producerCount[e]; i < producerCount[e + 1]; i++) {
      for (let j = consumerCount[e]; j < consumerCount[e + 1]; j++) {
        if (producers[i] === consumers[j]) continue;
        P[count] = producers[i];
        C[count] = consumers[j];
        E[count++] = e;
      }
    }
  }
  const order = stableCountingOrder(P, n, stableCountingOrder(C, n, identityOrder(count)));

  const sources: number[] = [];
  const targets: number[] = [];
  const evidenceNames: string[][] = [];
  for (let k = 0; k < count; k++) {
    const i = order[k];
    const p = P[i];
    const c = C[i];
    const name = evidence[E[i]].name;
    const last = sources.length - 1;
    if (last >= 0 && sources[last] === p && targets[last] === c) {
      const names = evidenceNames[last];
      if (names[names.length - 1] !== name) names.push(name);
    } else {
      sources.push(p);
      targets.push(c);
      evidenceNames.push([name]);
    }
  }
  const dag = Dag.fromEdges(tasks.map((t) => t.name), sources, targets);
  // Edges were added sorted by (source, target) without duplicates, so edge k is the k-th CSR edge.
  return {
    dag,
    tasks,
    evidenceOf(s, t) {
      const k = dag.edgeIndex(s, t);
      return k === -1 ? [] : evidenceNames[k];
    },
    evidenceOfEdge: (k) => evidenceNames[k] ?? [],
  };
}

/** Nodes in name (code point) order; rustworkx writes them sorted, so usually only a check. */
function sortedByName<T extends { readonly name: string }>(nodes: readonly T[]): readonly T[] {
  for (let i = 1; i < nodes.length; i++) {
    if (compareCodePoints(nodes[i - 1].name, nodes[i].name) > 0) return [...nodes].sort((a, b) => compareCodePoints(a.name, b.name));
  }
  return nodes;
}

/** Node id -> position in a node list; a typed array when ids are dense (they are node indices), else a Map. */
class IdIndex {
  private readonly dense?: Int32Array;
  private readonly sparse?: Map<number, number>;

  constructor(nodes: ReadonlyArray<{ readonly id: number }>) {
    let max = -1;
    let min = 0;
    for (const node of nodes) {
      if (node.id > max) max = node.id;
      if (node.id < min) min = node.id;
    }
    if (min >= 0 && max < 4 * nodes.length + 1024) {
      this.dense = new Int32Array(max + 1).fill(-1);
      nodes.forEach((node, i) => ((this.dense as Int32Array)[node.id] = i));
    } else {
      this.sparse = new Map(nodes.map((node, i) => [node.id, i]));
    }
  }

  /** The position, or -1. */
  get(id: number): number {
    if (this.dense !== undefined) return id >= 0 && id < this.dense.length ? this.dense[id] : -1;
    return this.sparse?.get(id) ?? -1;
  }
}

/** The task ids of links of one kind, grouped by evidence; `offsets` holds counts on entry, offsets on exit. */
function fillCsr(links: NodeLinkGraph['links'], taskOf: Int32Array, evidenceOf: Int32Array, offsets: Int32Array, kind: 'produces' | 'requires'): Int32Array {
  for (let e = 1; e < offsets.length; e++) offsets[e] += offsets[e - 1];
  const fill = offsets.slice(0, offsets.length - 1);
  const out = new Int32Array(offsets[offsets.length - 1]);
  for (let i = 0; i < links.length; i++) {
    if (links[i].kind !== kind || taskOf[i] === -1 || evidenceOf[i] === -1) continue;
    out[fill[evidenceOf[i]]++] = taskOf[i];
  }
  return out;
}

function identityOrder(count: number): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  return order;
}

/** `input` reordered stably by `keys[i]` in 0..range-1: one counting-sort pass. */
function stableCountingOrder(keys: Int32Array, range: number, input: Int32Array): Int32Array {
  const start = new Int32Array(range + 1);
  for (let i = 0; i < input.length; i++) start[keys[input[i]] + 1]++;
  for (let k = 0; k < range; k++) start[k + 1] += start[k];
  const out = new Int32Array(input.length);
  for (let i = 0; i < input.length; i++) out[start[keys[input[i]]]++] = input[i];
  return out;
}
