/**
 * What a task graph's own run recorded beside it: the `plan_schedule_v1` task costs and the
 * `hamilton_plan_drift_v1`. One rule for every view and the CLI (artifact-formats.md §3.2): a schedule
 * weighs the plan only when it belongs to the plan's run. The pipeline writes a run's diagnostics to
 * `.artifacts/diagnostics/<run_id>/`, so the run is the folder's name when that is a run id, and a
 * schedule whose `run_id` names another run is not used even in the same folder (a copied or stale file).
 * Without a run id in the path, the folder's schedules count only when they all name one run.
 */

import { readArtifactBytes, type ReadArtifact } from '../artifacts/readArtifact';
import { recordedDrift, recordedTaskCosts } from './recordedCosts';
import { baseName, dirName, joinPath, type FileSystem } from '../fs/fileSystem';
import type { PlanDrift } from '../model/planModel';

export interface RecordedCosts {
  readonly costs: ReadonlyMap<string, number>;
  /** The schedule artifact they come from (as the caller named the plan: relative or absolute). */
  readonly file: string;
  readonly runId: string;
}

export interface RunContext {
  /** The run the plan belongs to, when its path says so. */
  readonly runId?: string;
  readonly costs?: RecordedCosts;
  readonly drift?: { readonly drift: PlanDrift; readonly file: string };
}

const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCHEDULE = /plan_schedule.*\.(json|msgpack)$/;
const DRIFT = /plan_drift.*\.(json|msgpack)$/;

/** The run id a plan file's path carries (its folder's name), if any. */
export function runIdOfPath(planPath: string): string | undefined {
  const folder = baseName(dirName(planPath));
  return RUN_ID.test(folder) ? folder.toLowerCase() : undefined;
}

/**
 * Reads the plan's folder for its run's schedule and drift. Files larger than `maxBytes` are passed over
 * (the views then say costs come from priorities). JSON is preferred to msgpack when a run wrote both.
 */
export async function runContextOf(fs: FileSystem, planPath: string, maxBytes: number): Promise<RunContext> {
  const folder = dirName(planPath);
  const pathRunId = runIdOfPath(planPath);
  let entries: readonly { readonly name: string; readonly type: string }[];
  try {
    entries = await fs.readDirectory(folder);
  } catch {
    return pathRunId === undefined ? {} : { runId: pathRunId };
  }
  const names = entries.filter((e) => e.type === 'file').map((e) => e.name).sort((a, b) => Number(b.endsWith('.json')) - Number(a.endsWith('.json')) || (a < b ? -1 : a > b ? 1 : 0));
  const read = async (name: string): Promise<ReturnType<typeof readArtifactBytes> | undefined> => {
    const path = joinPath(folder, name);
    const stat = await fs.stat(path);
    if (stat === undefined || stat.size > maxBytes) return undefined;
    return readArtifactBytes(await fs.readFile(path), name);
  };
  const schedules: { readonly file: string; readonly runId: string; readonly costs: ReadonlyMap<string, number> }[] = [];
  let drift: RunContext['drift'];
  for (const name of names) {
    if (SCHEDULE.test(name)) {
      // A run writes its schedule as JSON and msgpack: once one of the run's is read, the other is not.
      if (pathRunId !== undefined && schedules.some((s) => s.runId === pathRunId)) continue;
      const artifact = await read(name);
      const costs = artifact === undefined ? undefined : recordedTaskCosts(artifact);
      if (artifact !== undefined && costs !== undefined) schedules.push({ file: joinPath(folder, name), runId: scheduleRunId(artifact), costs });
    } else if (DRIFT.test(name) && drift === undefined) {
      const artifact = await read(name);
      const recorded = artifact === undefined ? undefined : recordedDrift(artifact);
      if (recorded !== undefined && (pathRunId === undefined || recorded.runId.toLowerCase() === pathRunId)) drift = { drift: recorded, file: joinPath(folder, name) };
    }
  }
  const runIds = new Set(schedules.map((s) => s.runId));
  const runId = pathRunId ?? (runIds.size === 1 ? [...runIds][0] : undefined);
  const schedule = runId === undefined ? undefined : schedules.find((s) => s.runId === runId);
  return {
    ...(runId === undefined ? {} : { runId }),
    ...(schedule === undefined ? {} : { costs: { costs: schedule.costs, file: schedule.file, runId: schedule.runId } }),
    ...(drift === undefined ? {} : { drift }),
  };
}

/** The run id a schedule artifact records (lower case), or '' when it records none. */
function scheduleRunId(artifact: ReadArtifact): string {
  for (const record of artifact.records) if (record.kind === 'plan_schedule_v1') return (record.value.runId ?? '').toLowerCase();
  return '';
}
