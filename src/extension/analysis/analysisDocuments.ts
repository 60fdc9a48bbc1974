/**
 * Read-only documents holding the `plan-lens analyze` summary of a plan file. The summary is computed
 * on open and again whenever the plan file changes, so a visible summary never goes stale.
 */

import * as vscode from 'vscode';
import { formatIssue } from '../../core/issues';
import { analysisScheme } from '../ids';
import { readPlanText, scheduleCostsNextTo, type RecordedCosts } from './planSource';
import { Disposable } from '../util/dispose';

/** Turns the text of a plan file into the summary shown to the user (the CLI's `analyze` output). */
export type Summarize = (text: string, fileName: string, recorded?: RecordedCosts) => string;

export class AnalysisDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly open = new Map<string, vscode.Uri>();

  constructor(private readonly summarize: Summarize) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(analysisScheme, this));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.sourceChanged(e.document.uri)));
    this.register(vscode.workspace.onDidSaveTextDocument((d) => this.sourceChanged(d.uri)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === analysisScheme) this.open.delete(d.uri.query);
    }));
  }

  /** The summary document's URI for a plan file: readable name in the tab, the source in the query. */
  static uriFor(source: vscode.Uri): vscode.Uri {
    const name = source.path.slice(source.path.lastIndexOf('/') + 1);
    return vscode.Uri.from({ scheme: analysisScheme, path: `/${name} (analysis)`, query: source.toString() });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = vscode.Uri.parse(uri.query, true);
    this.open.set(uri.query, uri);
    const [plan, recorded] = await Promise.all([readPlanText(source), scheduleCostsNextTo(source)]);
    return 'text' in plan ? this.summarize(plan.text, plan.name, recorded) : plan.issues.map(formatIssue).join('\n') + '\n';
  }

  private sourceChanged(source: vscode.Uri): void {
    const uri = this.open.get(source.toString());
    if (uri !== undefined) this.changed.fire(uri);
  }
}
