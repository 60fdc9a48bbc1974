/**
 * Everything that compares runs or shows an analysis as a readable page, built once at activation: the
 * readable pages (summaries, comparison text), the canonical documents behind "Open changes", the
 * comparison panels; `compareRuns(left, right)` serves the palette's `planLens.compare.runs` and the Runs
 * view alike.
 */

import type * as vscode from 'vscode';
import { SERVER_NOT_RUNNING } from '../languageClient';
import type { LanguageClient } from 'vscode-languageclient/node';
import { compareRequest, summaryRequest } from '../../protocol/lsp';
import { AnalysisDocuments } from '../analysis/analysisDocuments';
import { compareRuns, compareWith } from '../commands/comparePlans';
import type { GraphPanels } from '../graph/graphPanel';
import type { Logger } from '../logger';
import { Disposable } from '../util/dispose';
import { sameRun } from '../util/runFiles';
import { CanonicalDocuments } from './canonicalDocuments';
import { ComparePanels } from './comparePanel';
import { ReadableViews, type ReadableView } from './readableView';

/** How long a reveal waits for a graph it opened to arrive. */
const GRAPH_WAIT_MS = 30_000;

export class CompareFeatures extends Disposable {
  readonly summaries: AnalysisDocuments;
  readonly panels: ComparePanels;
  private readonly readable: ReadableViews;

  constructor(extensionUri: vscode.Uri, client: () => Promise<LanguageClient | undefined>, logger: Logger, private readonly graphs: GraphPanels, runFileChanged: vscode.Event<vscode.Uri>) {
    super();
    this.readable = this.register(new ReadableViews(extensionUri, runFileChanged));
    this.register(new CanonicalDocuments(runFileChanged));
    const summarize = async (plan: vscode.Uri): Promise<string> => {
      const c = await client();
      return c === undefined ? `${SERVER_NOT_RUNNING}\n` : (await c.sendRequest(summaryRequest, { uri: plan.toString() })).markdown;
    };
    this.summaries = new AnalysisDocuments(this.readable, summarize, (plan, task) => this.revealInGraph(plan, task));
    const comparisonText = async (before: vscode.Uri, after: vscode.Uri): Promise<string> => {
      const c = await client();
      return c === undefined ? `${SERVER_NOT_RUNNING}\n` : (await c.sendRequest(compareRequest, { beforeUri: before.toString(), afterUri: after.toString() })).markdown;
    };
    this.panels = this.register(new ComparePanels(extensionUri, client, logger, (before, after) => this.showComparisonText(before, after, comparisonText), runFileChanged));
  }

  compareRuns(left: unknown, right: unknown): Promise<void> {
    return compareRuns(this.panels, left, right);
  }

  compareWith(clicked: unknown, selected: unknown): Promise<void> {
    return compareWith(this.panels, clicked, selected);
  }

  /** The comparison in words: a readable page whose task links reveal the task in the later run's graph. */
  showComparisonText(before: vscode.Uri, after: vscode.Uri, load: (before: vscode.Uri, after: vscode.Uri) => Promise<string>): Promise<ReadableView> {
    const run = (u: vscode.Uri): string => u.path.split('/').at(-2)?.slice(0, 13) ?? u.path;
    return this.readable.show(`comparison ${before.toString()} ${after.toString()}`, {
      title: `${run(before)} ↔ ${run(after)} (comparison text)`,
      load: () => load(before, after),
      reads: (uri) => sameRun(before, uri) || sameRun(after, uri),
      reveal: (task) => this.revealInGraph(after, task),
    });
  }

  /** Selects the task in the plan's graph, opening the graph when it is not open (and waiting for it to arrive). */
  private async revealInGraph(plan: vscode.Uri, task: string): Promise<void> {
    await this.graphs.showAndSelect(plan, task, GRAPH_WAIT_MS);
  }
}
