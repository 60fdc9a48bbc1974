/** The editor's summary is the CLI's `plan-lens analyze` output for the same text, issues included. */

import { analyzeNodeLinkText, formatAnalysisSummary } from '../../core/analysis/analyzePlan';
import { formatIssue } from '../../core/issues';

export function summarizePlan(text: string, fileName: string): string {
  const analysis = analyzeNodeLinkText(text, fileName);
  return [formatAnalysisSummary(fileName, analysis), ...analysis.issues.map(formatIssue)].join('\n') + '\n';
}
