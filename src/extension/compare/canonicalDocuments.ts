/**
 * Read-only documents on the `planlens-canonical:` scheme: a plan artifact's canonical JSON
 * (core/analysis/canonicalPlan.ts), so that "Open changes" shows VS Code's diff editor on two runs' plans
 * without writing a file. The artifact is read, never written; the document follows the file's changes.
 */

import * as vscode from 'vscode';
import { canonicalPlanJson } from '../../core/analysis/canonicalPlan';
import { Disposable } from '../util/dispose';

export const canonicalScheme = 'planlens-canonical';

export class CanonicalDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly open = new Map<string, vscode.Uri>();

  constructor(fileChanged: vscode.Event<vscode.Uri>) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(canonicalScheme, this));
    this.register(fileChanged((uri) => {
      const doc = this.open.get(uri.toString());
      if (doc !== undefined) this.changed.fire(doc);
    }));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === canonicalScheme) this.open.delete(d.uri.query);
    }));
  }

  /** The canonical document of `file`: its name in the tab, the file's URI in the query. */
  static uriFor(file: vscode.Uri, label: string): vscode.Uri {
    return vscode.Uri.from({ scheme: canonicalScheme, path: `/${label}`, query: file.toString() });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const file = vscode.Uri.parse(uri.query, true);
    this.open.set(file.toString(), uri);
    const bytes = await vscode.workspace.fs.readFile(file);
    return canonicalPlanJson(new TextDecoder().decode(bytes), vscode.workspace.asRelativePath(file));
  }
}

/** The diff editor on two plans' canonical JSON, earlier run on the left. */
export async function openChanges(before: vscode.Uri, after: vscode.Uri, beforeRun: string, afterRun: string): Promise<void> {
  const label = (file: vscode.Uri, run: string): string => `${run === '' ? '' : `${run.slice(0, 13)}/`}${file.path.slice(file.path.lastIndexOf('/') + 1)}`;
  // The document's own name is not a plan file's (`*task_graph*.json`, ...): canonical JSON is plain JSON,
  // not an artifact the language server should check.
  const documentName = (file: vscode.Uri, run: string): string => `${(run === '' ? file.path.slice(file.path.lastIndexOf('/') + 1) : run.slice(0, 13)).replace(/task_graph|node_link|plan_schedule|plan_validation/g, 'plan')} (canonical).json`;
  const title = `${label(before, beforeRun)} ↔ ${label(after, afterRun)} (canonical JSON)`;
  await vscode.commands.executeCommand('vscode.diff', CanonicalDocuments.uriFor(before, documentName(before, beforeRun)), CanonicalDocuments.uriFor(after, documentName(after, afterRun)), title, { preview: true });
}
