/**
 * The Runs view's answer: every run of the scope's folders (runsIndex.ts), grouped by plan signature,
 * each with its artifacts as URIs and workspace-relative paths.
 */

import { pathToFileURL } from 'node:url';
import { runSummaries, type RunSummary } from '../../core/analysis/runsIndex';
import { formatIssue } from '../../core/issues';
import { baseName } from '../../core/fs/fileSystem';
import type { RunGroup, RunItem, RunsResult } from '../../protocol/trees';
import type { ScopedCatalog } from './treeCatalogs';

/** Issues a view lists at most: more would bury the runs. */
export const MAX_VIEW_ISSUES = 50;

/**
 * Issues of the joined model that say nothing about runs: it joins one plan, so runs of several plans
 * (which the view groups by signature) make it warn that plans are mixed, and drift it computes against
 * that one plan disagrees with other plans' runs' recorded drift, which the view shows instead.
 */
const NOT_ABOUT_RUNS: ReadonlySet<string> = new Set(['plan-signature-conflict', 'drift-disagreement', 'drift-unverified']);

/** A run's summaries of one catalog, shared by the views that order or label runs. */
export function summariesOf(scoped: ScopedCatalog): Promise<RunSummary[]> {
  return scoped.derived('runs', async () => runSummaries(scoped.catalog.model.model.runs, scoped.catalog.files, scoped.catalog.readArtifacts));
}

export async function runsOf(catalogs: readonly ScopedCatalog[]): Promise<RunsResult> {
  const groups = new Map<string, RunItem[]>();
  const issues: string[] = [];
  for (const scoped of catalogs) {
    for (const run of await summariesOf(scoped)) {
      const item = runItem(scoped, run);
      const group = run.planSignature ?? '';
      const members = groups.get(group);
      if (members === undefined) groups.set(group, [item]);
      else members.push(item);
    }
    for (const i of scoped.catalog.model.issues) {
      if (i.severity === 'info' || NOT_ABOUT_RUNS.has(i.code) || issues.length >= MAX_VIEW_ISSUES) continue;
      const line = formatIssue(i);
      if (!issues.includes(line)) issues.push(line);
    }
  }
  const ordered: RunGroup[] = [...groups.entries()]
    .map(([signature, runs]): RunGroup => ({ ...(signature === '' ? {} : { planSignature: signature }), runs: runs.sort((a, b) => (a.startedAtMs ?? Infinity) - (b.startedAtMs ?? Infinity) || (a.runId < b.runId ? -1 : 1)) }))
    // Oldest first throughout, as the run folders sort: a plan's group where its first run falls.
    .sort((a, b) => (a.runs[0]?.startedAtMs ?? Infinity) - (b.runs[0]?.startedAtMs ?? Infinity));
  return { groups: ordered, issues };
}

function runItem(scoped: ScopedCatalog, run: RunSummary): RunItem {
  const uri = (file: string): string => pathToFileURL(file).toString();
  return {
    key: `${scoped.index}:${run.runId}:${run.planSignature ?? ''}`,
    runId: run.runId,
    aliasRunIds: run.aliasRunIds,
    ...(run.planSignature === undefined ? {} : { planSignature: run.planSignature }),
    ...(run.startedAtMs === undefined ? {} : { startedAtMs: run.startedAtMs }),
    ...(run.startedFrom === undefined ? {} : { startedFrom: run.startedFrom }),
    status: run.status,
    ...(run.drift === undefined ? {} : { drift: run.drift }),
    ...(run.criticalPath === undefined ? {} : { criticalPath: run.criticalPath }),
    ...(run.cache === undefined ? {} : { cache: run.cache }),
    ...(run.taskGraph === undefined ? {} : { taskGraph: uri(run.taskGraph) }),
    artifacts: run.files.map((f) => ({ uri: uri(f.path), name: baseName(f.path), relative: scoped.relative(f.path), kind: f.kind, taskGraph: f.taskGraph, table: f.table })),
  };
}
