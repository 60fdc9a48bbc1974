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
import type { CacheNodeRun, CacheReason, CacheRun, CachingBehavior, DependencyChange, NodeRunStatus, ResultFile, StoreRunRow } from './model';
import { reasonText } from './reasonText';

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

/** Everything the log says about one node in one run. */
interface NodeEvents {
  readonly nodeName: string;
  loggedBehavior: CachingBehavior | null;
  isInput: boolean;
  inputVersion: string | null;
  isFinalVar: boolean;
  executed: boolean;
  retrieved: boolean;
  storeLookup: boolean;
  resultWritten: boolean;
  failed: boolean;
  resultMissing: boolean;
  cacheKey: string | null;
  adapterDataVersion: string | null;
  resultDataVersion: string | null;
  storeDataVersion: string | null;
}

interface RunFrame {
  readonly runId: string;
  readonly storeId: number | null;
  readonly createdAt: string | null;
  readonly startedAt: number | null;
  readonly nodes: Map<string, NodeEvents>;
}

/** A node's key in its previous run: what a miss is explained against. */
export interface PriorKey {
  readonly cacheKey: string;
  readonly codeVersion: string;
  readonly dependencies: Readonly<Record<string, string>>;
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

function priorOf(node: CacheNodeRun): PriorKey | undefined {
  if (node.cacheKey === null || node.codeVersion === null || node.dependencies === null) return undefined;
  return { cacheKey: node.cacheKey, codeVersion: node.codeVersion, dependencies: node.dependencies };
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

/**
 * Run order: `run_ids.id` (the store's AUTOINCREMENT) for the runs it knows; runs only the log or only
 * `history` knows are merged in by time, keeping the store's order intact.
 */
function orderRuns(store: MetadataStore | undefined, events: readonly CacheLogEvent[]): RunFrame[] {
  const byRun = new Map<string, { startedAt: number; nodes: Map<string, NodeEvents> }>();
  for (const e of events) {
    let run = byRun.get(e.runId);
    if (run === undefined) byRun.set(e.runId, (run = { startedAt: e.timestamp, nodes: new Map() }));
    run.startedAt = Math.min(run.startedAt, e.timestamp);
    let node = run.nodes.get(e.nodeName);
    if (node === undefined) run.nodes.set(e.nodeName, (node = emptyNodeEvents(e.nodeName)));
    applyEvent(node, e);
  }
  const frame = (runId: string, storeId: number | null, createdAt: string | null): RunFrame => {
    const logged = byRun.get(runId);
    return { runId, storeId, createdAt, startedAt: logged?.startedAt ?? null, nodes: logged?.nodes ?? new Map() };
  };
  const seen = new Set<string>();
  const stored: RunFrame[] = [];
  for (const r of store?.runIds ?? []) {
    if (seen.has(r.runId)) continue;
    seen.add(r.runId);
    stored.push(frame(r.runId, r.id, r.createdAt));
  }
  const others: RunFrame[] = [];
  for (const h of store?.history ?? []) {
    if (h.runId === null || seen.has(h.runId)) continue;
    seen.add(h.runId);
    others.push(frame(h.runId, null, h.createdAt));
  }
  for (const runId of byRun.keys()) {
    if (seen.has(runId)) continue;
    seen.add(runId);
    others.push(frame(runId, null, null));
  }
  others.sort((a, b) => timeOf(a) - timeOf(b));
  const out: RunFrame[] = [];
  let j = 0;
  for (const s of stored) {
    while (j < others.length && timeOf(others[j]) < timeOf(s)) out.push(others[j++]);
    out.push(s);
  }
  while (j < others.length) out.push(others[j++]);
  return out;
}

function timeOf(f: RunFrame): number {
  if (f.startedAt !== null) return f.startedAt;
  if (f.createdAt !== null) {
    // SQLite CURRENT_TIMESTAMP: 'YYYY-MM-DD HH:MM:SS' in UTC.
    const t = Date.parse(`${f.createdAt.replace(' ', 'T')}Z`);
    if (Number.isFinite(t)) return t / 1000;
  }
  return Number.POSITIVE_INFINITY;
}

function emptyNodeEvents(nodeName: string): NodeEvents {
  return {
    nodeName,
    loggedBehavior: null,
    isInput: false,
    inputVersion: null,
    isFinalVar: false,
    executed: false,
    retrieved: false,
    storeLookup: false,
    resultWritten: false,
    failed: false,
    resultMissing: false,
    cacheKey: null,
    adapterDataVersion: null,
    resultDataVersion: null,
    storeDataVersion: null,
  };
}

const BEHAVIORS: readonly CachingBehavior[] = ['DEFAULT', 'RECOMPUTE', 'DISABLE', 'IGNORE'];

function parseBehavior(value: string | null): CachingBehavior | null {
  const name = value?.replace(/^CachingBehavior\./, '').toUpperCase();
  return BEHAVIORS.find((b) => b === name) ?? null;
}

function applyEvent(n: NodeEvents, e: CacheLogEvent): void {
  switch (`${e.actor}/${e.eventType}`) {
    case 'adapter/resolve_behavior':
      n.loggedBehavior = parseBehavior(e.value);
      break;
    case 'adapter/is_input':
      n.isInput = true;
      n.inputVersion = e.value;
      break;
    case 'adapter/is_final_var':
      n.isFinalVar = true;
      break;
    case 'adapter/execute_node':
      n.executed = true;
      break;
    case 'adapter/failed_execution':
      n.failed = true;
      break;
    case 'adapter/set_cache_key':
      if (e.value !== null) n.cacheKey = e.value;
      break;
    case 'adapter/get_cache_key':
      if (e.value !== null && n.cacheKey === null) n.cacheKey = e.value;
      break;
    case 'adapter/set_data_version':
      if (e.value !== null) n.adapterDataVersion = e.value;
      break;
    case 'metadata_store/get_data_version':
      n.storeLookup = true;
      break;
    case 'metadata_store/set_data_version':
      if (e.value !== null) n.storeDataVersion = e.value;
      break;
    case 'result_store/get_result':
      n.retrieved = true;
      if (e.value !== null) n.resultDataVersion = e.value;
      break;
    case 'result_store/set_result':
      n.resultWritten = true;
      if (e.value !== null) n.resultDataVersion = e.value;
      break;
    default:
      if (e.eventType === 'missing_result' || e.eventType === 'failed_retrieval') n.resultMissing = true;
  }
}

function storeRowsOf(
  keys: readonly string[],
  metadataByKey: ReadonlyMap<string, StoreMetadataRow>,
  decode: (key: string) => DecodedCacheKey | null,
  results: ResultIndex | null,
): StoreRunRow[] {
  const rows: StoreRunRow[] = [];
  for (const key of keys) {
    const m = metadataByKey.get(key);
    if (m === undefined) continue; // the JOIN drops history rows whose key has no metadata
    rows.push({
      cacheKey: key,
      nodeName: m.nodeName,
      dataVersion: m.dataVersion,
      codeVersion: m.codeVersion,
      dependencies: decode(key)?.dependencies ?? null,
      resultExists: results?.sizes.has(m.dataVersion) ?? false,
    });
  }
  return rows;
}

function nodeFromLog(
  ev: NodeEvents,
  row: StoreRunRow | undefined,
  decode: (key: string) => DecodedCacheKey | null,
  results: ResultIndex | null,
  prior: PriorKey | undefined,
  previousDataVersion: string | null,
  writerOf: (key: string) => { writtenByRunId: string | null; writtenByRunIndex: number | null },
): CacheNodeRun {
  let behavior = ev.loggedBehavior;
  let behaviorNote: string | undefined;
  // Hamilton 1.88.0 logs RECOMPUTE for @load_from loaders it then runs as DEFAULT; a store lookup
  // before execution only happens under DEFAULT, so it is the evidence that wins.
  if (behavior === 'RECOMPUTE' && (ev.storeLookup || ev.retrieved)) {
    behavior = 'DEFAULT';
    behaviorNote = 'the log says RECOMPUTE, but the node was looked up in the cache, which only DEFAULT does (Hamilton 1.88.0 does not apply default_loader_behavior to @load_from loaders)';
  }
  const decoded = ev.cacheKey === null ? null : decode(ev.cacheKey);
  const dataVersion = ev.isInput ? ev.inputVersion : (ev.adapterDataVersion ?? ev.resultDataVersion ?? ev.storeDataVersion);
  const status = statusOf(ev, behavior);
  const dependencies = decoded?.dependencies ?? null;
  const codeVersion = decoded?.codeVersion ?? row?.codeVersion ?? null;
  let reason: CacheReason;
  switch (status) {
    case 'hit':
      reason = { kind: 'cache-hit', ...(ev.cacheKey === null ? { writtenByRunId: null, writtenByRunIndex: null } : writerOf(ev.cacheKey)) };
      break;
    case 'executed':
      reason = ev.resultMissing ? { kind: 'result-missing' } : missReason(prior, codeVersion, dependencies);
      break;
    case 'recomputed':
      reason = { kind: 'recompute-policy' };
      break;
    case 'ignored':
      reason = { kind: 'ignore-policy' };
      break;
    case 'disabled':
      reason = { kind: 'disable-policy' };
      break;
    case 'failed':
      reason = { kind: 'execution-failed' };
      break;
    case 'input':
      reason = { kind: 'driver-input' };
      break;
    case 'not-executed':
      reason = { kind: 'not-executed' };
      break;
  }
  const storeDataVersion = row?.dataVersion ?? null;
  return {
    nodeName: ev.nodeName,
    status,
    reason,
    reasonText: reasonText(reason),
    behavior,
    loggedBehavior: ev.loggedBehavior,
    ...(behaviorNote === undefined ? {} : { behaviorNote }),
    cacheKey: ev.cacheKey,
    codeVersion,
    dataVersion,
    previousDataVersion,
    dependencies,
    disabledDependencies: disabledOf(dependencies),
    inGetRun: row !== undefined,
    storeDataVersion,
    staleStoreDataVersion: storeDataVersion !== null && dataVersion !== null && storeDataVersion !== dataVersion,
    resultWritten: ev.resultWritten,
    isFinalVar: ev.isFinalVar,
    result: ev.isInput || dataVersion === null ? null : resultFile(dataVersion, results),
  };
}

function statusOf(ev: NodeEvents, behavior: CachingBehavior | null): NodeRunStatus {
  if (ev.isInput) return 'input';
  if (ev.failed) return 'failed';
  if (ev.executed) {
    switch (behavior) {
      case 'IGNORE':
        return 'ignored';
      case 'DISABLE':
        return 'disabled';
      case 'RECOMPUTE':
        return 'recomputed';
      default:
        return 'executed';
    }
  }
  return ev.retrieved ? 'hit' : 'not-executed';
}

/** Why a node missed the cache, from its previous key (none: a cold cache). */
export function missReason(prior: PriorKey | undefined, codeVersion: string | null, deps: Readonly<Record<string, string>> | null): CacheReason {
  if (prior === undefined || codeVersion === null || deps === null) return { kind: 'no-prior-entry' };
  const changed = diffDependencies(prior.dependencies, deps);
  if (prior.codeVersion !== codeVersion) return { kind: 'code-version-changed', previousCodeVersion: prior.codeVersion, changedDependencies: changed };
  const disabled = changed.filter((c) => c.after?.startsWith('<disable>_') === true).map((c) => c.name);
  if (disabled.length > 0) return { kind: 'disabled-dependency', dependencies: disabled, changedDependencies: changed };
  if (changed.length > 0) return { kind: 'dependency-changed', changedDependencies: changed };
  return { kind: 'unexplained-miss' };
}

function diffDependencies(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): DependencyChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const out: DependencyChange[] = [];
  for (const name of names) {
    const b = Object.hasOwn(before, name) ? before[name] : null;
    const a = Object.hasOwn(after, name) ? after[name] : null;
    if (a !== b) out.push({ name, before: b, after: a });
  }
  return out;
}

function disabledOf(deps: Readonly<Record<string, string>> | null): string[] {
  return deps === null ? [] : Object.keys(deps).filter((k) => deps[k].startsWith('<disable>_'));
}

function nodeFromStore(row: StoreRunRow, results: ResultIndex | null, prior: PriorKey | undefined, previousDataVersion: string | null): CacheNodeRun {
  let previous: 'no-prior-entry' | 'code-version-changed' | 'dependency-changed' | 'same-key' = 'no-prior-entry';
  if (prior !== undefined) {
    if (prior.codeVersion !== row.codeVersion) previous = 'code-version-changed';
    else if (row.dependencies !== null && diffDependencies(prior.dependencies, row.dependencies).length > 0) previous = 'dependency-changed';
    else previous = 'same-key';
  }
  const reason: CacheReason = { kind: 'store-only', previous };
  return {
    nodeName: row.nodeName,
    status: 'executed',
    reason,
    reasonText: reasonText(reason),
    behavior: null,
    loggedBehavior: null,
    cacheKey: row.cacheKey,
    codeVersion: row.codeVersion,
    dataVersion: row.dataVersion,
    previousDataVersion,
    dependencies: row.dependencies,
    disabledDependencies: disabledOf(row.dependencies),
    inGetRun: true,
    storeDataVersion: row.dataVersion,
    staleStoreDataVersion: false,
    resultWritten: false,
    isFinalVar: false,
    result: resultFile(row.dataVersion, results),
  };
}

interface ResultIndex {
  readonly sizes: ReadonlyMap<string, number>;
  /** Data version -> its `<data_version>.<suffix>` files. */
  readonly sidecars: ReadonlyMap<string, { name: string; size: number }[]>;
}

function indexResults(sizes: ReadonlyMap<string, number>): ResultIndex {
  const sidecars = new Map<string, { name: string; size: number }[]>();
  for (const [name, size] of sizes) {
    // A saver's data version can itself contain dots (`pkg.node__metadata`): try every split point.
    for (let dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
      const base = name.slice(0, dot);
      if (!sizes.has(base)) continue;
      let list = sidecars.get(base);
      if (list === undefined) sidecars.set(base, (list = []));
      list.push({ name, size });
    }
  }
  for (const list of sidecars.values()) list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { sizes, sidecars };
}

/** Existence and size only: result files are Python pickles and are never opened. */
function resultFile(dataVersion: string, results: ResultIndex | null): ResultFile | null {
  if (results === null) return null;
  const size = results.sizes.get(dataVersion);
  const sidecars = results.sidecars.get(dataVersion) ?? [];
  return size === undefined ? { name: dataVersion, exists: false, sidecars } : { name: dataVersion, exists: true, size, sidecars };
}
