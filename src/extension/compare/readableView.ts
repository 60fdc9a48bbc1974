/**
 * Summaries and comparisons as readable pages instead of text documents: a webview panel that shows the
 * Markdown the language server writes (rendered in the page, src/webview/compare/markdownDom.ts), in the
 * plan graph's strict CSP. Task names are `#task:` links; following one reveals the
 * task in its plan's graph. A page is asked for again when a file it reads changes.
 */

import * as vscode from 'vscode';
import { isReadableViewRequest, type ReadableViewUpdate } from '../../protocol/compare';
import { Disposable } from '../util/dispose';
import { readableHtml } from './readableHtml';

export const readableViewType = 'planLens.readable';

export interface ReadableSource {
  /** The tab's title. */
  readonly title: string;
  readonly load: () => Promise<string>;
  /** Whether a changed file changes the page. */
  readonly reads: (uri: vscode.Uri) => boolean;
  /** Follows a task link. */
  readonly reveal: (task: string) => Promise<void>;
}

export class ReadableViews extends Disposable {
  private readonly views = new Map<string, ReadableView>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    fileChanged: vscode.Event<vscode.Uri>,
  ) {
    super();
    this.register(fileChanged((uri) => {
      for (const view of this.views.values()) if (view.source.reads(uri)) void view.refresh();
    }));
  }

  /** Opens (or reveals) the page of `key`. */
  async show(key: string, source: ReadableSource): Promise<ReadableView> {
    const open = this.views.get(key);
    if (open !== undefined) {
      open.reveal();
      await open.refresh();
      return open;
    }
    const view = new ReadableView(this.extensionUri, source);
    this.views.set(key, view);
    view.onDidDispose(() => this.views.delete(key));
    await view.loaded;
    return view;
  }

  override dispose(): void {
    for (const view of this.views.values()) view.dispose();
    super.dispose();
  }
}

export class ReadableView extends Disposable {
  private readonly panel: vscode.WebviewPanel;
  /** The Markdown the page shows (an own property: command results may reach callers as plain data). */
  markdown = '';
  private ready = false;
  /** Settles when the page has its first document (or failed to load it). */
  readonly loaded: Promise<void>;

  constructor(
    extensionUri: vscode.Uri,
    readonly source: ReadableSource,
  ) {
    super();
    this.panel = vscode.window.createWebviewPanel(readableViewType, source.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activitybar.svg');
    this.panel.webview.html = readableHtml(this.panel.webview, extensionUri);
    this.loaded = this.refresh();
    this.register(this.panel.webview.onDidReceiveMessage((m: unknown) => {
      if (!isReadableViewRequest(m)) return;
      if (m.type === 'ready') {
        this.ready = true;
        void this.post();
      } else void source.reveal(m.task);
    }));
    this.register(this.panel.onDidDispose(() => this.dispose()));
  }

  get onDidDispose(): vscode.Event<void> {
    return this.panel.onDidDispose;
  }

  reveal(): void {
    this.panel.reveal();
  }

  async refresh(): Promise<void> {
    this.markdown = await this.source.load().catch((e: unknown) => `# ${this.source.title}\n\nCannot read it: ${e instanceof Error ? e.message : String(e)}\n`);
    await this.post();
  }

  private async post(): Promise<void> {
    if (!this.ready) return;
    const message: ReadableViewUpdate = { type: 'document', markdown: this.markdown };
    await this.panel.webview.postMessage(message);
  }
}
