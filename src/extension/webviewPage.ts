/**
 * What every Plan Lens webview page shares: the strict CSP (nothing from the network, scripts only with
 * the page's crypto nonce, styles and images only from the extension, the layout worker only from a
 * `blob:` URL the page makes itself: workers from webview resource URLs do not start in VS Code), the
 * head of the page, and the URIs of the extension's own files. Only types from `vscode`: the browser tests
 * serve the same pages without an editor.
 */

import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export interface PageSecurity {
  /** The origin resources load from (`webview.cspSource`). */
  readonly cspSource: string;
  readonly nonce: string;
}

export function pageCsp(parts: PageSecurity): string {
  return [`default-src 'none'`, `img-src ${parts.cspSource} blob: data:`, `style-src ${parts.cspSource}`, `script-src 'nonce-${parts.nonce}'`, `worker-src blob:`].join('; ');
}

/** A fresh nonce for one page load. */
export function pageNonce(): string {
  return randomBytes(16).toString('base64');
}

/** `<!DOCTYPE html>` up to `</head>`: the CSP, the stylesheets in order, the title (plain text). */
export function pageHead(parts: PageSecurity, styleUris: readonly string[], title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${pageCsp(parts)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styleUris.map((uri) => `<link rel="stylesheet" href="${uri}">`).join('\n')}
<title>${title}</title>
</head>`;
}

/** The webview URI of a file of the extension (Uri.with rather than Uri.joinPath: no runtime import of the editor API). */
export function extensionResource(webview: vscode.Webview, extensionUri: vscode.Uri): (path: string) => string {
  return (path) => webview.asWebviewUri(extensionUri.with({ path: `${extensionUri.path.replace(/\/$/, '')}/${path}` })).toString();
}
