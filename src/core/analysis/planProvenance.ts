/**
 * What the pipeline workspace around a plan confirms of its tasks beyond the graph: whether the plan
 * fingerprint a task's links record is what `plan-lens verify` recomputes from the plan-artifact rows
 * (`.artifacts/datafusion_plan_artifacts_v*`, artifact-formats.md §5.2), and the state of the Delta inputs
 * it pins (current, stale, files vacuumed) against the tables its scan units' data files live in. The
 * columns pins need are read once per plan; a task's own rows are read whole and verified when its details
 * first ask, and each pin is resolved once, shared by every request that asks for it (sharedWork.ts: a
 * request that is cancelled stops waiting; the read stops only when every request waiting for it did).
 */

import { FieldReader } from '../artifacts/fields';
import { readPlanArtifactRow } from '../artifacts/planArtifactRow';
import { existingObjects, resolvePins, type PinResolution, type PinState } from '../delta/pins';
import { baseName, dirName, joinPath, type FileSystem } from '../fs/fileSystem';
import type { IdentityCheck } from '../identity/checks';
import { verifyIdentities } from '../identity/verify';
import { scanTaskNames } from '../identity/scanUnits';
import type { ScanUnit, ViewPlan } from '../model/planModel';
import { readRowsAt, readTableRows, type RowPlace } from '../tables/readTableRows';
import { compareCodePoints } from '../text/compareCodePoints';
import { fileSystemStore } from '../objectStore/fileSystemStore';
import type { CancelSignal, ObjectInfo, ObjectStore } from '../objectStore/objectStore';
import { isRemoteAddress } from '../objectStore/objectUri';
import { routedStore } from '../objectStore/routedStore';
import { SharedWork } from '../objectStore/sharedWork';

/** How pins on tables in object storage are read; without `s3`, such a pin says no store is configured. */
export interface ProvenanceStores {
  readonly s3?: ObjectStore;
  /**
   * Where the pipeline's relative data paths (scan units' candidate files, `build/delta/<dataset>`) live
   * when not beside `.artifacts`: e.g. `s3://bucket/warehouse` for a run whose tables are in a bucket.
   */
  readonly dataRoot?: string;
}

/** What one request asks with: its own signal, since a provenance is cached and shared by many requests. */
export interface ProvenanceRequest {
  /**
   * Stops this caller's wait (an `ObjectStoreError` of kind `cancelled`, sharedWork.ts); a read that other
   * callers still wait for goes on.
   */
  readonly signal?: CancelSignal;
}

/** A scan unit's candidate file: where it is (under the data root when relative) and, when there, its size. */
export interface CandidateObject {
  readonly path: string;
  readonly address: string;
  /** Undefined when nothing is at the address. */
  readonly object?: ObjectInfo;
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
/** A file of a Delta table (its log or a data file) or of the plan-artifacts table: what a provenance reads. */
const PROVENANCE_INPUT = /[\\/]_delta_log[\\/]|\.parquet$|datafusion_plan_artifacts/;
const FINGERPRINT_IDENTITIES: ReadonlySet<IdentityCheck['identity']> = new Set(['plan_fingerprint', 'scan_task_fingerprint']);
/** How far up from the run folder the workspace's `.artifacts` folder is looked for. */
const ANCESTOR_LEVELS = 6;
/**
 * The columns pins need (v1 JSON and v10 msgpack twins; a table has one of each pair). The rest of a row
 * (Substrait, settings, UDF snapshots: most of its bytes) is read only for the rows of a task whose
 * fingerprint is asked: 100k rows read whole and verified took 50 s and 1.9 GB.
 */
const PIN_COLUMNS = ['view_name', 'event_time_unix_ms', 'event_kind', 'plan_fingerprint', 'delta_inputs_json', 'delta_inputs_msgpack', 'scan_units_json', 'scan_units_msgpack'];

/** The plan-artifact rows, as far as pins need them, with where each row is to verify it whole later. */
interface PlanArtifactIndex {
  /** Each view's latest row. */
  readonly views: ReadonlyMap<string, ViewPlan>;
  readonly units: ReadonlyMap<string, ScanUnit>;
  readonly rowsOfView: ReadonlyMap<string, readonly RowPlace[]>;
  /** One row holding each scan unit: the unit's fingerprint depends on the unit alone. */
  readonly rowOfUnit: ReadonlyMap<string, RowPlace>;
  readonly tableOfRow: ReadonlyMap<RowPlace, string>;
}

const EMPTY_INDEX: PlanArtifactIndex = { views: new Map(), units: new Map(), rowsOfView: new Map(), rowOfUnit: new Map(), tableOfRow: new Map() };

/** A pin as the provenance resolves it: the table's dataset, the pinned version, and where its candidate files are. */
interface PinTarget {
  readonly dataset: string;
  readonly version?: number;
  readonly timestamp?: string;
  readonly unit?: ScanUnit;
  readonly candidateCount?: number;
  readonly scanUnit?: string;
  /** The unit's candidate files as addresses (relative ones under the data root). */
  readonly candidates: readonly string[];
}

/** Whether a changed file can change what a provenance says: other files of a run never do. */
export function isProvenanceInput(file: string): boolean {
  return PROVENANCE_INPUT.test(file);
}

/**
 * The workspace's `.artifacts` folder holding the plan (looked for up to six levels up): the folder a
 * provenance is read from, so every plan of the workspace shares one.
 */
export function artifactsFolderOf(planPath: string): string | undefined {
  return ancestorNamed(dirName(planPath), '.artifacts');
}

export class PlanProvenance {
  private readonly resolved = new SharedWork<PinResolution | undefined>();
  private readonly verified = new Map<string, Promise<readonly IdentityCheck[]>>();
  private names: { readonly byKey: ReadonlyMap<string, string>; readonly keyOf: ReadonlyMap<string, string> } | undefined;
  private readonly store: ObjectStore;

  private constructor(
    private readonly fs: FileSystem,
    private readonly stores: ProvenanceStores,
    private readonly maxBytes: number,
    /** The pipeline's working directory (the parent of `.artifacts`), which scan units' file paths are relative to. */
    readonly root: string | undefined,
    /** Why fingerprints cannot be checked at all, when they cannot. */
    private readonly unchecked: string | undefined,
    private readonly index: PlanArtifactIndex,
  ) {
    this.store = routedStore(fileSystemStore(fs), stores.s3);
  }

  /** The provenance of the workspace the plan is in (`artifactsFolderOf`). */
  static of(fs: FileSystem, planPath: string, maxBytes: number, stores: ProvenanceStores = {}): Promise<PlanProvenance> {
    const artifactsDir = artifactsFolderOf(planPath);
    if (artifactsDir === undefined) return Promise.resolve(new PlanProvenance(fs, stores, maxBytes, undefined, 'the plan is not inside a pipeline workspace (no .artifacts folder above it)', EMPTY_INDEX));
    return PlanProvenance.inArtifacts(fs, artifactsDir, maxBytes, stores);
  }

  /** The provenance of the workspace whose `.artifacts` folder is `artifactsDir`: its plan-artifact rows' pin columns read now. */
  static async inArtifacts(fs: FileSystem, artifactsDir: string, maxBytes: number, stores: ProvenanceStores = {}): Promise<PlanProvenance> {
    const none = (why: string): PlanProvenance => new PlanProvenance(fs, stores, maxBytes, dirName(artifactsDir), why, EMPTY_INDEX);
    const entries = await fs.readDirectory(artifactsDir).catch(() => []);
    const tables = entries.filter((e) => e.type === 'directory' && PLAN_ARTIFACT_TABLE.test(e.name)).map((e) => joinPath(artifactsDir, e.name)).sort(compareCodePoints);
    if (tables.length === 0) return none(`no datafusion_plan_artifacts table in ${baseName(artifactsDir)}`);
    return new PlanProvenance(fs, stores, maxBytes, dirName(artifactsDir), undefined, await indexRows(fs, tables, maxBytes));
  }

  /**
   * Whether `recorded`, the fingerprint on the task's links, is what the task's plan-artifact rows hash to.
   * A scan task is found by its scan unit's key when the caller knows it, else by its name.
   */
  async fingerprint(task: string, recorded: string, scanUnitKey?: string): Promise<FingerprintCheck> {
    if (this.unchecked !== undefined) return { verified: 'not-checked', reason: this.unchecked };
    const checks = await this.checksOf(task, scanUnitKey);
    if (checks.length === 0) return { verified: 'not-checked', reason: 'no plan-artifact row names this task or its scan unit' };
    if (checks.some((c) => c.computed === recorded && c.status !== 'mismatch')) return { verified: 'ok' };
    const computed = checks.find((c) => c.computed !== undefined)?.computed;
    if (computed !== undefined) return { verified: 'mismatch', reason: `its plan-artifact row recomputes to ${computed}` };
    return { verified: 'not-checked', reason: checks[0].note ?? 'its plan-artifact row lacks an input of the fingerprint' };
  }

  /** The task's fingerprint checks, from its own rows read whole and verified once. */
  private checksOf(task: string, scanUnitKey: string | undefined): Promise<readonly IdentityCheck[]> {
    const key = scanUnitKey ?? this.scanTaskNames().keyOf.get(task);
    const id = `${task}\n${key ?? ''}`;
    let found = this.verified.get(id);
    if (found === undefined) {
      found = (async () => {
        const unitRow = key === undefined ? undefined : this.index.rowOfUnit.get(key);
        const places = unitRow !== undefined ? [unitRow] : (this.index.rowsOfView.get(task) ?? []);
        if (places.length === 0) return [];
        const read = await readRowsAt(this.fs, places, { maxBytes: this.maxBytes });
        const artifacts = read.rows.map((data, i) => ({ file: this.index.tableOfRow.get(read.places?.[i] ?? places[i]) ?? '', pointer: `/${i}`, data, encoding: 'json' as const }));
        return verifyIdentities(artifacts, { scanTaskNames: this.scanTaskNames().byKey }).checks.filter((c) => FINGERPRINT_IDENTITIES.has(c.identity) && c.subject === task);
      })();
      this.verified.set(id, found);
    }
    return found;
  }

  /** Scan task names over every unit the table records, computed when a fingerprint first needs them. */
  private scanTaskNames(): NonNullable<PlanProvenance['names']> {
    if (this.names === undefined) {
      const byKey = scanTaskNames([...this.index.units.keys()]);
      this.names = { byKey, keyOf: new Map([...byKey].map(([k, name]) => [name, k])) };
    }
    return this.names;
  }

  /**
   * The Delta inputs a task pins: a scan task's own scan unit, a view's latest plan-artifact row's inputs.
   * @throws an `ObjectStoreError` of kind `cancelled` when the request's signal aborts first.
   */
  async pins(task: string, scan: ScanEvidence | undefined, request: ProvenanceRequest = {}): Promise<TaskPinState[]> {
    return Promise.all(this.targets(task, scan).map(async (t) => this.pinState(t, await this.resolve(t, request.signal))));
  }

  /**
   * The task's pins as far as they are known without reading: undefined while a table of theirs has not
   * been read (the Delta Pins view then says it is being read).
   */
  knownPins(task: string, scan: ScanEvidence | undefined): TaskPinState[] | undefined {
    const out: TaskPinState[] = [];
    for (const t of this.targets(task, scan)) {
      const known = this.resolved.peek(resolutionKey(t));
      if (known === undefined) return undefined;
      out.push(this.pinState(t, known.value));
    }
    return out;
  }

  /**
   * Where a pin's table is looked for, before anything is read: the folder of its first candidate file,
   * else `build/delta/<dataset>` under the data root. What a view shows while the table is being read.
   */
  tableHint(task: string, scan: ScanEvidence | undefined): string | undefined {
    const [first] = this.targets(task, scan);
    if (first === undefined) return undefined;
    const root = this.dataRoot;
    return first.candidates.length > 0 ? dirName(first.candidates[0]) : root === undefined ? undefined : joinPath(root, 'build', 'delta', first.dataset);
  }

  /**
   * Whether each candidate file is in its store (local, or under an `s3://` data root), with its size:
   * one listing per folder of several candidates, a HEAD for a lone one (as pins check them).
   * @throws an `ObjectStoreError` when the store cannot answer (kind `cancelled` when the signal aborted).
   */
  async candidateObjects(files: readonly string[], request: ProvenanceRequest = {}): Promise<CandidateObject[]> {
    const addresses = files.map((f) => this.dataAddress(f));
    const found = await existingObjects(this.store, addresses, request.signal);
    return files.map((path, i) => {
      const object = found.get(addresses[i]);
      return { path, address: addresses[i], ...(object === undefined ? {} : { object }) };
    });
  }

  /** The pins of every view with a plan-artifact row, for a whole-run report (`plan-lens analyze DIR`). */
  async allPins(): Promise<Array<TaskPinState & { readonly view: string }>> {
    const out: Array<TaskPinState & { readonly view: string }> = [];
    for (const view of [...this.index.views.keys()].sort(compareCodePoints)) for (const pin of await this.pins(view, undefined)) out.push({ view, ...pin });
    return out;
  }

  /** Where the pipeline's relative data paths are: the data root, else the parent of `.artifacts`. */
  private get dataRoot(): string | undefined {
    return this.stores.dataRoot ?? this.root;
  }

  /** A data path as an address: absolute paths and URIs as they are, relative ones under the data root. */
  private dataAddress(file: string): string {
    const root = this.dataRoot;
    return file.startsWith('/') || isRemoteAddress(file) || root === undefined ? file : joinPath(root, file);
  }

  private targets(task: string, scan: ScanEvidence | undefined): PinTarget[] {
    const target = (dataset: string, version: number | undefined, unit: ScanUnit | undefined, more: Partial<PinTarget> = {}): PinTarget => ({
      dataset,
      ...(version === undefined ? {} : { version }),
      ...(unit === undefined ? {} : { unit }),
      ...more,
      candidates: (unit?.candidateFiles ?? []).map((f) => this.dataAddress(f)),
    });
    if (scan !== undefined) {
      const unit = scan.scanUnitKey === undefined ? undefined : this.index.units.get(scan.scanUnitKey);
      return [target(scan.dataset, scan.version ?? unit?.deltaVersion ?? undefined, unit, { ...(scan.candidateFileCount === undefined ? {} : { candidateCount: scan.candidateFileCount }), ...(scan.scanUnitKey === undefined ? {} : { scanUnit: scan.scanUnitKey }) })];
    }
    const row = this.index.views.get(task);
    if (row === undefined) return [];
    if (row.scanUnits.length > 0) return row.scanUnits.map((u) => target(u.datasetName, u.deltaVersion ?? undefined, u, { scanUnit: u.key }));
    return row.deltaInputs.map((p) => target(p.datasetName, p.version ?? undefined, undefined, p.timestamp === null || p.timestamp === undefined ? {} : { timestamp: p.timestamp }));
  }

  private pinState(t: PinTarget, resolution: PinResolution | undefined): TaskPinState {
    return {
      dataset: t.dataset,
      ...(t.version === undefined ? {} : { version: t.version }),
      ...(t.timestamp === undefined ? {} : { timestamp: t.timestamp }),
      state: resolution === undefined ? 'table not in the workspace: not checked' : stateOf(resolution),
      stateKind: resolution === undefined ? 'not-checked' : resolution.state,
      ...(t.candidateCount === undefined && t.unit === undefined ? {} : { candidateFiles: t.candidateCount ?? t.candidates.length }),
      ...(t.scanUnit === undefined ? {} : { scanUnit: t.scanUnit }),
      ...(t.unit === undefined ? {} : { projectedColumns: t.unit.projectedColumns, pushedFilters: t.unit.pushedFilters }),
    };
  }

  /**
   * The pin against its table, read once for every caller. The read runs under the shared work's own
   * signal, not the caller's: a caller that cancels only stops waiting, and the read stops when no caller
   * waits any more (then it is not kept, so the next caller reads again).
   */
  private resolve(t: PinTarget, signal: CancelSignal | undefined): Promise<PinResolution | undefined> {
    const { dataset, version, candidates } = t;
    return this.resolved.run(
      resolutionKey(t),
      async (shared) => {
        const tablePath = await this.tableOf(dataset, candidates, shared);
        if (tablePath === undefined) return undefined;
        const [resolution] = await resolvePins(this.store, [{ dataset, tablePath, ...(version === undefined ? {} : { version }), candidateFiles: candidates }], { signal: shared });
        return resolution;
      },
      signal,
    );
  }

  /**
   * The Delta table holding the candidate files (their nearest folder with a `_delta_log`), else
   * `build/delta/<dataset>`. Candidates in object storage whose table cannot be found (or reached) are
   * resolved against their nearest folder, so the pin says why.
   */
  private async tableOf(dataset: string, candidates: readonly string[], signal: CancelSignal): Promise<string | undefined> {
    const isTable = async (dir: string): Promise<boolean> => {
      if (!isRemoteAddress(dir)) return (await this.fs.stat(joinPath(dir, '_delta_log')))?.type === 'directory';
      const probe = await this.store.list(joinPath(dir, '_delta_log'), { limit: 1, signal });
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
    const root = this.dataRoot;
    if (root === undefined) return undefined;
    const conventional = joinPath(root, 'build', 'delta', dataset);
    try {
      return (await isTable(conventional)) || isRemoteAddress(conventional) ? conventional : undefined;
    } catch {
      return conventional;
    }
  }
}

/** A pin's resolution is shared by every pin with the same table, version and candidate files. */
function resolutionKey(t: PinTarget): string {
  return JSON.stringify([t.dataset, t.version ?? null, t.candidates]);
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

/** Reads the pin columns of every plan-artifact row: each view's latest row, each scan unit, and where their rows are. */
async function indexRows(fs: FileSystem, tables: readonly string[], maxBytes: number): Promise<PlanArtifactIndex> {
  const views = new Map<string, ViewPlan>();
  const units = new Map<string, ScanUnit>();
  const rowsOfView = new Map<string, RowPlace[]>();
  const rowOfUnit = new Map<string, RowPlace>();
  const tableOfRow = new Map<RowPlace, string>();
  for (const table of tables) {
    const read = await readTableRows(fs, table, { maxBytes, columns: PIN_COLUMNS });
    const reader = new FieldReader(table, undefined, []);
    read.rows.forEach((row, i) => {
      const place = read.places?.[i];
      const view = readPlanArtifactRow(row, reader, `/rows/${i}`);
      const known = views.get(view.viewName);
      if (known === undefined || (view.eventTimeUnixMs ?? 0) >= (known.eventTimeUnixMs ?? 0)) views.set(view.viewName, view);
      for (const unit of view.scanUnits) units.set(unit.key, unit);
      if (place === undefined) return;
      tableOfRow.set(place, table);
      const rows = rowsOfView.get(view.viewName);
      if (rows === undefined) rowsOfView.set(view.viewName, [place]);
      else rows.push(place);
      for (const unit of view.scanUnits) if (!rowOfUnit.has(unit.key)) rowOfUnit.set(unit.key, place);
    });
  }
  return { views, units, rowsOfView, rowOfUnit, tableOfRow };
}
