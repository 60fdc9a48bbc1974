/**
 * The comparison in words, as Markdown: which runs, the counts, the critical path before and after, and
 * every difference most impact first, each task name a `#task:` link the readable view turns into "reveal
 * this task". Names are code spans inside the links, so no task name is ever read as markup.
 */

import type { RunComparison } from '../../core/analysis/compareRuns';
import type { PlanDrift } from '../../core/model/planModel';
import { formatNumber } from '../../core/text/formatNumber';
import { taskLink } from '../../protocol/compare';
import { code } from '../plans/planSummary';

/** Differences listed; the comparison view lists them all. */
const DIFFERENCES_SHOWN = 500;
const PATH_TASKS_SHOWN = 60;

export function comparisonMarkdown(c: RunComparison): string {
  const out = [`# Comparison of two runs`, '', '| | before | after |', '|---|---|---|'];
  out.push(`| plan | ${code(c.before.name)} | ${code(c.after.name)} |`);
  out.push(`| run | ${c.before.runId === '' ? '—' : code(c.before.runId)} | ${c.after.runId === '' ? '—' : code(c.after.runId)} |`);
  out.push(`| tasks | ${c.tasks.kept + c.tasks.removed.length} | ${c.tasks.kept + c.tasks.added.length} |`);
  out.push(`| critical path length | ${formatNumber(c.criticalPath.before.length)} over ${c.criticalPath.before.tasks.length} tasks | ${formatNumber(c.criticalPath.after.length)} over ${c.criticalPath.after.tasks.length} tasks |`);
  out.push(`| drift | ${driftCell(c.drift.before)} | ${driftCell(c.drift.after)} |`);
  out.push('', `${c.tasks.kept} tasks kept, ${c.tasks.added.length} added, ${c.tasks.removed.length} removed, ${c.tasks.changed.length} changed; ${c.dependencies.added.length} dependencies added, ${c.dependencies.removed.length} removed.`);
  if (c.differences.length === 0) {
    out.push('', 'No difference: the same tasks, dependencies, signatures, pins, costs, drift and cache statuses.');
    return out.join('\n') + '\n';
  }
  out.push('', '## Differences, most impact first', '');
  for (const d of c.differences.slice(0, DIFFERENCES_SHOWN)) {
    const tasks = d.tasks.length === 0 || d.kind === 'critical-path' || d.kind === 'drift' ? '' : ` — ${d.tasks.map(link).join(', ')}`;
    out.push(`- **${d.kind}** ${escapeText(d.title)}${tasks}`);
  }
  if (c.differences.length > DIFFERENCES_SHOWN) out.push(`- … ${c.differences.length - DIFFERENCES_SHOWN} more`);
  if (c.criticalPath.changed) {
    out.push('', '## Critical path', '');
    out.push(`- before: ${pathText(c.criticalPath.before.tasks)}`, `- after: ${pathText(c.criticalPath.after.tasks)}`);
  }
  return out.join('\n') + '\n';
}

function link(task: string): string {
  return `[${code(task)}](${taskLink(task)})`;
}

function pathText(tasks: readonly string[]): string {
  const shown = tasks.slice(0, PATH_TASKS_SHOWN).map(link).join(' → ');
  return tasks.length > PATH_TASKS_SHOWN ? `${shown} → … (${tasks.length - PATH_TASKS_SHOWN} more)` : shown;
}

function driftCell(d: PlanDrift | undefined): string {
  if (d === undefined) return 'none recorded';
  return `coverage ${formatNumber(d.admittedTaskCoverageRatio)}, ${d.missingAdmittedTasks.length} missing, ${d.unexpectedAdmittedTasks.length} unexpected`;
}

/** Plain text in Markdown: the characters that would start markup are escaped. */
export function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (ch) => `\\${ch}`);
}
