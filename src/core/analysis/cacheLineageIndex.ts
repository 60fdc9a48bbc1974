/**
 * The Hamilton cache lineage per run and node for the Cache Lineage view: the status (hit, executed,
 * recomputed, ignored, disabled, failed, input, not executed) with its reason in words, the cache key,
 * data and code versions, the dependencies' data versions, and which of them changed since the node's
 * previous run. Two sources: the pipeline's lineage export rows (`hamilton_cache_lineage_nodes_v1`,
 * statuses by `lineageStatus.ts`) and a Hamilton cache store read by `readHamiltonCache` (richer: the
 * store knows behaviors, so recomputed, ignored, disabled and input too). A run both describe is taken
 * from the store. O(runs × nodes); statuses consult at most `EARLIER_RUNS` runs before each.
 */

import { cacheStatusByNode, type LineageRun } from '../hamiltonCache/lineageStatus';
import type { CacheRun, NodeRunStatus } from '../hamiltonCache/model';
import type { CacheLineageRow } from '../model/planModel';

export interface CacheDependencyVersion {
  readonly name: string;
  readonly dataVersion: string;
  readonly previous?: string;
  readonly changed: boolean;
}

export interface CacheNodeLineage {
  readonly node: string;
  readonly status: NodeRunStatus;
  readonly reason: string;
  readonly cacheKey: string | null;
  readonly dataVersion: string | null;
  readonly codeVersion: string | null;
  readonly dependencies: readonly CacheDependencyVersion[];
  readonly changed?: { readonly cacheKey: boolean; readonly codeVersion: boolean; readonly dataVersion: boolean; readonly previousRunId: string };
}

export interface CacheRunLineage {
  readonly runId: string;
  /** The export file or store folder it was read from. */
  readonly source: string;
  readonly startedAtMs?: number;
  readonly nodes: readonly CacheNodeLineage[];
}

/** A run's lineage rows as the model holds them, in run order. */
export interface LineageRowsRun {
  readonly runId: string;
  readonly source: string;
  readonly startedAtMs?: number;
  readonly rows: readonly CacheLineageRow[];
}

/** Runs before a run whose rows explain its statuses (as runContext.ts reads them for the graph). */
const EARLIER_RUNS = 20;

interface NodeFacts {
  readonly cacheKey: string | null;
  readonly dataVersion: string | null;
  readonly codeVersion: string | null;
  readonly dependencies: Readonly<Record<string, string>>;
}

/** Lineage of the export rows, runs oldest first; a node exported twice in a run is its last row. */
export function lineageOfRows(runs: readonly LineageRowsRun[]): CacheRunLineage[] {
  const deduped = runs.map((r) => ({ ...r, rows: [...new Map(r.rows.map((row) => [row.nodeName, row])).values()] }));
  const previous = new Map<string, { readonly runId: string; readonly facts: NodeFacts }>();
  return deduped.map((run, i) => {
    const earlier: LineageRun[] = deduped.slice(Math.max(0, i - EARLIER_RUNS), i).map((r) => ({ runId: r.runId, rows: r.rows }));
    const statuses = cacheStatusByNode({ runId: run.runId, rows: run.rows }, earlier);
    const nodes = run.rows.map((row): CacheNodeLineage => {
      const facts: NodeFacts = { cacheKey: row.cacheKey, dataVersion: row.dataVersion, codeVersion: row.codeVersion, dependencies: row.dependenciesDataVersions };
      const status = statuses.get(row.nodeName) ?? { status: 'not-executed', reason: 'no status' };
      return { node: row.nodeName, status: status.status, reason: status.reason, ...compared(facts, previous.get(row.nodeName)) };
    });
    for (const row of run.rows) previous.set(row.nodeName, { runId: run.runId, facts: { cacheKey: row.cacheKey, dataVersion: row.dataVersion, codeVersion: row.codeVersion, dependencies: row.dependenciesDataVersions } });
    return { runId: run.runId, source: run.source, ...(run.startedAtMs === undefined ? {} : { startedAtMs: run.startedAtMs }), nodes };
  });
}

/** Lineage of a Hamilton cache store's runs (already in run order, `CacheRun.index`). */
export function lineageOfStore(runs: readonly CacheRun[], source: string): CacheRunLineage[] {
  const previous = new Map<string, { readonly runId: string; readonly facts: NodeFacts }>();
  return runs.map((run) => {
    const nodes = run.nodes.map((n): CacheNodeLineage => {
      const facts: NodeFacts = { cacheKey: n.cacheKey, dataVersion: n.dataVersion, codeVersion: n.codeVersion, dependencies: n.dependencies ?? {} };
      return { node: n.nodeName, status: n.status, reason: n.reasonText, ...compared(facts, previous.get(n.nodeName)) };
    });
    for (const n of run.nodes) previous.set(n.nodeName, { runId: run.runId, facts: { cacheKey: n.cacheKey, dataVersion: n.dataVersion, codeVersion: n.codeVersion, dependencies: n.dependencies ?? {} } });
    return { runId: run.runId, source, ...(run.startedAt === null ? {} : { startedAtMs: run.startedAt * 1000 }), nodes };
  });
}

/** Runs of both sources, oldest first; a run a store describes replaces its export rows. */
export function mergeLineage(fromRows: readonly CacheRunLineage[], fromStores: readonly CacheRunLineage[]): CacheRunLineage[] {
  const stored = new Set(fromStores.map((r) => r.runId));
  return [...fromRows.filter((r) => !stored.has(r.runId)), ...fromStores].sort((a, b) => (a.startedAtMs ?? Number.MAX_SAFE_INTEGER) - (b.startedAtMs ?? Number.MAX_SAFE_INTEGER) || (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
}

/** Counts per status, for a run's line. */
export function statusCounts(nodes: readonly CacheNodeLineage[]): Partial<Record<NodeRunStatus, number>> {
  const counts: Partial<Record<NodeRunStatus, number>> = {};
  for (const n of nodes) counts[n.status] = (counts[n.status] ?? 0) + 1;
  return counts;
}

function compared(facts: NodeFacts, before: { readonly runId: string; readonly facts: NodeFacts } | undefined): Pick<CacheNodeLineage, 'cacheKey' | 'dataVersion' | 'codeVersion' | 'dependencies' | 'changed'> {
  const dependencies = Object.keys(facts.dependencies)
    .sort()
    .map((name): CacheDependencyVersion => {
      const dataVersion = facts.dependencies[name];
      const previous = before === undefined ? undefined : Object.prototype.hasOwnProperty.call(before.facts.dependencies, name) ? before.facts.dependencies[name] : undefined;
      return { name, dataVersion, ...(previous === undefined ? {} : { previous }), changed: before !== undefined && previous !== dataVersion };
    });
  return {
    cacheKey: facts.cacheKey,
    dataVersion: facts.dataVersion,
    codeVersion: facts.codeVersion,
    dependencies,
    ...(before === undefined
      ? {}
      : {
          changed: {
            cacheKey: before.facts.cacheKey !== facts.cacheKey,
            codeVersion: before.facts.codeVersion !== facts.codeVersion,
            dataVersion: before.facts.dataVersion !== facts.dataVersion,
            previousRunId: before.runId,
          },
        }),
  };
}
