/**
 * The comparison webview's page, under the plan graph's CSP (graphHtml.ts): nothing from the network,
 * scripts only with this page's crypto nonce, styles only from the extension's own folders. `comparePage`
 * is the page itself, with no editor API, so the browser tests serve exactly this page, CSP included.
 */

import type * as vscode from 'vscode';
import { extensionResource, pageHead, pageNonce } from '../webviewPage';

export interface ComparePageParts {
  /** The origin resources load from (`webview.cspSource`). */
  readonly cspSource: string;
  readonly scriptUri: string;
  /** The plan graph's stylesheet (media/graph.css), then the comparison's own (media/compare.css). */
  readonly graphStyleUri: string;
  readonly styleUri: string;
  readonly nonce: string;
}

export function compareHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const resource = extensionResource(webview, extensionUri);
  return comparePage({ cspSource: webview.cspSource, scriptUri: resource('dist/webview/compare.js'), graphStyleUri: resource('media/graph.css'), styleUri: resource('media/compare.css'), nonce: pageNonce() });
}

function pane(side: 'before' | 'after', label: string): string {
  return `<section class="pane" id="pane-${side}" aria-labelledby="${side}-title">
<h2 id="${side}-title">${label}</h2>
<div class="stage" id="stage-${side}">
<canvas class="graph" id="graph-${side}" role="img" tabindex="0" aria-label="${label}"></canvas>
<canvas class="minimap" id="minimap-${side}" hidden aria-hidden="true" title="The whole comparison: click or drag to move the view"></canvas>
</div>
</section>`;
}

export function comparePage(parts: ComparePageParts): string {
  return `${pageHead(parts, [parts.graphStyleUri, parts.styleUri], 'Comparison of two runs')}
<body>
<header>
<h1 id="title">Comparing two runs…</h1>
<div class="toolbar" role="toolbar" aria-label="Comparison">
<button id="mode-side" aria-pressed="true" title="The two runs side by side, moving together">Side by side</button>
<button id="mode-overlay" aria-pressed="false" title="One drawing of both runs: added, removed and changed tasks marked (o)">Overlay</button>
<button id="fit" title="Show the whole comparison (0)">Fit</button>
<button id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">−</button>
<button id="open-changes" title="The two plan files' canonical JSON in the diff editor">Open changes</button>
<button id="show-text" title="The comparison in words, task names as links">Show as text</button>
</div>
<span class="legend"><span class="added">added</span><span class="removed">removed</span><span class="changed">changed</span><span class="critical">critical path</span></span>
</header>
<p id="summary"></p>
<p id="note" hidden></p>
<div id="compare-workspace">
<div id="panes">
${pane('before', 'before')}
${pane('after', 'after')}
</div>
<aside id="differences" aria-labelledby="differences-title">
<h2 id="differences-title">Differences, most impact first</h2>
<ol id="difference-list"></ol>
</aside>
</div>
<div id="announcer" class="visually-hidden" role="status" aria-live="polite"></div>
<div id="tooltip" role="tooltip" hidden></div>
<script nonce="${parts.nonce}" src="${parts.scriptUri}"></script>
</body>
</html>`;
}
