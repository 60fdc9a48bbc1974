/**
 * ELK layered refinement of what is on screen, in one long-lived web worker. The renderer paints the core's
 * generation layout at once (milliseconds) and asks for this refinement in the background: ELK takes
 * seconds per thousand nodes, so it must never run on the page's thread, and its first layout in a fresh
 * worker is several times slower than later ones, so the worker is created once, warmed, and kept.
 *
 * Layouts run one at a time in request order. Cancelling a queued layout drops it; cancelling the running
 * one terminates the worker (ELK cannot be interrupted otherwise) and starts a fresh, warmed one.
 * Results are cached by the caller's key. Options, measurements and the CSP: docs/layout.md.
 */

import type { ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import { fromElkGraph, toElkGraph } from './elkGraph';
import { ElkWorkerSession, WORKER_START_FAILED } from './elkWorkerSession';
import { LruCache } from './lruCache';
import { warmUpInput } from './warmUp';
import { MAX_REFINE_NODES, RefineCancelled, type RefineInput, type RefineJob, type RefineResult } from './refineTypes';

export * from './refineTypes';
export { ELK_LAYOUT_OPTIONS } from './elkGraph';

/** Results by key, shared by every refiner of the page: a few plans and subsets, each at most 2k nodes. */
const resultCache = new LruCache<RefineResult>(24);

export function clearRefineCache(): void {
  resultCache.clear();
}

export interface ElkRefinerOptions {
  /** Overrides of ELK_LAYOUT_OPTIONS and of the automatic choices (layerPlan.ts), for measurements; the renderer uses none. */
  readonly layoutOptions?: Readonly<LayoutOptions>;
  /** Start and warm the worker now (the default) rather than on the first request. */
  readonly warm?: boolean;
}

interface PendingJob {
  readonly input: RefineInput;
  readonly onProgress: (message: string) => void;
  readonly resolve: (result: RefineResult) => void;
  readonly reject: (reason: Error) => void;
  settled: boolean;
}

export class ElkRefiner {
  /** Overrides of the automatic options (ELK_LAYOUT_OPTIONS and layerPlan.ts), for measurements. */
  private readonly layoutOptions: Readonly<LayoutOptions>;
  /** Cache keys carry the options, so a refiner with other options never reads another's results. */
  private readonly cachePrefix: string;
  private session: ElkWorkerSession | undefined;
  private readonly queue: PendingJob[] = [];
  private running: PendingJob | undefined;
  private disposed = false;

  constructor(options: ElkRefinerOptions = {}) {
    this.layoutOptions = { ...options.layoutOptions };
    this.cachePrefix = JSON.stringify(this.layoutOptions) + '\n';
    if (options.warm !== false) this.trySession();
  }

  /** Resolves when the worker has done its warm-up layout; rejects when no worker can run on this page. */
  whenReady(): Promise<void> {
    try {
      return this.currentSession().ready;
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  refine(input: RefineInput, onProgress: (message: string) => void = () => undefined): RefineJob {
    if (this.disposed) return rejected(new Error('the layout refiner was disposed'));
    if (input.nodes.length > MAX_REFINE_NODES) {
      return rejected(new RangeError(`ELK refines at most ${MAX_REFINE_NODES.toLocaleString('en')} nodes; this subgraph has ${input.nodes.length.toLocaleString('en')}: keep the generation layout`));
    }
    const hit = input.cacheKey === undefined ? undefined : resultCache.get(this.cachePrefix + input.cacheKey);
    if (hit !== undefined && hit.x.length === input.nodes.length && hit.routes.length === input.edges.length) {
      onProgress('layout from the cache');
      return { result: Promise.resolve({ ...hit, cached: true }), cancel: () => undefined };
    }
    let resolve: (result: RefineResult) => void = () => undefined;
    let reject: (reason: Error) => void = () => undefined;
    const result = new Promise<RefineResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const job: PendingJob = { input, onProgress, resolve, reject, settled: false };
    this.queue.push(job);
    if (this.running !== undefined) onProgress('waiting for the layout in progress');
    this.pump();
    return { result, cancel: () => this.cancel(job) };
  }

  /** Stops everything: pending layouts reject as cancelled and the worker ends. */
  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0)) settle(job, new RefineCancelled());
    if (this.running !== undefined) settle(this.running, new RefineCancelled());
    this.running = undefined;
    this.session?.terminate(new RefineCancelled());
    this.session = undefined;
  }

  private cancel(job: PendingJob): void {
    if (job.settled) return;
    settle(job, new RefineCancelled());
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      return;
    }
    if (this.running !== job) return;
    this.running = undefined;
    this.session?.terminate(new RefineCancelled());
    this.session = undefined;
    if (!this.disposed) this.trySession();
    this.pump();
  }

  private pump(): void {
    if (this.running !== undefined) return;
    const job = this.queue.shift();
    if (job === undefined) return;
    this.running = job;
    void this.run(job).finally(() => {
      if (this.running !== job) return;
      this.running = undefined;
      this.pump();
    });
  }

  private async run(job: PendingJob): Promise<void> {
    try {
      const session = this.currentSession();
      const request = toElkGraph(job.input, this.layoutOptions);
      if (!session.isWarm) job.onProgress('starting the layout worker');
      await session.ready;
      if (job.settled) return;
      job.onProgress(`laying out ${job.input.nodes.length.toLocaleString('en')} tasks and ${job.input.edges.length.toLocaleString('en')} edges`);
      const started = performance.now();
      const laidOut = await session.layout(request.graph);
      if (job.settled) return;
      const result = fromElkGraph(job.input, request, laidOut, performance.now() - started);
      if (job.input.cacheKey !== undefined) resultCache.set(this.cachePrefix + job.input.cacheKey, result);
      job.onProgress(`laid out in ${Math.round(result.ms)} ms`);
      job.settled = true;
      job.resolve(result);
    } catch (error) {
      // A worker that failed (not one cancelled on purpose) is replaced for the next request.
      if (this.session?.isEnded === true) this.session = undefined;
      settle(job, error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The live session, started if needed. @throws when the page cannot start a worker. */
  private currentSession(): ElkWorkerSession {
    if (this.session === undefined || this.session.isEnded) {
      try {
        this.session = new ElkWorkerSession(this.warmUpGraphs());
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${WORKER_START_FAILED}: ${reason}`);
      }
    }
    return this.session;
  }

  /**
   * A tiny graph with partitions and model order on, so their code is loaded too, then a plan-shaped one
   * with the options of the large requests, the ones whose time matters (no model order above the budget).
   */
  private warmUpGraphs(): ElkNode[] {
    const tiny = { 'elk.partitioning.activate': 'true', 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' };
    const large = { 'elk.layered.considerModelOrder.strategy': 'NONE' };
    return [toElkGraph(warmUpInput(3, 2), { ...tiny, ...this.layoutOptions }).graph, toElkGraph(warmUpInput(), { ...large, ...this.layoutOptions }).graph];
  }

  /** Starts a session ahead of need; a failure surfaces on the next request instead. */
  private trySession(): void {
    try {
      this.currentSession();
    } catch {
      this.session = undefined;
    }
  }
}

function settle(job: PendingJob, reason: Error): void {
  if (job.settled) return;
  job.settled = true;
  job.reject(reason);
}

function rejected(reason: Error): RefineJob {
  return { result: Promise.reject(reason), cancel: () => undefined };
}

/** True for the rejection of a cancelled layout, which callers usually ignore. */
export function isRefineCancelled(error: unknown): error is RefineCancelled {
  return error instanceof RefineCancelled;
}
