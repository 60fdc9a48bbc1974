/**
 * The readable page (summaries, comparison text) under the plan graph's CSP (graphHtml.ts): scripts only
 * with the page's crypto nonce, styles only from the extension. `readablePageHtml` is the page itself, with
 * no editor API, so the browser tests serve exactly this page.
 */

import type * as vscode from 'vscode';
import { extensionResource, pageHead, pageNonce } from '../webviewPage';

export interface ReadablePageParts {
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly nonce: string;
}

export function readableHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const resource = extensionResource(webview, extensionUri);
  return readablePageHtml({ cspSource: webview.cspSource, scriptUri: resource('dist/webview/readable.js'), styleUri: resource('media/readable.css'), nonce: pageNonce() });
}

export function readablePageHtml(parts: ReadablePageParts): string {
  return `${pageHead(parts, [parts.styleUri], 'Plan Lens')}
<body>
<main id="content" aria-live="polite"></main>
<script nonce="${parts.nonce}" src="${parts.scriptUri}"></script>
</body>
</html>`;
}
