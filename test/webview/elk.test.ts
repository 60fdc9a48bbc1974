import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser, Page, Worker } from 'playwright-core';
import { ELK_LAYOUT_OPTIONS, fromElkGraph, toElkGraph } from '../../src/webview/layout/elkGraph';
import { compactLayout, compactRepliesPrelude, installCompactReplies, isCompactLayout } from '../../src/webview/layout/compactLayout';
import { MODEL_ORDER_BUDGET, planLayers } from '../../src/webview/layout/layerPlan';
import { LruCache } from '../../src/webview/layout/lruCache';
import type { RefineInput } from '../../src/webview/layout/refineTypes';
import {
  bundleForWebview,
  collectPageProblems,
  launchChromiumOrSkip,
  newNonce,
  pageHtml,
  servePage,
  settleReports,
  waitForReports,
  webviewCsp,
  type ServedPage,
} from './browserHarness';
import type { PlainRefineResult } from './elkPageApi';
import { pipelineInput, smallPlan } from './planInput';

const EPS = 1e-3;

/** Everything wrong with a layout of `input`, as sentences; empty when it is sound. */
function layoutProblems(input: RefineInput, r: PlainRefineResult): string[] {
  const problems: string[] = [];
  const { nodes, edges } = input;
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  nodes.forEach((n, i) => {
    if (!Number.isFinite(r.x[i]) || !Number.isFinite(r.y[i])) problems.push(`node ${n.id} has no position`);
    else if (r.x[i] < -EPS || r.y[i] < -EPS || r.x[i] + n.width > r.width + EPS || r.y[i] + n.height > r.height + EPS) problems.push(`node ${n.id} lies outside the drawing`);
  });
  // Bands are columns, left to right: every node of a band ends before any node of a later band starts.
  const bands = [...new Set(nodes.map((n) => n.band))].sort((a, b) => a - b);
  const right = (b: number): number => Math.max(...nodes.flatMap((n, i) => (n.band === b ? [r.x[i] + n.width] : [])));
  const left = (b: number): number => Math.min(...nodes.flatMap((n, i) => (n.band === b ? [r.x[i]] : [])));
  for (let k = 1; k < bands.length; k++) if (right(bands[k - 1]) > left(bands[k]) + EPS) problems.push(`band ${bands[k - 1]} reaches into band ${bands[k]}`);
  // Boxes of one band never overlap.
  for (const b of bands) {
    const members = nodes.flatMap((n, i) => (n.band === b ? [i] : [])).sort((i, j) => r.y[i] - r.y[j]);
    for (let k = 1; k < members.length; k++) {
      const [above, below] = [members[k - 1], members[k]];
      if (r.y[above] + nodes[above].height > r.y[below] + EPS && Math.abs(r.x[above] - r.x[below]) < nodes[above].width) problems.push(`nodes ${nodes[above].id} and ${nodes[below].id} overlap`);
    }
  }
  edges.forEach((e, k) => {
    const p = r.routes[k];
    if (p === undefined || p.length < 4) {
      problems.push(`edge ${k} has no route`);
      return;
    }
    for (let j = 2; j < p.length; j += 2) {
      if (Math.abs(p[j] - p[j - 2]) > EPS && Math.abs(p[j + 1] - p[j - 1]) > EPS) problems.push(`edge ${k} has a diagonal segment`);
    }
    // Direction RIGHT: an edge leaves its source's right side and enters its target's left side.
    const [s, t] = [index.get(e.source) ?? -1, index.get(e.target) ?? -1];
    const onSide = (i: number, px: number, py: number, side: 'left' | 'right'): boolean =>
      Math.abs(px - (side === 'left' ? r.x[i] : r.x[i] + nodes[i].width)) < 0.5 && py >= r.y[i] - EPS && py <= r.y[i] + nodes[i].height + EPS;
    if (!onSide(s, p[0], p[1], 'right')) problems.push(`edge ${k} does not start on its source's right side`);
    if (!onSide(t, p[p.length - 2], p[p.length - 1], 'left')) problems.push(`edge ${k} does not end on its target's left side`);
  });
  return problems;
}

suite('elk layout: graph conversion', () => {
  test('nodes and edges go to ELK in model order, each node with its band as partition', () => {
    const input: RefineInput = {
      nodes: [
        { id: 10, width: 180, height: 28, band: 1, order: 2 },
        { id: 20, width: 180, height: 28, band: 0, order: 0 },
        { id: 30, width: 180, height: 28, band: 0, order: 1 },
      ],
      edges: [{ source: 30, target: 10 }, { source: 20, target: 10 }],
    };
    const { graph, partitioned, modelOrder } = toElkGraph(input);
    assert.deepEqual(graph.children?.map((c) => c.id), ['1', '2', '0']);
    assert.deepEqual(graph.children?.map((c) => c.layoutOptions?.['elk.partitioning.partition']), ['0', '0', '1']);
    assert.deepEqual(graph.edges?.map((e) => [e.id, e.sources[0], e.targets[0]]), [['e1', '1', '0'], ['e0', '2', '0']]);
    // The bands are the layering already: partitions could not move anything. Small: model order kept.
    assert.deepEqual([partitioned, modelOrder], [false, true]);
    assert.deepEqual(graph.layoutOptions, { ...ELK_LAYOUT_OPTIONS, 'elk.partitioning.activate': 'false' });
    assert.equal(toElkGraph(input, { 'elk.partitioning.activate': 'true' }).partitioned, true);
  });

  test('partitions are needed when a band is not where the layering would put it', () => {
    const band = (bands: number[], edges: Array<[number, number]>): boolean =>
      planLayers(bands, Int32Array.from(edges, (e) => e[0]), Int32Array.from(edges, (e) => e[1])).needsPartitions;
    assert.equal(band([0, 1, 2], [[0, 1], [1, 2]]), false);
    // A view whose predecessors are outside the subset: the layering puts it first, its band third.
    assert.equal(band([0, 1, 2], [[0, 1]]), true);
    // Two layers inside one band (a dataset feeding a scan) are fine as long as the bands stay ordered.
    assert.equal(band([0, 0, 1], [[0, 1], [1, 2]]), false);
    assert.equal(band([0, 0, 1], [[0, 1], [0, 2]]), true);
    assert.equal(band([0, 1], [[0, 1], [1, 0]]), true);
  });

  test("the model order's cost estimate counts long-edge dummies; over budget the order is dropped", () => {
    // 0 -> 1 -> 2 and 0 -> 2: one node per layer and one dummy in the middle layer: 1 + 4 + 1.
    assert.equal(planLayers([0, 1, 2], Int32Array.from([0, 1, 0]), Int32Array.from([1, 2, 2])).sortWork, 6);
    const wide = 600;
    const nodes = Array.from({ length: wide + 1 }, (_, id) => ({ id, width: 180, height: 28, band: id === wide ? 1 : 0, order: id }));
    const edges = Array.from({ length: wide }, (_, source) => ({ source, target: wide }));
    assert.ok(wide * wide > MODEL_ORDER_BUDGET);
    assert.equal(toElkGraph({ nodes, edges }).modelOrder, false);
  });

  test('an edge to an unknown node or a repeated node id is refused', () => {
    const node = { width: 1, height: 1, band: 0, order: 0 };
    assert.throws(() => toElkGraph({ nodes: [{ id: 1, ...node }], edges: [{ source: 1, target: 2 }] }), /node 2, which is not in the input/);
    assert.throws(() => toElkGraph({ nodes: [{ id: 1, ...node }, { id: 1, ...node }], edges: [] }), /appears twice/);
  });

  test("ELK's answer is compacted in the worker and maps back to input positions; joined sections do not repeat their shared point", () => {
    const input: RefineInput = { nodes: [{ id: 7, width: 10, height: 10, band: 1, order: 1 }, { id: 8, width: 10, height: 10, band: 0, order: 0 }], edges: [{ source: 8, target: 7 }] };
    const request = toElkGraph(input);
    assert.deepEqual(request.graph.children?.map((c) => c.id), ['1', '0']);
    const compact = compactLayout({
      id: 'root',
      width: 40,
      height: 20,
      children: [{ id: '1', x: 0, y: 0 }, { id: '0', x: 30, y: 5 }],
      edges: [{
        id: 'e0', sources: ['1'], targets: ['0'],
        sections: [
          { id: 's0', startPoint: { x: 10, y: 5 }, bendPoints: [{ x: 20, y: 5 }], endPoint: { x: 20, y: 10 } },
          { id: 's1', startPoint: { x: 20, y: 10 }, endPoint: { x: 30, y: 10 } },
        ],
      }],
    });
    assert.deepEqual([...compact.routeOffsets], [0, 8]);
    const result = fromElkGraph(input, request, compact, 12);
    assert.deepEqual([...result.x], [30, 0]);
    assert.deepEqual([...result.y], [5, 0]);
    assert.deepEqual([...result.routes[0].points], [10, 5, 20, 5, 20, 10, 30, 10]);
    assert.deepEqual([result.width, result.height, result.ms], [40, 20, 12]);
  });

  test('the worker prelude compacts layout replies only, transferring the arrays', () => {
    const posted: Array<{ message: unknown; transfer: number }> = [];
    const scope = { postMessage: (message: unknown, transfer?: Transferable[]) => posted.push({ message, transfer: transfer?.length ?? 0 }) };
    installCompactReplies(scope, compactLayout);
    scope.postMessage({ id: 1 });
    scope.postMessage({ id: 2, data: [{ id: 'org.eclipse.elk.layered' }] });
    scope.postMessage({ id: 3, data: { id: 'root', width: 5, height: 6, children: [{ id: '0', x: 1, y: 2 }], edges: [] } });
    assert.deepEqual(posted.slice(0, 2), [{ message: { id: 1 }, transfer: 0 }, { message: { id: 2, data: [{ id: 'org.eclipse.elk.layered' }] }, transfer: 0 }]);
    const reply = posted[2].message as { id: number; data: unknown };
    assert.equal(reply.id, 3);
    assert.ok(isCompactLayout(reply.data));
    assert.deepEqual([...reply.data.x, ...reply.data.y, reply.data.width, reply.data.height], [1, 2, 5, 6]);
    assert.equal(posted[2].transfer, 4);
    // The prelude is source text run in the worker: it must not lean on anything outside the two functions.
    assert.match(compactRepliesPrelude(), /^\(function installCompactReplies\(/);
  });

  test('the result cache forgets the least recently used key first', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1);
    cache.set('c', 3);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.get('c'), 3);
    assert.equal(cache.size, 2);
  });
});

suite('elk layout in a web worker under the webview CSP (Chromium)', function () {
  let browser: Browser | undefined;
  let served: ServedPage | undefined;
  let page: Page;
  let problems: string[];

  suiteSetup(async function () {
    browser = await launchChromiumOrSkip(this);
    const js = await bundleForWebview(path.join(__dirname, 'elkPage.ts'));
    const nonce = newNonce();
    served = await servePage({ csp: webviewCsp(nonce), html: pageHtml({ nonce, scripts: ['/elk.js'] }), files: { '/elk.js': js } });
    page = await browser.newPage();
    problems = collectPageProblems(page);
    await page.goto(served.url);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  });

  suiteTeardown(async () => {
    await browser?.close();
    await served?.close();
  });

  test('a small layered DAG: finite positions, one column per band left to right, orthogonal routes between borders', async () => {
    const input = smallPlan();
    const small = await page.evaluate((i) => window.planLensElk.refine(i), input);
    assert.deepEqual(layoutProblems(input, small), []);
    assert.equal(small.cached, false);
    assert.ok(small.progress.some((m) => m.startsWith('laying out 8 tasks')), small.progress.join('; '));
  });

  test('a 500-task pipeline plan (transitively reduced): bands stay columns, no overlaps, orthogonal routes', async () => {
    const { input } = pipelineInput(500, 7);
    const result = await page.evaluate((i) => window.planLensElk.refine(i), input);
    assert.deepEqual(layoutProblems(input, result).slice(0, 10), []);
  });

  test('partitions are left out only where they cannot change the layout: same drawing either way', async () => {
    const { input } = pipelineInput(300, 11);
    const auto = await page.evaluate((i) => window.planLensElk.refine(i), input);
    const forced = await page.evaluate((i) => window.planLensElk.refine(i, { layoutOptions: { 'elk.partitioning.activate': 'true' } }), input);
    await page.evaluate(() => window.planLensElk.disposeVariants());
    assert.equal(auto.partitioned, false);
    assert.equal(forced.partitioned, true);
    assert.deepEqual(auto.x, forced.x);
    assert.deepEqual(auto.y, forced.y);
    assert.deepEqual(auto.routes, forced.routes);
  });

  test('a view whose predecessors are not shown still stands in its band (ELK gets the partitions)', async () => {
    const plan = smallPlan();
    // Node 6 (band 2) loses its in-edges: the layering alone would put it in the first column.
    const input: RefineInput = { nodes: plan.nodes, edges: plan.edges.filter((e) => e.target !== 6) };
    const result = await page.evaluate((i) => window.planLensElk.refine(i), input);
    assert.equal(result.partitioned, true);
    assert.deepEqual(layoutProblems(input, result), []);
  });

  test('the same input gives the same layout, in the same worker and in a fresh one', async () => {
    const input = smallPlan();
    const small = await page.evaluate((i) => window.planLensElk.refine(i), input);
    const again = await page.evaluate((i) => window.planLensElk.refine(i), input);
    const fresh = await page.evaluate((i) => window.planLensElk.refine(i, { fresh: true }), input);
    for (const other of [again, fresh]) {
      assert.deepEqual(other.x, small.x);
      assert.deepEqual(other.y, small.y);
      assert.deepEqual(other.routes, small.routes);
    }
  });

  test('a cache key answers with the stored layout; a key reused for another graph is not trusted', async () => {
    const input = { ...smallPlan(), cacheKey: 'plan-sig:all' };
    const first = await page.evaluate((i) => window.planLensElk.refine(i), input);
    const second = await page.evaluate((i) => window.planLensElk.refine(i), input);
    assert.equal(first.cached, false);
    assert.equal(second.cached, true);
    assert.deepEqual(second.x, first.x);
    assert.deepEqual(second.routes, first.routes);
    const other = { ...pipelineInput(40, 3).input, cacheKey: 'plan-sig:all' };
    const third = await page.evaluate((i) => window.planLensElk.refine(i), other);
    assert.equal(third.cached, false);
    assert.equal(third.x.length, 40);
  });

  test('more than 2,000 nodes is refused with the reason', async () => {
    const { input } = pipelineInput(2_001);
    const message = await page.evaluate((i) => window.planLensElk.refineError(i), input);
    assert.match(message, /^RangeError: ELK refines at most 2,000 nodes; this subgraph has 2,001/);
  });

  test('cancelling a running 2,000-node layout rejects at once, ends its worker, and the next layout still works', async () => {
    const { input } = pipelineInput(2_000);
    assert.equal(input.nodes.length, 2_000);
    // Also starts the shared refiner's worker when this test runs alone: that worker must end.
    const small = await page.evaluate((i) => window.planLensElk.refine(i), smallPlan());
    const before = page.workers();
    assert.ok(before.length >= 1, 'no worker is running');
    const closed = Promise.all(before.map((w: Worker) => w.waitForEvent('close', { timeout: 10_000 })));
    const probe = await page.evaluate((i) => window.planLensElk.cancelAfter(i, 400), input);
    assert.equal(probe.rejectedAs, 'RefineCancelled');
    // "At once": not when the layout would have ended (1.3 s or more at 2,000 nodes here). A loose bound,
    // as the machine is shared: a cancel that waited for the worker would take seconds.
    assert.ok(probe.rejectMs < 1_000, `cancel took ${probe.rejectMs.toFixed(0)} ms to reject`);
    await closed;
    const next = await page.evaluate((i) => window.planLensElk.refine(i), smallPlan());
    assert.deepEqual(next.x, small.x);
    assert.deepEqual(next.y, small.y);
  });

  test('the minified (production) bundle lays out the same: the worker prelude survives minification', async () => {
    assert.ok(browser !== undefined);
    const js = await bundleForWebview(path.join(__dirname, 'elkPage.ts'), { minify: true });
    const nonce = newNonce();
    const minified = await servePage({ csp: webviewCsp(nonce), html: pageHtml({ nonce, scripts: ['/elk.js'] }), files: { '/elk.js': js } });
    const minifiedPage = await browser.newPage();
    try {
      await minifiedPage.goto(minified.url);
      await minifiedPage.waitForSelector('body[data-ready="true"]', { state: 'attached' });
      const result = await minifiedPage.evaluate((i) => window.planLensElk.refine(i), smallPlan());
      const reference = await page.evaluate((i) => window.planLensElk.refine(i), smallPlan());
      assert.deepEqual(result.x, reference.x);
      assert.deepEqual(result.routes, reference.routes);
      assert.deepEqual(await settleReports(minified), []);
    } finally {
      await minifiedPage.close();
      await minified.close();
    }
  });

  test('nothing above broke the CSP: no violation on the page, none reported from a worker, no console error', async () => {
    assert.ok(served !== undefined);
    assert.deepEqual(await settleReports(served), []);
    assert.deepEqual(await page.evaluate(() => window.planLensElk.violations), []);
    assert.deepEqual(problems, []);
  });

  test('a page whose CSP forbids blob: workers gets a clear refusal, not a hang', async () => {
    assert.ok(browser !== undefined);
    const js = await bundleForWebview(path.join(__dirname, 'elkPage.ts'));
    const nonce = newNonce();
    const strict = await servePage({ csp: `default-src 'none'; script-src 'nonce-${nonce}'`, html: pageHtml({ nonce, scripts: ['/elk.js'] }), files: { '/elk.js': js } });
    const strictPage = await browser.newPage();
    try {
      await strictPage.goto(strict.url);
      await strictPage.waitForSelector('body[data-ready="true"]', { state: 'attached' });
      const message = await strictPage.evaluate((i) => window.planLensElk.refineError(i), smallPlan());
      assert.match(message, /the layout worker could not start \(the page's CSP must allow worker-src blob:\)/);
      const reports = await waitForReports(strict, 1);
      assert.ok(reports.some((r) => JSON.stringify(r).includes('"effective-directive":"worker-src"')), JSON.stringify(reports));
    } finally {
      await strictPage.close();
      await strict.close();
    }
  });

  test('the CSP check can fail: eval in a blob worker is blocked and reported', async () => {
    assert.ok(browser !== undefined);
    const js = await bundleForWebview(path.join(__dirname, 'elkPage.ts'));
    const nonce = newNonce();
    const probeServer = await servePage({ csp: webviewCsp(nonce), html: pageHtml({ nonce, scripts: ['/elk.js'] }), files: { '/elk.js': js } });
    const probePage = await browser.newPage();
    try {
      await probePage.goto(probeServer.url);
      await probePage.waitForSelector('body[data-ready="true"]', { state: 'attached' });
      assert.equal(await probePage.evaluate(() => window.planLensElk.workerEval()), 'blocked');
      const reports = await waitForReports(probeServer, 1);
      assert.ok(reports.some((r) => JSON.stringify(r).includes('"blocked-uri":"eval"')), JSON.stringify(reports));
    } finally {
      await probePage.close();
      await probeServer.close();
    }
  });
});
