/** Which task graph a Plan Lens command works on: the file given, the active plan file, or one the user picks. */

import * as vscode from 'vscode';
import { planLanguageId } from '../ids';
import { isTaskGraphFile } from '../../core/workspace/planFiles';
import { planFileGlob } from '../planFiles';

export async function targetTaskGraph(arg: unknown): Promise<vscode.Uri | undefined> {
  const picked = arg instanceof vscode.Uri ? arg : await activeOrPickedPlanFile();
  return picked === undefined ? undefined : taskGraphFor(picked);
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
    { placeHolder: 'Plan file' },
  );
  return picked?.uri;
}

/**
 * The views read the node-link task graph; for a schedule or validation envelope that is the task graph
 * the pipeline wrote next to it, for the same run. Without one, the envelope itself is used and the view
 * says why it is not a task graph.
 */
async function taskGraphFor(uri: vscode.Uri): Promise<vscode.Uri> {
  if (isTaskGraphFile(uri.path)) return uri;
  const folder = vscode.Uri.joinPath(uri, '..');
  const siblings = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '*.json'));
  return siblings.filter((u) => isTaskGraphFile(u.path)).sort((a, b) => a.path.localeCompare(b.path))[0] ?? uri;
}
