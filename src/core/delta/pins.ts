/**
 * Delta input pins against their tables, local or in object storage: pinned version vs latest, the pinned
 * commit's time, file counts, whether each candidate file of the plan still exists (a vacuumed file means
 * the plan cannot be reproduced), and, when the table cannot be read at all, why: missing, access denied,
 * no credentials, no answer, unreachable. `resolvePin` is pure over reader results; `resolvePins` gathers
 * them through a file system or an object store. O(active files + candidates) per pin after the reads.
 */

import { dirName } from '../fs/fileSystem';
import { issue, type PlanIssue } from '../issues';
import { isObjectStoreError, objectName, type CancelSignal, type ObjectInfo, type ObjectStore } from '../objectStore/objectStore';
import { decodeLogPath } from './actions';
import { dataFilePath } from './dataFiles';
import { readDeltaTable, storeIssue, storeOf, type DeltaSource, type DeltaTableResult } from './deltaTable';
import { NO_TABLE_CODES } from './logListing';

export interface DeltaPin {
  readonly dataset: string;
  readonly tablePath: string;
  readonly version?: number;
  readonly timestamp?: number | string;
  /** Data files the plan scans: table-relative log paths, absolute paths, `file:` or `s3://` URIs. */
  readonly candidateFiles?: readonly string[];
}

export interface CandidateFileState {
  readonly path: string;
  /** Whether the file exists in its store (the name predates object storage). */
  readonly existsOnDisk: boolean;
  readonly activeAtPin: boolean;
  readonly activeAtLatest: boolean;
}

/**
 * A pin's state, most urgent first when several apply: the table cannot be reached (`no-credentials`,
 * `access-denied`, `timeout`, `unreachable`: throttled past the retries, connection refused, other store
 * failures), is not there (`table-missing`), the pinned version cannot be read (`unreadable`), candidate
 * files are gone (`vacuumed`), the table moved on (`stale`), or `current`.
 */
export type PinState = 'current' | 'stale' | 'vacuumed' | 'table-missing' | 'unreadable' | 'access-denied' | 'no-credentials' | 'timeout' | 'unreachable';

export interface PinResolution {
  readonly dataset: string;
  readonly tablePath: string;
  readonly pinnedVersion?: number;
  readonly latestVersion?: number;
  /** ms since the epoch. */
  readonly pinnedCommitTime?: number;
  readonly versionsBehind?: number;
  readonly filesAtPin?: number;
  readonly filesAtLatest?: number;
  readonly candidates: readonly CandidateFileState[];
  /** False when the pinned version cannot be read or a candidate file is gone. */
  readonly reproducible: boolean;
  readonly state: PinState;
  readonly issues: PlanIssue[];
}

export interface PinFacts {
  /** The table at the pin (with the pinned commit in its history, for its time). */
  readonly pinned: DeltaTableResult;
  /** The table at its latest version. */
  readonly latest: DeltaTableResult;
  /** Candidate paths (as `candidatePath` resolves them) that exist; undefined when they could not be checked. */
  readonly existing?: ReadonlySet<string>;
  /** A store failure met while checking the candidates. */
  readonly candidateIssue?: PlanIssue;
}

/** Where a candidate lives. */
export function candidatePath(tablePath: string, candidate: string): string {
  return candidate.startsWith('/') ? candidate : dataFilePath(tablePath, candidate);
}

/** A candidate as a table-relative path, to compare with the log's add paths. */
function relativeToTable(tablePath: string, candidate: string): string {
  const abs = decodeLogPath(candidatePath(tablePath, candidate));
  const prefix = tablePath.endsWith('/') ? tablePath : `${tablePath}/`;
  return abs.startsWith(prefix) ? abs.slice(prefix.length) : abs;
}

const STORE_STATES: Readonly<Record<string, PinState>> = {
  'delta-store-access-denied': 'access-denied',
  'delta-store-no-credentials': 'no-credentials',
  'delta-store-timeout': 'timeout',
  'delta-store-throttled': 'unreachable',
  'delta-store-unreachable': 'unreachable',
  'delta-store-failed': 'unreachable',
  'delta-store-cancelled': 'unreachable',
};

function stateOf(issues: readonly PlanIssue[], pinnedVersion: number | undefined, gone: number, versionsBehind: number | undefined): PinState {
  for (const i of issues) {
    const s = STORE_STATES[i.code];
    if (s !== undefined) return s;
  }
  if (issues.some((i) => NO_TABLE_CODES.has(i.code))) return 'table-missing';
  if (gone > 0) return 'vacuumed';
  if (pinnedVersion === undefined) return 'unreadable';
  return versionsBehind !== undefined && versionsBehind > 0 ? 'stale' : 'current';
}

export function resolvePin(pin: DeltaPin, facts: PinFacts): PinResolution {
  const file = pin.tablePath;
  const where = pin.version !== undefined ? `version ${pin.version}` : pin.timestamp !== undefined ? `timestamp ${String(pin.timestamp)}` : 'the latest version';
  const issues: PlanIssue[] = facts.pinned.issues
    .filter((i) => i.severity === 'error')
    .map((i) => ({ ...i, message: `${pin.dataset} pinned at ${where}: ${i.message}` }));
  if (facts.candidateIssue !== undefined) issues.push(facts.candidateIssue);
  const pinned = facts.pinned.snapshot;
  const latest = facts.latest.snapshot;
  const latestVersion = facts.latest.latestVersion ?? latest?.version;
  const pinnedVersion = pinned?.version;
  const commit = facts.pinned.history?.find((c) => c.version === pinnedVersion);
  const atPin = new Set((pinned?.files ?? []).map((f) => decodeLogPath(f.path)));
  const atLatest = new Set((latest?.files ?? []).map((f) => decodeLogPath(f.path)));
  const checked = facts.existing !== undefined;
  const candidates = (pin.candidateFiles ?? []).map((c) => {
    const rel = relativeToTable(pin.tablePath, c);
    return { path: c, existsOnDisk: facts.existing === undefined || facts.existing.has(candidatePath(pin.tablePath, c)), activeAtPin: atPin.has(rel), activeAtLatest: atLatest.has(rel) };
  });
  const gone = candidates.filter((c) => !c.existsOnDisk);
  if (gone.length > 0) {
    issues.push(issue('error', 'delta-pin-files-vacuumed', `${pin.dataset}: ${gone.length} of ${candidates.length} candidate files no longer exist (vacuumed?), so the plan cannot be reproduced; first: ${gone[0].path}`, { file }));
  }
  const stray = candidates.filter((c) => c.existsOnDisk && pinned !== undefined && !c.activeAtPin);
  if (stray.length > 0) {
    issues.push(issue('warning', 'delta-pin-file-not-active', `${pin.dataset}: ${stray.length} candidate files are not active at version ${pinnedVersion}; first: ${stray[0].path}`, { file }));
  }
  const versionsBehind = pinnedVersion !== undefined && latestVersion !== undefined ? latestVersion - pinnedVersion : undefined;
  if (versionsBehind !== undefined && versionsBehind > 0) {
    issues.push(issue('info', 'delta-pin-behind', `${pin.dataset} is pinned at version ${pinnedVersion}; the table is at ${latestVersion} (${versionsBehind} commits later)`, { file }));
  }
  return {
    dataset: pin.dataset,
    tablePath: pin.tablePath,
    pinnedVersion,
    latestVersion,
    pinnedCommitTime: commit?.timestamp,
    versionsBehind,
    filesAtPin: pinned?.files.length,
    filesAtLatest: latest?.files.length,
    candidates,
    reproducible: pinned !== undefined && pinned.version === (pin.version ?? pinned.version) && gone.length === 0 && checked,
    state: stateOf([...facts.pinned.issues, ...facts.latest.issues, ...(facts.candidateIssue ? [facts.candidateIssue] : [])], pinnedVersion, gone.length, versionsBehind),
    issues,
  };
}

/**
 * The objects at the given addresses that exist, by address. Addresses that share a folder with others
 * are found by listing it (a page per 1,000 files); a lone one by a HEAD request.
 * @throws an `ObjectStoreError` when the store cannot answer.
 */
export async function existingObjects(store: ObjectStore, paths: readonly string[], signal: CancelSignal | undefined): Promise<Map<string, ObjectInfo>> {
  const byFolder = new Map<string, string[]>();
  for (const p of paths) byFolder.set(dirName(p), [...(byFolder.get(dirName(p)) ?? []), p]);
  const existing = new Map<string, ObjectInfo>();
  for (const [folder, files] of byFolder) {
    if (files.length === 1) {
      const info = await store.head(files[0], { signal });
      if (info !== undefined) existing.set(files[0], info);
      continue;
    }
    const byName = new Map((await store.list(folder, { signal })).objects.map((o) => [o.name, o]));
    for (const f of files) {
      const info = byName.get(objectName(f));
      if (info !== undefined) existing.set(f, info);
    }
  }
  return existing;
}

export interface ResolveOptions {
  readonly signal?: CancelSignal;
}

export async function resolvePins(source: DeltaSource, pins: readonly DeltaPin[], options: ResolveOptions = {}): Promise<PinResolution[]> {
  const store = storeOf(source);
  const signal = options.signal;
  const out: PinResolution[] = [];
  for (const pin of pins) {
    const pinnedAt = pin.version !== undefined || pin.timestamp !== undefined;
    // A pin needs the files' paths, never their statistics: most of a large checkpoint's bytes.
    const latest = await readDeltaTable(store, pin.tablePath, { history: pinnedAt ? false : 'target', fileStats: false, signal });
    const unreachable = latest.snapshot === undefined && latest.issues.some((i) => i.code.startsWith('delta-store-') || NO_TABLE_CODES.has(i.code));
    // A table that cannot be reached or is not there is not asked again for the pinned version.
    const pinned = !pinnedAt || unreachable ? latest : await readDeltaTable(store, pin.tablePath, { version: pin.version, timestamp: pin.timestamp, history: pin.timestamp === undefined ? 'target' : true, fileStats: false, signal });
    let existing: Set<string> | undefined;
    let candidateIssue: PlanIssue | undefined;
    if (!unreachable) {
      try {
        existing = new Set((await existingObjects(store, (pin.candidateFiles ?? []).map((c) => candidatePath(pin.tablePath, c)), signal)).keys());
      } catch (e) {
        if (!isObjectStoreError(e)) throw e;
        candidateIssue = storeIssue(e, pin.tablePath);
      }
    }
    out.push(resolvePin(pin, { pinned, latest, existing, candidateIssue }));
  }
  return out;
}
