/**
 * The plan graph: a webview panel per task graph file. The host reads and analyses the plan (the core,
 * via graphViewModel.ts) and sends the drawing as a message; the webview sends back the task the user
 * picked, which the host shows in the plan file. Strict CSP: no network, scripts only with this page's
 * nonce, resources only from the extension's dist/webview and media folders.
 */

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { analyzeNodeLinkText } from '../../core/analysis/analyzePlan';
import { locatePointer } from '../../core/json/parseJson';
import { readNodeLinkText } from '../../core/readers/nodeLink';
import { isGraphViewRequest, type GraphViewUpdate } from '../../protocol/graphView';
import { driftNextTo, readPlanText, scheduleCostsNextTo } from '../analysis/planSource';
import type { Logger } from '../logger';
import { Disposable } from '../util/dispose';
import { graphViewOf, type GraphBaseline } from './graphViewModel';

export const graphViewType = 'planLens.graph';

/** Long enough to let typing settle before the graph is recomputed. */
const REFRESH_DELAY_MS = 300;

export class GraphPanels extends Disposable {
  private readonly panels = new Map<string, GraphPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly logger: Logger,
  ) {
    super();
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.changed(e.document.uri)));
    this.register(vscode.workspace.onDidSaveTextDocument((d) => this.changed(d.uri)));
  }

  /** Opens (or reveals) the graph of `source`, compared with `baseline` when one is given. */
  show(source: vscode.Uri, baseline?: vscode.Uri): void {
    const key = `${source.toString()} ${baseline?.toString() ?? ''}`;
    const open = this.panels.get(key);
    if (open !== undefined) {
      open.reveal();
      return;
    }
    const panel = new GraphPanel(this.extensionUri, source, baseline, this.logger);
    this.panels.set(key, panel);
    panel.onDidDispose(() => this.panels.delete(key));
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

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly source: vscode.Uri,
    private readonly baseline: vscode.Uri | undefined,
    private readonly logger: Logger,
  ) {
    super();
    const name = (u: vscode.Uri): string => u.path.slice(u.path.lastIndexOf('/') + 1);
    const title = baseline === undefined ? `${name(source)} (graph)` : `${name(source)} vs ${name(baseline)} (graph)`;
    this.panel = vscode.window.createWebviewPanel(graphViewType, title, vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activitybar.svg');
    this.panel.webview.html = this.html();
    this.register(this.panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    this.register(this.panel.onDidDispose(() => this.dispose()));
  }

  get onDidDispose(): vscode.Event<void> {
    return this.panel.onDidDispose;
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Whether the drawing depends on this file. */
  reads(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return key === this.source.toString() || key === this.baseline?.toString();
  }

  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  override dispose(): void {
    clearTimeout(this.timer);
    super.dispose();
    this.panel.dispose();
  }

  private async receive(message: unknown): Promise<void> {
    if (!isGraphViewRequest(message)) {
      this.logger.warn('graph view: ignored a malformed message from the webview');
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      await this.refresh();
    } else if (message.type === 'reveal') await this.revealTask(message.task);
    else this.logger.trace(`graph view: drew ${message.nodes} tasks and ${message.edges} edges`);
  }

  private async refresh(): Promise<void> {
    if (!this.ready) return;
    try {
      const [plan, recorded, baseline, drift] = await Promise.all([readPlanText(this.source), scheduleCostsNextTo(this.source), this.readBaseline(), driftNextTo(this.source)]);
      const view = 'text' in plan ? graphViewOf(plan.text, plan.name, recorded?.costs, baseline, drift) : graphViewOf('', plan.name);
      const update: GraphViewUpdate = { type: 'graph', view: 'text' in plan ? view : { ...view, note: plan.issues.map((i) => i.message).join('; ') } };
      await this.panel.webview.postMessage(update);
    } catch (e) {
      this.logger.error(`graph view: cannot draw ${this.source.toString()}`, e);
    }
  }

  /** The baseline's analysis, weighed with its own run's costs; none when it cannot be read. */
  private async readBaseline(): Promise<GraphBaseline | undefined> {
    if (this.baseline === undefined) return undefined;
    const [plan, recorded] = await Promise.all([readPlanText(this.baseline), scheduleCostsNextTo(this.baseline)]);
    return 'text' in plan ? { name: plan.name, analysis: analyzeNodeLinkText(plan.text, plan.name, { costs: recorded?.costs }) } : undefined;
  }

  /** Opens the plan file with the task's name selected. */
  private async revealTask(task: string): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(this.source);
    const text = doc.getText();
    const graph = readNodeLinkText(text, doc.fileName).graph;
    const node = graph?.tasks.find((t) => t.name === task);
    const pointer = node === undefined ? undefined : graph?.nodePointer(node.id);
    if (pointer === undefined) return;
    const at = locatePointer(text, doc.fileName, `${pointer}/data/name`).offset;
    if (at === undefined) return;
    // The name's string token, quotes included.
    const end = text.indexOf('"', text.indexOf('"', at) + 1) + 1;
    const range = new vscode.Range(doc.positionAt(at), doc.positionAt(end > at ? end : at));
    // preserveFocus: the keyboard stays in the graph. Were focus to move to the plan file, the next `[` or
    // `]` meant for the graph would be typed into the user's artifact.
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: range, preserveFocus: true, preview: false });
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'main.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'graph.css'));
    const csp = [`default-src 'none'`, `img-src ${webview.cspSource}`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Plan graph</title>
</head>
<body>
<header>
<h1 id="title"></h1>
<button id="previous" title="Previous task on the critical path ([)">◀</button>
<span id="path-info"></span>
<button id="next" title="Next task on the critical path (])">▶</button>
<span class="legend"><span class="scan">scan</span><span class="view">view</span><span class="critical">critical path</span><span class="added">added</span><span class="cost">cost changed</span><span class="not-run">not run</span></span>
</header>
<p id="compared" hidden></p>
<p id="drift" hidden></p>
<p id="note" hidden></p>
<svg id="graph" role="img" aria-label="Plan graph"></svg>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }
}
