/**
 * The plan graph webview's page, under the CSP every Plan Lens page has (webviewPage.ts).
 *
 * `graphPage` is the page itself, with no editor API: the browser tests and the render benchmark serve
 * exactly this page, CSP included. This module imports only types from `vscode` for the same reason.
 */

import type * as vscode from 'vscode';
import { extensionResource, pageHead, pageNonce } from '../webviewPage';

export interface GraphPageParts {
  /** The origin resources load from (`webview.cspSource`). */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** The search box's and details panel's stylesheet (media/panels.css). */
  readonly panelsStyleUri: string;
  readonly nonce: string;
}

export function graphHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const resource = extensionResource(webview, extensionUri);
  return graphPage({ cspSource: webview.cspSource, scriptUri: resource('dist/webview/main.js'), styleUri: resource('media/graph.css'), panelsStyleUri: resource('media/panels.css'), nonce: pageNonce() });
}

export function graphPage(parts: GraphPageParts): string {
  return `${pageHead(parts, [parts.styleUri, parts.panelsStyleUri], 'Plan graph')}
<body>
<header>
<h1 id="title"></h1>
<div class="toolbar" role="toolbar" aria-label="Plan graph">
<button id="fit" title="Show the whole plan (0)">Fit</button>
<button id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">−</button>
<button id="reveal-selected" title="Centre the selected task">Reveal</button>
<button id="previous" title="Previous task on the critical path ([ or p)" aria-label="Previous task on the critical path">◀</button>
<span id="path-info"></span>
<button id="next" title="Next task on the critical path (] or n)" aria-label="Next task on the critical path">▶</button>
<button id="collapse-all" title="Draw each generation as one box (c collapses or expands the selected task's generation)">Collapse all</button>
<button id="export-svg" title="Export the graph as drawn (the whole plan, or the focused part) as SVG">Export SVG</button>
<button id="export-png" title="Export the graph as drawn (the whole plan, or the focused part) as PNG">Export PNG</button>
</div>
<div id="search-slot"></div>
<div class="layers" role="group" aria-labelledby="layers-label"><span id="layers-label">Show:</span>
<label><input type="checkbox" id="layer-critical" checked> critical path</label>
<label><input type="checkbox" id="layer-drift" checked> drift</label>
<label><input type="checkbox" id="layer-cache" checked> cache status</label>
<label><input type="checkbox" id="layer-comparison" checked> comparison</label>
<label title="The whole plan in a corner, with the part on screen outlined (shown while the view does not hold the whole plan)"><input type="checkbox" id="show-minimap" checked> minimap</label>
</div>
<span class="legend"><span class="scan">scan</span><span class="view">view</span><span class="critical">critical path</span><span class="added">added</span><span class="cost">cost changed</span><span class="not-run">not run</span></span>
</header>
<p id="compared" hidden></p>
<p id="drift" hidden></p>
<p id="note" hidden></p>
<p id="view-line" hidden><span id="view-text"></span> <button id="show-whole">Show the whole plan</button> <button id="expand-all">Expand all</button></p>
<p id="layout-progress" hidden><span id="layout-progress-text"></span> <button id="layout-cancel">Cancel</button></p>
<div id="workspace">
<main id="stage">
<canvas id="graph" role="img" tabindex="0" aria-label="Plan graph"></canvas>
<canvas id="minimap" hidden aria-hidden="true" title="The whole plan: click or drag to move the view"></canvas>
</main>
</div>
<footer id="status-line"></footer>
<div id="announcer" class="visually-hidden" role="status" aria-live="polite"></div>
<div id="tooltip" role="tooltip" hidden></div>
<script nonce="${parts.nonce}" src="${parts.scriptUri}"></script>
</body>
</html>`;
}
