/**
 * Plans for the panels' tests: a `GraphArrays` built straight from a DAG's edges (no reader, no analysis),
 * so property tests can run thousands of cases and the 100k-task case is built in well under a second.
 */

import { TaskFlag, type GraphArrays, type GraphMeta } from '../../../src/protocol/graphPayload';

/** Generation of every task: the longest path from a source, as the pipeline's topological generations. */
export function generationsOf(n: number, edges: ReadonlyArray<readonly [number, number]>): Uint32Array {
  const indegree = new Uint32Array(n);
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const [s, t] of edges) {
    out[s].push(t);
    indegree[t]++;
  }
  const generation = new Uint32Array(n);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) if (indegree[v] === 0) queue.push(v);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const w of out[v]) {
      generation[w] = Math.max(generation[w], generation[v] + 1);
      if (--indegree[w] === 0) queue.push(w);
    }
  }
  return generation;
}

export interface PlanSpec {
  readonly names: readonly string[];
  readonly edges: ReadonlyArray<readonly [number, number]>;
  readonly kinds?: readonly string[];
  /** Index into `kinds` per task (default: all 0). */
  readonly kind?: ArrayLike<number>;
  readonly datasets?: readonly string[];
  readonly dataset?: ArrayLike<number>;
  readonly criticalPath?: readonly number[];
  readonly flags?: ArrayLike<number>;
}

export function planOf(spec: PlanSpec): { meta: GraphMeta; arrays: GraphArrays } {
  const n = spec.names.length;
  const generation = generationsOf(n, spec.edges);
  const perGeneration = new Map<number, number>();
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let v = 0; v < n; v++) {
    const row = perGeneration.get(generation[v]) ?? 0;
    perGeneration.set(generation[v], row + 1);
    x[v] = generation[v] * 260;
    y[v] = row * 40;
  }
  const flags = Uint8Array.from(spec.flags ?? new Uint8Array(n));
  for (const v of spec.criticalPath ?? []) flags[v] |= TaskFlag.critical;
  const edgePairs = new Uint32Array(spec.edges.length * 2);
  spec.edges.forEach(([s, t], k) => {
    edgePairs[2 * k] = s;
    edgePairs[2 * k + 1] = t;
  });
  const arrays: GraphArrays = {
    x,
    y,
    generation,
    kind: Uint8Array.from(spec.kind ?? new Uint8Array(n)),
    flags,
    cache: new Uint8Array(n),
    dataset: Int32Array.from(spec.dataset ?? new Int32Array(n).fill(-1)),
    cost: new Float64Array(n).fill(1),
    bottomLevel: new Float64Array(n),
    slack: new Float64Array(n),
    costBefore: new Float64Array(n).fill(Number.NaN),
    criticalPath: Uint32Array.from(spec.criticalPath ?? []),
    edgePairs,
    names: spec.names,
  };
  const meta: GraphMeta = {
    title: 'synthetic plan',
    taskCount: n,
    edgeCount: spec.edges.length,
    generationCount: n === 0 ? 0 : generation.reduce((a, b) => Math.max(a, b), 0) + 1,
    nodeWidth: 180,
    nodeHeight: 28,
    width: x.reduce((a, b) => Math.max(a, b), 0) + 180,
    height: y.reduce((a, b) => Math.max(a, b), 0) + 28,
    kinds: spec.kinds ?? ['view'],
    datasets: spec.datasets ?? [],
    cacheStatuses: [],
    criticalPathLength: spec.criticalPath?.length ?? 0,
    costSource: { kind: 'priority' },
    reducedSignature: 'pl1:test',
    sections: {},
    byteLength: 0,
  };
  return { meta, arrays };
}

/** A seeded pseudo-random generator (mulberry32): the big plans are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A plan shaped like the pipeline's at scale: `n` tasks in about sqrt(n)/2 generations, ~2.5 edges per
 * task from earlier generations, one scan kind reading datasets in generation 0, a critical path.
 */
export function largePlan(n: number, seed = 1): { meta: GraphMeta; arrays: GraphArrays } {
  const random = seeded(seed);
  const generations = Math.max(1, Math.round(Math.sqrt(n) / 2));
  const genOf = new Uint32Array(n);
  for (let v = 0; v < n; v++) genOf[v] = v < generations ? v : Math.floor(random() * generations);
  const byGeneration: number[][] = Array.from({ length: generations }, () => []);
  for (let v = 0; v < n; v++) byGeneration[genOf[v]].push(v);
  const edges: Array<[number, number]> = [];
  for (let v = 0; v < n; v++) {
    const g = genOf[v];
    if (g === 0) continue;
    // One edge from the generation just before fixes the generation; the others from anywhere earlier.
    const before = byGeneration[g - 1];
    edges.push([before[Math.floor(random() * before.length)], v]);
    const extra = Math.floor(random() * 3);
    for (let k = 0; k < extra; k++) {
      const from = byGeneration[Math.floor(random() * g)];
      edges.push([from[Math.floor(random() * from.length)], v]);
    }
  }
  const unique = [...new Map(edges.map((e) => [`${e[0]}>${e[1]}`, e] as const)).values()];
  const datasets = Array.from({ length: 200 }, (_, i) => `delta/table_${i}`);
  const names = Array.from({ length: n }, (_, v) => (genOf[v] === 0 ? `scan_unit_${(v * 2654435761) >>> 0}` : `view_${v % 97}_${v}`));
  const kind = Uint8Array.from({ length: n }, (_, v) => (genOf[v] === 0 ? 0 : 1));
  const dataset = Int32Array.from({ length: n }, (_, v) => (genOf[v] === 0 ? v % datasets.length : -1));
  return planOf({ names, edges: unique, kinds: ['scan', 'view'], kind, datasets, dataset, criticalPath: byGeneration.map((tasks) => tasks[0]) });
}
