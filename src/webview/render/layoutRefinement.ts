/**
 * ELK's layered layout of a small plan, in the background after the instant generation layout: the
 * page shows a progress line with a Cancel button and applies the positions and orthogonal routes when
 * the worker is done. Bands follow the plan: scan tasks in band 0, views in band 1 + generation; model
 * order is the task index (names are sorted), so two runs of the same plan get the same picture. The
 * refiner caches results by the reduced signature.
 *
 * Only views of at most MAX_REFINE_NODES tasks are refined. A larger plan keeps the generation layout;
 * a focus or collapsed generations (src/webview/panels/planView.ts) make a smaller view of it, and that
 * view is what gets refined.
 */

import { ElkRefiner, MAX_REFINE_NODES, RefineCancelled, type RefineInput, type RefineJob } from '../layout/elkLayout';
import type { PlanGraph } from './planGraph';

export interface RefinementUi {
  readonly line: HTMLElement;
  readonly text: HTMLElement;
  readonly cancel: HTMLButtonElement;
}

export type ApplyPositions = (x: Float32Array, y: Float32Array, routes: readonly (Float32Array | undefined)[]) => void;

export class LayoutRefinement {
  private refiner: ElkRefiner | undefined;
  private job: RefineJob | undefined;

  constructor(
    private readonly ui: RefinementUi,
    private readonly apply: ApplyPositions,
    /** Told when a refinement ends: 'elk' when applied, else why not. */
    private readonly ended: (outcome: 'elk' | 'cancelled' | 'failed') => void,
  ) {
    ui.cancel.addEventListener('click', () => this.job?.cancel());
  }

  /** Refines `graph` when it is small enough; a newer plan cancels the refinement of the older one. */
  start(graph: PlanGraph): boolean {
    this.job?.cancel();
    this.job = undefined;
    if (graph.taskCount === 0 || graph.taskCount > MAX_REFINE_NODES) return false;
    this.refiner ??= new ElkRefiner();
    const job = this.refiner.refine(wholePlan(graph), (message) => (this.ui.text.textContent = `Layout: ${message}…`));
    this.job = job;
    this.ui.text.textContent = `Layout: refining ${graph.taskCount.toLocaleString('en-US')} tasks…`;
    this.ui.line.hidden = false;
    job.result.then(
      (result) => {
        if (this.job !== job) return;
        this.finish();
        const routes = result.routes.map((r) => (r.points.length >= 4 ? r.points : undefined));
        this.apply(Float32Array.from(result.x), Float32Array.from(result.y), routes);
        this.ended('elk');
      },
      (error: unknown) => {
        if (this.job !== job) return;
        this.finish();
        this.ended(error instanceof RefineCancelled ? 'cancelled' : 'failed');
      },
    );
    return true;
  }

  private finish(): void {
    this.job = undefined;
    this.ui.line.hidden = true;
  }
}

function wholePlan(graph: PlanGraph): RefineInput {
  const { kind, generation, edgePairs } = graph.arrays;
  const scan = graph.meta.kinds.indexOf('scan');
  const nodes = Array.from({ length: graph.taskCount }, (_, id) => ({ id, width: graph.boxWidth, height: graph.boxHeight, band: kind[id] === scan ? 0 : 1 + generation[id], order: id }));
  const edges = Array.from({ length: graph.edgeCount }, (_, k) => ({ source: edgePairs[2 * k], target: edgePairs[2 * k + 1] }));
  return { nodes, edges, cacheKey: `${graph.meta.reducedSignature}|whole` };
}
