/**
 * What changed between two plans (two runs, or a plan and its edit): tasks and reduced dependencies added
 * and removed, the critical path before and after, and the tasks whose cost moved. Both sides are
 * `PlanAnalysis` values, so any two inputs `plan-lens analyze` reads can be compared. O(V + E) with sets;
 * lists come out in code-point order (costs: largest change first).
 */

import { compareCodePoints } from '../text/compareCodePoints';
import type { PlanAnalysis } from './analyzePlan';
import { formatNumber } from '../text/formatNumber';

export interface CostChange {
  readonly task: string;
  readonly before: number;
  readonly after: number;
}

export interface PlanComparison {
  readonly tasks: { readonly added: string[]; readonly removed: string[]; readonly kept: number };
  /** Edges of the transitive reductions: the dependencies that shape the schedule. */
  readonly reducedDependencies: { readonly added: Array<[string, string]>; readonly removed: Array<[string, string]> };
  readonly criticalPath: {
    readonly before: PlanAnalysis['criticalPath'];
    readonly after: PlanAnalysis['criticalPath'];
    /** Tasks on the path after that were not on it before, and the reverse. */
    readonly joined: string[];
    readonly left: string[];
  };
  /** Tasks on both sides whose cost differs, largest absolute change first. */
  readonly costChanges: CostChange[];
  readonly sameSignature: { readonly plan: boolean; readonly reduced: boolean };
}

export function comparePlans(before: PlanAnalysis, after: PlanAnalysis): PlanComparison {
  const beforeTasks = new Set(before.tasks);
  const afterTasks = new Set(after.tasks);
  const edgeKey = ([s, t]: readonly [string, string]): string => JSON.stringify([s, t]);
  const beforeEdges = new Set(before.reducedDependencies.map(edgeKey));
  const afterEdges = new Set(after.reducedDependencies.map(edgeKey));
  const beforePath = new Set(before.criticalPath.tasks);
  const afterPath = new Set(after.criticalPath.tasks);
  const costChanges: CostChange[] = [];
  for (const task of after.tasks) {
    const was = beforeTasks.has(task) ? before.taskMetrics[task]?.cost : undefined;
    const now = after.taskMetrics[task]?.cost;
    if (was !== undefined && now !== undefined && was !== now) costChanges.push({ task, before: was, after: now });
  }
  costChanges.sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before) || compareCodePoints(a.task, b.task));
  const byName = (a: string, b: string): number => compareCodePoints(a, b);
  const byEdge = (a: [string, string], b: [string, string]): number => compareCodePoints(a[0], b[0]) || compareCodePoints(a[1], b[1]);
  return {
    tasks: {
      added: after.tasks.filter((t) => !beforeTasks.has(t)).sort(byName),
      removed: before.tasks.filter((t) => !afterTasks.has(t)).sort(byName),
      kept: after.tasks.filter((t) => beforeTasks.has(t)).length,
    },
    reducedDependencies: {
      added: after.reducedDependencies.filter((e) => !beforeEdges.has(edgeKey(e))).sort(byEdge),
      removed: before.reducedDependencies.filter((e) => !afterEdges.has(edgeKey(e))).sort(byEdge),
    },
    criticalPath: {
      before: before.criticalPath,
      after: after.criticalPath,
      joined: after.criticalPath.tasks.filter((t) => !beforePath.has(t)),
      left: before.criticalPath.tasks.filter((t) => !afterPath.has(t)),
    },
    costChanges,
    sameSignature: { plan: before.signatures.plan === after.signatures.plan, reduced: before.signatures.reduced === after.signatures.reduced },
  };
}

/** The readable form: counts, the path change, the largest cost changes. */
export function formatComparison(beforeName: string, afterName: string, c: PlanComparison, limit = 5): string[] {
  const list = (items: readonly string[]): string => (items.length <= limit ? items.join(', ') : `${items.slice(0, limit).join(', ')}, … (${items.length - limit} more)`);
  const lines = [`Compared with ${beforeName} (before) → ${afterName} (after)`];
  if (c.sameSignature.plan) {
    lines.push('  the same plan: tasks, dependencies, kinds, priorities, outputs and recorded costs agree');
    return lines;
  }
  lines.push(`  tasks                 ${c.tasks.kept} kept, ${c.tasks.added.length} added, ${c.tasks.removed.length} removed`);
  if (c.tasks.added.length > 0) lines.push(`    added               ${list(c.tasks.added)}`);
  if (c.tasks.removed.length > 0) lines.push(`    removed             ${list(c.tasks.removed)}`);
  lines.push(`  reduced dependencies  ${c.reducedDependencies.added.length} added, ${c.reducedDependencies.removed.length} removed${c.sameSignature.reduced ? ' (same reduced graph)' : ''}`);
  const delta = c.criticalPath.after.length - c.criticalPath.before.length;
  lines.push(`  critical path length  ${formatNumber(c.criticalPath.before.length)} → ${formatNumber(c.criticalPath.after.length)} (${delta >= 0 ? '+' : ''}${formatNumber(delta)})`);
  if (c.criticalPath.joined.length > 0) lines.push(`    joined the path     ${list(c.criticalPath.joined)}`);
  if (c.criticalPath.left.length > 0) lines.push(`    left the path       ${list(c.criticalPath.left)}`);
  lines.push(`  cost changes          ${c.costChanges.length} tasks`);
  for (const change of c.costChanges.slice(0, limit)) lines.push(`    ${change.task}  ${formatNumber(change.before)} → ${formatNumber(change.after)}`);
  return lines;
}
