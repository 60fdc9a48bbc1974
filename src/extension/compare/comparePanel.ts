/**
 * The comparison webview panels: one per pair of runs, fed by the language server's `planLens/compare`
 * (both plans analysed once, in the server) and redrawn when a file of either run changes. The panel
 * answers the page's requests: reveal a picked task in its run's plan file (focus stays in the view),
 * "Open changes" (the diff editor on canonical JSON) and "Show as text" (the readable comparison).
 */

import * as vscode from 'vscode';
import { SERVER_NOT_RUNNING } from '../languageClient';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isCompareViewRequest, type CompareResult, type CompareViewRequest, type CompareViewUpdate } from '../../protocol/compare';
import { compareRequest, taskLocationRequest } from '../../protocol/lsp';
import type { GraphViewResult } from '../../protocol/planRequests';
import type { Logger } from '../logger';
import { Disposable } from '../util/dispose';
import { sameRun } from '../util/runFiles';
import { openChanges } from './canonicalDocuments';
import { compareHtml } from './compareHtml';

export const compareViewType = 'planLens.compare';
const REFRESH_DELAY_MS = 300;

/** What a comparison panel tells its owner and the in-editor tests. */
export interface ComparisonShown {
  readonly before: vscode.Uri;
  readonly after: vscode.Uri;
  readonly result: CompareResult;
}

export class ComparePanels extends Disposable {
  private readonly panels = new Map<string, ComparePanel>();
  private readonly shown = this.register(new vscode.EventEmitter<ComparisonShown>());
  readonly onDidShowComparison = this.shown.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: () => Promise<LanguageClient | undefined>,
    private readonly logger: Logger,
    private readonly showText: (before: vscode.Uri, after: vscode.Uri) => Promise<unknown>,
    runFileChanged: vscode.Event<vscode.Uri>,
  ) {
    super();
    this.register(runFileChanged((uri) => {
      for (const panel of this.panels.values()) if (sameRun(panel.before, uri) || sameRun(panel.after, uri)) panel.refreshSoon();
    }));
  }

  /** Opens (or reveals) the comparison of two runs' task graphs, earlier first. */
  show(before: vscode.Uri, after: vscode.Uri): void {
    const key = `${before.toString()} ${after.toString()}`;
    const open = this.panels.get(key);
    if (open !== undefined) {
      open.reveal();
      return;
    }
    const panel = new ComparePanel(this.extensionUri, before, after, this.client, this.logger, (result) => this.shown.fire({ before, after, result }), () => this.showText(before, after));
    this.panels.set(key, panel);
    panel.onDidDispose(() => this.panels.delete(key));
  }

  override dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
    super.dispose();
  }
}

class ComparePanel extends Disposable {
  private readonly panel: vscode.WebviewPanel;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ready = false;
  private result: CompareResult | undefined;

  constructor(
    extensionUri: vscode.Uri,
    readonly before: vscode.Uri,
    readonly after: vscode.Uri,
    private readonly client: () => Promise<LanguageClient | undefined>,
    private readonly logger: Logger,
    private readonly shown: (result: CompareResult) => void,
    private readonly showText: () => Promise<unknown>,
  ) {
    super();
    const run = (u: vscode.Uri): string => u.path.split('/').at(-2)?.slice(0, 13) ?? u.path;
    this.panel = vscode.window.createWebviewPanel(compareViewType, `${run(before)} ↔ ${run(after)} (comparison)`, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activitybar.svg');
    this.panel.webview.html = compareHtml(this.panel.webview, extensionUri);
    this.register(this.panel.webview.onDidReceiveMessage((m: unknown) => {
      if (isCompareViewRequest(m)) void this.handle(m).catch((e: unknown) => this.logger.error(`comparison view: ${m.type} failed`, e));
    }));
    this.register(this.panel.onDidDispose(() => this.dispose()));
  }

  get onDidDispose(): vscode.Event<void> {
    return this.panel.onDidDispose;
  }

  reveal(): void {
    this.panel.reveal();
  }

  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh().catch((e: unknown) => this.logger.error('comparison view: cannot redraw', e)), REFRESH_DELAY_MS);
  }

  override dispose(): void {
    clearTimeout(this.timer);
    super.dispose();
  }

  private async handle(m: CompareViewRequest): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        return this.refresh();
      case 'reveal':
        return this.revealTask(m.side === 'before' ? this.before : this.after, m.task);
      case 'openChanges':
        return openChanges(this.before, this.after, this.result?.before.runId ?? '', this.result?.after.runId ?? '');
      case 'showText':
        await this.showText();
        return;
    }
  }

  private async refresh(): Promise<void> {
    if (!this.ready) return;
    const client = await this.client();
    if (client === undefined) {
      await this.post({ type: 'loading', message: SERVER_NOT_RUNNING });
      return;
    }
    const started = Date.now();
    const result = await client.sendRequest(compareRequest, { beforeUri: this.before.toString(), afterUri: this.after.toString() });
    this.result = result;
    const { graphs, markdown: _markdown, ...rest } = result;
    await this.post({
      type: 'comparison',
      data: { ...rest, graphs: { before: graphs.before.meta, after: graphs.after.meta, overlay: graphs.overlay.meta } },
      buffers: { before: bufferOf(graphs.before), after: bufferOf(graphs.after), overlay: bufferOf(graphs.overlay) },
    });
    this.logger.info(`comparison view: ${result.differences.length} differences, ${graphs.overlay.meta.taskCount} tasks in the union, from the language server in ${Date.now() - started} ms`);
    this.shown(result);
  }

  private post(message: CompareViewUpdate): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  /** Selects the task's name in its run's plan file, beside the comparison, keeping focus in the view. */
  private async revealTask(plan: vscode.Uri, task: string): Promise<void> {
    const range = await (await this.client())?.sendRequest(taskLocationRequest, { uri: plan.toString(), task });
    if (range === undefined || range === null) return;
    const doc = await vscode.workspace.openTextDocument(plan);
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, selection, preserveFocus: true, preview: true });
  }
}

/** A fresh ArrayBuffer of exactly the payload: Buffer.from may share a larger pool. */
function bufferOf(result: GraphViewResult): ArrayBuffer {
  const bytes = Buffer.from(result.data, 'base64');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
