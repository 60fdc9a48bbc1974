/**
 * What the view says about a task, in words: the status line read by screen readers, and the hover
 * tooltip. Numbers are rounded by the one display rule (core formatNumber); the exact ones are in the CLI's --json.
 */

import { TaskFlag } from '../../protocol/graphPayload';
import { formatNumber } from '../../core/text/formatNumber';
import type { PlanGraph } from './planGraph';

function kindOf(graph: PlanGraph, task: number): string {
  return graph.meta.kinds[graph.arrays.kind[task]] ?? 'task';
}

/** "Step 2 of 8: name, view, cost 371.5, slack 0" (the step only for critical path tasks). */
export function announceTask(graph: PlanGraph, task: number): string {
  const step = graph.criticalStep[task];
  const prefix = step >= 0 ? `Step ${step + 1} of ${graph.criticalPathTasks}: ` : '';
  const slack = graph.arrays.slack[task];
  return `${prefix}${graph.arrays.names[task]}, ${kindOf(graph, task)}, cost ${formatNumber(graph.arrays.cost[task])}${Number.isNaN(slack) ? '' : `, slack ${formatNumber(slack)}`}`;
}

/** The tooltip's lines: the full name first (the box may show it cut), then the facts. */
export function tooltipLines(graph: PlanGraph, task: number): string[] {
  const a = graph.arrays;
  const meta = graph.meta;
  const lines = [a.names[task], `${kindOf(graph, task)} · generation ${a.generation[task]} · cost ${formatNumber(a.cost[task])}${Number.isNaN(a.slack[task]) ? '' : ` · slack ${formatNumber(a.slack[task])}`}`];
  const step = graph.criticalStep[task];
  if (step >= 0) lines.push(`critical path step ${step + 1} of ${graph.criticalPathTasks}`);
  if (a.dataset[task] >= 0) lines.push(`reads ${meta.datasets[a.dataset[task]] ?? '?'}`);
  if (a.cache[task] > 0) lines.push(`cache: ${meta.cacheStatuses[a.cache[task] - 1] ?? '?'}`);
  if ((a.flags[task] & TaskFlag.notRun) !== 0) lines.push('planned but never admitted in this run');
  if ((a.flags[task] & TaskFlag.added) !== 0) lines.push('new since the baseline');
  if ((a.flags[task] & TaskFlag.costChanged) !== 0) lines.push(`cost was ${formatNumber(a.costBefore[task])} in the baseline`);
  return lines;
}

/** The canvas's accessible name: what the picture shows, in one sentence. */
export function describePlan(graph: PlanGraph): string {
  const m = graph.meta;
  const path = graph.criticalPathTasks;
  return `Plan graph of ${m.title}: ${m.taskCount.toLocaleString('en-US')} tasks, ${m.edgeCount.toLocaleString('en-US')} dependencies in ${m.generationCount} generations` +
    (path > 0 ? `; critical path of ${path} tasks, length ${formatNumber(m.criticalPathLength)}` : '') +
    '. Arrow keys move the selection along dependencies, [ and ] step along the critical path, Enter shows the task in the plan file.';
}
