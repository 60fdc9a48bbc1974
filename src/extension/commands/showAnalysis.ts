/** `planLens.analysis.show`: the analysis summary of the plan file given, the active one, or one the user picks. */

import * as vscode from 'vscode';
import { AnalysisDocuments } from '../analysis/analysisDocuments';
import { planLanguageId } from '../ids';
import { isTaskGraph, planFileGlob } from '../planFiles';

export async function showAnalysis(arg: unknown): Promise<vscode.TextEditor | undefined> {
  const picked = arg instanceof vscode.Uri ? arg : await activeOrPickedPlanFile();
  if (picked === undefined) return undefined;
  const source = await taskGraphFor(picked);
  const doc = await vscode.workspace.openTextDocument(AnalysisDocuments.uriFor(source));
  return vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}

async function activeOrPickedPlanFile(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === planLanguageId) return active.uri;
  const files = await vscode.workspace.findFiles(planFileGlob, '**/node_modules/**');
  if (files.length === 0) {
    void vscode.window.showInformationMessage('Plan Lens: no plan file in this workspace (for example a task graph node-link JSON).');
    return undefined;
  }
  if (files.length === 1) return files[0];
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { placeHolder: 'Plan file to analyze' },
  );
  return picked?.uri;
}

/**
 * The analysis reads the node-link task graph; for a schedule or validation envelope that is the task
 * graph the pipeline wrote next to it, for the same run. Without one, the envelope itself is analyzed and
 * the summary says why it is not a task graph.
 */
async function taskGraphFor(uri: vscode.Uri): Promise<vscode.Uri> {
  if (isTaskGraph(uri.path)) return uri;
  const folder = vscode.Uri.joinPath(uri, '..');
  const siblings = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '*.json'));
  return siblings.filter((u) => isTaskGraph(u.path)).sort((a, b) => a.path.localeCompare(b.path))[0] ?? uri;
}
