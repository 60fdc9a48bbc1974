/**
 * Webview code in a plain Chromium page, without an editor: bundle an entry as the webview build does,
 * serve it from 127.0.0.1 under a given Content-Security-Policy, and drive Debian's chromium with
 * playwright-core. Generic on purpose: the layout tests and the renderer tests both serve their own HTML
 * and scripts through it, and the benchmarks reuse it.
 *
 * CSP violations are caught twice: the page can listen to `securitypolicyviolation`, but a violation
 * inside a worker fires on the worker's global scope, not on the document, so the server also appends a
 * `report-uri` to the policy (a reporting directive, which allows nothing) and keeps what it receives.
 */

import * as esbuild from 'esbuild';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { launchBrowser } from '../../scripts/editor/browser';
import { chromiumBin } from '../../scripts/editor/paths';
import { skipReasons } from '../support/corpus';

/** esbuild loaders of the webview bundle (esbuild.mjs): elkjs's worker script is embedded as text. */
export const WEBVIEW_LOADERS: Readonly<Record<string, esbuild.Loader>> = { '.min.js': 'text' };

/** Bundles a browser entry the way esbuild.mjs bundles src/webview/main.ts, in memory; `minify` as in a production build. */
export async function bundleForWebview(entry: string, options: { readonly minify?: boolean } = {}): Promise<string> {
  const built = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { ...WEBVIEW_LOADERS },
    logLevel: 'warning',
    logOverride: { 'import-is-undefined': 'error' },
    legalComments: 'none',
    minify: options.minify === true,
  });
  const out = built.outputFiles[0];
  if (out === undefined) throw new Error(`esbuild produced nothing for ${entry}`);
  return out.text;
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The policy the graph webview runs under: scripts by nonce only, workers from blob: only, nothing else. */
export function webviewCsp(nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; worker-src blob:`;
}

/** A minimal page that loads `scripts` (served paths) with the nonce, after `body`. */
export function pageHtml(options: { readonly nonce: string; readonly scripts: readonly string[]; readonly body?: string; readonly title?: string }): string {
  const scripts = options.scripts.map((src) => `<script nonce="${options.nonce}" src="${src}"></script>`).join('\n');
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${options.title ?? 'webview test'}</title></head>\n<body>${options.body ?? ''}\n${scripts}\n</body></html>\n`;
}

export interface PageSpec {
  /** Sent as the Content-Security-Policy header of every response, with a report-uri appended. */
  readonly csp: string;
  /** Served at `/`. */
  readonly html: string;
  /** Other files by path (`/main.js`); the type follows the extension. */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
}

export interface ServedPage {
  /** The page's address, `http://127.0.0.1:PORT/`. */
  readonly url: string;
  /** The CSP reports received so far (the `csp-report` objects of report-uri). */
  readonly cspReports: readonly unknown[];
  close(): Promise<void>;
}

const REPORT_PATH = '/__csp-report';

const contentTypes: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
  '.bin': 'application/octet-stream',
};

export async function servePage(spec: PageSpec): Promise<ServedPage> {
  const reports: unknown[] = [];
  const csp = `${spec.csp}; report-uri ${REPORT_PATH}`;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'POST' && url.pathname === REPORT_PATH) {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        reports.push(parseReport(Buffer.concat(chunks).toString('utf8')));
        response.writeHead(204).end();
      });
      return;
    }
    const body = url.pathname === '/' ? spec.html : spec.files?.[url.pathname];
    if (body === undefined) {
      response.writeHead(404, { 'Content-Security-Policy': csp }).end();
      return;
    }
    const ext = url.pathname === '/' ? '.html' : url.pathname.slice(url.pathname.lastIndexOf('.'));
    response.writeHead(200, { 'Content-Type': contentTypes[ext] ?? 'application/octet-stream', 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' });
    response.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    cspReports: reports,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parseReport(text: string): unknown {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && 'csp-report' in parsed ? parsed['csp-report'] : parsed;
  } catch {
    return text;
  }
}

/** Why the browser cannot run, or undefined when it can. */
export function chromiumProblem(): string | undefined {
  return existsSync(chromiumBin) ? undefined : `no chromium at ${chromiumBin} (apt-get install chromium, or set CHROMIUM)`;
}

/**
 * Debian's chromium, or the current test (or suite hook) skipped with the reason; under CI=true a missing
 * browser fails instead, so browser tests can never pass by not running.
 */
export async function launchChromiumOrSkip(ctx: Mocha.Context): Promise<Browser> {
  const problem = chromiumProblem();
  if (problem !== undefined) {
    if (process.env.CI === 'true') throw new Error(`${problem}; CI requires it`);
    skipReasons.add(problem);
    ctx.skip();
  }
  return launchBrowser(chromiumBin, process.env);
}

export { launchBrowser, chromiumBin };

/** Console errors and uncaught exceptions of a page and its workers, as text, for assertions. */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  const onConsole = (m: ConsoleMessage): void => {
    if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`);
  };
  page.on('console', onConsole);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('worker', (w) => w.on('console', onConsole));
  return problems;
}

/** Waits until no CSP report has arrived for `quietMs`: reports are sent asynchronously. */
export async function settleReports(served: ServedPage, quietMs = 300): Promise<readonly unknown[]> {
  let seen = -1;
  while (seen !== served.cspReports.length) {
    seen = served.cspReports.length;
    await new Promise((r) => setTimeout(r, quietMs));
  }
  return served.cspReports;
}

/** Waits until at least `count` CSP reports have arrived, or `timeoutMs` passed; returns them. */
export async function waitForReports(served: ServedPage, count: number, timeoutMs = 10_000): Promise<readonly unknown[]> {
  const deadline = Date.now() + timeoutMs;
  while (served.cspReports.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return served.cspReports;
}
