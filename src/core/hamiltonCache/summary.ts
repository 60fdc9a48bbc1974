/** The readable form of a Hamilton cache lineage: per run, status counts, then one line per node. */

import type { CacheNodeRun, HamiltonCache, NodeRunStatus } from './model';

const ORDER: readonly NodeRunStatus[] = ['hit', 'executed', 'recomputed', 'ignored', 'disabled', 'failed', 'input', 'not-executed'];

function short(v: string | null, n = 12): string {
  return v === null ? '-' : v.length > n ? `${v.slice(0, n)}…` : v;
}

function nodeLine(n: CacheNodeRun, width: number): string {
  const notes: string[] = [];
  if (n.staleStoreDataVersion) notes.push(`store keeps stale data_version ${short(n.storeDataVersion)}; this run produced ${short(n.dataVersion)}`);
  if (n.behaviorNote !== undefined) notes.push(`log says ${n.loggedBehavior ?? '?'}, ran as ${n.behavior ?? '?'}`);
  if (n.status !== 'hit' && n.status !== 'input' && n.previousDataVersion !== null && n.previousDataVersion === n.dataVersion) notes.push('same data_version as before');
  if (n.result !== null && !n.result.exists && n.status !== 'disabled') notes.push('result file missing');
  const tail = notes.length > 0 ? `  [${notes.join('; ')}]` : '';
  return `  ${n.status.padEnd(12)} ${n.nodeName.padEnd(width)}  dv ${short(n.dataVersion).padEnd(13)} ${n.reasonText}${tail}`;
}

export function formatCacheSummary(cache: HamiltonCache): string {
  const lines: string[] = [`Hamilton cache store ${cache.storeDir}`];
  lines.push(`  database: ${cache.databaseFile ?? '(none)'}`, `  log:      ${cache.logFile ?? '(none)'}`, `  results:  ${cache.resultsDir ?? '(none)'}`);
  lines.push(`${cache.runs.length} run(s)`);
  for (const run of cache.runs) {
    const counts = ORDER.map((s) => [s, run.nodes.filter((n) => n.status === s).length] as const)
      .filter(([, c]) => c > 0)
      .map(([s, c]) => `${c} ${s}`)
      .join(', ');
    const when = run.createdAt ?? (run.startedAt === null ? '' : new Date(run.startedAt * 1000).toISOString());
    const sources = [run.inStore ? 'store' : '', run.inLog ? 'log' : ''].filter((s) => s !== '').join('+');
    lines.push('', `Run ${run.index}  ${run.runId}  ${when}  (${sources}; ${run.storeRows.length} row(s) in get_run)`, `  ${counts}`);
    const width = Math.max(0, ...run.nodes.map((n) => n.nodeName.length));
    for (const n of run.nodes) lines.push(nodeLine(n, width));
  }
  if (cache.nullKeyEntries.length > 0) lines.push('', `${cache.nullKeyEntries.length} cache_metadata row(s) with a NULL cache_key (IGNORE nodes: ${[...new Set(cache.nullKeyEntries.map((e) => e.nodeName))].join(', ')})`);
  return lines.join('\n');
}
