/**
 * A run's Hamilton cache status per node from its cache lineage export (`hamilton_cache_lineage_nodes_v1`
 * rows, artifact-formats.md §7), for the plan graph's cache layer and a task's details: hit (the result
 * was retrieved, nothing executed), executed (a miss), failed; and why, against the node's row in the
 * runs before, with the reasons `plan-lens cache` gives from the store and log. O(rows).
 */

import type { CacheLineageRow } from '../model/planModel';
import type { CacheReason, NodeRunStatus } from './model';
import { reasonText } from './reasonText';
import { missReason, type PriorKey } from './missReason';

export interface NodeCacheStatus {
  readonly status: NodeRunStatus;
  readonly reason: string;
}

export interface LineageRun {
  readonly runId: string;
  readonly rows: readonly CacheLineageRow[];
}

/** `earlier`: the runs before `run`, oldest first (their 1-based position is the run index reasons cite). */
export function cacheStatusByNode(run: LineageRun, earlier: readonly LineageRun[]): Map<string, NodeCacheStatus> {
  const prior = new Map<string, PriorKey>();
  const writer = new Map<string, { readonly runId: string; readonly index: number }>();
  earlier.forEach((r, i) => {
    for (const row of r.rows) {
      if (row.cacheKey === null) continue;
      if (!writer.has(row.cacheKey)) writer.set(row.cacheKey, { runId: r.runId, index: i + 1 });
      if (row.codeVersion !== null) prior.set(row.nodeName, { cacheKey: row.cacheKey, codeVersion: row.codeVersion, dependencies: row.dependenciesDataVersions });
    }
  });
  const out = new Map<string, NodeCacheStatus>();
  for (const row of run.rows) {
    const [status, reason] = statusOf(row, prior.get(row.nodeName), row.cacheKey === null ? undefined : writer.get(row.cacheKey));
    out.set(row.nodeName, { status, reason: reasonText(reason) });
  }
  return out;
}

function statusOf(row: CacheLineageRow, prior: PriorKey | undefined, writtenBy: { readonly runId: string; readonly index: number } | undefined): [NodeRunStatus, CacheReason] {
  if (row.error !== null) return ['failed', { kind: 'execution-failed' }];
  const events = new Set(row.eventTypes);
  if (events.has('execute_node')) return ['executed', missReason(prior, row.codeVersion, row.dependenciesDataVersions)];
  if (events.has('get_result')) return ['hit', { kind: 'cache-hit', writtenByRunId: writtenBy?.runId ?? null, writtenByRunIndex: writtenBy?.index ?? null }];
  if (events.size > 0) return ['not-executed', { kind: 'not-executed' }];
  // No log events for the node: only the metadata store saw it, so it was computed, under an unknown behavior.
  let previous: 'no-prior-entry' | 'code-version-changed' | 'dependency-changed' | 'same-key' = 'no-prior-entry';
  if (prior !== undefined) previous = prior.codeVersion !== row.codeVersion ? 'code-version-changed' : prior.cacheKey === row.cacheKey ? 'same-key' : 'dependency-changed';
  return ['executed', { kind: 'store-only', previous }];
}
