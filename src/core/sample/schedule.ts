/**
 * The sample's schedule, computed with Plan Lens's own graph kernel so the recorded artifacts agree with
 * what Plan Lens derives: reduced task-dependency graph, topological generations, weighted critical path,
 * bottom levels and slack (artifact-formats.md §3). Inside a generation tasks are ordered by descending
 * bottom level, then name (the @C key without centrality and structural bonuses). O((V + E) log V).
 */

import { bottomLevels, criticalPath, slack } from '../graph/criticalPath';
import { Dag } from '../graph/dag';
import { topologicalGenerations } from '../graph/generations';
import { topologicalOrder } from '../graph/topologicalOrder';
import { transitiveReduction } from '../graph/transitiveReduction';
import { compareUtf8 } from '../identity/value';
import type { TaskGraph } from './taskGraph';

export interface Schedule {
  readonly orderedTasks: readonly string[];
  readonly generations: readonly (readonly string[])[];
  readonly criticalPath: readonly string[];
  readonly criticalPathLength: number;
  readonly costs: ReadonlyMap<string, number>;
  readonly bottomLevels: ReadonlyMap<string, number>;
  readonly slack: ReadonlyMap<string, number>;
  readonly generationOf: ReadonlyMap<string, number>;
  readonly scheduleIndex: ReadonlyMap<string, number>;
  readonly reducedEdgeCount: number;
  readonly removedEdgeCount: number;
}

export function computeSchedule(graph: TaskGraph): Schedule {
  const names = graph.tasks.map((t) => t.name);
  const id = new Map(names.map((n, i) => [n, i]));
  const dag = Dag.fromEdges(
    names,
    graph.dependencies.map(([p]) => id.get(p)!),
    graph.dependencies.map(([, c]) => id.get(c)!),
  );
  const topo = topologicalOrder(dag);
  if (!topo.ok) throw new Error('the sample plan has a cycle: a generator bug');
  const { reduced, removedEdges } = transitiveReduction(dag, topo.order);
  const cost = Float64Array.from(graph.tasks, (t) => Math.max(t.cost, 1));
  const path = criticalPath(reduced, topo.order, cost);
  const bottom = bottomLevels(reduced, topo.order, cost);
  const slk = slack(reduced, topo.order, cost);
  const generations = topologicalGenerations(reduced).map((gen) =>
    gen.map((i) => names[i]).sort((a, b) => bottom[id.get(b)!] - bottom[id.get(a)!] || compareUtf8(a, b)),
  );
  const orderedTasks = generations.flat();
  return {
    orderedTasks,
    generations,
    criticalPath: path.path.map((i) => names[i]),
    criticalPathLength: path.length,
    costs: new Map(names.map((n, i) => [n, cost[i]])),
    bottomLevels: new Map(names.map((n, i) => [n, bottom[i]])),
    slack: new Map(names.map((n, i) => [n, slk[i]])),
    generationOf: new Map(generations.flatMap((gen, g) => gen.map((n) => [n, g] as const))),
    scheduleIndex: new Map(orderedTasks.map((n, i) => [n, i])),
    reducedEdgeCount: reduced.edgeCount,
    removedEdgeCount: removedEdges.length,
  };
}
