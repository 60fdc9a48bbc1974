/**
 * The custom requests of the Plan Lens language server: the one place where a plan is parsed and
 * analysed (once per document version), serving the graph, task details, the summary and navigation to
 * the extension host. Plain types only; the JSON-RPC request objects are in `lsp.ts`.
 *
 * A `uri` is the plan file's URI as the editor names it. The server uses the open document's text when
 * the editor has the file open, else reads the file from disk (size-checked), so a plan opens without a
 * text editor.
 */

import type { CostSource, GraphMeta } from './graphPayload';

export interface PlanParams {
  readonly uri: string;
}

export interface GraphViewParams extends PlanParams {
  /** Draw the plan against this baseline plan (comparison marks). */
  readonly baselineUri?: string;
}

export interface GraphViewResult {
  readonly meta: GraphMeta;
  /** The `GraphArrays` buffer, base64 (JSON-RPC carries text). */
  readonly data: string;
}

export interface TaskParams extends PlanParams {
  readonly task: string;
}

/** A position in the plan file (LSP conventions: 0-based line, UTF-16 character). */
export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

export interface TextRange {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

export interface EvidenceColumn {
  readonly name: string;
  /** The Arrow type the task requires, when the plan records one. */
  readonly type?: string;
}

/** An evidence node a task reads (input) or writes (output). */
export interface TaskEvidence {
  readonly name: string;
  /** Columns the task requires of it, as the link records them. */
  readonly columns: readonly EvidenceColumn[];
  /** Delta dataset this evidence scans, when it is a scan's evidence. */
  readonly dataset?: string;
}

/** A Delta input pinned by the plan, and what the table says of the pin today. */
export interface TaskDeltaPin {
  readonly dataset: string;
  readonly version?: number;
  readonly timestamp?: string;
  /** In words: "current", "stale: 3 versions behind", "files vacuumed: not reproducible", "table missing". */
  readonly state: string;
  readonly candidateFiles?: number;
  readonly scanUnit?: string;
  readonly projectedColumns?: readonly string[];
  readonly pushedFilters?: readonly string[];
}

export interface TaskDetails {
  readonly name: string;
  readonly kind: string;
  readonly generation: number;
  readonly priority: number;
  readonly cost: number;
  /** Which rule gave this task's cost: the run's recorded schedule, or max(priority, 1). */
  readonly costFrom: 'recorded' | 'priority';
  readonly costSource: CostSource;
  readonly bottomLevel?: number;
  readonly slack?: number;
  /** 1-based step on the critical path, and the path's task count. */
  readonly criticalStep?: number;
  readonly criticalPathTasks: number;
  readonly inputs: readonly TaskEvidence[];
  readonly outputs: readonly TaskEvidence[];
  readonly upstream: readonly string[];
  readonly downstream: readonly string[];
  /** The plan fingerprint recorded for the task, and whether `plan-lens verify` recomputes it. */
  readonly fingerprint?: { readonly value: string; readonly verified: 'ok' | 'mismatch' | 'not-checked'; readonly reason?: string };
  readonly deltaPins: readonly TaskDeltaPin[];
  /** The run's Hamilton cache status for the task, with the reason in words. */
  readonly cache?: { readonly status: string; readonly reason: string };
  /** What the run's recorded drift says of the task. */
  readonly drift?: 'admitted' | 'not-run';
  /** Where the task's name is written in the plan file. */
  readonly location?: TextRange;
}

export interface TaskAtParams extends PlanParams {
  readonly position: TextPosition;
}

/** The task whose name (or a reference to whose node) is at a position of the plan file. */
export interface TaskAtResult {
  readonly task: string;
}

export interface SummaryParams extends PlanParams {
  readonly baselineUri?: string;
}

/** The analysis summary as Markdown (task names as code spans; it reads as plain text too). */
export interface SummaryResult {
  readonly title: string;
  readonly markdown: string;
  readonly costSource: CostSource;
}
