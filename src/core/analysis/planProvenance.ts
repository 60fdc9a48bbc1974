/**
 * What the pipeline workspace around a plan confirms of its tasks beyond the graph: whether the plan
 * fingerprint a task's links record is what `plan-lens verify` recomputes from the plan-artifact rows
 * (`.artifacts/datafusion_plan_artifacts_v*`, artifact-formats.md §5.2), and the state of the Delta inputs
 * it pins (current, stale, files vacuumed) against the tables its scan units' data files live in. The
 * rows are read and verified once per plan; each pin is resolved once, when a task's details ask.
 */

import { pipelineTableOfRows } from '../artifacts/pipelineTables';
import { resolvePins, type PinResolution, type PinState } from '../delta/pins';
import { baseName, dirName, joinPath, type FileSystem } from '../fs/fileSystem';
import type { IdentityCheck } from '../identity/checks';
import { verifyIdentities } from '../identity/verify';
import { loadIdentityArtifacts } from '../identity/verifyFiles';
import type { ScanUnit, ViewPlan } from '../model/planModel';
import { readTableRows } from '../tables/readTableRows';
import { compareCodePoints } from '../text/compareCodePoints';
import { fileSystemStore } from '../objectStore/fileSystemStore';
import type { CancelSignal, ObjectStore } from '../objectStore/objectStore';
import { isRemoteAddress } from '../objectStore/objectUri';
import { routedStore } from '../objectStore/routedStore';

/** How pins on tables in object storage are read; without `s3`, such a pin says no store is configured. */
export interface ProvenanceStores {
  readonly s3?: ObjectStore;
  /**
   * Where the pipeline's relative data paths (scan units' candidate files, `build/delta/<dataset>`) live
   * when not beside `.artifacts`: e.g. `s3://bucket/warehouse` for a run whose tables are in a bucket.
   */
  readonly dataRoot?: string;
  readonly signal?: CancelSignal;
}

export interface FingerprintCheck {
  readonly verified: 'ok' | 'mismatch' | 'not-checked';
  readonly reason?: string;
}

/** What a scan task's output evidence records of its scan (the node-link graph's scan_* fields). */
export interface ScanEvidence {
  readonly dataset: string;
  readonly version?: number;
  readonly candidateFileCount?: number;
  readonly scanUnitKey?: string;
}

export interface TaskPinState {
  readonly dataset: string;
  readonly version?: number;
  readonly timestamp?: string;
  /**
   * In words: "current", "stale: 1 version behind (...)", "files vacuumed: ...", "table not in the workspace",
   * "table missing: ...", "access denied: ...", "cannot reach the table: ...".
   */
  readonly state: string;
  /** The state as a value (delta/pins.ts `PinState`), or `not-checked` when no table was found to check. */
  readonly stateKind?: PinState | 'not-checked';
  readonly candidateFiles?: number;
  readonly scanUnit?: string;
  readonly projectedColumns?: readonly string[];
  readonly pushedFilters?: readonly string[];
}

const PLAN_ARTIFACT_TABLE = /^datafusion_plan_artifacts_v\d+$/;
const FINGERPRINT_IDENTITIES: ReadonlySet<IdentityCheck['identity']> = new Set(['plan_fingerprint', 'scan_task_fingerprint']);
/** How far up from the run folder the workspace's `.artifacts` folder is looked for. */
const ANCESTOR_LEVELS = 6;

export class PlanProvenance {
  private readonly resolved = new Map<string, Promise<PinResolution | undefined>>();
  private readonly store: ObjectStore;

  private constructor(
    private readonly fs: FileSystem,
    private readonly stores: ProvenanceStores,
    /** The pipeline's working directory (the parent of `.artifacts`), which scan units' file paths are relative to. */
    readonly root: string | undefined,
    /** Why fingerprints cannot be checked at all, when they cannot. */
    private readonly unchecked: string | undefined,
    private readonly checks: ReadonlyMap<string, readonly IdentityCheck[]>,
    private readonly views: ReadonlyMap<string, ViewPlan>,
    private readonly units: ReadonlyMap<string, ScanUnit>,
  ) {
    this.store = routedStore(fileSystemStore(fs), stores.s3);
  }

  static async of(fs: FileSystem, planPath: string, maxBytes: number, stores: ProvenanceStores = {}): Promise<PlanProvenance> {
    const artifactsDir = ancestorNamed(dirName(planPath), '.artifacts');
    const none = (why: string): PlanProvenance => new PlanProvenance(fs, stores, artifactsDir === undefined ? undefined : dirName(artifactsDir), why, new Map(), new Map(), new Map());
    if (artifactsDir === undefined) return none('the plan is not inside a pipeline workspace (no .artifacts folder above it)');
    const entries = await fs.readDirectory(artifactsDir).catch(() => []);
    const tables = entries.filter((e) => e.type === 'directory' && PLAN_ARTIFACT_TABLE.test(e.name)).map((e) => joinPath(artifactsDir, e.name)).sort(compareCodePoints);
    if (tables.length === 0) return none(`no datafusion_plan_artifacts table in ${baseName(artifactsDir)}`);
    const checks = new Map<string, IdentityCheck[]>();
    const views = new Map<string, ViewPlan>();
    const units = new Map<string, ScanUnit>();
    for (const table of tables) {
      const rows = await readTableRows(fs, table, { maxBytes });
      const loaded = await loadIdentityArtifacts(fs, [table], { maxBytes, readTable: async () => rows });
      for (const check of verifyIdentities(loaded.artifacts).checks) {
        if (!FINGERPRINT_IDENTITIES.has(check.identity)) continue;
        checks.set(check.subject, [...(checks.get(check.subject) ?? []), check]);
      }
      for (const record of pipelineTableOfRows(table, rows).records) {
        if (record.kind !== 'plan_artifact_row') continue;
        const row = record.value;
        const known = views.get(row.viewName);
        if (known === undefined || (row.eventTimeUnixMs ?? 0) >= (known.eventTimeUnixMs ?? 0)) views.set(row.viewName, row);
        for (const unit of row.scanUnits) units.set(unit.key, unit);
      }
    }
    return new PlanProvenance(fs, stores, dirName(artifactsDir), undefined, checks, views, units);
  }

  /** Whether `recorded`, the fingerprint on the task's links, is what the task's plan-artifact rows hash to. */
  fingerprint(task: string, recorded: string): FingerprintCheck {
    if (this.unchecked !== undefined) return { verified: 'not-checked', reason: this.unchecked };
    const checks = this.checks.get(task) ?? [];
    if (checks.length === 0) return { verified: 'not-checked', reason: 'no plan-artifact row names this task or its scan unit' };
    if (checks.some((c) => c.computed === recorded && c.status !== 'mismatch')) return { verified: 'ok' };
    const computed = checks.find((c) => c.computed !== undefined)?.computed;
    if (computed !== undefined) return { verified: 'mismatch', reason: `its plan-artifact row recomputes to ${computed}` };
    return { verified: 'not-checked', reason: checks[0].note ?? 'its plan-artifact row lacks an input of the fingerprint' };
  }

  /** The Delta inputs a task pins: a scan task's own scan unit, a view's latest plan-artifact row's inputs. */
  async pins(task: string, scan: ScanEvidence | undefined): Promise<TaskPinState[]> {
    if (scan !== undefined) {
      const unit = scan.scanUnitKey === undefined ? undefined : this.units.get(scan.scanUnitKey);
      const version = scan.version ?? unit?.deltaVersion ?? undefined;
      return [await this.pinState(scan.dataset, version, unit, scan.candidateFileCount, scan.scanUnitKey)];
    }
    const row = this.views.get(task);
    if (row === undefined) return [];
    if (row.scanUnits.length > 0) return Promise.all(row.scanUnits.map((u) => this.pinState(u.datasetName, u.deltaVersion ?? undefined, u, undefined, u.key)));
    return Promise.all(row.deltaInputs.map((p) => this.pinState(p.datasetName, p.version ?? undefined, undefined, undefined, undefined, p.timestamp ?? undefined)));
  }

  /** The pins of every view with a plan-artifact row, for a whole-run report (`plan-lens analyze DIR`). */
  async allPins(): Promise<Array<TaskPinState & { readonly view: string }>> {
    const out: Array<TaskPinState & { readonly view: string }> = [];
    for (const view of [...this.views.keys()].sort(compareCodePoints)) for (const pin of await this.pins(view, undefined)) out.push({ view, ...pin });
    return out;
  }

  private async pinState(dataset: string, version: number | undefined, unit: ScanUnit | undefined, candidateCount: number | undefined, scanUnit: string | undefined, timestamp?: string): Promise<TaskPinState> {
    const root = this.stores.dataRoot ?? this.root;
    const candidates = (unit?.candidateFiles ?? []).map((f) => (f.startsWith('/') || isRemoteAddress(f) || root === undefined ? f : joinPath(root, f)));
    const resolution = await this.resolve(dataset, version, candidates);
    return {
      dataset,
      ...(version === undefined ? {} : { version }),
      ...(timestamp === undefined ? {} : { timestamp }),
      state: resolution === undefined ? 'table not in the workspace: not checked' : stateOf(resolution),
      stateKind: resolution === undefined ? 'not-checked' : resolution.state,
      ...(candidateCount === undefined && unit === undefined ? {} : { candidateFiles: candidateCount ?? candidates.length }),
      ...(scanUnit === undefined ? {} : { scanUnit }),
      ...(unit === undefined ? {} : { projectedColumns: unit.projectedColumns, pushedFilters: unit.pushedFilters }),
    };
  }

  private resolve(dataset: string, version: number | undefined, candidates: readonly string[]): Promise<PinResolution | undefined> {
    const key = JSON.stringify([dataset, version ?? null, candidates]);
    let found = this.resolved.get(key);
    if (found === undefined) {
      found = (async () => {
        const tablePath = await this.tableOf(dataset, candidates);
        if (tablePath === undefined) return undefined;
        const [resolution] = await resolvePins(this.store, [{ dataset, tablePath, ...(version === undefined ? {} : { version }), candidateFiles: candidates }], { signal: this.stores.signal });
        return resolution;
      })();
      this.resolved.set(key, found);
    }
    return found;
  }

  /**
   * The Delta table holding the candidate files (their nearest folder with a `_delta_log`), else
   * `build/delta/<dataset>`. Candidates in object storage whose table cannot be found (or reached) are
   * resolved against their nearest folder, so the pin says why.
   */
  private async tableOf(dataset: string, candidates: readonly string[]): Promise<string | undefined> {
    const isTable = async (dir: string): Promise<boolean> => {
      if (!isRemoteAddress(dir)) return (await this.fs.stat(joinPath(dir, '_delta_log')))?.type === 'directory';
      const probe = await this.store.list(joinPath(dir, '_delta_log'), { limit: 1, signal: this.stores.signal });
      return probe.objects.length > 0;
    };
    if (candidates.length > 0) {
      const first = candidates[0];
      try {
        for (let dir = dirName(first), level = 0; level < ANCESTOR_LEVELS && dir !== dirName(dir) && !dir.endsWith(':/'); dir = dirName(dir), level++) {
          if (await isTable(dir)) return dir;
        }
      } catch {
        // The store's failure is what the pin must say: resolving against the folder reports it.
        return dirName(first);
      }
      if (isRemoteAddress(first)) return dirName(first);
    }
    const root = this.stores.dataRoot ?? this.root;
    if (root === undefined) return undefined;
    const conventional = joinPath(root, 'build', 'delta', dataset);
    try {
      return (await isTable(conventional)) || isRemoteAddress(conventional) ? conventional : undefined;
    } catch {
      return conventional;
    }
  }
}

/** Why a table cannot be read, from the first issue that says so. */
function reason(r: PinResolution): string {
  const first = r.issues.find((i) => i.severity === 'error');
  return first === undefined ? '' : `: ${first.message}`;
}

function stateOf(r: PinResolution): string {
  switch (r.state) {
    case 'table-missing':
      return `table missing: no Delta table at ${r.tablePath}${reason(r)}`;
    case 'access-denied':
      return `access denied: the store refuses to read ${r.tablePath} with these credentials${reason(r)}`;
    case 'no-credentials':
      return `cannot reach the table: no credentials for ${r.tablePath} (the AWS SDK found none in the environment, profile or config files)`;
    case 'timeout':
      return `cannot reach the table: ${r.tablePath} did not answer in time, retries included`;
    case 'unreachable':
      return `cannot reach the table${reason(r)}`;
    default:
      break;
  }
  const gone = r.candidates.filter((c) => !c.existsOnDisk).length;
  if (gone > 0) return `files vacuumed: ${gone} of ${r.candidates.length} candidate files are gone, so the plan cannot be reproduced`;
  if (r.pinnedVersion === undefined) return `the pinned version cannot be read${r.issues.length > 0 ? `: ${r.issues[0].message}` : ''}`;
  const behind = r.versionsBehind ?? 0;
  if (behind <= 0) return 'current';
  const inactive = r.candidates.filter((c) => !c.activeAtLatest).length;
  const dropped = inactive > 0 ? `; ${inactive} of its ${r.candidates.length} candidate files are no longer in the table` : '';
  return `stale: ${behind} version${behind === 1 ? '' : 's'} behind (the table is at version ${r.latestVersion ?? '?'})${dropped}`;
}

function ancestorNamed(start: string, name: string): string | undefined {
  for (let dir = start, level = 0; level < ANCESTOR_LEVELS && dir !== dirName(dir); dir = dirName(dir), level++) {
    if (baseName(dir) === name) return dir;
  }
  return undefined;
}
