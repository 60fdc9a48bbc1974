/**
 * What a `_delta_log` holds: commits by version, checkpoints (classic single-file, multi-part, and v2 with
 * a UUID name) and `_last_checkpoint`. Over object storage the log is listed from the checkpoint that
 * `_last_checkpoint` names on (a start-after listing: one request for a table of any age), unless the
 * caller needs the whole log (history, time travel before that checkpoint). Names that match none of the
 * protocol's patterns (.crc, compacted logs, temp files) are ignored. O(entries listed).
 */

import { joinPath } from '../fs/fileSystem';
import { issue, type PlanIssue } from '../issues';
import { parseJsonBytes, isJsonObject } from '../json/parseJson';
import { ObjectStoreError, type CancelSignal, type ObjectInfo, type ObjectStore } from '../objectStore/objectStore';

export type LogObject = ObjectInfo;

export interface CheckpointRef {
  readonly version: number;
  readonly kind: 'classic' | 'multipart' | 'v2';
  /** The checkpoint's files inside `_delta_log`, in part order. */
  readonly files: readonly LogObject[];
  /** For a multi-part checkpoint: the number of parts its names announce. */
  readonly expectedParts?: number;
}

export interface LastCheckpoint {
  readonly version: number;
  readonly parts?: number;
}

export interface DeltaLogListing {
  readonly tablePath: string;
  readonly logDir: string;
  /** Commit files by version. */
  readonly commits: ReadonlyMap<number, LogObject>;
  /** Checkpoints, newest first. */
  readonly checkpoints: readonly CheckpointRef[];
  readonly lastCheckpoint?: LastCheckpoint;
  /** The first version listed: 0 for the whole log, the checkpoint's version when listed from it. */
  readonly listedFrom: number;
  readonly issues: PlanIssue[];
}

export interface ListLogOptions {
  /** List from `_last_checkpoint`'s version on when it names a checkpoint that exists (default false). */
  readonly fromLastCheckpoint?: boolean;
  readonly signal?: CancelSignal;
}

const COMMIT = /^(\d{20})\.json$/;
const CLASSIC = /^(\d{20})\.checkpoint\.parquet$/;
const MULTIPART = /^(\d{20})\.checkpoint\.(\d{10})\.(\d{10})\.parquet$/;
const V2 = /^(\d{20})\.checkpoint\.[0-9a-fA-F-]{36}\.(json|parquet)$/;

export function deltaLogDir(tablePath: string): string {
  return joinPath(tablePath, '_delta_log');
}

export function versionName(version: number): string {
  return String(version).padStart(20, '0');
}

/** Issue codes that mean "no table here", which a pin reports as "table missing". */
export const NO_TABLE_CODES: ReadonlySet<string> = new Set(['delta-no-table', 'delta-no-log']);

async function readLastCheckpoint(store: ObjectStore, logDir: string, signal: CancelSignal | undefined, issues: PlanIssue[]): Promise<LastCheckpoint | undefined> {
  const file = joinPath(logDir, '_last_checkpoint');
  let bytes: Uint8Array;
  try {
    bytes = (await store.get(file, { signal })).bytes;
  } catch (e) {
    if (e instanceof ObjectStoreError && e.kind === 'not-found') return undefined;
    throw e;
  }
  const parsed = parseJsonBytes(bytes, file, { checkDuplicates: false });
  const v = parsed.value;
  if (isJsonObject(v) && typeof v.version === 'number' && Number.isSafeInteger(v.version) && v.version >= 0) {
    return { version: v.version, parts: typeof v.parts === 'number' ? v.parts : undefined };
  }
  issues.push(...parsed.issues.map((i) => ({ ...i, severity: 'warning' as const })));
  if (parsed.issues.length === 0) issues.push(issue('warning', 'delta-last-checkpoint-invalid', '_last_checkpoint has no numeric "version"; the directory listing is used instead', { file }));
  return undefined;
}

function classify(objects: readonly LogObject[]): { commits: Map<number, LogObject>; checkpoints: CheckpointRef[] } {
  const commits = new Map<number, LogObject>();
  const classic = new Map<number, LogObject>();
  const v2 = new Map<number, LogObject>();
  const multipart = new Map<number, { parts: Map<number, LogObject>; expected: number }>();
  for (const o of objects) {
    const name = o.name;
    let m: RegExpExecArray | null;
    if ((m = COMMIT.exec(name))) commits.set(Number(m[1]), o);
    else if ((m = CLASSIC.exec(name))) classic.set(Number(m[1]), o);
    else if ((m = V2.exec(name))) {
      // Two v2 checkpoints of one version are equivalent; keep one, deterministically.
      const v = Number(m[1]);
      const prev = v2.get(v);
      if (prev === undefined || name < prev.name) v2.set(v, o);
    } else if ((m = MULTIPART.exec(name))) {
      const v = Number(m[1]);
      const expected = Number(m[3]);
      const group = multipart.get(v) ?? { parts: new Map<number, LogObject>(), expected };
      group.parts.set(Number(m[2]), o);
      group.expected = Math.max(group.expected, expected);
      multipart.set(v, group);
    }
  }
  const checkpoints: CheckpointRef[] = [];
  for (const [version, o] of v2) checkpoints.push({ version, kind: 'v2', files: [o] });
  for (const [version, o] of classic) if (!v2.has(version)) checkpoints.push({ version, kind: 'classic', files: [o] });
  for (const [version, g] of multipart) {
    if (v2.has(version) || classic.has(version)) continue;
    const files = [...g.parts.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
    checkpoints.push({ version, kind: 'multipart', files, expectedParts: g.expected });
  }
  checkpoints.sort((a, b) => b.version - a.version);
  return { commits, checkpoints };
}

/** Why nothing was listed: nothing at the path at all, or a folder that is not a Delta table. */
async function absentLog(store: ObjectStore, tablePath: string, logDir: string, signal: CancelSignal | undefined): Promise<PlanIssue> {
  const probe = await store.list(tablePath, { limit: 1, signal });
  if (probe.folders.includes('_delta_log')) return issue('error', 'delta-empty-log', 'the _delta_log holds no commits and no checkpoints', { file: logDir });
  if (probe.objects.length === 0 && probe.folders.length === 0) return issue('error', 'delta-no-table', `no such path: nothing at ${tablePath}`, { file: tablePath });
  return issue('error', 'delta-no-log', 'not a Delta table: no _delta_log directory', { file: tablePath });
}

/** Store failures (access denied, timeout, ...) are thrown as ObjectStoreError for the caller to report. */
export async function listDeltaLog(store: ObjectStore, tablePath: string, options: ListLogOptions = {}): Promise<DeltaLogListing> {
  const logDir = deltaLogDir(tablePath);
  const issues: PlanIssue[] = [];
  const signal = options.signal;
  const lastCheckpoint = await readLastCheckpoint(store, logDir, signal, issues);
  let listedFrom = 0;
  let listing: { commits: Map<number, LogObject>; checkpoints: CheckpointRef[] } | undefined;
  if (options.fromLastCheckpoint === true && lastCheckpoint !== undefined) {
    const partial = classify((await store.list(logDir, { startAfter: versionName(lastCheckpoint.version), signal })).objects);
    if (partial.checkpoints.some((c) => c.version === lastCheckpoint.version)) {
      listing = partial;
      listedFrom = lastCheckpoint.version;
    }
  }
  if (listing === undefined) {
    const all = await store.list(logDir, { signal });
    listing = classify(all.objects);
    if (listing.commits.size === 0 && listing.checkpoints.length === 0) {
      const absent = lastCheckpoint === undefined ? await absentLog(store, tablePath, logDir, signal) : issue('error', 'delta-empty-log', 'the _delta_log holds no commits and no checkpoints', { file: logDir });
      return { tablePath, logDir, commits: listing.commits, checkpoints: [], listedFrom, issues: [...issues, absent] };
    }
    if (lastCheckpoint !== undefined && !listing.checkpoints.some((c) => c.version === lastCheckpoint.version)) {
      issues.push(issue('warning', 'delta-last-checkpoint-missing', `_last_checkpoint names version ${lastCheckpoint.version}, but no checkpoint of that version is in the log`, { file: joinPath(logDir, '_last_checkpoint') }));
    }
  }
  return { tablePath, logDir, commits: listing.commits, checkpoints: listing.checkpoints, lastCheckpoint, listedFrom, issues };
}
