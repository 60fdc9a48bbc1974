/**
 * The sample's schedule, computed by Plan Lens's own analysis (src/core/analysis/analyzePlan.ts) from the
 * node-link text the sample writes, with the sample's task costs as recorded costs. So the recorded
 * plan_schedule_v1 agrees with what Plan Lens derives from the graph file: reduced task-dependency
 * graph, topological generations, weighted critical path, bottom levels and slack (artifact-formats.md
 * §3). Inside a generation tasks are ordered by descending bottom level, then name (the @C key without
 * centrality and structural bonuses). O((V + E) log V).
 */

import { analyzeNodeLinkText } from '../analysis/analyzePlan';
import type { Sha256Factory } from '../hash/sha256';
import { compareUtf8 } from '../identity/value';
import type { TaskGraph } from './taskGraph';

export interface SampleSchedule {
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
  /** Producer -> consumer dependencies the transitive reduction removed. */
  readonly removedDependencies: readonly (readonly [string, string])[];
}

export function computeSchedule(graph: TaskGraph, sha256?: Sha256Factory): SampleSchedule {
  const recorded = new Map(graph.tasks.map((t) => [t.name, t.cost]));
  const a = analyzeNodeLinkText(graph.nodeLinkJson, 'task_graph_node_link.json', { costs: recorded, sha256 });
  // The generator builds the graph itself: any issue here is a generator bug, not bad user input.
  if (a.issues.length > 0) throw new Error(`sample task graph rejected: ${a.issues.map((i) => i.message).join('; ')}`);
  const metric = (name: string): { cost: number; bottomLevel?: number; slack?: number } => a.taskMetrics[name];
  const bottom = (name: string): number => metric(name).bottomLevel ?? 0;
  const generations = a.generations.map((gen) => [...gen].sort((x, y) => bottom(y) - bottom(x) || compareUtf8(x, y)));
  const orderedTasks = generations.flat();
  return {
    orderedTasks,
    generations,
    criticalPath: a.criticalPath.tasks,
    criticalPathLength: a.criticalPath.length,
    costs: new Map(a.tasks.map((n) => [n, metric(n).cost])),
    bottomLevels: new Map(a.tasks.map((n) => [n, bottom(n)])),
    slack: new Map(a.tasks.map((n) => [n, metric(n).slack ?? 0])),
    generationOf: new Map(generations.flatMap((gen, g) => gen.map((n) => [n, g] as const))),
    scheduleIndex: new Map(orderedTasks.map((n, i) => [n, i])),
    reducedEdgeCount: a.reducedDependencies.length,
    removedEdgeCount: a.removedDependencies.length,
    removedDependencies: a.removedDependencies,
  };
}
