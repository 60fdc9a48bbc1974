/**
 * Read-only documents holding the `plan-lens analyze` summary of a plan file, or of a plan compared with
 * a baseline (`plan-lens analyze FILE --against BASELINE`). A summary is computed on open and again
 * whenever one of its plan files changes, so a visible summary never goes stale.
 */

import * as vscode from 'vscode';
import { formatIssue } from '../../core/issues';
import { analysisScheme } from '../ids';
import { readPlanText, scheduleCostsNextTo, type RecordedCosts } from './planSource';
import { Disposable } from '../util/dispose';

/** One plan as a summary needs it: its text and name, and the costs its run recorded. */
export interface PlanInput {
  readonly text: string;
  readonly name: string;
  readonly recorded?: RecordedCosts;
}

/** Turns plans into the summary shown to the user (the CLI's `analyze` output, with `--against`). */
export type Summarize = (plan: PlanInput, baseline?: PlanInput) => string;

export class AnalysisDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  /** Open summary documents and the plan files each one reads. */
  private readonly open = new Map<string, { readonly uri: vscode.Uri; readonly sources: readonly string[] }>();

  constructor(private readonly summarize: Summarize) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(analysisScheme, this));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.sourceChanged(e.document.uri)));
    this.register(vscode.workspace.onDidSaveTextDocument((d) => this.sourceChanged(d.uri)));
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
    this.open.set(uri.toString(), { uri, sources: [source, ...(baseline === undefined ? [] : [baseline])].map((u) => u.toString()) });
    const plan = await readPlan(source);
    if ('issues' in plan) return plan.issues;
    if (baseline === undefined) return this.summarize(plan);
    const before = await readPlan(baseline);
    return 'issues' in before ? before.issues : this.summarize(plan, before);
  }

  private sourceChanged(source: vscode.Uri): void {
    for (const { uri, sources } of this.open.values()) if (sources.includes(source.toString())) this.changed.fire(uri);
  }
}

/** A plan with its run's recorded costs, or the issues that kept it from being read, as text. */
async function readPlan(source: vscode.Uri): Promise<PlanInput | { readonly issues: string }> {
  const [plan, recorded] = await Promise.all([readPlanText(source), scheduleCostsNextTo(source)]);
  return 'text' in plan ? { text: plan.text, name: plan.name, recorded } : { issues: plan.issues.map(formatIssue).join('\n') + '\n' };
}
