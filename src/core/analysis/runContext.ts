/**
 * What a task graph's own run recorded: the `plan_schedule_v1` task costs, the `hamilton_plan_drift_v1`
 * and the Hamilton cache status per node (`hamilton_cache_lineage_v2`). One rule for every view and the
 * CLI: an artifact describes the plan only when it belongs to the plan's run. The pipeline's sink writes a
 * run's diagnostics to `.artifacts/diagnostics/<run_id>/`, so the plan's run is its folder's name, and an
 * artifact whose `run_id` names another run is passed over even in the same folder (a copied or stale
 * file): its costs would weigh the plan as another run did.
 */

import { readArtifact, type ReadArtifact } from '../artifacts/readArtifact';
import { baseName, dirName, joinPath, type FileSystem } from '../fs/fileSystem';
import { cacheStatusByNode, type LineageRun, type NodeCacheStatus } from '../hamiltonCache/lineageStatus';
import type { CacheLineage, CacheLineageRow, PlanDrift } from '../model/planModel';
import { compareCodePoints } from '../text/compareCodePoints';
import { runSiblingKind } from '../workspace/planFiles';
import { recordedDrift, recordedTaskCosts } from './recordedCosts';

export interface RecordedCosts {
  readonly costs: ReadonlyMap<string, number>;
  /** The schedule artifact they come from (a path in the file system the context was read through). */
  readonly file: string;
  readonly runId: string;
}

export interface RunContext {
  /** The run the plan's folder names. */
  readonly runId: string;
  readonly costs?: RecordedCosts;
  /** Why no schedule's costs apply, when none does. */
  readonly noCosts?: string;
  readonly drift?: { readonly drift: PlanDrift; readonly file: string };
  /** The run's cache status per Hamilton node (plan tasks are nodes of the same name). */
  readonly cache?: { readonly file: string; readonly nodes: ReadonlyMap<string, NodeCacheStatus> };
  /** Every file read, so a host can tell when the context is stale. */
  readonly files: readonly string[];
}

/** Earlier runs whose lineage explains this run's misses and hits; older ones add nothing a user acts on. */
const EARLIER_LINEAGE_RUNS = 20;
/** How far up from the run folder a relative lineage `path` is resolved (the pipeline's working directory). */
const ANCESTOR_LEVELS = 6;

/** The run a plan file belongs to: the name of its folder. */
export function runIdOfPath(planPath: string): string {
  return baseName(dirName(planPath));
}

/** Reads the plan's folder for its run's schedule, drift and cache lineage; files over `maxBytes` are passed over. */
export async function runContextOf(fs: FileSystem, planPath: string, maxBytes: number): Promise<RunContext> {
  const folder = dirName(planPath);
  const runId = runIdOfPath(planPath);
  const files: string[] = [];
  const read = async (path: string): Promise<ReadArtifact | undefined> => {
    const stat = await fs.stat(path);
    if (stat?.type !== 'file' || stat.size > maxBytes) return undefined;
    files.push(path);
    return readArtifact(fs, path, { maxBytes });
  };
  let names: string[];
  try {
    names = (await fs.readDirectory(folder)).filter((e) => e.type === 'file').map((e) => e.name);
  } catch {
    return { runId, noCosts: 'the plan\'s folder cannot be listed', files };
  }
  // JSON first: a run writes its schedule as JSON and msgpack, and the JSON one is the one users open.
  names.sort((a, b) => Number(b.endsWith('.json')) - Number(a.endsWith('.json')) || compareCodePoints(a, b));
  const ofRun = (id: string | undefined): boolean => id !== undefined && id.toLowerCase() === runId.toLowerCase();

  let costs: RecordedCosts | undefined;
  /** Schedules passed over, and why, for the views to say. */
  const passedOver: string[] = [];
  let drift: RunContext['drift'];
  let lineage: { readonly file: string; readonly value: CacheLineage } | undefined;
  for (const name of names) {
    const path = joinPath(folder, name);
    const kind = runSiblingKind(name);
    if (kind === 'schedule' && costs === undefined) {
      const artifact = await read(path);
      const recordedRun = artifact === undefined ? undefined : scheduleRunId(artifact);
      const recorded = artifact === undefined ? undefined : recordedTaskCosts(artifact);
      if (recorded !== undefined && ofRun(recordedRun)) costs = { costs: recorded, file: path, runId };
      else if (recordedRun !== undefined) passedOver.push(ofRun(recordedRun) ? `${name} records no task costs` : `${name} is of run ${recordedRun || '(none recorded)'}`);
    } else if (kind === 'drift' && drift === undefined) {
      const artifact = await read(path);
      const recorded = artifact === undefined ? undefined : recordedDrift(artifact);
      if (recorded !== undefined && ofRun(recorded.runId)) drift = { drift: recorded, file: path };
    } else if (kind === 'cacheLineage' && lineage === undefined) {
      for (const record of (await read(path))?.records ?? []) {
        if (record.kind === 'hamilton_cache_lineage_v2' && ofRun(record.value.runId)) lineage = { file: path, value: record.value };
      }
    }
  }
  const cache = lineage === undefined ? undefined : await cacheOfRun(fs, folder, runId, lineage, read);
  return {
    runId,
    ...(costs === undefined ? { noCosts: passedOver.length > 0 ? `no schedule of this run found (${passedOver.join('; ')})` : 'no schedule of this run found' } : { costs }),
    ...(drift === undefined ? {} : { drift }),
    ...(cache === undefined ? {} : { cache }),
    files,
  };
}

/** The run id a schedule artifact records, '' when it records none, undefined when it is no schedule. */
function scheduleRunId(artifact: ReadArtifact): string | undefined {
  for (const record of artifact.records) if (record.kind === 'plan_schedule_v1') return record.value.runId ?? '';
  return undefined;
}

/**
 * The cache status per node: the lineage rows are inline (@C `cache_lineage.json`) or in the file its
 * `path` names, relative to the pipeline's working directory (an ancestor of the run folder). The runs
 * before are the lineage files beside it that sort earlier (run ids are UUIDv7: time-ordered).
 */
async function cacheOfRun(
  fs: FileSystem,
  folder: string,
  runId: string,
  lineage: { readonly file: string; readonly value: CacheLineage },
  read: (path: string) => Promise<ReadArtifact | undefined>,
): Promise<RunContext['cache']> {
  if (lineage.value.rows.length > 0) return { file: lineage.file, nodes: cacheStatusByNode({ runId, rows: lineage.value.rows }, []) };
  const rowsFile = lineage.value.path === undefined ? undefined : await resolveUpwards(fs, folder, lineage.value.path);
  if (rowsFile === undefined) return undefined;
  const rowsOf = async (path: string): Promise<CacheLineageRow[]> => {
    const artifact = await read(path);
    const rows: CacheLineageRow[] = [];
    for (const r of artifact?.records ?? []) {
      if (r.kind === 'hamilton_cache_lineage_nodes_v1') rows.push(r.value);
      else if (r.kind === 'hamilton_cache_lineage_v2') rows.push(...r.value.rows);
    }
    return rows;
  };
  const own = await rowsOf(rowsFile);
  const stem = (name: string): string => name.replace(/\.[^.]*$/, '');
  const dir = dirName(rowsFile);
  const siblings = (await fs.readDirectory(dir).catch(() => []))
    .filter((e) => e.type === 'file' && e.name !== baseName(rowsFile) && stem(e.name) < stem(baseName(rowsFile)))
    .map((e) => e.name)
    .sort(compareCodePoints)
    .slice(-EARLIER_LINEAGE_RUNS);
  const earlier: LineageRun[] = [];
  for (const name of siblings) earlier.push({ runId: stem(name), rows: await rowsOf(joinPath(dir, name)) });
  return { file: rowsFile, nodes: cacheStatusByNode({ runId, rows: own }, earlier) };
}

/** `path` itself when absolute, else the first ancestor of `folder` under which it exists. */
async function resolveUpwards(fs: FileSystem, folder: string, path: string): Promise<string | undefined> {
  if (path.startsWith('/')) return (await fs.stat(path))?.type === 'file' ? path : undefined;
  let dir = folder;
  for (let level = 0; level < ANCESTOR_LEVELS; level++) {
    const candidate = joinPath(dir, path);
    if ((await fs.stat(candidate))?.type === 'file') return candidate;
    const parent = dirName(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
