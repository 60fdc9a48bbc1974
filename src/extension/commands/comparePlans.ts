/**
 * `planLens.analysis.compare`: the plan given (or the active one) compared with a baseline plan the user picks,
 * as `plan-lens analyze PLAN --against BASELINE` would print it: tasks and reduced dependencies added and
 * removed, the critical path before and after, the tasks whose cost changed.
 */

import * as vscode from 'vscode';
import { AnalysisDocuments, openSummary } from '../analysis/analysisDocuments';
import { isTaskGraph, planFileGlob } from '../planFiles';
import { targetTaskGraph } from './planTarget';

export async function comparePlans(plan: unknown, baseline: unknown): Promise<vscode.TextEditor | undefined> {
  const pair = await planAndBaseline(plan, baseline);
  if (pair === undefined) return undefined;
  const [source, before] = pair;
  const doc = await openSummary(AnalysisDocuments.uriFor(source, before));
  return vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}

/** The plan given (or the active one) and the baseline given (or one the user picks among the others). */
export async function planAndBaseline(plan: unknown, baseline: unknown): Promise<[vscode.Uri, vscode.Uri] | undefined> {
  const source = await targetTaskGraph(plan);
  if (source === undefined) return undefined;
  const before = baseline instanceof vscode.Uri ? await targetTaskGraph(baseline) : await pickBaseline(source);
  return before === undefined ? undefined : [source, before];
}

async function pickBaseline(source: vscode.Uri): Promise<vscode.Uri | undefined> {
  const graphs = (await vscode.workspace.findFiles(planFileGlob, '**/node_modules/**')).filter((u) => isTaskGraph(u.path) && u.toString() !== source.toString());
  if (graphs.length === 0) {
    void vscode.window.showInformationMessage('Plan Lens: no other task graph in this workspace to compare with.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    graphs.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { placeHolder: `Baseline to compare ${vscode.workspace.asRelativePath(source)} with` },
  );
  return picked?.uri;
}
