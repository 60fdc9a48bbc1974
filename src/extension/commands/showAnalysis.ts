/** `planLens.analysis.show`: the analysis summary of the plan file given, the active one, or one the user picks, as a readable page. */

import type { AnalysisDocuments } from '../analysis/analysisDocuments';
import type { ReadableView } from '../compare/readableView';
import { targetTaskGraph } from './planTarget';

export async function showAnalysis(summaries: AnalysisDocuments, arg: unknown): Promise<ReadableView | undefined> {
  const source = await targetTaskGraph(arg);
  return source === undefined ? undefined : summaries.show(source);
}
