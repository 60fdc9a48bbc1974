/** The contract between the renderer and the ELK refinement (elkLayout.ts), kept apart so both can import it cheaply. */

export interface RefineNode {
  /** The caller's node id; edges refer to it. */
  readonly id: number;
  readonly width: number;
  readonly height: number;
  /** 0 = the scan band (scans and datasets), 1 + g = generation g of the views. Bands become ELK partitions. */
  readonly band: number;
  /** Model order: stable across runs, so ELK keeps the same top-to-bottom order when nothing changed. */
  readonly order: number;
}

export interface RefineEdge {
  readonly source: number;
  readonly target: number;
}

export interface RefineInput {
  readonly nodes: readonly RefineNode[];
  readonly edges: readonly RefineEdge[];
  /**
   * Names this input for the result cache (for example the reduced plan signature and the subset shown).
   * Two inputs with the same key must be the same graph; without a key nothing is cached.
   */
  readonly cacheKey?: string;
}

export interface RefineRoute {
  /** x0,y0,x1,y1,...: the orthogonal polyline from the source's border to the target's, bends included. */
  readonly points: Float32Array;
}

export interface RefineResult {
  /** Top-left corner of each input node, by position in `RefineInput.nodes`. */
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** One route per input edge, by position in `RefineInput.edges`. */
  readonly routes: readonly RefineRoute[];
  readonly width: number;
  readonly height: number;
  /** Wall time of the layout itself (in the worker, with the messages to and from it). */
  readonly ms: number;
  /** True when the result came from the cache; its arrays are then shared with it: never modify them. */
  readonly cached: boolean;
  /** Whether ELK needed the bands as partitions, and kept the model order (docs/layout.md, layerPlan.ts). */
  readonly partitioned: boolean;
  readonly modelOrder: boolean;
}

export interface RefineJob {
  /** Rejects with a `RefineCancelled` error after `cancel()`, and with a RangeError for oversized inputs. */
  readonly result: Promise<RefineResult>;
  /** Stops the layout: a running one by terminating the worker (a fresh one is started and warmed). */
  cancel(): void;
}

/** ELK's layered layout costs seconds per thousand nodes and overflows its stack near 10k (docs/layout.md). */
export const MAX_REFINE_NODES = 2_000;

export class RefineCancelled extends Error {
  override readonly name = 'RefineCancelled';
  constructor() {
    super('layout cancelled');
  }
}
