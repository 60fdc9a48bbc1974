/** `planLens.analysis.show`: the analysis summary of the plan file given, the active one, or one the user picks. */

import * as vscode from 'vscode';
import { AnalysisDocuments, openSummary } from '../analysis/analysisDocuments';
import { targetTaskGraph } from './planTarget';

export async function showAnalysis(arg: unknown): Promise<vscode.TextEditor | undefined> {
  const source = await targetTaskGraph(arg);
  if (source === undefined) return undefined;
  const doc = await openSummary(AnalysisDocuments.uriFor(source));
  return vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}
