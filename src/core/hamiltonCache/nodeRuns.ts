/**
 * One node's run as reported: from the log's events when the log saw the run, else from the metadata
 * store's rows, with the result file the data version points at.
 */

import type { DecodedCacheKey } from './cacheKey';
import type { StoreMetadataRow } from './metadataStore';
import type { CacheNodeRun, CacheReason, ResultFile, StoreRunRow } from './model';
import { reasonText } from './reasonText';
import { diffDependencies, disabledOf, missReason, type PriorKey } from './missReason';
import { statusOf, type NodeEvents } from './nodeEvents';

export function storeRowsOf(
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

export function nodeFromLog(
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

export function nodeFromStore(row: StoreRunRow, results: ResultIndex | null, prior: PriorKey | undefined, previousDataVersion: string | null): CacheNodeRun {
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

export function indexResults(sizes: ReadonlyMap<string, number>): ResultIndex {
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
