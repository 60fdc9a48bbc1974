/**
 * The messages between the extension host and the plan graph webview. Data crosses only as these
 * messages (postMessage, structured clone); the webview never gets a URI or a file to read. Everything
 * the webview sends is checked with `isGraphViewRequest` before the host acts on it.
 */

/** One task as drawn: its box, and what the view colours and labels it by. */
export interface GraphNode {
  readonly name: string;
  /** `scan`, `view`, `extract`, ... as the plan says. */
  readonly taskKind: string;
  readonly x: number;
  readonly y: number;
  readonly cost: number;
  readonly slack: number;
  /** Position on the critical path (0-based), or -1. */
  readonly criticalIndex: number;
  /** Against a baseline: a task it did not have, or one whose cost changed (then `costBefore`). */
  readonly change?: 'added' | 'cost';
  readonly costBefore?: number;
  /** The run's recorded drift says this planned task was never admitted. */
  readonly notRun?: boolean;
}

/** What the run recorded of the plan against what it ran (`hamilton_plan_drift_v1`). */
export interface GraphDrift {
  /** The drift artifact, workspace-relative. */
  readonly file: string;
  readonly planTasks: number;
  readonly admittedTasks: number;
  /** Planned tasks never admitted (drawn as not run). */
  readonly missing: number;
  /** Admitted tasks the plan did not have (they cannot be drawn). */
  readonly unexpected: readonly string[];
  readonly missingGenerations: readonly number[];
}

/** What the baseline had that the drawing cannot show: the view of a comparison. */
export interface GraphComparison {
  /** The baseline plan, workspace-relative. */
  readonly baseline: string;
  /** Tasks of the baseline that are gone. */
  readonly removed: readonly string[];
  readonly criticalPathLengthBefore: number;
}

export interface GraphView {
  /** Shown above the graph: the plan file, workspace-relative. */
  readonly title: string;
  readonly nodes: readonly GraphNode[];
  /** Edges of the transitive reduction, as indices into `nodes`. */
  readonly edges: readonly (readonly [number, number])[];
  /** Node indices along the critical path, in order. */
  readonly criticalPath: readonly number[];
  readonly criticalPathLength: number;
  readonly nodeWidth: number;
  readonly nodeHeight: number;
  readonly width: number;
  readonly height: number;
  /** A summary line for when the graph is too large to draw or cannot be read. */
  readonly note?: string;
  readonly comparison?: GraphComparison;
  readonly drift?: GraphDrift;
}

export type GraphViewUpdate = { readonly type: 'graph'; readonly view: GraphView };

export type GraphViewRequest =
  /** The webview has loaded and can take the graph. */
  | { readonly type: 'ready' }
  /** The user picked a task: show it in the plan file. */
  | { readonly type: 'reveal'; readonly task: string }
  /** The webview drew the graph (counts are what it put on screen). */
  | { readonly type: 'rendered'; readonly nodes: number; readonly edges: number };

export function isGraphViewRequest(value: unknown): value is GraphViewRequest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return true;
    case 'reveal':
      return typeof m.task === 'string';
    case 'rendered':
      return typeof m.nodes === 'number' && typeof m.edges === 'number';
    default:
      return false;
  }
}
