/**
 * The plan graph page as VS Code serves it (graphPage from src/extension/graph/graphHtml.ts, the real CSP,
 * media/graph.css, the webview bundle) in a plain Chromium page with a fake `acquireVsCodeApi` that
 * records what the webview posts; payloads are posted to it as the host posts them (one ArrayBuffer).
 * Used by the renderer tests and the render benchmark.
 */

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { graphPage } from '../../../src/extension/graph/graphHtml';
import { pageCsp } from '../../../src/extension/webviewPage';
import type { GraphPayload } from '../../../src/server/graph/graphPayloadOf';
import { repoRoot } from '../../support/corpus';
import * as assert from 'node:assert/strict';
import { bundleForWebview, collectPageProblems, launchChromiumOrSkip, newNonce, servePage, type ServedPage } from '../browserHarness';
import type { Theme } from './themes';

export interface PostedMessage {
  readonly type: string;
  readonly [key: string]: unknown;
}

/**
 * Runs in the page before its scripts: the editor's side of the webview, as far as the page can tell.
 * Text, not a function: tsx would wrap a function's inner names in a helper the page does not have.
 */
const fakeEditor = `
  window.__posted = [];
  window.__violations = [];
  window.__keys = [];
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => undefined });
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.effectiveDirective + ': ' + e.blockedURI));
  // After every handler has run: did the page keep the key from travelling on to the editor?
  window.addEventListener('keydown', (e) => setTimeout(() => window.__keys.push({ key: e.key, prevented: e.defaultPrevented })), true);
`;

let bundle: Promise<string> | undefined;

export class GraphPage {
  private constructor(
    readonly page: Page,
    private readonly served: ServedPage,
    readonly problems: string[],
  ) {}

  static async open(browser: Browser, options: { readonly width?: number; readonly height?: number; readonly entry?: string } = {}): Promise<GraphPage> {
    const nonce = newNonce();
    const parts = { cspSource: "'self'", nonce };
    bundle ??= bundleForWebview(path.join(repoRoot, 'src', 'webview', 'main.ts'));
    const served = await servePage({
      csp: pageCsp(parts),
      html: graphPage({ ...parts, scriptUri: '/main.js', styleUri: '/graph.css', panelsStyleUri: '/panels.css' }),
      files: { '/favicon.ico': new Uint8Array(0), '/main.js': await bundle, '/graph.css': readFileSync(path.join(repoRoot, 'media', 'graph.css'), 'utf8'), '/panels.css': readFileSync(path.join(repoRoot, 'media', 'panels.css'), 'utf8') },
    });
    const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: options.height ?? 800 } });
    const problems = collectPageProblems(page);
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.addInitScript({ content: fakeEditor });
    await page.goto(served.url);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    return new GraphPage(page, served, problems);
  }

  async applyTheme(theme: Theme): Promise<void> {
    await this.page.evaluate(({ bodyClass, variables }) => {
      const style = document.documentElement.style;
      for (const name of Array.from({ length: style.length }, (_, i) => style.item(i))) if (name.startsWith('--vscode-')) style.removeProperty(name);
      for (const [name, value] of Object.entries(variables)) style.setProperty(`--vscode-${name}`, value);
      document.body.className = bodyClass;
    }, theme);
    await this.nextFrame();
  }

  /** Posts the payload as the host does and waits until the webview says it drew it; the time it reports. */
  async postGraph(payload: GraphPayload, keepViewport = false): Promise<{ readonly firstPaintMs: number; readonly wallMs: number }> {
    const base64 = Buffer.from(payload.buffer).toString('base64');
    return this.page.evaluate(
      async ({ meta, base64, keepViewport }) => {
        const w = window as unknown as { __posted: { type: string; firstPaintMs?: number }[] };
        const binary = atob(base64);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        const before = w.__posted.length;
        const started = performance.now();
        window.postMessage({ type: 'graph', meta, buffer: bytes.buffer, keepViewport }, '*', [bytes.buffer]);
        for (;;) {
          const rendered = w.__posted.slice(before).find((m) => m.type === 'rendered');
          if (rendered !== undefined) return { firstPaintMs: rendered.firstPaintMs ?? NaN, wallMs: performance.now() - started };
          await new Promise((r) => setTimeout(r, 5));
        }
      },
      { meta: payload.meta, base64, keepViewport },
    );
  }

  /** Waits until no ELK refinement is running; the layout drawn ('elk', or 'generations' and why). */
  async settledLayout(): Promise<string> {
    await this.page.waitForFunction(() => document.getElementById('graph')?.dataset.layout !== 'refining', undefined, { timeout: 60_000 });
    await this.nextFrame();
    return (await this.state()).layout;
  }

  async post(message: { readonly type: string; readonly [key: string]: unknown }): Promise<void> {
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
    await this.nextFrame();
  }

  /** Resolves after the page has drawn the next frame (and so any redraw asked for before it). */
  async nextFrame(): Promise<void> {
    await this.page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  }

  /** The render state the canvas publishes in its data attributes. */
  async state(): Promise<Record<string, string>> {
    return this.page.evaluate(() => ({ ...(document.getElementById('graph') as HTMLCanvasElement).dataset }) as Record<string, string>);
  }

  async posted(): Promise<PostedMessage[]> {
    return this.page.evaluate(() => (window as unknown as { __posted: PostedMessage[] }).__posted);
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => ((window as unknown as { __posted: unknown[] }).__posted.length = 0));
  }

  async keys(): Promise<{ key: string; prevented: boolean }[]> {
    await this.page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    return this.page.evaluate(() => (window as unknown as { __keys: { key: string; prevented: boolean }[] }).__keys);
  }

  /** CSP violations seen by the page, the server's reports, console errors and uncaught exceptions. */
  async violations(): Promise<string[]> {
    const inPage = await this.page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    return [...inPage, ...this.served.cspReports.map((r) => `report: ${JSON.stringify(r)}`), ...this.problems];
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(repoRoot, 'test-results', 'screenshots', `${name}.png`);
    await this.page.screenshot({ path: file, animations: 'disabled' });
    return file;
  }

  async close(): Promise<void> {
    await this.page.close();
    await this.served.close();
  }
}

/**
 * The hooks of a suite of page tests: one Chromium for the suite (skipped when there is none, or failing
 * under CI), a fresh page per test, and after each test no CSP violation, console error or page error.
 */
export function useGraphPages(onPage: (page: GraphPage) => void): void {
  let browser: Browser | undefined;
  let current: GraphPage | undefined;
  suiteSetup(async function () {
    browser = await launchChromiumOrSkip(this);
  });
  suiteTeardown(async () => {
    await browser?.close();
  });
  setup(async () => {
    if (browser === undefined) throw new Error('no browser');
    current = await GraphPage.open(browser);
    onPage(current);
  });
  teardown(async () => {
    const problems = (await current?.violations()) ?? [];
    await current?.close();
    assert.deepEqual(problems, [], 'no CSP violation, console error or page error');
  });
}
