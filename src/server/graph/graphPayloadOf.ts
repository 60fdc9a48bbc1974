/**
 * The plan graph as the webview draws it, from one analysis: the reduced edges, generations, critical
 * path, bottom levels and slack of `plan-lens analyze`, the core's generation layout (the instant first
 * paint at any size), and what the run recorded (drift, cache statuses) or a baseline changed, packed
 * into typed arrays (src/protocol/graphPayload.ts). No size limit: the webview's renderer decides what
 * to draw at which zoom.
 */

import type { PlanAnalysis } from '../../core/analysis/analyzePlan';
import { comparePlans } from '../../core/analysis/comparePlans';
import { Dag } from '../../core/graph/dag';
import { DEFAULT_LAYOUT, layeredLayout } from '../../core/layout/layeredLayout';
import type { PlanDrift } from '../../core/model/planModel';
import type { NodeLinkGraph } from '../../core/readers/nodeLinkGraph';
import { encodeGraphArrays, TaskFlag, type CostSource, type GraphArrays, type GraphMeta } from '../../protocol/graphPayload';
import { StringTable } from './stringTable';

export interface GraphPayloadInput {
  /** The plan file, workspace-relative. */
  readonly title: string;
  readonly graph: NodeLinkGraph;
  readonly analysis: PlanAnalysis;
  readonly costSource: CostSource;
  readonly baseline?: { readonly name: string; readonly analysis: PlanAnalysis };
  readonly drift?: { readonly file: string; readonly drift: PlanDrift };
  /** The run's Hamilton cache status per task name (hit, executed, recomputed, ...). */
  readonly cacheStatus?: ReadonlyMap<string, string>;
}

export interface GraphPayload {
  readonly meta: GraphMeta;
  readonly buffer: ArrayBuffer;
}

/** A graph with nothing to draw and a note that says why. */
export function emptyGraphPayload(title: string, note: string, costSource: CostSource = { kind: 'priority' }): GraphPayload {
  const none = { names: [], x: new Float32Array(0), y: new Float32Array(0), generation: new Uint32Array(0), kind: new Uint8Array(0), flags: new Uint8Array(0), cache: new Uint8Array(0), dataset: new Int32Array(0), cost: new Float64Array(0), bottomLevel: new Float64Array(0), slack: new Float64Array(0), costBefore: new Float64Array(0), criticalPath: new Uint32Array(0), edgePairs: new Uint32Array(0) };
  return encodePayload({ title, taskCount: 0, edgeCount: 0, generationCount: 0, width: 0, height: 0, kinds: [], datasets: [], cacheStatuses: [], criticalPathLength: 0, costSource, reducedSignature: '', note }, none);
}

/** What a drawing says of itself; the box size and the buffer's sections are filled in by `encodePayload`. */
export type PayloadMeta = Omit<GraphMeta, 'nodeWidth' | 'nodeHeight' | 'sections' | 'byteLength'>;

/** The arrays packed into one buffer (src/protocol/graphPayload.ts), with the meta that describes it. */
export function encodePayload(meta: PayloadMeta, arrays: GraphArrays): GraphPayload {
  const { buffer, sections, byteLength } = encodeGraphArrays(arrays);
  return { meta: { ...meta, nodeWidth: DEFAULT_LAYOUT.nodeWidth, nodeHeight: DEFAULT_LAYOUT.nodeHeight, sections, byteLength }, buffer };
}

export function graphPayloadOf(input: GraphPayloadInput): GraphPayload {
  const { analysis, graph, title } = input;
  const cycle = analysis.issues.find((i) => i.code === 'dependency-cycle');
  if (cycle !== undefined) return emptyGraphPayload(title, cycle.message, input.costSource);
  const names = analysis.tasks;
  const n = names.length;
  const index = new Map<string, number>();
  names.forEach((name, i) => index.set(name, i));
  const id = (name: string): number => index.get(name) as number;
  const reduced = analysis.reducedDependencies;
  const edgePairs = new Uint32Array(reduced.length * 2);
  reduced.forEach(([s, t], e) => {
    edgePairs[2 * e] = id(s);
    edgePairs[2 * e + 1] = id(t);
  });
  const sources = Array.from({ length: reduced.length }, (_, e) => edgePairs[2 * e]);
  const targets = Array.from({ length: reduced.length }, (_, e) => edgePairs[2 * e + 1]);
  const generations = analysis.generations.map((gen) => gen.map(id));
  const layout = layeredLayout(Dag.fromEdges(names, sources, targets), generations);

  const generation = new Uint32Array(n);
  generations.forEach((gen, g) => gen.forEach((v) => (generation[v] = g)));
  const kinds = new StringTable(256);
  const datasets = new StringTable();
  const kind = new Uint8Array(n);
  const dataset = new Int32Array(n).fill(-1);
  const evidenceDataset = new Map<string, string>();
  for (const e of graph.evidence) if (e.scanDatasetName !== undefined) evidenceDataset.set(e.name, e.scanDatasetName);
  for (const t of graph.tasks) {
    const v = index.get(t.name);
    if (v === undefined) continue;
    kind[v] = kinds.slot(t.taskKind);
    const ds = evidenceDataset.get(t.output);
    if (ds !== undefined) dataset[v] = datasets.slot(ds);
  }

  const flags = new Uint8Array(n);
  const criticalPath = new Uint32Array(analysis.criticalPath.tasks.map(id));
  for (const v of criticalPath) flags[v] |= TaskFlag.critical;
  if (input.drift !== undefined) for (const name of input.drift.drift.missingAdmittedTasks) if (index.has(name)) flags[id(name)] |= TaskFlag.notRun;
  const costBefore = new Float64Array(n).fill(Number.NaN);
  const changes = input.baseline === undefined ? undefined : comparePlans(input.baseline.analysis, analysis);
  if (changes !== undefined) {
    for (const name of changes.tasks.added) if (index.has(name)) flags[id(name)] |= TaskFlag.added;
    for (const c of changes.costChanges) {
      if (!index.has(c.task)) continue;
      flags[id(c.task)] |= TaskFlag.costChanged;
      costBefore[id(c.task)] = c.before;
    }
  }

  // `cache` holds a status's index + 1 (0: none recorded), so 255 statuses fit a byte.
  const cacheStatuses = new StringTable(255);
  const cache = new Uint8Array(n);
  for (const [name, status] of input.cacheStatus ?? []) {
    const v = index.get(name);
    if (v !== undefined) cache[v] = cacheStatuses.slot(status) + 1;
  }

  const cost = new Float64Array(n);
  const bottomLevel = new Float64Array(n).fill(Number.NaN);
  const slack = new Float64Array(n).fill(Number.NaN);
  for (let v = 0; v < n; v++) {
    const metric = analysis.taskMetrics[names[v]];
    cost[v] = metric.cost;
    if (metric.bottomLevel !== undefined) bottomLevel[v] = metric.bottomLevel;
    if (metric.slack !== undefined) slack[v] = metric.slack;
  }

  const arrays: GraphArrays = { x: Float32Array.from(layout.x), y: Float32Array.from(layout.y), generation, kind, flags, cache, dataset, cost, bottomLevel, slack, costBefore, criticalPath, edgePairs, names };
  return encodePayload(
    {
      title,
      taskCount: n,
      edgeCount: reduced.length,
      generationCount: generations.length,
      width: layout.width,
      height: layout.height,
      kinds: kinds.values,
      datasets: datasets.values,
      cacheStatuses: cacheStatuses.values,
      criticalPathLength: analysis.criticalPath.length,
      costSource: input.costSource,
      reducedSignature: analysis.signatures.reduced,
      ...(changes === undefined || input.baseline === undefined ? {} : { comparison: { baseline: input.baseline.name, removed: changes.tasks.removed, criticalPathLengthBefore: changes.criticalPath.before.length } }),
      ...(input.drift === undefined
        ? {}
        : {
            drift: {
              file: input.drift.file,
              planTasks: input.drift.drift.planTaskCount,
              admittedTasks: input.drift.drift.admittedTaskCount,
              missing: input.drift.drift.missingAdmittedTasks.length,
              unexpected: input.drift.drift.unexpectedAdmittedTasks,
              missingGenerations: input.drift.drift.missingGenerations,
            },
          }),
    },
    arrays,
  );
}
