/**
 * Reconstructs, per run and node, what Hamilton's cache did and why, from the metadata store (what was
 * written) and the cache log (what happened). The store alone misleads: hits leave no `history` row,
 * IGNORE nodes have a NULL key, `INSERT OR IGNORE` keeps a stale data version, `get_run` has no order.
 * So the log decides the status and this run's data version; the store supplies `get_run` and who wrote
 * a key first. Reasons compare a node's key with its key in the previous run that had one.
 * O(events + rows + nodes × dependencies). Preconditions: none; undecodable keys become issues.
 */

import { issue, type PlanIssue } from '../issues';
import { decodeCacheKey, type DecodedCacheKey } from './cacheKey';
import type { CacheLogEvent } from './cacheLog';
import type { MetadataStore, StoreMetadataRow } from './metadataStore';
import type { CacheNodeRun, CacheRun, StoreRunRow } from './model';
import { priorOf, type PriorKey } from './missReason';
import { indexResults, nodeFromLog, nodeFromStore, storeRowsOf } from './nodeRuns';
import { orderRuns } from './runFrames';

export interface ReconstructInput {
  readonly store: MetadataStore | undefined;
  readonly events: readonly CacheLogEvent[];
  /** Every file in the results directory with its size; `null` when there is no results directory. */
  readonly resultFiles: ReadonlyMap<string, number> | null;
  readonly databaseFile: string | null;
  readonly logFile: string | null;
}

export interface Reconstructed {
  readonly runs: CacheRun[];
  readonly nullKeyEntries: StoreMetadataRow[];
  readonly issues: PlanIssue[];
}

export function reconstructLineage(input: ReconstructInput): Reconstructed {
  const issues: PlanIssue[] = [];
  const decoder = keyDecoder(issues, input.databaseFile ?? input.logFile ?? '');
  const frames = orderRuns(input.store, input.events);
  const metadataByKey = new Map<string, StoreMetadataRow>();
  for (const m of input.store?.metadata ?? []) if (m.cacheKey !== null && !metadataByKey.has(m.cacheKey)) metadataByKey.set(m.cacheKey, m);
  const historyByRun = new Map<string, { keys: string[]; nullKeys: number }>();
  /** The run (by id) that first wrote each key. */
  const firstWriter = new Map<string, string>();
  for (const h of input.store?.history ?? []) {
    if (h.runId === null) continue;
    let entry = historyByRun.get(h.runId);
    if (entry === undefined) historyByRun.set(h.runId, (entry = { keys: [], nullKeys: 0 }));
    if (h.cacheKey === null) entry.nullKeys++;
    else {
      entry.keys.push(h.cacheKey);
      if (!firstWriter.has(h.cacheKey)) firstWriter.set(h.cacheKey, h.runId);
    }
  }
  const results = input.resultFiles === null ? null : indexResults(input.resultFiles);
  const runIndex = new Map(frames.map((f, i) => [f.runId, i + 1]));
  const lastKey = new Map<string, PriorKey>();
  const lastDataVersion = new Map<string, string>();
  const runs: CacheRun[] = [];

  for (const frame of frames) {
    const index = runIndex.get(frame.runId) ?? 0;
    const storeRows = storeRowsOf(historyByRun.get(frame.runId)?.keys ?? [], metadataByKey, decoder, results);
    const rowByNode = new Map<string, StoreRunRow>();
    for (const r of storeRows) if (!rowByNode.has(r.nodeName)) rowByNode.set(r.nodeName, r);
    const nodes: CacheNodeRun[] = [];
    const seenThisRun: { name: string; prior?: PriorKey; dataVersion: string | null }[] = [];

    for (const ev of frame.nodes.values()) {
      const node = nodeFromLog(ev, rowByNode.get(ev.nodeName), decoder, results, lastKey.get(ev.nodeName), lastDataVersion.get(ev.nodeName) ?? null, (key) => {
        const writer = firstWriter.get(key);
        return { writtenByRunId: writer ?? null, writtenByRunIndex: writer === undefined ? null : (runIndex.get(writer) ?? null) };
      });
      nodes.push(node);
      if (node.status !== 'input') seenThisRun.push({ name: node.nodeName, prior: priorOf(node), dataVersion: node.dataVersion });
    }
    // Runs (or nodes) the log does not cover: the store still shows what was computed.
    for (const row of storeRows) {
      if (frame.nodes.has(row.nodeName)) continue;
      const node = nodeFromStore(row, results, lastKey.get(row.nodeName), lastDataVersion.get(row.nodeName) ?? null);
      nodes.push(node);
      seenThisRun.push({ name: node.nodeName, prior: priorOf(node), dataVersion: node.dataVersion });
    }
    // Applied after the run, so nodes compare with earlier runs only.
    for (const { name, prior, dataVersion } of seenThisRun) {
      if (prior !== undefined) lastKey.set(name, prior);
      if (dataVersion !== null) lastDataVersion.set(name, dataVersion);
    }
    runs.push({
      runId: frame.runId,
      index,
      createdAt: frame.createdAt,
      startedAt: frame.startedAt,
      inStore: frame.storeId !== null || historyByRun.has(frame.runId),
      inLog: frame.nodes.size > 0,
      nodes,
      storeRows,
      nullKeyHistoryRows: historyByRun.get(frame.runId)?.nullKeys ?? 0,
    });
  }
  const nullKeyEntries = (input.store?.metadata ?? []).filter((m) => m.cacheKey === null);
  return { runs, nullKeyEntries, issues };
}

/** Decodes each distinct key once and reports each undecodable key once. */
function keyDecoder(issues: PlanIssue[], file: string): (key: string) => DecodedCacheKey | null {
  const cache = new Map<string, DecodedCacheKey | null>();
  return (key) => {
    let d = cache.get(key);
    if (d === undefined) {
      const r = decodeCacheKey(key);
      d = r.ok ? r.key : null;
      if (!r.ok) issues.push(issue('warning', 'cache-key-undecodable', `cannot decode cache key ${truncate(key)}: ${r.reason}`, { file }));
      cache.set(key, d);
    }
    return d;
  };
}

function truncate(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
