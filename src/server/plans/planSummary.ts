/**
 * The analysis summary as Markdown, from the session's one analysis: what `plan-lens analyze` says of the
 * plan (numbers rounded by the one display rule), the critical path step by step with each task's cost,
 * bottom level and slack (each task a `#task:` link the readable view reveals in the graph), the comparison
 * with a baseline (`--against`), and the issues.
 */

import { costSourceText } from '../../core/analysis/costSource';
import { comparePlans, formatComparison } from '../../core/analysis/comparePlans';
import { formatIssue } from '../../core/issues';
import { formatNumber } from '../../core/text/formatNumber';
import { taskLink } from '../../protocol/compare';
import type { SummaryResult } from '../../protocol/planRequests';
import type { PlanSession } from './planSessions';

/** Rows of the critical path table; a longer path shows its first and last steps. */
const PATH_ROWS = 200;
const ISSUES_SHOWN = 200;

export async function planSummary(plan: PlanSession, baseline?: PlanSession): Promise<SummaryResult> {
  const out = [`# Plan ${code(plan.title)}`, ''];
  const a = plan.analysis;
  if (a === undefined) out.push(plan.problem ?? 'Not a task graph.');
  else {
    const errors = a.issues.filter((i) => i.severity === 'error').length;
    const widest = a.generations.reduce((w, g) => Math.max(w, g.length), 0);
    out.push(
      `- tasks: ${a.tasks.length}`,
      `- dependencies: ${a.dependencies.length} (${a.reducedDependencies.length} after transitive reduction, ${a.removedDependencies.length} redundant)`,
      `- generations: ${a.generations.length}${a.generations.length > 0 ? ` (widest: ${widest} tasks)` : ''}`,
      `- critical path length: ${formatNumber(a.criticalPath.length)} over ${a.criticalPath.tasks.length} tasks`,
      `- task costs: ${costSourceText(plan.costSource, a.tasks.length)}`,
      `- signature (Plan Lens): ${a.signatures.plan === '' ? '—' : code(a.signatures.plan)}`,
      `- reduced signature: ${a.signatures.reduced === '' ? '—' : code(a.signatures.reduced)}`,
      `- issues: ${a.issues.length} (${errors} errors)`,
    );
    if (a.criticalPath.tasks.length > 0) {
      out.push('', '## Critical path', '', '| step | task | cost | bottom level | slack |', '|---:|---|---:|---:|---:|');
      const path = a.criticalPath.tasks;
      const shown = path.length <= PATH_ROWS ? path.map((_, i) => i) : [...path.slice(0, PATH_ROWS / 2).map((_, i) => i), -1, ...path.slice(-PATH_ROWS / 2).map((_, i) => path.length - PATH_ROWS / 2 + i)];
      for (const i of shown) {
        if (i < 0) {
          out.push(`| … | ${path.length - PATH_ROWS} more steps | | | |`);
          continue;
        }
        const m = a.taskMetrics[path[i]];
        out.push(`| ${i + 1} | [${code(path[i])}](${taskLink(path[i])}) | ${formatNumber(m.cost)} | ${m.bottomLevel === undefined ? '' : formatNumber(m.bottomLevel)} | ${m.slack === undefined ? '' : formatNumber(m.slack)} |`);
      }
    }
  }
  const issues = [...(await plan.issues())];
  if (baseline !== undefined) {
    out.push('', `## Compared with ${code(baseline.title)}`, '');
    if (baseline.analysis === undefined || a === undefined) out.push(baseline.analysis === undefined ? (baseline.problem ?? 'The baseline is not a task graph.') : 'Nothing to compare: the plan is not a task graph.');
    else out.push('```text', ...formatComparison(baseline.title, plan.title, comparePlans(baseline.analysis, a), 20), '```');
    issues.push(...(await baseline.issues()));
  }
  if (issues.length > 0) {
    out.push('', '## Issues', '', '```text', ...issues.slice(0, ISSUES_SHOWN).map(formatIssue), ...(issues.length > ISSUES_SHOWN ? [`… ${issues.length - ISSUES_SHOWN} more`] : []), '```');
  }
  return { title: plan.title, markdown: out.join('\n') + '\n', costSource: plan.costSource };
}

/** A code span that holds any name: a fence longer than its backtick runs, pipes escaped for tables. */
export function code(text: string): string {
  const oneLine = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}
