/**
 * Browser entry for the ELK layout tests and benchmark: bundled by browserHarness.ts and served under the
 * webview's CSP. It drives src/webview/layout/elkLayout.ts as the renderer will and reports plain JSON.
 */

import { Dag } from '../../src/core/graph/dag';
import { topologicalGenerations } from '../../src/core/graph/generations';
import { layeredLayout } from '../../src/core/layout/layeredLayout';
import { ElkRefiner, type RefineInput, type RefineResult } from '../../src/webview/layout/elkLayout';
import type { ElkPageApi, FrameGaps, PlainRefineResult } from './elkPageApi';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective}: ${e.blockedURI}`));

let shared: ElkRefiner | undefined;
/** Refiners with other options, kept like the shared one so repeated layouts measure a warm worker. */
const variants = new Map<string, ElkRefiner>();

function refinerFor(options: { readonly fresh?: boolean; readonly layoutOptions?: Readonly<Record<string, string>> } | undefined): ElkRefiner {
  const layoutOptions = options?.layoutOptions;
  if (options?.fresh === true) return new ElkRefiner({ warm: false, ...(layoutOptions !== undefined ? { layoutOptions } : {}) });
  if (layoutOptions === undefined) return (shared ??= new ElkRefiner());
  const key = JSON.stringify(layoutOptions);
  let refiner = variants.get(key);
  if (refiner === undefined) {
    refiner = new ElkRefiner({ layoutOptions });
    variants.set(key, refiner);
  }
  return refiner;
}

function plain(result: RefineResult, wallMs: number, progress: string[]): PlainRefineResult {
  return {
    x: Array.from(result.x),
    y: Array.from(result.y),
    routes: result.routes.map((r) => Array.from(r.points)),
    width: result.width,
    height: result.height,
    ms: result.ms,
    cached: result.cached,
    partitioned: result.partitioned,
    modelOrder: result.modelOrder,
    wallMs,
    progress,
  };
}

async function refine(input: RefineInput, options?: Parameters<ElkPageApi['refine']>[1]): Promise<PlainRefineResult> {
  const refiner = refinerFor(options);
  const progress: string[] = [];
  const started = performance.now();
  try {
    const result = await refiner.refine(input, (m) => progress.push(m)).result;
    return plain(result, performance.now() - started, progress);
  } finally {
    if (options?.fresh === true) refiner.dispose();
  }
}

/**
 * Runs `work` while a requestAnimationFrame loop records the longest gap between frames, and a
 * PerformanceObserver the page's long tasks (over 50 ms): a long frame gap without a long task means the
 * page's thread was starved of CPU (2 cores, busy machine), not blocked by this code.
 */
async function withFrames<T>(work: () => Promise<T>): Promise<T & FrameGaps> {
  let last = performance.now();
  let maxGapMs = 0;
  let frames = 0;
  let running = true;
  let longestTaskMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const tick = (now: number): void => {
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
    frames++;
    if (running) requestAnimationFrame(tick);
  };
  await new Promise<void>((resolve) => requestAnimationFrame((now) => {
    last = now;
    resolve();
  }));
  requestAnimationFrame(tick);
  try {
    const value = await work();
    // The frame after the result lands shows whether handling the result blocked the page.
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    for (const entry of observer.takeRecords()) longestTaskMs = Math.max(longestTaskMs, entry.duration);
    return { ...value, maxGapMs: Math.max(maxGapMs, performance.now() - last), frames, longestTaskMs };
  } finally {
    running = false;
    observer.disconnect();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const api: ElkPageApi = {
  refine,
  refineWithFrames: (input, options) => withFrames(() => refine(input, options)),
  idleFrames: (ms) => withFrames(() => new Promise<object>((resolve) => setTimeout(() => resolve({}), ms))),
  async cancelAfter(input, afterMs) {
    shared ??= new ElkRefiner();
    const job = shared.refine(input);
    const outcome = job.result.then(
      () => 'resolved',
      (e: unknown) => (e instanceof Error ? e.name : String(e)),
    );
    await new Promise((r) => setTimeout(r, afterMs));
    const cancelled = performance.now();
    job.cancel();
    const rejectedAs = await outcome;
    return { rejectedAs, rejectMs: performance.now() - cancelled };
  },
  async refineError(input) {
    shared ??= new ElkRefiner();
    return shared.refine(input).result.then(
      () => 'resolved',
      (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)),
    );
  },
  async warmUpMs() {
    const started = performance.now();
    const refiner = new ElkRefiner();
    try {
      await refiner.whenReady();
      return performance.now() - started;
    } finally {
      refiner.dispose();
    }
  },
  async generationLayoutMs(input, runs) {
    const index = new Map(input.nodes.map((n, i) => [n.id, i]));
    const names = input.nodes.map((n) => String(n.id));
    const endpoint = (id: number): number => index.get(id) ?? -1;
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      const dag = Dag.fromEdges(names, input.edges.map((e) => endpoint(e.source)), input.edges.map((e) => endpoint(e.target)));
      layeredLayout(dag, topologicalGenerations(dag));
      times.push(performance.now() - started);
    }
    return median(times);
  },
  workerEval() {
    const source = "try { (0, eval)('1'); postMessage('ran'); } catch { postMessage('blocked'); }";
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(url);
    return new Promise<'ran' | 'blocked'>((resolve) => {
      worker.onmessage = (e: MessageEvent<'ran' | 'blocked'>) => {
        worker.terminate();
        URL.revokeObjectURL(url);
        resolve(e.data);
      };
    });
  },
  disposeVariants() {
    for (const refiner of variants.values()) refiner.dispose();
    variants.clear();
  },
  violations,
};

window.planLensElk = api;
document.body.dataset.ready = 'true';
