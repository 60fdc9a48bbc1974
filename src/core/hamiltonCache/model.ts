/**
 * The Hamilton cache lineage as Plan Lens shows it: per run and node, what happened (hit, executed,
 * recomputed, ignored, disabled, …) and why. Built by `reconstructLineage` from the metadata store and the
 * cache log; consumed by the CLI, and later by the tree view and the plan model.
 */

import type { PlanIssue } from '../issues';
import type { StoreMetadataRow } from './metadataStore';

export type CachingBehavior = 'DEFAULT' | 'RECOMPUTE' | 'DISABLE' | 'IGNORE';

export type NodeRunStatus =
  /** Retrieved from the result store (visible only in the log). */
  | 'hit'
  /** Behavior DEFAULT, cache miss: executed, then versioned and stored. */
  | 'executed'
  /** Behavior RECOMPUTE: executed on every run by policy, then versioned and stored. */
  | 'recomputed'
  /** Behavior IGNORE: executed, stored under a NULL key; consumers' keys see `<ignore>`. */
  | 'ignored'
  /** Behavior DISABLE: executed without caching. */
  | 'disabled'
  | 'failed'
  /** A driver input: versioned by value, never stored. */
  | 'input'
  /** In the graph but never executed, retrieved or passed (e.g. an optional input left at its default). */
  | 'not-executed';

export interface DependencyChange {
  readonly name: string;
  /** `null`: the dependency was not in the previous key (added) … */
  readonly before: string | null;
  /** … or is not in this one (removed). */
  readonly after: string | null;
}

export type CacheReason =
  | { readonly kind: 'cache-hit'; readonly writtenByRunId: string | null; readonly writtenByRunIndex: number | null }
  | { readonly kind: 'no-prior-entry' }
  | { readonly kind: 'code-version-changed'; readonly previousCodeVersion: string; readonly changedDependencies: readonly DependencyChange[] }
  | { readonly kind: 'dependency-changed'; readonly changedDependencies: readonly DependencyChange[] }
  | { readonly kind: 'disabled-dependency'; readonly dependencies: readonly string[]; readonly changedDependencies: readonly DependencyChange[] }
  | { readonly kind: 'result-missing' }
  | { readonly kind: 'unexplained-miss' }
  | { readonly kind: 'recompute-policy' }
  | { readonly kind: 'ignore-policy' }
  | { readonly kind: 'disable-policy' }
  | { readonly kind: 'execution-failed' }
  | { readonly kind: 'driver-input' }
  | { readonly kind: 'not-executed' }
  /** No log for this run: the store shows the node was computed, but not under which behavior. */
  | { readonly kind: 'store-only'; readonly previous: 'no-prior-entry' | 'code-version-changed' | 'dependency-changed' | 'same-key' };

export interface ResultFile {
  /** The file name under the results directory (the data version). */
  readonly name: string;
  readonly exists: boolean;
  readonly size?: number;
  /** Materialized variants and format sidecars, `<data_version>.<suffix>` (e.g. `.json`). */
  readonly sidecars: readonly { readonly name: string; readonly size: number }[];
}

export interface CacheNodeRun {
  readonly nodeName: string;
  readonly status: NodeRunStatus;
  readonly reason: CacheReason;
  readonly reasonText: string;
  /** The behavior Hamilton applied, corrected from the evidence when the log's claim is wrong. */
  readonly behavior: CachingBehavior | null;
  /** What the `resolve_behavior` event says. */
  readonly loggedBehavior: CachingBehavior | null;
  /** Why `behavior` differs from `loggedBehavior`, when it does. */
  readonly behaviorNote?: string;
  readonly cacheKey: string | null;
  readonly codeVersion: string | null;
  /** This run's data version: from the log when there is one (the store can hold a stale value). */
  readonly dataVersion: string | null;
  /** The node's data version in its previous run, to tell "recomputed, same output" apart. */
  readonly previousDataVersion: string | null;
  /** Decoded from the cache key: dependency name -> data version. */
  readonly dependencies: Readonly<Record<string, string>> | null;
  /** Dependencies versioned as `<disable>_<uuid>`: a fresh random value every run, so the key never hits. */
  readonly disabledDependencies: readonly string[];
  /** Returned by `get_run(run_id)` (history JOIN cache_metadata) for this run. */
  readonly inGetRun: boolean;
  readonly storeDataVersion: string | null;
  /** The store's data version for this key differs from what the run produced (`INSERT OR IGNORE`). */
  readonly staleStoreDataVersion: boolean;
  readonly resultWritten: boolean;
  readonly isFinalVar: boolean;
  readonly result: ResultFile | null;
}

/** One row of `get_run(run_id)`, decoded. */
export interface StoreRunRow {
  readonly cacheKey: string;
  readonly nodeName: string;
  readonly dataVersion: string;
  readonly codeVersion: string;
  readonly dependencies: Readonly<Record<string, string>> | null;
  readonly resultExists: boolean;
}

export interface CacheRun {
  readonly runId: string;
  /** 1-based position in run order (`run_ids.id`, then log timestamps for runs the store lacks). */
  readonly index: number;
  readonly createdAt: string | null;
  /** Epoch seconds of the run's first log event. */
  readonly startedAt: number | null;
  readonly inStore: boolean;
  readonly inLog: boolean;
  readonly nodes: readonly CacheNodeRun[];
  readonly storeRows: readonly StoreRunRow[];
  /** `history` rows of this run with a NULL cache_key (IGNORE nodes; `get_run` drops them). */
  readonly nullKeyHistoryRows: number;
}

export interface HamiltonCache {
  readonly storeDir: string;
  readonly databaseFile: string | null;
  readonly logFile: string | null;
  readonly resultsDir: string | null;
  readonly runs: readonly CacheRun[];
  /** `cache_metadata` rows with a NULL key: `get_run` can never return them. */
  readonly nullKeyEntries: readonly StoreMetadataRow[];
  readonly issues: readonly PlanIssue[];
}
