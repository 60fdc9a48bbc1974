/**
 * Read-only documents holding the analysis summary of a plan file, or of a plan compared with a baseline
 * (`plan-lens analyze FILE --against BASELINE`), as the language server writes it from the plan's one
 * analysis (Markdown). A summary is asked for on open and again whenever one of its plan files, or a file
 * of its run, changes, so a visible summary never goes stale.
 */

import * as vscode from 'vscode';
import { analysisScheme } from '../ids';
import { Disposable } from '../util/dispose';
import { sameRun } from '../util/runFiles';

/** The summary's Markdown for a plan, compared with a baseline when one is given. */
export type Summarize = (plan: vscode.Uri, baseline?: vscode.Uri) => Promise<string>;

export class AnalysisDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  /** Open summary documents and the plan files each one reads. */
  private readonly open = new Map<string, { readonly uri: vscode.Uri; readonly sources: readonly vscode.Uri[] }>();

  constructor(
    private readonly summarize: Summarize,
    runFileChanged: vscode.Event<vscode.Uri>,
  ) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(analysisScheme, this));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.sourceChanged(e.document.uri)));
    this.register(vscode.workspace.onDidSaveTextDocument((d) => this.sourceChanged(d.uri)));
    this.register(runFileChanged((uri) => this.sourceChanged(uri)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === analysisScheme) this.open.delete(d.uri.toString());
    }));
  }

  /**
   * The summary document's URI: a readable name in the tab, the plan in the query and the baseline, if
   * any, in the fragment.
   */
  static uriFor(source: vscode.Uri, baseline?: vscode.Uri): vscode.Uri {
    const name = (u: vscode.Uri): string => u.path.slice(u.path.lastIndexOf('/') + 1);
    const title = baseline === undefined ? `/${name(source)} (analysis)` : `/${name(source)} vs ${name(baseline)} (comparison)`;
    return vscode.Uri.from({ scheme: analysisScheme, path: title, query: source.toString(), fragment: baseline?.toString() ?? '' });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = vscode.Uri.parse(uri.query, true);
    const baseline = uri.fragment === '' ? undefined : vscode.Uri.parse(uri.fragment, true);
    this.open.set(uri.toString(), { uri, sources: [source, ...(baseline === undefined ? [] : [baseline])] });
    return this.summarize(source, baseline);
  }

  private sourceChanged(changed: vscode.Uri): void {
    for (const { uri, sources } of this.open.values()) if (sources.some((source) => sameRun(source, changed))) this.changed.fire(uri);
  }
}

/** Opens a summary document as Markdown, which the server writes it in. */
export async function openSummary(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return doc.languageId === 'markdown' ? doc : vscode.languages.setTextDocumentLanguage(doc, 'markdown');
}
