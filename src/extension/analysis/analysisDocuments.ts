/**
 * The analysis summary of a plan file as a readable page (compare/readableView.ts): the Markdown the
 * language server writes from the plan's one analysis, task names as links that reveal the task in the
 * plan graph. Asked for again whenever the plan file or a file of its run changes, so a visible summary
 * never goes stale.
 */

import type * as vscode from 'vscode';
import type { ReadableView, ReadableViews } from '../compare/readableView';
import { sameRun } from '../util/runFiles';

/** The summary's Markdown for a plan. */
export type Summarize = (plan: vscode.Uri) => Promise<string>;
/** Selects a task of a plan in its graph (opening the graph when needed). */
export type RevealTask = (plan: vscode.Uri, task: string) => Promise<void>;

export class AnalysisDocuments {
  constructor(
    private readonly views: ReadableViews,
    private readonly summarize: Summarize,
    private readonly revealTask: RevealTask,
  ) {}

  /** Opens (or refreshes) the summary page of `plan`. */
  show(plan: vscode.Uri): Promise<ReadableView> {
    const name = plan.path.slice(plan.path.lastIndexOf('/') + 1);
    return this.views.show(`summary ${plan.toString()}`, {
      title: `${name} (analysis)`,
      load: () => this.summarize(plan),
      reads: (uri) => sameRun(plan, uri),
      reveal: (task) => this.revealTask(plan, task),
    });
  }
}
