/**
 * What the Plan Lens tree views (Runs, Delta Pins, Cache Lineage, Critical Path) ask the language server
 * and what it answers. Plain types only; the JSON-RPC request objects are in `lsp.ts`. A view asks for its
 * top level once and for a node's children when the node is expanded, so a workspace of 1,000 runs or
 * 10,000 cache entries never sends more than the user opened.
 *
 * Every `uri` is a `file:` URI as the editor names it; `relative` is the path relative to the workspace
 * folder holding it, for labels.
 */

import type { PinStateKind as CheckedPinState } from '../core/analysis/deltaPinsIndex';
import type { CostSource } from './graphPayload';

/**
 * Where the views look: the workspace folders and the settings that steer discovery. Sent with every
 * request, so the server holds no copy of the editor's folders or settings to fall out of date.
 */
export interface TreeScope {
  /** Workspace folder URIs (`file:` only are read). */
  readonly roots: readonly string[];
  /** `planLens.artifactGlobs`; absent: the defaults (src/core/workspace/workspace.ts). */
  readonly artifactGlobs?: readonly string[];
  /** `planLens.excludeGlobs`; absent: the defaults. */
  readonly excludeGlobs?: readonly string[];
  /** `planLens.maxFileSizeMB`. */
  readonly maxFileSizeMB?: number;
}

/** A file (or a Delta table folder) of a run. */
export interface RunArtifact {
  readonly uri: string;
  readonly name: string;
  readonly relative: string;
  /** What the file holds, in words: "task graph", "schedule", "run manifest", "cache lineage", … */
  readonly kind: string;
  /** A node-link task graph: opening it opens the plan graph. */
  readonly taskGraph: boolean;
  /** A Delta table folder (the pipeline's diagnostics tables), shared by the runs it records. */
  readonly table: boolean;
}

export interface RunDriftSummary {
  /** Admitted plan tasks / plan tasks, 0..1. */
  readonly coverage: number;
  readonly missing: readonly string[];
  readonly unexpected: readonly string[];
  readonly missingGenerations: readonly number[];
  /** Recorded by the pipeline, or computed by Plan Lens from the run's events. */
  readonly from: 'recorded' | 'computed';
}

export interface RunCacheCounts {
  readonly hits: number;
  readonly misses: number;
  readonly failed: number;
}

export interface RunItem {
  /** Stable id of the run in this answer: its run id and plan signature. */
  readonly key: string;
  readonly runId: string;
  /** Hook run ids joined to this run through the plan signature. */
  readonly aliasRunIds: readonly string[];
  readonly planSignature?: string;
  /** Start time, ms since the epoch. */
  readonly startedAtMs?: number;
  /** Where the start time comes from. */
  readonly startedFrom?: 'manifest' | 'events' | 'run id';
  /** The manifest's status, else what the artifacts say ("no manifest"). */
  readonly status: string;
  readonly drift?: RunDriftSummary;
  /** The run's recorded critical path (plan_schedule_v1): weighted length and task count. */
  readonly criticalPath?: { readonly length: number; readonly tasks: number };
  readonly cache?: RunCacheCounts;
  /** The run's node-link task graph, when one was found. */
  readonly taskGraph?: string;
  readonly artifacts: readonly RunArtifact[];
}

export interface RunGroup {
  /** Runs of one plan signature; absent: runs that record none. */
  readonly planSignature?: string;
  /** Oldest first (run ids are time-ordered, as the pipeline's folders are). */
  readonly runs: readonly RunItem[];
}

export interface RunsResult {
  readonly groups: readonly RunGroup[];
  /** Problems met while reading, each with file and reason. */
  readonly issues: readonly string[];
}

/**
 * A pin's state (deltaPinsIndex.ts), or `reading` while its table has not been read yet: the answer to
 * `DeltaPinsParams.states: false`.
 */
export type PinStateKind = CheckedPinState | 'reading';

export interface DeltaPinsParams extends TreeScope {
  /**
   * False: answer at once from the catalog, each pin whose table has not been read yet `reading` (its
   * `state` says where), so the view shows its pins while a table in a bucket is read; then ask again
   * without it. Absent or true: every pin's state, read first when need be.
   */
  readonly states?: boolean;
}

export interface DeltaPinItem {
  /** Stable id of the pin in this answer, asked for with `DeltaScanUnitsParams`. */
  readonly key: string;
  readonly dataset: string;
  readonly version?: number;
  readonly timestamp?: string;
  readonly stateKind: PinStateKind;
  /** In words (planProvenance.ts): "current", "stale: 1 version behind (…)", "files vacuumed: …", "reading s3://…", … */
  readonly state: string;
  /** The runs and views that pin it. */
  readonly runs: readonly string[];
  /** The task graphs of those runs, oldest first: where its scan tasks are selected. */
  readonly taskGraphs: readonly string[];
  readonly views: readonly string[];
  readonly scanUnits: number;
}

export interface DeltaDatasetItem {
  readonly dataset: string;
  readonly pins: readonly DeltaPinItem[];
}

export interface DeltaPinsResult {
  readonly datasets: readonly DeltaDatasetItem[];
}

export interface DeltaScanUnitsParams extends TreeScope {
  readonly pin: string;
}

export interface CandidateFileItem {
  readonly path: string;
  /** The local file's URI (none for a file in a bucket). */
  readonly uri?: string;
  readonly present: boolean;
  readonly size?: number;
  /** Why presence could not be checked (the store's words: access denied, no credentials, …); `present` is then false. */
  readonly unchecked?: string;
}

export interface ScanUnitItem {
  readonly key: string;
  /** The scan task that reads it (`scan_unit_<hash>`): what selecting the unit selects in the graph. */
  readonly task: string;
  /** Empty when only the task graph names the unit (no plan-artifact row describes it): then `candidateFileCount` says how many. */
  readonly candidateFiles: readonly CandidateFileItem[];
  readonly candidateFileCount?: number;
  readonly projectedColumns: readonly string[];
  readonly pushedFilters: readonly string[];
}

export interface DeltaScanUnitsResult {
  readonly scanUnits: readonly ScanUnitItem[];
}

/** Hamilton cache statuses (src/core/hamiltonCache/model.ts). */
export type CacheStatus = 'hit' | 'executed' | 'recomputed' | 'ignored' | 'disabled' | 'failed' | 'input' | 'not-executed';

export interface CacheRunItem {
  readonly key: string;
  readonly runId: string;
  /** The lineage export or cache store the run was read from. */
  readonly source: string;
  readonly startedAtMs?: number;
  readonly nodes: number;
  readonly counts: Partial<Readonly<Record<CacheStatus, number>>>;
}

export interface CacheRunsResult {
  readonly runs: readonly CacheRunItem[];
  readonly issues: readonly string[];
}

export interface CacheNodesParams extends TreeScope {
  readonly run: string;
}

export interface CacheDependencyItem {
  readonly name: string;
  readonly dataVersion: string;
  /** The version in the node's key of the previous run; absent when that key did not have it. */
  readonly previous?: string;
  readonly changed: boolean;
}

export interface CacheNodeItem {
  readonly node: string;
  readonly status: CacheStatus;
  readonly reason: string;
  readonly cacheKey: string | null;
  readonly dataVersion: string | null;
  readonly codeVersion: string | null;
  readonly dependencies: readonly CacheDependencyItem[];
  /** What changed since the node's previous run; absent when no earlier run has the node. */
  readonly changed?: { readonly cacheKey: boolean; readonly codeVersion: boolean; readonly dataVersion: boolean; readonly previousRunId: string };
}

export interface CacheNodesResult {
  readonly nodes: readonly CacheNodeItem[];
}

export interface CriticalPathParams {
  readonly uri: string;
}

export interface CriticalPathTask {
  readonly task: string;
  readonly cost: number;
  /** The path's length up to and including this task; the first task's cost is not counted (the pipeline's rule). */
  readonly cumulative: number;
}

export interface CriticalPathResult {
  readonly title: string;
  readonly tasks: readonly CriticalPathTask[];
  readonly length: number;
  readonly costSource: CostSource;
  /** Why there is no path (not a task graph, unreadable). */
  readonly problem?: string;
}
