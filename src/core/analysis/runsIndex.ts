/**
 * One line per run for the Runs view: when it started, its status, drift, recorded critical path and
 * cache hits and misses, and the files that belong to it. Runs come from the joined model (manifests,
 * events, drift, cache lineage, grouped by run id and plan signature); a folder of plan files whose run
 * left no such record (a diagnostics folder alone) is a run too, known by its folder's name. A file
 * belongs to a run when the run's records came from it, when its folder is named by the run's id (the
 * pipeline's `.artifacts/diagnostics/<run_id>/`, `build/run_bundle/<run_id>/`), or when it records the
 * run's id (a schedule or validation). O(files + records).
 */

import type { ReadArtifact } from '../artifacts/readArtifact';
import { baseName } from '../fs/fileSystem';
import type { CacheLineageRow, PlanRun, Schedule } from '../model/planModel';
import { compareCodePoints } from '../text/compareCodePoints';
import { folderNameOf, isTaskGraphPath } from './runCatalog';

export interface RunFile {
  readonly path: string;
  /** What it holds, in words. */
  readonly kind: string;
  readonly taskGraph: boolean;
  readonly table: boolean;
}

export interface RunSummary {
  readonly runId: string;
  readonly aliasRunIds: readonly string[];
  readonly planSignature?: string;
  readonly startedAtMs?: number;
  readonly startedFrom?: 'manifest' | 'events' | 'run id';
  readonly status: string;
  readonly drift?: { readonly coverage: number; readonly missing: readonly string[]; readonly unexpected: readonly string[]; readonly missingGenerations: readonly number[]; readonly from: 'recorded' | 'computed' };
  readonly criticalPath?: { readonly length: number; readonly tasks: number };
  readonly cache?: { readonly hits: number; readonly misses: number; readonly failed: number };
  readonly taskGraph?: string;
  readonly files: readonly RunFile[];
}

/** A run found by its plan files alone. */
const NO_RUN_RECORDS = 'no run records';

export function runSummaries(runs: readonly PlanRun[], files: readonly string[], artifacts: readonly ReadArtifact[]): RunSummary[] {
  const byFile = new Map(artifacts.map((a) => [a.file, a]));
  const schedules = new Map<string, { readonly schedule: Schedule; readonly file: string }>();
  for (const a of artifacts) {
    for (const r of a.records) {
      if (r.kind !== 'plan_schedule_v1') continue;
      const id = (r.value.runId ?? '') || folderNameOf(a.file);
      // JSON before msgpack: the same schedule, and the JSON one is what users open.
      if (!schedules.has(id) || schedules.get(id)?.file.endsWith('.msgpack')) schedules.set(id, { schedule: r.value, file: a.file });
    }
  }
  const tables = new Set(artifacts.filter((a) => a.format === 'delta').map((a) => a.file));
  const recordedRunIds = (file: string): string[] => {
    const ids: string[] = [];
    for (const r of byFile.get(file)?.records ?? []) if ((r.kind === 'plan_schedule_v1' || r.kind === 'plan_validation_v1') && r.value.runId !== undefined && r.value.runId !== '') ids.push(r.value.runId);
    return ids;
  };

  // Which run ids each file belongs to, and the plan files of runs with no record of their own.
  const known = new Map<string, PlanRun>();
  for (const run of runs) for (const id of [run.runId, ...run.aliasRunIds]) known.set(id.toLowerCase(), run);
  const filesOfRun = new Map<PlanRun | string, Set<string>>();
  const add = (owner: PlanRun | string, file: string): void => {
    let set = filesOfRun.get(owner);
    if (set === undefined) filesOfRun.set(owner, (set = new Set()));
    set.add(file);
  };
  for (const run of runs) for (const f of run.files) add(run, f);
  for (const file of files) {
    if (tables.has(file)) continue;
    const ids = [folderNameOf(file), ...recordedRunIds(file)];
    const owner = ids.map((id) => known.get(id.toLowerCase())).find((r) => r !== undefined);
    if (owner !== undefined) add(owner, file);
    else if (isPlanFile(file, byFile.get(file))) add(recordedRunIds(file)[0] ?? folderNameOf(file), file);
  }

  const summaries: RunSummary[] = [];
  for (const [owner, set] of filesOfRun) {
    // The task graph first: it is what a run is opened by.
    const paths = [...set].sort((a, b) => Number(isTaskGraphPath(b)) - Number(isTaskGraphPath(a)) || compareCodePoints(a, b));
    const runFiles = paths.map((p) => runFile(p, byFile.get(p), tables.has(p)));
    const taskGraph = runFiles.find((f) => f.taskGraph)?.path;
    if (typeof owner === 'string') {
      const schedule = schedules.get(owner)?.schedule;
      summaries.push({
        runId: owner,
        aliasRunIds: [],
        ...(schedule?.planSignature === undefined ? {} : { planSignature: schedule.planSignature }),
        ...startOf(undefined, owner),
        status: NO_RUN_RECORDS,
        ...criticalPathOf(schedule),
        ...(taskGraph === undefined ? {} : { taskGraph }),
        files: runFiles,
      });
      continue;
    }
    const schedule = [owner.runId, ...owner.aliasRunIds].map((id) => schedules.get(id)?.schedule).find((s) => s !== undefined);
    const planSignature = owner.planSignature ?? schedule?.planSignature;
    const drift = driftOf(owner);
    const cache = cacheCounts(owner.cacheLineage.flatMap((l) => l.rows));
    summaries.push({
      runId: owner.runId,
      aliasRunIds: owner.aliasRunIds,
      ...(planSignature === undefined ? {} : { planSignature }),
      ...startOf(owner, owner.runId),
      status: owner.manifest?.status ?? (drift !== undefined && drift.coverage < 1 ? 'partial (no manifest)' : 'no manifest'),
      ...(drift === undefined ? {} : { drift }),
      ...criticalPathOf(schedule),
      ...(cache === undefined ? {} : { cache }),
      ...(taskGraph === undefined ? {} : { taskGraph }),
      files: runFiles,
    });
  }
  return summaries.sort((a, b) => (a.startedAtMs ?? Number.MAX_SAFE_INTEGER) - (b.startedAtMs ?? Number.MAX_SAFE_INTEGER) || compareCodePoints(a.runId, b.runId));
}

/** Milliseconds since the epoch that a UUIDv7 run id starts with (RFC 9562 §5.7); undefined for other ids. */
export function uuid7Time(id: string): number | undefined {
  const m = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.exec(id);
  return m === null ? undefined : parseInt(m[1] + m[2], 16);
}

function startOf(run: PlanRun | undefined, runId: string): Pick<RunSummary, 'startedAtMs' | 'startedFrom'> {
  const manifest = run?.manifest?.eventTimeUnixMs;
  if (manifest !== undefined && manifest !== null) return { startedAtMs: manifest, startedFrom: 'manifest' };
  let first: number | undefined;
  for (const e of run?.events ?? []) if (e.name === 'hamilton_task_routing_v1' && e.eventTimeUnixMs !== null) first = Math.min(first ?? e.eventTimeUnixMs, e.eventTimeUnixMs);
  if (first !== undefined) return { startedAtMs: first, startedFrom: 'events' };
  const fromId = uuid7Time(runId);
  return fromId === undefined ? {} : { startedAtMs: fromId, startedFrom: 'run id' };
}

/**
 * The run's drift as the pipeline recorded it, else as computed from its events. The recorded one wins:
 * the joined model computes drift against one plan for all runs, which is another run's plan when the
 * runs' plans differ.
 */
function driftOf(run: PlanRun): RunSummary['drift'] {
  const recorded = run.recordedDrift;
  const drift = recorded ?? run.drift?.computed;
  if (drift === undefined) return undefined;
  return {
    coverage: drift.admittedTaskCoverageRatio,
    missing: drift.missingAdmittedTasks,
    unexpected: drift.unexpectedAdmittedTasks,
    missingGenerations: drift.missingGenerations,
    from: recorded === undefined ? 'computed' : 'recorded',
  };
}

function criticalPathOf(schedule: Schedule | undefined): Pick<RunSummary, 'criticalPath'> {
  if (schedule?.criticalPathLengthWeighted === null || schedule?.criticalPathLengthWeighted === undefined) return {};
  return { criticalPath: { length: schedule.criticalPathLengthWeighted, tasks: schedule.criticalPathTasks.length } };
}

/** Hits and misses of a run's lineage rows, one per node (a node exported twice counts once). */
export function cacheCounts(rows: readonly CacheLineageRow[]): RunSummary['cache'] {
  if (rows.length === 0) return undefined;
  const byNode = new Map<string, CacheLineageRow>();
  for (const row of rows) byNode.set(row.nodeName, row);
  let hits = 0;
  let misses = 0;
  let failed = 0;
  for (const row of byNode.values()) {
    if (row.error !== null) failed++;
    else if (row.eventTypes.includes('execute_node')) misses++;
    else if (row.eventTypes.includes('get_result')) hits++;
  }
  return { hits, misses, failed };
}

function isPlanFile(path: string, artifact: ReadArtifact | undefined): boolean {
  return isTaskGraphPath(path) || (artifact?.records.some((r) => r.kind === 'plan_schedule_v1' || r.kind === 'plan_validation_v1') ?? false);
}

const KIND_WORDS: Readonly<Record<string, string>> = {
  plan_schedule_v1: 'schedule',
  plan_validation_v1: 'validation',
  run_manifest: 'run manifest',
  hamilton_plan_drift_v1: 'recorded drift',
  run_event: 'events',
  plan_expected_tasks_v1: 'expected tasks',
  hamilton_plan_events_v1: 'event counts',
  hamilton_cache_lineage_v2: 'cache lineage',
  hamilton_cache_lineage_nodes_v1: 'cache lineage rows',
  plan_artifact_row: 'plan artifacts',
  plan_fingerprint: 'plan fingerprints',
  task_graph_diagnostics_v2: 'task graph diagnostics',
  cli_plan: 'CLI plan output',
};

const NAME_WORDS: readonly (readonly [RegExp, string])[] = [
  [/plan_schedule/, 'schedule'],
  [/plan_validation/, 'validation'],
  [/run_manifest/, 'run manifest'],
  [/plan_drift/, 'recorded drift'],
  [/cache_lineage/, 'cache lineage'],
];

function runFile(path: string, artifact: ReadArtifact | undefined, table: boolean): RunFile {
  const name = baseName(path);
  const taskGraph = isTaskGraphPath(path);
  let kind: string;
  if (taskGraph) kind = 'task graph';
  else if (name.endsWith('.dot')) kind = 'task graph (DOT)';
  else {
    const first = artifact?.records[0]?.kind;
    // Files the catalog lists without reading (validations, msgpack twins) are known by their names.
    kind = (first === undefined ? undefined : KIND_WORDS[first]) ?? NAME_WORDS.find(([pattern]) => pattern.test(name))?.[1] ?? 'artifact';
    if (table) kind = `${kind} (Delta table)`;
    else if (name.endsWith('.msgpack')) kind = `${kind} (msgpack)`;
  }
  return { path, kind, taskGraph, table };
}
