/**
 * The editor's summary is the CLI's `plan-lens analyze` output for the same text, issues included, with
 * the task costs of the run's schedule when the pipeline recorded one next to the graph.
 */

import { analyzeNodeLinkText, formatAnalysisSummary } from '../../core/analysis/analyzePlan';
import { formatIssue } from '../../core/issues';
import type { RecordedCosts } from './planSource';

export function summarizePlan(text: string, fileName: string, recorded?: RecordedCosts): string {
  const analysis = analyzeNodeLinkText(text, fileName, { costs: recorded?.costs });
  return [formatAnalysisSummary(fileName, analysis, recorded?.file), ...analysis.issues.map(formatIssue)].join('\n') + '\n';
}
