/**
 * A Delta table at a version or timestamp (time travel), and its history. The state comes from the newest
 * usable checkpoint at or before the target version plus the JSON commits after it; a broken checkpoint
 * falls back to an older one, then to the commits alone. O(checkpoint + replayed commit bytes).
 * Commit time is the commit's `inCommitTimestamp`, else `commitInfo.timestamp`, else the file's mtime
 * (copied tables keep commitInfo but not mtimes). Never throws on bad input: everything is an issue.
 */

import type { FileSystem } from '../fs/fileSystem';
import { issue, type PlanIssue } from '../issues';
import type { JsonObject } from '../json/parseJson';
import { fileSystemStore } from '../objectStore/fileSystemStore';
import { isObjectStoreError, type CancelSignal, type ObjectStore } from '../objectStore/objectStore';
import type { DomainMetadata, Metadata, Protocol, Txn } from './actions';
import { readCheckpoint } from './checkpoint';
import { parseLogFile, type ParsedLogFile } from './commitFile';
import { listDeltaLog, NO_TABLE_CODES, versionName, type DeltaLogListing } from './logListing';
import { parseDeltaSchema, type SchemaField } from './schema';
import { TableStateBuilder, type ActiveFile } from './tableState';

/** Where a table is read from: a file system (local paths) or an object store (any address it serves). */
export type DeltaSource = FileSystem | ObjectStore;

export function storeOf(source: DeltaSource): ObjectStore {
  return 'list' in source ? source : fileSystemStore(source);
}

/**
 * Which commits' entries the result's history holds: every commit (`true`), those the listing covered
 * (`'listed'`: from the checkpoint on, when the log was listed from it, which is what a remote table's
 * summary shows without reading thousands of commits), or only the target version's (`'target'`).
 */
export type HistoryScope = boolean | 'listed' | 'target';

export interface DeltaReadOptions {
  /** Time travel to this version. */
  readonly version?: number;
  /** Time travel to the newest version committed at or before this time (ms since epoch, or ISO 8601). */
  readonly timestamp?: number | string;
  /** Start from a checkpoint when one exists (default true); false replays every JSON commit. */
  readonly useCheckpoint?: boolean;
  /** Read commits for the history (default none; a timestamp implies every commit). */
  readonly history?: HistoryScope;
  /**
   * Read each file's statistics from a Parquet checkpoint (default true). They are most of a large
   * checkpoint's bytes and pins do not need them; files added by JSON commits keep theirs either way.
   */
  readonly fileStats?: boolean;
  /** Stops the reads; the result then carries a `delta-store-cancelled` issue. */
  readonly signal?: CancelSignal;
  /** Called as commits are read, for a progress indicator. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface CommitEntry {
  readonly version: number;
  readonly file: string;
  /** Commit time in ms since the epoch, when known. */
  readonly timestamp?: number;
  readonly timestampSource?: 'inCommitTimestamp' | 'commitInfo' | 'fileTime';
  readonly operation?: string;
  readonly commitInfo?: JsonObject;
  readonly adds: number;
  readonly removes: number;
}

export interface DeltaSnapshot {
  readonly tablePath: string;
  readonly version: number;
  readonly protocol?: Protocol;
  readonly metadata?: Metadata;
  readonly schema: readonly SchemaField[];
  readonly files: readonly ActiveFile[];
  readonly txns: readonly Txn[];
  readonly domainMetadata: readonly DomainMetadata[];
  /** The checkpoint the state started from, if any. */
  readonly checkpointVersion?: number;
  readonly commitsReplayed: number;
}

export interface DeltaTableResult {
  readonly snapshot?: DeltaSnapshot;
  readonly latestVersion?: number;
  readonly history?: readonly CommitEntry[];
  readonly issues: PlanIssue[];
}

export function parseTimestamp(t: number | string): number | undefined {
  if (typeof t === 'number') return Number.isFinite(t) ? t : undefined;
  if (/^\d+$/.test(t.trim())) return Number(t.trim());
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Commits fetched at once: enough to hide a store's latency, few enough not to be throttled. */
const PARALLEL_COMMITS = 8;

class CommitCache {
  private readonly parsed = new Map<number, ParsedLogFile>();
  constructor(
    private readonly store: ObjectStore,
    private listing: DeltaLogListing,
    private readonly signal: CancelSignal | undefined,
  ) {}

  /** The same parsed commits under a fuller listing of the same log. */
  reset(listing: DeltaLogListing): void {
    this.listing = listing;
  }

  /** Fetches and parses the listed commits among `versions`, a few at a time, calling `progress` after each. */
  async load(versions: readonly number[], progress?: (done: number, total: number) => void): Promise<void> {
    const todo = versions.filter((v) => this.listing.commits.has(v) && !this.parsed.has(v));
    let done = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < todo.length) {
        const v = todo[next++];
        const object = this.listing.commits.get(v);
        if (object === undefined) continue;
        const bytes = (await this.store.get(object.key, { etag: object.etag, signal: this.signal })).bytes;
        this.parsed.set(v, parseLogFile(bytes, object.key));
        progress?.(++done, todo.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_COMMITS, todo.length) }, worker));
  }

  async get(version: number): Promise<ParsedLogFile | undefined> {
    if (!this.parsed.has(version)) await this.load([version]);
    return this.parsed.get(version);
  }
}

function historyEntry(listing: DeltaLogListing, version: number, parsed: ParsedLogFile): CommitEntry {
  const object = listing.commits.get(version);
  const file = object?.key ?? '';
  let commitInfo: JsonObject | undefined;
  let adds = 0;
  let removes = 0;
  for (const { action } of parsed.actions) {
    if (action.kind === 'commitInfo') commitInfo = action.commitInfo;
    else if (action.kind === 'add') adds++;
    else if (action.kind === 'remove') removes++;
  }
  let timestamp: number | undefined;
  let timestampSource: CommitEntry['timestampSource'];
  if (typeof commitInfo?.inCommitTimestamp === 'number') [timestamp, timestampSource] = [commitInfo.inCommitTimestamp, 'inCommitTimestamp'];
  else if (typeof commitInfo?.timestamp === 'number') [timestamp, timestampSource] = [commitInfo.timestamp, 'commitInfo'];
  else if (object?.lastModified !== undefined) [timestamp, timestampSource] = [object.lastModified, 'fileTime'];
  const operation = typeof commitInfo?.operation === 'string' ? commitInfo.operation : undefined;
  return { version, file, timestamp, timestampSource, operation, commitInfo, adds, removes };
}

async function readHistory(listing: DeltaLogListing, cache: CommitCache, versions: readonly number[], progress?: (done: number, total: number) => void): Promise<CommitEntry[]> {
  const sorted = versions.filter((v) => listing.commits.has(v)).sort((a, b) => a - b);
  await cache.load(sorted, progress);
  const out: CommitEntry[] = [];
  for (const version of sorted) {
    const parsed = await cache.get(version);
    if (parsed !== undefined) out.push(historyEntry(listing, version, parsed));
  }
  return out;
}

/** The newest version committed at or before `ms`, from a history sorted by version. */
export function versionAtTimestamp(history: readonly CommitEntry[], ms: number): number | undefined {
  let found: number | undefined;
  for (const c of history) if (c.timestamp !== undefined && c.timestamp <= ms) found = c.version;
  return found;
}

/** A store failure as an issue on the table: what the user can act on, never a credential. */
export function storeIssue(e: unknown, tablePath: string): PlanIssue {
  if (!isObjectStoreError(e)) throw e;
  // The issue's location names the object; its message need not repeat it.
  const words = e.key !== '' && e.message.startsWith(`${e.key}: `) ? e.message.slice(e.key.length + 2) : e.message;
  if (e.kind === 'not-found') return issue('error', 'delta-no-table', `no such path: ${words}`, { file: tablePath });
  return issue('error', `delta-store-${e.kind}`, words, { file: e.key || tablePath });
}

/**
 * Never throws on bad input or a failing store: a store that denies access, times out, throttles past its
 * retries or is unreachable gives one `delta-store-*` issue (`delta-no-table` when nothing is there).
 */
export async function readDeltaTable(source: DeltaSource, tablePath: string, options: DeltaReadOptions = {}): Promise<DeltaTableResult> {
  try {
    return await readFromStore(storeOf(source), tablePath, options);
  } catch (e) {
    return { issues: [storeIssue(e, tablePath)] };
  }
}

async function readFromStore(store: ObjectStore, tablePath: string, options: DeltaReadOptions): Promise<DeltaTableResult> {
  const signal = options.signal;
  const useCheckpoint = options.useCheckpoint !== false;
  const historyScope: HistoryScope = options.timestamp !== undefined ? true : (options.history ?? false);
  // The whole log is listed only when every commit is needed; otherwise from the last checkpoint on.
  let listing = await listDeltaLog(store, tablePath, { fromLastCheckpoint: useCheckpoint && historyScope !== true, signal });
  if (options.version !== undefined && options.version < listing.listedFrom) listing = await listDeltaLog(store, tablePath, { signal });
  const issues = [...listing.issues];
  if (listing.issues.some((i) => NO_TABLE_CODES.has(i.code) || i.code === 'delta-empty-log')) return { issues };
  const latestVersion = Math.max(-1, ...listing.commits.keys(), ...listing.checkpoints.map((c) => c.version));
  const cache = new CommitCache(store, listing, signal);
  const allVersions = [...listing.commits.keys()];
  let history = historyScope === true || historyScope === 'listed' ? await readHistory(listing, cache, allVersions, options.onProgress) : undefined;

  let target = latestVersion;
  if (options.version !== undefined) {
    if (!Number.isInteger(options.version) || options.version < 0 || options.version > latestVersion) {
      issues.push(issue('error', 'delta-version-not-found', `version ${options.version} does not exist (latest is ${latestVersion})`, { file: listing.logDir }));
      return { latestVersion, history, issues };
    }
    target = options.version;
  } else if (options.timestamp !== undefined) {
    const ms = parseTimestamp(options.timestamp);
    const v = ms === undefined ? undefined : versionAtTimestamp(history ?? [], ms);
    if (v === undefined) {
      const why = ms === undefined ? `"${options.timestamp}" is not a timestamp` : `no commit at or before ${new Date(ms).toISOString()}`;
      issues.push(issue('error', 'delta-timestamp-not-found', why, { file: listing.logDir }));
      return { latestVersion, history, issues };
    }
    target = v;
  }

  const builder = new TableStateBuilder();
  let start = 0;
  let checkpointVersion: number | undefined;
  if (useCheckpoint) {
    const tried = new Set<number>();
    for (;;) {
      for (const cp of listing.checkpoints) {
        if (cp.version > target || tried.has(cp.version)) continue;
        tried.add(cp.version);
        const read = await readCheckpoint(store, listing.logDir, cp, { signal, fileStats: options.fileStats });
        issues.push(...read.issues.map((i) => (i.severity === 'error' ? { ...i, severity: 'warning' as const, message: `${i.message} (checkpoint ${cp.version} skipped)` } : i)));
        if (!read.usable) continue;
        for (const a of read.actions) builder.apply(a, cp.version, true);
        start = cp.version + 1;
        checkpointVersion = cp.version;
        break;
      }
      // Listed from a checkpoint that proved unusable: the older checkpoints and commits are in the rest of the log.
      if (checkpointVersion !== undefined || listing.listedFrom === 0) break;
      listing = await listDeltaLog(store, tablePath, { signal });
      cache.reset(listing);
    }
  }
  const replay = Array.from({ length: Math.max(0, target - start + 1) }, (_, i) => start + i);
  await cache.load(replay, historyScope === false || historyScope === 'target' ? options.onProgress : undefined);
  let reached = checkpointVersion ?? -1;
  let replayed = 0;
  for (const v of replay) {
    const parsed = await cache.get(v);
    if (parsed === undefined) {
      const msg =
        v === 0 && checkpointVersion === undefined
          ? `commit 0 is missing and no usable checkpoint covers version ${target}`
          : `commit ${v} is missing; the state stops at version ${reached}`;
      issues.push(issue('error', 'delta-missing-version', msg, { file: `${listing.logDir}/${versionName(v)}.json` }));
      break;
    }
    issues.push(...parsed.issues);
    for (const { action } of parsed.actions) builder.apply(action, v);
    reached = v;
    replayed++;
  }
  if (historyScope === 'target' && listing.commits.has(reached)) history = await readHistory(listing, cache, [reached]);
  if (reached < 0) return { latestVersion, history, issues };
  const metaFile = listing.logDir;
  if (builder.protocol === undefined) issues.push(issue('error', 'delta-no-protocol', `no protocol action up to version ${reached}`, { file: metaFile }));
  let schema: SchemaField[] = [];
  if (builder.metadata === undefined) issues.push(issue('error', 'delta-no-metadata', `no metaData action up to version ${reached}`, { file: metaFile }));
  else {
    const s = parseDeltaSchema(builder.metadata.schemaString, metaFile);
    schema = s.fields;
    issues.push(...s.issues);
  }
  const snapshot: DeltaSnapshot = {
    tablePath,
    version: reached,
    protocol: builder.protocol,
    metadata: builder.metadata,
    schema,
    files: builder.activeFiles(),
    txns: [...builder.txns.values()],
    domainMetadata: [...builder.domains.values()],
    checkpointVersion,
    commitsReplayed: replayed,
  };
  return { snapshot, latestVersion, history, issues };
}
