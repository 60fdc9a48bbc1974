/**
 * The comparison page as VS Code serves it (comparePage from src/extension/compare/compareHtml.ts, the plan
 * graph's CSP, media/graph.css and media/compare.css, the compare bundle) in a plain Chromium page, fed the
 * language server's answer for the sample's two runs: both sides drawn over the same positions, one camera
 * and one selection for both, the overlay's marks, the ranked list, names never read as markup. Also the
 * readable page (summaries and comparison text): task links post "reveal", markup in the Markdown stays text.
 */

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { pageCsp } from '../../src/extension/webviewPage';
import { comparePage } from '../../src/extension/compare/compareHtml';
import { readablePageHtml } from '../../src/extension/compare/readableHtml';
import type { CompareResult } from '../../src/protocol/compare';
import { compareHandlers } from '../../src/server/compare/compareRequest';
import { PlanSessions } from '../../src/server/plans/planSessions';
import { repoRoot } from '../support/corpus';
import { bundleForWebview, collectPageProblems, launchChromiumOrSkip, newNonce, servePage, type ServedPage } from './browserHarness';
import { themes } from './renderer/themes';

const workspace = path.join(repoRoot, 'examples', 'workspace');
const planUri = (run: string): string => pathToFileURL(path.join(workspace, '.artifacts', 'diagnostics', run, 'task_graph_node_link.json')).toString();

const fakeEditor = `
  window.__posted = [];
  window.__violations = [];
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => undefined });
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.effectiveDirective + ': ' + e.blockedURI));
`;

async function sampleComparison(): Promise<CompareResult> {
  const plans = new PlanSessions({ get: () => undefined });
  plans.setWorkspaceRoots([workspace]);
  return compareHandlers(plans).compare({ beforeUri: planUri('019bfeb2-a0d4-7091-bd2a-d070b6061cb0'), afterUri: planUri('019c03dd-7755-774b-95f8-ecf61ecd55af') });
}

interface Opened {
  readonly page: Page;
  readonly served: ServedPage;
  readonly problems: string[];
}

async function open(browser: Browser, html: (nonce: string) => string, files: Record<string, string>): Promise<Opened> {
  const nonce = newNonce();
  const served = await servePage({ csp: pageCsp({ cspSource: "'self'", nonce }), html: html(nonce), files: { '/favicon.ico': '', ...files } });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = collectPageProblems(page);
  await page.addInitScript({ content: fakeEditor });
  await page.goto(served.url);
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  return { page, served, problems };
}

async function violations(o: Opened): Promise<string[]> {
  const inPage = await o.page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  return [...inPage, ...o.served.cspReports.map((r) => `report: ${JSON.stringify(r)}`), ...o.problems];
}

const nextFrame = (page: Page): Promise<void> => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
const canvasState = (page: Page, side: 'before' | 'after'): Promise<Record<string, string>> => page.evaluate((s) => ({ ...(document.getElementById(`graph-${s}`) as HTMLCanvasElement).dataset }) as Record<string, string>, side);

/** Posts the comparison as the host does: the answer without Markdown, each graph's bytes as an ArrayBuffer. */
async function postComparison(page: Page, r: CompareResult): Promise<void> {
  const { graphs, markdown: _markdown, ...rest } = r;
  const data = { ...rest, graphs: { before: graphs.before.meta, after: graphs.after.meta, overlay: graphs.overlay.meta } };
  await page.evaluate(
    ({ data, b64 }) => {
      // No named inner functions: tsx would wrap them in a helper the page does not have.
      const buffers: Record<string, ArrayBuffer> = {};
      for (const [side, text] of Object.entries(b64)) {
        const binary = atob(text);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        buffers[side] = bytes.buffer;
      }
      window.postMessage({ type: 'comparison', data, buffers }, '*');
    },
    { data, b64: { before: graphs.before.data, after: graphs.after.data, overlay: graphs.overlay.data } },
  );
  await page.waitForFunction(() => document.body.dataset.differences !== undefined);
  await nextFrame(page);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'screenshots', `${name}.png`), animations: 'disabled' });
}

suite('Comparison page (Chromium, webview CSP)', () => {
  let browser: Browser | undefined;
  let opened: Opened | undefined;
  let comparison: CompareResult;
  let bundle: string;
  let readableBundle: string;
  const css = (name: string): string => readFileSync(path.join(repoRoot, 'media', name), 'utf8');

  suiteSetup(async function () {
    this.timeout(120_000);
    browser = await launchChromiumOrSkip(this);
    [comparison, bundle, readableBundle] = await Promise.all([sampleComparison(), bundleForWebview(path.join(repoRoot, 'src', 'webview', 'compare', 'compareMain.ts')), bundleForWebview(path.join(repoRoot, 'src', 'webview', 'compare', 'readableMain.ts'))]);
  });
  suiteTeardown(async () => browser?.close());
  teardown(async () => {
    if (opened === undefined) return;
    const problems = await violations(opened);
    await opened.page.close();
    await opened.served.close();
    opened = undefined;
    assert.deepEqual(problems, [], 'no CSP violation, console error or page error');
  });

  const openCompare = async (): Promise<Page> => {
    opened = await open(browser as Browser, (nonce) => comparePage({ cspSource: "'self'", nonce, scriptUri: '/compare.js', graphStyleUri: '/graph.css', styleUri: '/compare.css' }), { '/compare.js': bundle, '/graph.css': css('graph.css'), '/compare.css': css('compare.css') });
    return opened.page;
  };

  test('both runs are drawn over the same positions; zoom, pan and selection in one side move the other', async () => {
    const page = await openCompare();
    await postComparison(page, comparison);
    const [before, after] = [await canvasState(page, 'before'), await canvasState(page, 'after')];
    assert.deepEqual([before.drawing, after.drawing], ['before', 'after']);
    assert.equal(before.marks, 'removed:3 changed:4');
    assert.equal(after.marks, 'added:4 changed:4');
    assert.deepEqual([after.scale, after.tx, after.ty], [before.scale, before.tx, before.ty], 'the later run opens where the earlier did');

    // Zoom the earlier run with the wheel: the later run's transform follows exactly.
    const box = await page.locator('#graph-before').boundingBox();
    assert.ok(box !== null);
    await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    await nextFrame(page);
    await nextFrame(page);
    const zoomed = await canvasState(page, 'before');
    assert.notEqual(zoomed.scale, before.scale, 'the wheel zoomed');
    const follower = await canvasState(page, 'after');
    assert.deepEqual([follower.scale, follower.tx, follower.ty], [zoomed.scale, zoomed.tx, zoomed.ty]);
    // Pan the later run by dragging: the earlier follows.
    const right = await page.locator('#graph-after').boundingBox();
    assert.ok(right !== null);
    await page.mouse.move(right.x + 200, right.y + 200);
    await page.mouse.down();
    await page.mouse.move(right.x + 260, right.y + 240, { steps: 4 });
    await page.mouse.up();
    await nextFrame(page);
    await nextFrame(page);
    const [b, a] = [await canvasState(page, 'before'), await canvasState(page, 'after')];
    assert.notEqual(a.tx, follower.tx, 'the drag panned');
    assert.deepEqual([b.scale, b.tx, b.ty], [a.scale, a.tx, a.ty]);

    // The ranked list: the critical path first; choosing the added view selects it in both drawings.
    const items = page.locator('#difference-list button.difference');
    assert.equal(await items.count(), comparison.differences.length);
    assert.equal(await items.first().getAttribute('data-kind'), 'critical-path');
    await page.locator('#difference-list button', { hasText: 'task added: cpg_files_delta_v1' }).click();
    await nextFrame(page);
    await nextFrame(page);
    const [sb, sa] = [await canvasState(page, 'before'), await canvasState(page, 'after')];
    assert.deepEqual([sb.selected, sa.selected], ['cpg_files_delta_v1', 'cpg_files_delta_v1']);
    // Same positions: the selected task is at the same place in both panes (same camera, same layout).
    assert.deepEqual([sb.selectedX, sb.selectedY], [sa.selectedX, sa.selectedY]);
    await screenshot(page, 'webview-compare-side-by-side');
  });

  test('overlay mode: one drawing of the union with added, removed and changed tasks marked; o toggles it back', async () => {
    const page = await openCompare();
    await postComparison(page, comparison);
    await page.click('#mode-overlay');
    await nextFrame(page);
    assert.equal(await page.locator('#pane-before').isVisible(), false);
    const overlay = await canvasState(page, 'after');
    assert.equal(overlay.drawing, 'overlay');
    assert.equal(overlay.marks, 'added:4 removed:3 changed:4');
    assert.equal(await page.evaluate(() => document.body.dataset.mode), 'overlay');
    assert.equal(await page.locator('#mode-overlay').getAttribute('aria-pressed'), 'true');
    await screenshot(page, 'webview-compare-overlay');
    await page.keyboard.press('o');
    await nextFrame(page);
    assert.equal(await page.locator('#pane-before').isVisible(), true);
    assert.equal((await canvasState(page, 'after')).drawing, 'after');
  });

  test('"Open changes" and "Show as text" ask the host; a picked task is revealed in its own run', async () => {
    const page = await openCompare();
    await postComparison(page, comparison);
    await page.click('#open-changes');
    await page.click('#show-text');
    const posted = await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted.map((m) => m.type));
    assert.deepEqual(posted, ['ready', 'openChanges', 'showText']);
  });

  test('names are text: a difference whose title is markup adds no element', async () => {
    const page = await openCompare();
    const hostile = '<img src=x onerror="window.__pwned=1">';
    await postComparison(page, { ...comparison, differences: [{ kind: 'task-added', impact: 600, title: `task added: ${hostile}`, tasks: [hostile] }, ...comparison.differences] });
    assert.equal(await page.locator('#difference-list img').count(), 0);
    assert.equal(await page.locator('#difference-list button').first().locator('.text').textContent(), `task added: ${hostile}`);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });

  for (const theme of themes) {
    test(`the comparison in the ${theme.kind} theme`, async () => {
      const page = await openCompare();
      await page.evaluate(({ bodyClass, variables }) => {
        for (const [name, value] of Object.entries(variables)) document.documentElement.style.setProperty(`--vscode-${name}`, value);
        document.body.className = bodyClass;
      }, theme);
      await postComparison(page, comparison);
      await nextFrame(page);
      await screenshot(page, `webview-compare-${theme.kind}`);
    });
  }

  test('the readable page: Markdown as elements, task links post reveal, markup stays text', async () => {
    opened = await open(browser as Browser, (nonce) => readablePageHtml({ cspSource: "'self'", nonce, scriptUri: '/readable.js', styleUri: '/readable.css' }), { '/readable.js': readableBundle, '/readable.css': css('readable.css') });
    const page = opened.page;
    await page.evaluate((markdown) => window.postMessage({ type: 'document', markdown }, '*'), `${comparison.markdown}\n\nA name <script>window.__pwned=1</script> and <b>bold</b>.\n`);
    await page.waitForFunction(() => document.body.dataset.loaded === 'true');
    assert.equal(await page.locator('#content h1').textContent(), 'Comparison of two runs');
    assert.ok((await page.locator('#content table td').count()) > 0);
    assert.equal(await page.locator('#content script, #content b').count(), 0);
    assert.match((await page.locator('#content').textContent()) ?? '', /<script>window\.__pwned=1<\/script>/);
    await page.locator('#content a.task-link', { hasText: 'cpg_files_delta_v1' }).first().click();
    const posted = await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
    assert.deepEqual(posted, [{ type: 'ready' }, { type: 'reveal', task: 'cpg_files_delta_v1' }]);
    await screenshot(page, 'webview-comparison-text');
  });
});
