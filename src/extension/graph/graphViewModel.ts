/**
 * What the plan graph webview draws, computed on the host from the plan text: the analysis of
 * `plan-lens analyze` (reduced edges, generations, critical path, slack) laid out by the core's layered
 * layout. Free of `vscode`, so the unit tests check it directly.
 */

import { analyzeNodeLinkGraph, type PlanAnalysis } from '../../core/analysis/analyzePlan';
import { comparePlans } from '../../core/analysis/comparePlans';
import type { PlanDrift } from '../../core/model/planModel';
import { Dag } from '../../core/graph/dag';
import { DEFAULT_LAYOUT, layeredLayout } from '../../core/layout/layeredLayout';
import { readNodeLinkText } from '../../core/readers/nodeLink';
import type { GraphNode, GraphView } from '../../protocol/graphView';

/**
 * Above this many tasks the view shows a note instead of a drawing: SVG takes over a second for the
 * first frame at 10k nodes here (perf-anchors.md), and a canvas renderer is not written yet.
 */
export const MAX_DRAWN_TASKS = 3000;

/** A plan to compare with: its analysis (costs as its run recorded them) and its name. */
export interface GraphBaseline {
  readonly analysis: PlanAnalysis;
  readonly name: string;
}

/** The run's recorded drift and the artifact it came from. */
export interface GraphRunDrift {
  readonly drift: PlanDrift;
  readonly file: string;
}

export function graphViewOf(text: string, title: string, costs?: ReadonlyMap<string, number>, baseline?: GraphBaseline, run?: GraphRunDrift): GraphView {
  const empty = (note: string): GraphView => ({ title, nodes: [], edges: [], criticalPath: [], criticalPathLength: 0, nodeWidth: DEFAULT_LAYOUT.nodeWidth, nodeHeight: DEFAULT_LAYOUT.nodeHeight, width: 0, height: 0, note });
  const read = readNodeLinkText(text, title);
  if (read.graph === undefined) return empty(read.issues[0]?.message ?? 'not a task graph');
  const analysis = analyzeNodeLinkGraph(read.graph, read.issues, { costs }, text);
  const cycle = analysis.issues.find((i) => i.code === 'dependency-cycle');
  if (cycle !== undefined) return empty(cycle.message);
  const names = analysis.tasks;
  if (names.length > MAX_DRAWN_TASKS) return empty(`${names.length.toLocaleString('en')} tasks: too many to draw yet (the limit is ${MAX_DRAWN_TASKS.toLocaleString('en')}); the analysis summary covers them`);
  const index = new Map(names.map((name, i) => [name, i]));
  const id = (name: string): number => index.get(name) as number;
  const edges = analysis.reducedDependencies.map(([s, t]): [number, number] => [id(s), id(t)]);
  const dag = Dag.fromEdges(names, edges.map((e) => e[0]), edges.map((e) => e[1]));
  const layout = layeredLayout(dag, analysis.generations.map((gen) => gen.map(id)));
  const kind = new Map(read.graph.tasks.map((t) => [t.name, t.taskKind]));
  const onPath = new Map(analysis.criticalPath.tasks.map((name, i) => [name, i]));
  const changes = baseline === undefined ? undefined : comparePlans(baseline.analysis, analysis);
  const added = new Set(changes?.tasks.added);
  const costBefore = new Map(changes?.costChanges.map((c) => [c.task, c.before]));
  const notRun = new Set(run?.drift.missingAdmittedTasks);
  const nodes = names.map((name, v): GraphNode => {
    const metric = analysis.taskMetrics[name];
    const node: GraphNode = {
      name,
      taskKind: kind.get(name) ?? 'view',
      x: layout.x[v],
      y: layout.y[v],
      cost: metric.cost,
      slack: metric.slack ?? 0,
      criticalIndex: onPath.get(name) ?? -1,
      ...(notRun.has(name) ? { notRun: true } : {}),
    };
    if (added.has(name)) return { ...node, change: 'added' };
    const before = costBefore.get(name);
    return before === undefined ? node : { ...node, change: 'cost', costBefore: before };
  });
  return {
    title,
    nodes,
    edges,
    criticalPath: analysis.criticalPath.tasks.map(id),
    criticalPathLength: analysis.criticalPath.length,
    nodeWidth: DEFAULT_LAYOUT.nodeWidth,
    nodeHeight: DEFAULT_LAYOUT.nodeHeight,
    width: layout.width,
    height: layout.height,
    ...(changes === undefined || baseline === undefined
      ? {}
      : { comparison: { baseline: baseline.name, removed: changes.tasks.removed, criticalPathLengthBefore: changes.criticalPath.before.length } }),
    ...(run === undefined
      ? {}
      : {
          drift: {
            file: run.file,
            planTasks: run.drift.planTaskCount,
            admittedTasks: run.drift.admittedTaskCount,
            missing: run.drift.missingAdmittedTasks.length,
            unexpected: run.drift.unexpectedAdmittedTasks,
            missingGenerations: run.drift.missingGenerations,
          },
        }),
  };
}
