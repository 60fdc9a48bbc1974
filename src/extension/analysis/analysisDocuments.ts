/**
 * Read-only documents holding the `plan-lens analyze` summary of a plan file. The summary is computed
 * on open and again whenever the plan file changes, so a visible summary never goes stale.
 */

import * as vscode from 'vscode';
import { readArtifactBytes } from '../../core/artifacts/readArtifact';
import { recordedTaskCosts } from '../../core/analysis/recordedCosts';
import { decodeUtf8, sizeLimitIssue } from '../../core/json/parseJson';
import { formatIssue, type PlanIssue } from '../../core/issues';
import { analysisScheme } from '../ids';
import { maxFileBytes } from '../settings';
import type { RecordedCosts } from './summarizePlan';
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
    const name = vscode.workspace.asRelativePath(source);
    const recorded = await scheduleCostsNextTo(source);
    // An open editor may hold unsaved edits: analyze what the user sees.
    const openDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.toString());
    if (openDoc !== undefined) return this.summarize(openDoc.getText(), name, recorded);
    // From disk: the size is checked before anything is loaded, and bytes that are not UTF-8 are reported
    // rather than silently replaced.
    const maxBytes = maxFileBytes(source);
    const { size } = await vscode.workspace.fs.stat(source);
    if (size > maxBytes) return issuesOnly([sizeLimitIssue(name, size, maxBytes)]);
    const decoded = decodeUtf8(await vscode.workspace.fs.readFile(source), name);
    return decoded.text === undefined ? issuesOnly(decoded.issues) : this.summarize(decoded.text, name, recorded);
  }

  private sourceChanged(source: vscode.Uri): void {
    const uri = this.open.get(source.toString());
    if (uri !== undefined) this.changed.fire(uri);
  }
}

/**
 * The task costs recorded by the plan_schedule the pipeline wrote next to the graph (the same run), so the
 * summary weighs the critical path as the pipeline did. None when there is no such schedule, or it is too
 * large or unreadable: the summary then says costs come from priorities.
 */
async function scheduleCostsNextTo(graph: vscode.Uri): Promise<RecordedCosts | undefined> {
  const folder = vscode.Uri.joinPath(graph, '..');
  const schedules = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '*plan_schedule*.json'));
  const schedule = schedules.sort((a, b) => a.path.localeCompare(b.path))[0];
  if (schedule === undefined || (await vscode.workspace.fs.stat(schedule)).size > maxFileBytes(schedule)) return undefined;
  const file = vscode.workspace.asRelativePath(schedule);
  const costs = recordedTaskCosts(readArtifactBytes(await vscode.workspace.fs.readFile(schedule), file));
  return costs === undefined ? undefined : { costs, file };
}

function issuesOnly(issues: readonly PlanIssue[]): string {
  return issues.map(formatIssue).join('\n') + '\n';
}
