/**
 * The plan graph: a webview panel per task graph file (and baseline). The language server reads and
 * analyses the plan (one analysis per version, with its run's costs) and returns the drawing as typed
 * arrays; the host posts them to the webview as one ArrayBuffer and routes what the webview asks for:
 * reveal a task in the plan file (never taking focus from the graph), a task's details, an export.
 */

import * as vscode from 'vscode';
import { isRequestCancelled, SERVER_NOT_RUNNING } from '../languageClient';
import type { LanguageClient } from 'vscode-languageclient/node';
import { graphViewRequest, taskAtRequest, taskDetailsRequest, taskLocationRequest } from '../../protocol/lsp';
import { isGraphViewRequest, type GraphViewRequest, type GraphViewUpdate } from '../../protocol/graphView';
import type { Logger } from '../logger';
import { Disposable } from '../util/dispose';
import { sameRun } from '../util/runFiles';
import { exportGraph } from './exportGraph';
import { graphHtml } from './graphHtml';

export const graphViewType = 'planLens.graph';

/** Long enough to let typing settle before the graph is recomputed. */
const REFRESH_DELAY_MS = 300;
/** Plans larger than this take long enough to read and analyze (about 1k tasks: 100 ms) to say so first. */
const LOADING_NOTE_BYTES = 1024 * 1024;

/** A graph reached its panel: the plan and how many tasks it holds. */
export interface GraphSent {
  readonly plan: vscode.Uri;
  readonly tasks: number;
}

export class GraphPanels extends Disposable {
  private readonly panels = new Map<string, GraphPanel>();
  private readonly sent = this.register(new vscode.EventEmitter<GraphSent>());
  readonly onDidSendGraph = this.sent.event;
  /** The graph panel the user was last in (the tree views follow it). */
  private lastActive: GraphPanel | undefined;
  private readonly activeChanged = this.register(new vscode.EventEmitter<vscode.Uri | undefined>());
  readonly onDidChangeActiveGraph = this.activeChanged.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: () => Promise<LanguageClient | undefined>,
    private readonly logger: Logger,
    runFileChanged: vscode.Event<vscode.Uri>,
  ) {
    super();
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.changed(e.document.uri)));
    this.register(vscode.workspace.onDidSaveTextDocument((d) => this.changed(d.uri)));
    this.register(runFileChanged((uri) => this.changed(uri)));
    this.register(
      vscode.window.onDidChangeTextEditorSelection((e) => {
        for (const panel of this.panels.values()) if (panel.source.toString() === e.textEditor.document.uri.toString()) void panel.cursorMoved(e.textEditor);
      }),
    );
  }

  /** Opens (or reveals) the graph of `source`, compared with `baseline` when one is given. Opens no text editor. */
  show(source: vscode.Uri, baseline?: vscode.Uri): void {
    const key = `${source.toString()} ${baseline?.toString() ?? ''}`;
    const open = this.panels.get(key);
    if (open !== undefined) {
      open.reveal();
      return;
    }
    const panel = new GraphPanel(this.extensionUri, source, baseline, this.client, this.logger, (tasks) => this.sent.fire({ plan: source, tasks }));
    this.panels.set(key, panel);
    this.setActive(panel);
    panel.onDidDispose(() => {
      this.panels.delete(key);
      if (this.lastActive === panel) this.setActive(undefined);
    });
    panel.onDidBecomeActive(() => this.setActive(panel));
  }

  /** The plan of the graph panel the user was last in, while it is open. */
  get activeSource(): vscode.Uri | undefined {
    return this.lastActive?.source;
  }

  /**
   * Selects `task` in the open graph of `source` (any open graph when none is given, the last active
   * first) and, with `revealInPlan`, its name in the plan file, never taking focus from where it is.
   * False when no open graph has the task's plan.
   */
  async selectTask(task: string, options: { readonly source?: vscode.Uri; readonly revealInPlan?: boolean } = {}): Promise<boolean> {
    const open = [...this.panels.values()];
    const candidates = options.source === undefined ? [...(this.lastActive === undefined ? [] : [this.lastActive]), ...open] : open.filter((p) => p.source.toString() === options.source?.toString());
    const panel = candidates[0];
    if (panel === undefined) return false;
    await panel.select(task);
    if (options.revealInPlan === true) await panel.revealTask(task);
    return true;
  }

  /**
   * Selects `task` in the graph of `source`, opening the graph first when it is not open and waiting (at
   * most `waitMs`) for the server's drawing to reach it. False when the graph did not arrive in time.
   */
  async showAndSelect(source: vscode.Uri, task: string, waitMs: number): Promise<boolean> {
    if (await this.selectTask(task, { source })) return true;
    const arrived = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        listener.dispose();
        resolve(false);
      }, waitMs);
      const listener = this.onDidSendGraph((sent) => {
        if (sent.plan.toString() !== source.toString()) return;
        clearTimeout(timer);
        listener.dispose();
        resolve(true);
      });
    });
    this.show(source);
    return (await arrived) && this.selectTask(task, { source });
  }

  private setActive(panel: GraphPanel | undefined): void {
    if (this.lastActive === panel) return;
    this.lastActive = panel;
    this.activeChanged.fire(panel?.source);
  }

  override dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
    super.dispose();
  }

  private changed(uri: vscode.Uri): void {
    for (const panel of this.panels.values()) if (panel.reads(uri)) panel.refreshSoon();
  }
}

class GraphPanel extends Disposable {
  private readonly panel: vscode.WebviewPanel;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ready = false;
  private drawn = false;
  /** The details request of the task selected last: selecting another cancels it (its pins may be read from a bucket). */
  private details: vscode.CancellationTokenSource | undefined;

  constructor(
    extensionUri: vscode.Uri,
    readonly source: vscode.Uri,
    private readonly baseline: vscode.Uri | undefined,
    private readonly client: () => Promise<LanguageClient | undefined>,
    private readonly logger: Logger,
    private readonly graphSent: (tasks: number) => void,
  ) {
    super();
    const name = (u: vscode.Uri): string => u.path.slice(u.path.lastIndexOf('/') + 1);
    const title = baseline === undefined ? `${name(source)} (graph)` : `${name(source)} vs ${name(baseline)} (graph)`;
    this.panel = vscode.window.createWebviewPanel(graphViewType, title, vscode.ViewColumn.Beside, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activitybar.svg');
    this.panel.webview.html = graphHtml(this.panel.webview, extensionUri);
    this.register(this.panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    this.register(this.panel.onDidDispose(() => this.dispose()));
  }

  get onDidDispose(): vscode.Event<void> {
    return this.panel.onDidDispose;
  }

  /** The user brought the panel to the front. */
  onDidBecomeActive(listener: () => void): void {
    this.register(this.panel.onDidChangeViewState((e) => (e.webviewPanel.active ? listener() : undefined)));
  }

  /** Selects the task in the graph (centred, its group expanded), as the cursor in the plan file does. */
  async select(task: string): Promise<void> {
    // Brought to the front of its group when hidden behind another tab, but the focus stays in the tree.
    if (!this.panel.visible) this.panel.reveal(undefined, true);
    await this.post({ type: 'select', task });
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Whether the drawing depends on this file: the plan, the baseline, or a file of their runs. */
  reads(uri: vscode.Uri): boolean {
    return sameRun(this.source, uri) || (this.baseline !== undefined && sameRun(this.baseline, uri));
  }

  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh().catch((e: unknown) => this.logger.error(`graph view: cannot redraw ${this.source.toString()}`, e)), REFRESH_DELAY_MS);
  }

  /** The cursor in the plan file moved: select the task whose name (or reference) it is on. */
  async cursorMoved(editor: vscode.TextEditor): Promise<void> {
    const client = await this.client();
    if (!this.drawn || client === undefined) return;
    const { line, character } = editor.selection.active;
    const at = await client.sendRequest(taskAtRequest, { uri: this.source.toString(), position: { line, character } }).catch(() => null);
    if (at !== null) await this.post({ type: 'select', task: at.task });
  }

  override dispose(): void {
    clearTimeout(this.timer);
    this.details?.cancel();
    super.dispose();
    this.panel.dispose();
  }

  private post(message: GraphViewUpdate): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private async receive(message: unknown): Promise<void> {
    if (!isGraphViewRequest(message)) {
      this.logger.warn('graph view: ignored a malformed message from the webview');
      return;
    }
    try {
      await this.handle(message);
    } catch (e) {
      this.logger.error(`graph view: ${message.type} failed`, e);
    }
  }

  private async handle(message: GraphViewRequest): Promise<void> {
    const uri = this.source.toString();
    switch (message.type) {
      case 'ready':
        // A (re)loaded page has no view to keep.
        this.ready = true;
        this.drawn = false;
        return this.refresh();
      case 'reveal':
        return this.revealTask(message.task);
      case 'details':
        return this.sendDetails(uri, message.task);
      case 'export':
        await this.post({ type: 'exported', message: await exportGraph(this.source, message) });
        return;
      case 'rendered':
        this.logger.info(`graph view: drew ${message.nodes} tasks and ${message.edges} edges, first paint ${message.firstPaintMs.toFixed(0)} ms after the data arrived`);
        return;
    }
  }

  /** The task's details to the page, unless another task was selected before they came (the page shows only the last). */
  private async sendDetails(uri: string, task: string): Promise<void> {
    this.details?.cancel();
    const request = new vscode.CancellationTokenSource();
    this.details = request;
    try {
      const details = (await (await this.client())?.sendRequest(taskDetailsRequest, { uri, task }, request.token)) ?? null;
      if (!request.token.isCancellationRequested) await this.post({ type: 'details', task, details });
    } catch (e) {
      if (!isRequestCancelled(e)) throw e;
    } finally {
      if (this.details === request) this.details = undefined;
      request.dispose();
    }
  }

  private async refresh(): Promise<void> {
    if (!this.ready) return;
    const client = await this.client();
    if (client === undefined) {
      await this.post({ type: 'loading', message: SERVER_NOT_RUNNING });
      return;
    }
    if (!this.drawn && (await sizeOf(this.source)) > LOADING_NOTE_BYTES) await this.post({ type: 'loading', message: 'Reading and analyzing the plan…' });
    const started = Date.now();
    const result = await client.sendRequest(graphViewRequest, { uri: this.source.toString(), ...(this.baseline === undefined ? {} : { baselineUri: this.baseline.toString() }) });
    const bytes = Buffer.from(result.data, 'base64');
    // A fresh ArrayBuffer of exactly the payload: Buffer.from may share a larger pool.
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    await this.post({ type: 'graph', meta: result.meta, buffer, keepViewport: this.drawn });
    this.logger.info(`graph view: ${result.meta.taskCount} tasks (${result.meta.byteLength} bytes) from the language server in ${Date.now() - started} ms`);
    this.drawn = result.meta.taskCount > 0;
    this.graphSent(result.meta.taskCount);
  }

  /** Selects the task's name in the plan file, keeping focus in the graph. */
  async revealTask(task: string): Promise<void> {
    const range = await (await this.client())?.sendRequest(taskLocationRequest, { uri: this.source.toString(), task });
    if (range === undefined || range === null) return;
    const doc = await vscode.workspace.openTextDocument(this.source);
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    // Where the plan is already shown, else beside the graph: never over the graph's own tab.
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.source.toString())?.viewColumn;
    const viewColumn = shown ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    // preserveFocus: the keyboard stays in the graph. Were focus to move to the plan file, the next `[` or
    // `]` meant for the graph would be typed into the user's artifact.
    await vscode.window.showTextDocument(doc, { viewColumn, selection, preserveFocus: true, preview: false });
  }
}

async function sizeOf(uri: vscode.Uri): Promise<number> {
  return vscode.workspace.fs.stat(uri).then(
    (s) => s.size,
    () => 0,
  );
}
