/**
 * The Cache Lineage view's answers: the runs with their status counts, and a run's nodes. Runs come from
 * the pipeline's lineage export rows in the catalog and from any Hamilton cache store found where the
 * pipeline keeps one (the folder, `build/`, or a run manifest's `cache_path`: `readHamiltonCache` also
 * looks in their `meta.sqlite/` and `hamilton_cache/`).
 */

import * as path from 'node:path';
import { lineageOfRows, lineageOfStore, mergeLineage, statusCounts, type CacheRunLineage } from '../../core/analysis/cacheLineageIndex';
import { catalogLineageRuns } from '../../core/analysis/catalogLineage';
import { readHamiltonCache } from '../../core/hamiltonCache/readHamiltonCache';
import { formatIssue } from '../../core/issues';
import { DEFAULT_MAX_FILE_BYTES } from '../../core/json/parseJson';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import { loadSqlWasm } from '../../node/sqlWasm';
import type { CacheNodesResult, CacheRunsResult } from '../../protocol/trees';
import type { ScopedCatalog } from './treeCatalogs';

interface Lineage {
  readonly runs: readonly CacheRunLineage[];
  readonly issues: readonly string[];
}

function lineageOf(scoped: ScopedCatalog, maxBytes: number): Promise<Lineage> {
  return scoped.derived('cacheLineage', async () => {
    const rowsRuns = await catalogLineageRuns(nodeFileSystem, scoped.catalog, scoped.relative, maxBytes);
    const issues: string[] = [];
    const fromStores: CacheRunLineage[] = [];
    for (const dir of storeCandidates(scoped)) {
      const cache = await readHamiltonCache(nodeFileSystem, dir, loadSqlWasm(), { maxFileBytes: maxBytes });
      if (cache.issues.some((i) => i.code === 'hamilton-cache-not-found')) continue;
      fromStores.push(...lineageOfStore(cache.runs, scoped.relative(cache.storeDir) || '.'));
      issues.push(...cache.issues.filter((i) => i.severity !== 'info').map(formatIssue));
    }
    return { runs: mergeLineage(lineageOfRows(rowsRuns), fromStores), issues };
  });
}

/** Folders a Hamilton cache store may be in: the root, `build/`, and each run manifest's `cache_path`. */
function storeCandidates(scoped: ScopedCatalog): string[] {
  const dirs = new Set([scoped.root, path.join(scoped.root, 'build')]);
  for (const run of scoped.catalog.model.model.runs) {
    const cachePath = run.manifest?.cachePath;
    if (cachePath !== null && cachePath !== undefined && cachePath !== '') dirs.add(path.resolve(scoped.root, cachePath));
  }
  return [...dirs];
}

const runKey = (scoped: ScopedCatalog, run: CacheRunLineage): string => `${scoped.index}:${run.source}:${run.runId}`;

export async function cacheRunsOf(catalogs: readonly ScopedCatalog[], maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<CacheRunsResult> {
  const runs: CacheRunsResult['runs'][number][] = [];
  const issues: string[] = [];
  for (const scoped of catalogs) {
    const lineage = await lineageOf(scoped, maxBytes);
    issues.push(...lineage.issues);
    for (const run of lineage.runs) {
      runs.push({ key: runKey(scoped, run), runId: run.runId, source: run.source, ...(run.startedAtMs === undefined ? {} : { startedAtMs: run.startedAtMs }), nodes: run.nodes.length, counts: statusCounts(run.nodes) });
    }
  }
  return { runs, issues };
}

export async function cacheNodesOf(catalogs: readonly ScopedCatalog[], key: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<CacheNodesResult> {
  for (const scoped of catalogs) {
    if (!key.startsWith(`${scoped.index}:`)) continue;
    const run = (await lineageOf(scoped, maxBytes)).runs.find((r) => runKey(scoped, r) === key);
    if (run !== undefined) return { nodes: run.nodes };
  }
  return { nodes: [] };
}
