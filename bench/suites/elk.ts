/**
 * ELK layered refinement in its web worker (src/webview/layout/elkLayout.ts), in headless Chromium under
 * the webview's CSP, on synthetic pipeline-shaped plans of 500 and 2,000 tasks (test/support/randomPlans.ts,
 * transitively reduced, bands = generations). Cold (a new worker) and warm (the kept worker), with the
 * longest gap between animation frames on the page meanwhile, to show the page is not blocked. Baseline
 * in the same page: the core's generation layout (src/core/layout/layeredLayout.ts) of the same graph.
 * `--quick`: 500 tasks only, and no table of option variants.
 */

import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { RefineInput } from '../../src/webview/layout/refineTypes';
import {
  bundleForWebview,
  chromiumBin,
  chromiumProblem,
  launchBrowser,
  newNonce,
  pageHtml,
  servePage,
  settleReports,
  webviewCsp,
} from '../../test/webview/browserHarness';
import type { FrameGaps, PlainRefineResult } from '../../test/webview/elkPageApi';
import { pipelineInput } from '../../test/webview/planInput';
import { formatMs, type BenchRow, type BenchSuite, type BenchTable } from '../harness';

const WARM_RUNS = 3;

type Timed = PlainRefineResult & FrameGaps;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const refine = (page: Page, input: RefineInput, options: { fresh?: boolean; layoutOptions?: Record<string, string> } = {}): Promise<Timed> =>
  page.evaluate(([i, o]) => window.planLensElk.refineWithFrames(i, o), [input, options] as const);

async function sizeRow(page: Page, tasks: number): Promise<BenchRow> {
  const { input, rawEdges } = pipelineInput(tasks);
  const generation = await page.evaluate(([i, runs]) => window.planLensElk.generationLayoutMs(i, runs), [input, 5] as const);
  const warmUp = await page.evaluate(() => window.planLensElk.warmUpMs());
  const cold = await refine(page, input, { fresh: true });
  // The first layout on a warmed worker, then the worker as the renderer keeps it.
  const first = await refine(page, input);
  const warm: Timed[] = [];
  for (let r = 0; r < WARM_RUNS; r++) warm.push(await refine(page, input));
  const warmMs = median(warm.map((w) => w.ms));
  const idle = await page.evaluate((ms) => window.planLensElk.idleFrames(ms), Math.round(warmMs));
  const bands = new Set(input.nodes.map((n) => n.band)).size;
  return {
    tasks: tasks.toLocaleString('en'),
    'edges (raw)': `${input.edges.length.toLocaleString('en')} (${rawEdges.toLocaleString('en')})`,
    bands,
    'partitions / model order': `${cold.partitioned ? 'yes' : 'no'} / ${cold.modelOrder ? 'yes' : 'no'}`,
    'generation layout (core)': formatMs(generation),
    'worker start + warm-up': formatMs(warmUp),
    'ELK cold (new worker)': formatMs(cold.wallMs),
    'ELK first after warm-up': formatMs(first.ms),
    [`ELK warm (median of ${WARM_RUNS})`]: formatMs(warmMs),
    'ELK warm / generation': `${Math.round(warmMs / Math.max(generation, 0.01))}×`,
    'max frame gap cold / warm / idle': `${formatMs(cold.maxGapMs)} / ${formatMs(Math.max(...warm.map((w) => w.maxGapMs)))} / ${formatMs(idle.maxGapMs)}`,
    'longest page task cold / warm': `${formatMs(cold.longestTaskMs)} / ${formatMs(Math.max(...warm.map((w) => w.longestTaskMs)))}`,
    drawing: `${Math.round(cold.width)} × ${Math.round(cold.height)}`,
  };
}

/**
 * The options behind the automatic choices, on one plan. Each variant keeps its own warmed worker, and
 * the rounds interleave the variants, so the machine's changing load falls on all of them alike.
 */
async function variantTable(page: Page, tasks: number): Promise<BenchTable> {
  const { input } = pipelineInput(tasks);
  const variants: Array<[string, Record<string, string>]> = [
    ['automatic (the default)', {}],
    ['partitions and model order forced on (as first specified)', { 'elk.partitioning.activate': 'true', 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' }],
    ['model order forced on', { 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' }],
    ['partitions forced on', { 'elk.partitioning.activate': 'true' }],
    ['thoroughness 3', { 'elk.layered.thoroughness': '3' }],
    ['LINEAR_SEGMENTS placement', { 'elk.layered.nodePlacement.strategy': 'LINEAR_SEGMENTS' }],
  ];
  const runs: Timed[][] = variants.map(() => []);
  try {
    for (let round = 0; round <= WARM_RUNS; round++) {
      for (const [v, [, layoutOptions]] of variants.entries()) runs[v].push(await refine(page, input, { layoutOptions }));
    }
  } finally {
    await page.evaluate(() => window.planLensElk.disposeVariants());
  }
  const rows: BenchRow[] = variants.map(([name], v) => {
    const [first, ...rest] = runs[v];
    return {
      variant: name,
      'first layout': formatMs(first.ms),
      [`median of ${WARM_RUNS} more`]: formatMs(median(rest.map((r) => r.ms))),
      'partitions / model order': `${first.partitioned ? 'yes' : 'no'} / ${first.modelOrder ? 'yes' : 'no'}`,
      drawing: `${Math.round(first.width)} × ${Math.round(first.height)}`,
      'max frame gap': formatMs(Math.max(...runs[v].map((r) => r.maxGapMs))),
    };
  });
  return {
    title: `ELK option variants, ${tasks.toLocaleString('en')} tasks (ELK time in the worker; rounds interleaved)`,
    columns: Object.keys(rows[0]),
    rows,
    notes: ['same plan as above, each variant on its own warmed worker; the drawing is the bounding box in px for 180 × 28 boxes'],
  };
}

export const suite: BenchSuite = {
  name: 'elk',
  async run({ quick }) {
    const problem = chromiumProblem();
    if (problem !== undefined) return [{ title: 'ELK refinement in a web worker', columns: ['not run'], rows: [{ 'not run': problem }] }];
    const js = await bundleForWebview(path.join(__dirname, '..', '..', 'test', 'webview', 'elkPage.ts'));
    const nonce = newNonce();
    const served = await servePage({ csp: webviewCsp(nonce), html: pageHtml({ nonce, scripts: ['/elk.js'] }), files: { '/elk.js': js } });
    const browser = await launchBrowser(chromiumBin, process.env);
    try {
      const page = await browser.newPage();
      await page.goto(served.url);
      await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
      const rows: BenchRow[] = [];
      for (const tasks of quick ? [500] : [500, 2_000]) rows.push(await sizeRow(page, tasks));
      const tables: BenchTable[] = [{
        title: 'ELK layered refinement in a web worker (headless Chromium, webview CSP)',
        columns: Object.keys(rows[0]),
        rows,
        notes: [
          'synthetic pipeline plans (seed 42), transitively reduced; bands = topological generations; boxes 180 × 28',
          'generation layout = Dag.fromEdges + topologicalGenerations + layeredLayout in the same page, median of 5',
          'cold = a new worker: blob script start, its warm-up layout, then this layout, wall time seen by the page; the others are ELK time in the worker (with the messages)',
          'max frame gap = longest time between requestAnimationFrame callbacks on the page while the layout ran (about 17 ms when nothing blocks); idle = the same for as long with no layout, to show what the machine load alone does',
          "longest page task = the page thread's longest task (PerformanceObserver longtask, > 50 ms; 0 when none): a frame gap without a long task is CPU starvation, not blocking. The page's own share of a refinement is building ELK's graph and posting it (about 20-30 ms at 2,000 tasks) and reading the typed arrays back (about 1 ms)",
        ],
      }];
      if (!quick) tables.push(await variantTable(page, 2_000));
      const reports = await settleReports(served);
      if (reports.length > 0) tables[0] = { ...tables[0], notes: [...(tables[0].notes ?? []), `CSP reports: ${JSON.stringify(reports)}`] };
      return tables;
    } finally {
      await browser.close();
      await served.close();
    }
  },
};
