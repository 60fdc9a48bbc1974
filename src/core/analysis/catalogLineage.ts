/**
 * The cache lineage a run catalog holds, per run, oldest first: the rows of each run's lineage exports,
 * or, for an export that only points at its rows (`hamilton_cache_lineage_v2` with a `path`, as the
 * pipeline's diagnostics folder holds it), the rows of the file it names, resolved against the folders
 * above it (the pipeline's working directory), as runContext.ts does for the plan graph.
 */

import { readArtifact } from '../artifacts/readArtifact';
import { dirName, joinPath, type FileSystem } from '../fs/fileSystem';
import type { CacheLineageRow } from '../model/planModel';
import { statusCounts, type CacheRunLineage, type LineageRowsRun } from './cacheLineageIndex';
import type { RunCatalog } from './runCatalog';
import { runSummaries } from './runsIndex';

/** How far up from an export a relative `path` is resolved. */
const ANCESTOR_LEVELS = 6;

export async function catalogLineageRuns(fs: FileSystem, catalog: RunCatalog, relative: (file: string) => string, maxBytes?: number): Promise<LineageRowsRun[]> {
  const runs = catalog.model.model.runs;
  const started = new Map(runSummaries(runs, catalog.files, catalog.readArtifacts).map((s) => [s.runId, s.startedAtMs]));
  const out: LineageRowsRun[] = [];
  for (const run of runs) {
    const exports = run.cacheLineage.filter((l) => l.rows.length > 0);
    let rows: CacheLineageRow[] = exports.flatMap((l) => l.rows);
    let source = exports[0]?.path;
    if (rows.length === 0) {
      for (const pointer of run.cacheLineage) {
        if (pointer.path === undefined) continue;
        const from = run.files.find((f) => /cache_lineage/.test(f)) ?? catalog.root;
        const file = await resolveUpwards(fs, dirName(from), pointer.path);
        if (file === undefined) continue;
        const read = await readArtifact(fs, file, maxBytes === undefined ? {} : { maxBytes });
        rows = read.records.flatMap((r) => (r.kind === 'hamilton_cache_lineage_nodes_v1' ? [r.value] : r.kind === 'hamilton_cache_lineage_v2' ? r.value.rows : []));
        source = file;
        if (rows.length > 0) break;
      }
    }
    if (rows.length === 0) continue;
    const startedAtMs = started.get(run.runId);
    out.push({ runId: run.runId, source: relative(source ?? run.files[0] ?? catalog.root), ...(startedAtMs === undefined ? {} : { startedAtMs }), rows });
  }
  return out.sort((a, b) => (a.startedAtMs ?? Infinity) - (b.startedAtMs ?? Infinity) || (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
}

async function resolveUpwards(fs: FileSystem, folder: string, path: string): Promise<string | undefined> {
  if (path.startsWith('/')) return (await fs.stat(path))?.type === 'file' ? path : undefined;
  for (let dir = folder, level = 0; level < ANCESTOR_LEVELS; level++) {
    const candidate = joinPath(dir, path);
    if ((await fs.stat(candidate))?.type === 'file') return candidate;
    if (dirName(dir) === dir) break;
    dir = dirName(dir);
  }
  return undefined;
}

/** Globs that find lineage exports wherever the folder given is (a run folder, the lineage folder itself). */
export const LINEAGE_GLOBS: readonly string[] = ['**/*cache_lineage*.{json,jsonl,msgpack}', '**/*.jsonl', '**/run_manifest*.json'];

/** The text `plan-lens cache` prints for lineage exports: per run its counts, then one line per node. */
export function formatLineageRuns(runs: readonly CacheRunLineage[]): string {
  const lines: string[] = [];
  for (const run of runs) {
    const counts = Object.entries(statusCounts(run.nodes)).map(([status, n]) => `${n} ${status}`);
    lines.push(`run ${run.runId} (${run.source}): ${counts.join(', ')}`);
    const width = Math.max(0, ...run.nodes.map((n) => n.node.length));
    for (const n of run.nodes) lines.push(`  ${n.node.padEnd(width)}  ${n.status.padEnd(12)}  ${n.reason}`);
  }
  return lines.join('\n');
}
