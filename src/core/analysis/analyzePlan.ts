/**
 * The analysis `plan-lens analyze` prints and the editor shows: the task-dependency graph, its transitive
 * reduction, generations, the weighted critical path with bottom levels and slack, and Plan Lens's
 * signatures. A cycle is reported as an issue; the steps that need a DAG are then left empty.
 */

import { issue, type PlanIssue } from '../issues';
import { bottomLevels, criticalPath, slack } from '../graph/criticalPath';
import type { Dag } from '../graph/dag';
import { topologicalGenerations } from '../graph/generations';
import { topologicalOrder } from '../graph/topologicalOrder';
import { transitiveReduction } from '../graph/transitiveReduction';
import { readNodeLinkText } from '../readers/nodeLink';
import type { NodeLinkGraph } from '../readers/nodeLinkGraph';
import { projectTaskDependencies, type TaskDependencyGraph } from '../readers/taskDependencies';
import { planSignatures, taskGraphSignature, type SignatureSection } from '../signature/taskGraphSignature';
import { locatePointers, type ParseJsonOptions } from '../json/parseJson';
import type { Sha256Factory } from '../hash/sha256';
import { formatNumber } from '../text/formatNumber';
import { costSourceText, type CostSource } from './costSource';

export interface PlanAnalysis {
  /** Task names, sorted by code point. */
  readonly tasks: string[];
  readonly dependencies: Array<[string, string]>;
  readonly reducedDependencies: Array<[string, string]>;
  readonly removedDependencies: Array<[string, string]>;
  readonly generations: string[][];
  readonly criticalPath: { readonly tasks: string[]; readonly length: number };
  /**
   * Per task: cost used, bottom-level cost and slack (absent on a cycle). Built on first access: a record
   * of 100k names costs more than the metrics themselves, and only JSON output and lookups by name use it.
   */
  readonly taskMetrics: Record<string, { readonly cost: number; readonly bottomLevel?: number; readonly slack?: number }>;
  readonly signatures: { readonly plan: string; readonly reduced: string };
  /** How many tasks have a recorded cost (the others weigh max(priority, 1)). */
  readonly recordedCosts: number;
  readonly issues: PlanIssue[];
}

export interface AnalyzeOptions {
  /** Recorded task costs (for example from plan_schedule_v1 `task_costs`); others use max(priority, 1). */
  readonly costs?: ReadonlyMap<string, number>;
  readonly signatureSections?: readonly SignatureSection[];
  /** The host's SHA-256 (Node's crypto in the CLI and server); pure JavaScript when absent. */
  readonly sha256?: Sha256Factory;
}

/** The pipeline's cost rule (artifact-formats.md §3.2): the recorded cost, else max(priority, 1). */
export function taskCost(priority: number, recorded: number | undefined): number {
  return recorded !== undefined ? Math.max(recorded, 1) : Math.max(priority, 1);
}

export function analyzeNodeLinkText(text: string, file: string, options: AnalyzeOptions & ParseJsonOptions = {}): PlanAnalysis {
  const read = readNodeLinkText(text, file, options);
  if (read.graph === undefined) return emptyAnalysis(read.issues);
  return analyzeNodeLinkGraph(read.graph, read.issues, options, text);
}

export function analyzeNodeLinkGraph(graph: NodeLinkGraph, readIssues: readonly PlanIssue[], options: AnalyzeOptions = {}, text?: string): PlanAnalysis {
  return analyzeTaskDependencies(projectTaskDependencies(graph), readIssues, options, (taskId, d) => {
    const ptr = graph.nodePointer(d.tasks[taskId].id);
    return ptr === undefined ? { file: graph.file } : locatePointers(text, graph.file, [ptr])[0];
  });
}

export function analyzeTaskDependencies(
  deps: TaskDependencyGraph,
  readIssues: readonly PlanIssue[],
  options: AnalyzeOptions,
  locateTask: (taskId: number, deps: TaskDependencyGraph) => PlanIssue['location'],
): PlanAnalysis {
  const { dag, tasks } = deps;
  const n = dag.nodeCount;
  const names = dag.names;
  const issues = [...readIssues];
  const cost = new Float64Array(n);
  for (let v = 0; v < n; v++) cost[v] = taskCost(tasks[v].priority, options.costs?.get(names[v]));
  const recordedCost = (v: number): number | undefined => options.costs?.get(names[v]);
  let recordedCosts = 0;
  if (options.costs !== undefined) for (let v = 0; v < n; v++) if (options.costs.has(names[v])) recordedCosts++;
  const pairs = (edges: ReadonlyArray<readonly [number, number]>): Array<[string, string]> => edges.map(([s, t]) => [names[s], names[t]]);
  const order = topologicalOrder(dag);
  if (!order.ok) {
    const plan = taskGraphSignature({ kind: 'task-graph', dag, tasks, evidenceOf: deps.evidenceOf, recordedCost, sha256: options.sha256, sections: options.signatureSections });
    const cycle = order.cycle.map((v) => names[v]);
    issues.push(issue('error', 'dependency-cycle', `the task dependencies form a cycle: ${[...cycle, cycle[0]].join(' -> ')}`, locateTask(order.cycle[0], deps)));
    return withLazyTaskMetrics(names, (v) => ({ cost: cost[v] }), {
      tasks: [...names],
      dependencies: edgeNames(dag),
      reducedDependencies: [],
      removedDependencies: [],
      generations: [],
      criticalPath: { tasks: [], length: 0 },
      signatures: { plan, reduced: '' },
      recordedCosts,
      issues,
    });
  }
  const reduction = transitiveReduction(dag, order.order);
  const reduced = reduction.reduced;
  const path = criticalPath(reduced, order.order, cost);
  const bottom = bottomLevels(reduced, order.order, cost);
  const slacks = slack(reduced, order.order, cost);
  return withLazyTaskMetrics(names, (v) => ({ cost: cost[v], bottomLevel: bottom[v], slack: slacks[v] }), {
    tasks: [...names],
    dependencies: edgeNames(dag),
    reducedDependencies: edgeNames(reduced),
    removedDependencies: pairs(reduction.removedEdges),
    generations: topologicalGenerations(reduced).map((gen) => gen.map((v) => names[v])),
    criticalPath: { tasks: path.path.map((v) => names[v]), length: path.length },
    signatures: planSignatures({ dag, reduced, tasks, evidenceOfEdge: deps.evidenceOfEdge, recordedCost, sha256: options.sha256, sections: options.signatureSections }),
    recordedCosts,
    issues,
  });
}

/** Edges as name pairs, by source then target. */
function edgeNames(g: Dag): Array<[string, string]> {
  const { outOffsets, outTargets } = g.csr;
  const out = new Array<[string, string]>(g.edgeCount);
  for (let v = 0, k = 0; v < g.nodeCount; v++) {
    for (let e = outOffsets[v]; e < outOffsets[v + 1]; e++) out[k++] = [g.names[v], g.names[outTargets[e]]];
  }
  return out;
}

/**
 * The analysis with `taskMetrics` as an enumerable property computed on first read (so JSON.stringify and
 * deep comparisons see it like any other) and then kept.
 */
function withLazyTaskMetrics(names: readonly string[], metric: (v: number) => PlanAnalysis['taskMetrics'][string], rest: Omit<PlanAnalysis, 'taskMetrics'>): PlanAnalysis {
  let built: PlanAnalysis['taskMetrics'] | undefined;
  return Object.defineProperty({ ...rest }, 'taskMetrics', {
    enumerable: true,
    get: () => {
      if (built === undefined) {
        // No prototype: a task named "__proto__" is an entry like any other.
        const record = Object.create(null) as PlanAnalysis['taskMetrics'];
        names.forEach((name, v) => (record[name] = metric(v)));
        built = record;
      }
      return built;
    },
  }) as PlanAnalysis;
}

function emptyAnalysis(issues: PlanIssue[]): PlanAnalysis {
  return {
    tasks: [],
    dependencies: [],
    reducedDependencies: [],
    removedDependencies: [],
    generations: [],
    criticalPath: { tasks: [], length: 0 },
    taskMetrics: {},
    signatures: { plan: '', reduced: '' },
    recordedCosts: 0,
    issues,
  };
}

/** The readable summary the CLI prints without --json; `costSource` says which costs weighed the path. */
export function formatAnalysisSummary(file: string, a: PlanAnalysis, costSource: CostSource): string {
  const errors = a.issues.filter((i) => i.severity === 'error').length;
  const lines = [
    `Plan ${file}`,
    `  tasks                 ${a.tasks.length}`,
    `  dependencies          ${a.dependencies.length} (${a.reducedDependencies.length} after transitive reduction, ${a.removedDependencies.length} redundant)`,
    `  generations           ${a.generations.length}${a.generations.length > 0 ? ` (widest: ${Math.max(...a.generations.map((g) => g.length))} tasks)` : ''}`,
    `  critical path length  ${formatNumber(a.criticalPath.length)} over ${a.criticalPath.tasks.length} tasks`,
    `  task costs            ${costSourceText(costSource, a.tasks.length)}`,
  ];
  if (a.criticalPath.tasks.length > 0) lines.push(`  critical path         ${shownPath(a.criticalPath.tasks).join(' -> ')}`);
  lines.push(`  signature (Plan Lens) ${a.signatures.plan || '—'}`, `  reduced signature     ${a.signatures.reduced || '—'}`);
  lines.push(`  issues                ${a.issues.length} (${errors} errors)`);
  return lines.join('\n');
}

/** A long critical path shortened to its first six and last five tasks around an ellipsis. */
export function shownPath(tasks: readonly string[]): string[] {
  return tasks.length <= 12 ? [...tasks] : [...tasks.slice(0, 6), '…', ...tasks.slice(-5)];
}
