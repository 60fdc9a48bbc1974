/**
 * The editor's summary is the CLI's `plan-lens analyze` output for the same text, issues included, with
 * the task costs of the run's schedule when the pipeline recorded one next to the graph; compared with a
 * baseline, it adds what `--against` adds.
 */

import { analyzeNodeLinkText, formatAnalysisSummary } from '../../core/analysis/analyzePlan';
import { comparePlans, formatComparison } from '../../core/analysis/comparePlans';
import { formatIssue } from '../../core/issues';
import type { PlanInput } from './analysisDocuments';

export function summarizePlan(plan: PlanInput, baseline?: PlanInput): string {
  const analysis = analyzeNodeLinkText(plan.text, plan.name, { costs: plan.recorded?.costs });
  const lines = [formatAnalysisSummary(plan.name, analysis, plan.recorded?.file)];
  if (baseline !== undefined) {
    const before = analyzeNodeLinkText(baseline.text, baseline.name, { costs: baseline.recorded?.costs });
    lines.push('', ...formatComparison(baseline.name, plan.name, comparePlans(before, analysis), 20));
    lines.push(...before.issues.map(formatIssue));
  }
  return [...lines, ...analysis.issues.map(formatIssue)].join('\n') + '\n';
}
