/**
 * The three drawings of a comparison, over one layout of the union of both plans: each side with its
 * own reduced edges, costs, critical path and cache statuses, and the overlay (every task and edge of
 * either side, the later run's costs and path, marks for added, removed and changed tasks). All three
 * share the name table and the positions, so task `i` is the same task at the same place in every
 * drawing: panning one side pans the other onto the same tasks.
 */

import type { PlanAnalysis } from '../../core/analysis/analyzePlan';
import type { RunComparison } from '../../core/analysis/compareRuns';
import { Dag } from '../../core/graph/dag';
import { topologicalGenerations } from '../../core/graph/generations';
import { layeredLayout } from '../../core/layout/layeredLayout';
import type { NodeLinkGraph } from '../../core/readers/nodeLinkGraph';
import { compareCodePoints } from '../../core/text/compareCodePoints';
import { TaskFlag, type CostSource, type GraphArrays } from '../../protocol/graphPayload';
import type { TaskMark } from '../../protocol/compare';
import { encodePayload, type GraphPayload } from '../graph/graphPayloadOf';
import { StringTable } from '../graph/stringTable';

export interface ComparedPlan {
  readonly title: string;
  readonly graph: NodeLinkGraph;
  readonly analysis: PlanAnalysis;
  readonly costSource: CostSource;
  readonly cacheStatus?: ReadonlyMap<string, string>;
}

export interface ComparisonPayloads {
  readonly before: GraphPayload;
  readonly after: GraphPayload;
  readonly overlay: GraphPayload;
  readonly marks: Readonly<Record<string, TaskMark>>;
}

export function comparisonPayloads(before: ComparedPlan, after: ComparedPlan, comparison: RunComparison): ComparisonPayloads {
  const names = [...new Set([...before.analysis.tasks, ...after.analysis.tasks])].sort(compareCodePoints);
  const index = new Map(names.map((name, i) => [name, i]));
  const edgeKey = ([s, t]: readonly [string, string]): string => `${index.get(s) as number} ${index.get(t) as number}`;
  const unionEdges = new Map<string, readonly [string, string]>();
  for (const e of [...before.analysis.reducedDependencies, ...after.analysis.reducedDependencies]) unionEdges.set(edgeKey(e), e);
  const edges = [...unionEdges.values()];
  const layout = unionLayout(names, index, edges, before.analysis, after.analysis);

  const marks: Record<string, TaskMark> = {};
  for (const t of comparison.tasks.added) marks[t] = 'added';
  for (const t of comparison.tasks.removed) marks[t] = 'removed';
  for (const c of comparison.tasks.changed) marks[c.task] = 'changed';
  const costChanged = new Map(comparison.tasks.changed.filter((c) => c.costBefore !== c.costAfter).map((c) => [c.task, c.costBefore]));
  /** `marked`: the drawing says what the later run added and which costs it changed (the renderer's comparison marks). */
  const side = (plan: ComparedPlan, title: string, sideEdges: readonly (readonly [string, string])[], costOf: (task: string) => PlanAnalysis['taskMetrics'][string] | undefined, marked: boolean): GraphPayload => {
    const path = plan.analysis.criticalPath;
    const n = names.length;
    const arrays: GraphArrays = {
      x: Float32Array.from(layout.x),
      y: Float32Array.from(layout.y),
      generation: layout.generation,
      kind: new Uint8Array(n),
      flags: new Uint8Array(n),
      cache: new Uint8Array(n),
      dataset: new Int32Array(n).fill(-1),
      cost: new Float64Array(n).fill(Number.NaN),
      bottomLevel: new Float64Array(n).fill(Number.NaN),
      slack: new Float64Array(n).fill(Number.NaN),
      costBefore: new Float64Array(n).fill(Number.NaN),
      criticalPath: Uint32Array.from(path.tasks.map((t) => index.get(t) as number)),
      edgePairs: Uint32Array.from(sideEdges.flatMap(([s, t]) => [index.get(s) as number, index.get(t) as number])),
      names,
    };
    const kinds = new StringTable(256);
    const datasets = new StringTable();
    // `cache` holds a status's index + 1 (0: none recorded), so 255 statuses fit a byte.
    const cacheStatuses = new StringTable(255);
    const kindOf = new Map([...before.graph.tasks, ...after.graph.tasks].map((t) => [t.name, t.taskKind]));
    const scanDataset = new Map<string, string>();
    for (const g of [before.graph, after.graph]) for (const e of g.evidence) if (e.scanDatasetName !== undefined) scanDataset.set(e.name, e.scanDatasetName);
    const outputOf = new Map([...before.graph.tasks, ...after.graph.tasks].map((t) => [t.name, t.output]));
    names.forEach((task, v) => {
      arrays.kind[v] = kinds.slot(kindOf.get(task) ?? 'task');
      const ds = scanDataset.get(outputOf.get(task) ?? '');
      if (ds !== undefined) arrays.dataset[v] = datasets.slot(ds);
      const m = costOf(task);
      if (m !== undefined) {
        arrays.cost[v] = m.cost;
        if (m.bottomLevel !== undefined) arrays.bottomLevel[v] = m.bottomLevel;
        if (m.slack !== undefined) arrays.slack[v] = m.slack;
      }
      const status = plan.cacheStatus?.get(task);
      if (status !== undefined) arrays.cache[v] = cacheStatuses.slot(status) + 1;
      if (marked && marks[task] === 'added') arrays.flags[v] |= TaskFlag.added;
      const was = marked ? costChanged.get(task) : undefined;
      if (was !== undefined) {
        arrays.flags[v] |= TaskFlag.costChanged;
        arrays.costBefore[v] = was;
      }
    });
    for (const v of arrays.criticalPath) arrays.flags[v] |= TaskFlag.critical;
    return encodePayload(
      {
        title,
        taskCount: n,
        edgeCount: sideEdges.length,
        generationCount: layout.generationCount,
        width: layout.width,
        height: layout.height,
        kinds: kinds.values,
        datasets: datasets.values,
        cacheStatuses: cacheStatuses.values,
        criticalPathLength: path.length,
        costSource: plan.costSource,
        reducedSignature: plan.analysis.signatures.reduced,
      },
      arrays,
    );
  };
  const beforePayload = side(before, before.title, before.analysis.reducedDependencies, (t) => before.analysis.taskMetrics[t], false);
  const afterPayload = side(after, after.title, after.analysis.reducedDependencies, (t) => after.analysis.taskMetrics[t], true);
  const overlay = side(after, `${before.title} → ${after.title}`, edges, (t) => after.analysis.taskMetrics[t] ?? before.analysis.taskMetrics[t], true);
  return { before: beforePayload, after: afterPayload, overlay, marks };
}

interface UnionLayout {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly width: number;
  readonly height: number;
  readonly generation: Uint32Array;
  readonly generationCount: number;
}

/**
 * Generations of the union graph when it is acyclic; when the two runs order some tasks oppositely (a
 * cycle in the union), each task keeps the later run's generation (the earlier run's for removed tasks).
 */
function unionLayout(names: readonly string[], index: ReadonlyMap<string, number>, edges: readonly (readonly [string, string])[], before: PlanAnalysis, after: PlanAnalysis): UnionLayout {
  const dag = Dag.fromEdges(
    names,
    edges.map(([s]) => index.get(s) as number),
    edges.map(([, t]) => index.get(t) as number),
  );
  let generations = topologicalGenerations(dag);
  if (generations.reduce((n, g) => n + g.length, 0) !== names.length) {
    const of = new Map<string, number>();
    before.generations.forEach((g, i) => g.forEach((t) => of.set(t, i)));
    after.generations.forEach((g, i) => g.forEach((t) => of.set(t, i)));
    const count = Math.max(0, ...of.values()) + 1;
    generations = Array.from({ length: count }, () => []);
    names.forEach((t, v) => generations[of.get(t) ?? 0].push(v));
  }
  const layout = layeredLayout(dag, generations);
  const generation = new Uint32Array(names.length);
  generations.forEach((g, i) => g.forEach((v) => (generation[v] = i)));
  return { x: layout.x, y: layout.y, width: layout.width, height: layout.height, generation, generationCount: generations.length };
}
