/**
 * What test/webview/elkPage.ts exposes on `window` for the tests and the benchmark. Results cross the
 * page boundary as JSON, so typed arrays become plain arrays here.
 */

import type { RefineInput } from '../../src/webview/layout/refineTypes';

export interface PlainRefineResult {
  readonly x: number[];
  readonly y: number[];
  readonly routes: number[][];
  readonly width: number;
  readonly height: number;
  readonly ms: number;
  readonly cached: boolean;
  readonly partitioned: boolean;
  readonly modelOrder: boolean;
  /** Wall time from the call to the result, as the page saw it. */
  readonly wallMs: number;
  readonly progress: string[];
}

export interface CancelProbe {
  /** The rejection's error name (`RefineCancelled` when cancel works). */
  readonly rejectedAs: string;
  /** From `cancel()` to the rejection. */
  readonly rejectMs: number;
}

export interface FrameGaps {
  /** Longest time between two animation frames while the work ran. */
  readonly maxGapMs: number;
  readonly frames: number;
  /** Longest task on the page's thread (PerformanceObserver 'longtask', over 50 ms), or 0. */
  readonly longestTaskMs: number;
}

export interface ElkPageApi {
  /**
   * Lays out `input` with a page-wide refiner (created on first use, warmed; one per set of layout
   * options). `fresh` makes a new, unwarmed one for this call only.
   */
  refine(input: RefineInput, options?: { readonly fresh?: boolean; readonly layoutOptions?: Readonly<Record<string, string>> }): Promise<PlainRefineResult>;
  /** The same, while counting animation frames on the page's thread. */
  refineWithFrames(input: RefineInput, options?: { readonly fresh?: boolean; readonly layoutOptions?: Readonly<Record<string, string>> }): Promise<PlainRefineResult & FrameGaps>;
  /** The same frame measurement with nothing running, for `ms`: what the machine's load alone does. */
  idleFrames(ms: number): Promise<FrameGaps>;
  /** Starts a layout on the shared refiner and cancels it after `afterMs`. */
  cancelAfter(input: RefineInput, afterMs: number): Promise<CancelProbe>;
  /** Rejection message of `refine`, or 'resolved'. */
  refineError(input: RefineInput): Promise<string>;
  /** Time until a new refiner's worker has finished its warm-up layout. */
  warmUpMs(): Promise<number>;
  /** The core's generation layout (src/core/layout/layeredLayout.ts) of the same graph: median ms of `runs`. */
  generationLayoutMs(input: RefineInput, runs: number): Promise<number>;
  /** Whether a blob: worker may eval under this page's CSP: proves the policy reaches workers. */
  workerEval(): Promise<'ran' | 'blocked'>;
  /** Ends the workers of refiners made for other layout options. */
  disposeVariants(): void;
  /** `securitypolicyviolation` events seen on the document, as "directive: blocked URI". */
  readonly violations: string[];
}

declare global {
  interface Window {
    planLensElk: ElkPageApi;
  }
}
