/**
 * The readable page (summaries, comparison text) under the plan graph's CSP (graphHtml.ts): scripts only
 * with the page's crypto nonce, styles only from the extension. `readablePageHtml` is the page itself, with
 * no editor API, so the browser tests serve exactly this page.
 */

import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';
import { graphCsp } from '../graph/graphHtml';

export interface ReadablePageParts {
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly nonce: string;
}

export function readableHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const resource = (path: string): string => webview.asWebviewUri(extensionUri.with({ path: `${extensionUri.path.replace(/\/$/, '')}/${path}` })).toString();
  return readablePageHtml({ cspSource: webview.cspSource, scriptUri: resource('dist/webview/readable.js'), styleUri: resource('media/readable.css'), nonce: randomBytes(16).toString('base64') });
}

export function readablePageHtml(parts: ReadablePageParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${graphCsp(parts)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${parts.styleUri}">
<title>Plan Lens</title>
</head>
<body>
<main id="content" aria-live="polite"></main>
<script nonce="${parts.nonce}" src="${parts.scriptUri}"></script>
</body>
</html>`;
}
