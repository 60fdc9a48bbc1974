/**
 * A Delta table at a version or timestamp (time travel), and its history. The state comes from the newest
 * usable checkpoint at or before the target version plus the JSON commits after it; a broken checkpoint
 * falls back to an older one, then to the commits alone. O(checkpoint + replayed commit bytes).
 * Commit time is the commit's `inCommitTimestamp`, else `commitInfo.timestamp`, else the file's mtime
 * (copied tables keep commitInfo but not mtimes). Never throws on bad input: everything is an issue.
 */

import { joinPath, type FileSystem } from '../fs/fileSystem';
import { issue, type PlanIssue } from '../issues';
import type { JsonObject } from '../json/parseJson';
import type { DomainMetadata, Metadata, Protocol, Txn } from './actions';
import { readCheckpoint } from './checkpoint';
import { parseLogFile, type ParsedLogFile } from './commitFile';
import { listDeltaLog, type DeltaLogListing } from './logListing';
import { parseDeltaSchema, type SchemaField } from './schema';
import { TableStateBuilder, type ActiveFile } from './tableState';

export interface DeltaReadOptions {
  /** Time travel to this version. */
  readonly version?: number;
  /** Time travel to the newest version committed at or before this time (ms since epoch, or ISO 8601). */
  readonly timestamp?: number | string;
  /** Start from a checkpoint when one exists (default true); false replays every JSON commit. */
  readonly useCheckpoint?: boolean;
  /** Read every commit for the history (default false; implied by `timestamp`). */
  readonly history?: boolean;
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

class CommitCache {
  private readonly parsed = new Map<number, ParsedLogFile>();
  constructor(
    private readonly fs: FileSystem,
    private readonly listing: DeltaLogListing,
  ) {}

  fileOf(version: number): string | undefined {
    const name = this.listing.commits.get(version);
    return name === undefined ? undefined : joinPath(this.listing.logDir, name);
  }

  async get(version: number): Promise<ParsedLogFile | undefined> {
    const cached = this.parsed.get(version);
    if (cached !== undefined) return cached;
    const file = this.fileOf(version);
    if (file === undefined) return undefined;
    const p = parseLogFile(await this.fs.readFile(file), file);
    this.parsed.set(version, p);
    return p;
  }
}

async function readHistory(fs: FileSystem, listing: DeltaLogListing, cache: CommitCache): Promise<CommitEntry[]> {
  const versions = [...listing.commits.keys()].sort((a, b) => a - b);
  const out: CommitEntry[] = [];
  for (const version of versions) {
    const file = cache.fileOf(version) as string;
    const parsed = (await cache.get(version)) as ParsedLogFile;
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
    else {
      const st = await fs.stat(file);
      if (st !== undefined) [timestamp, timestampSource] = [st.mtime, 'fileTime'];
    }
    const operation = typeof commitInfo?.operation === 'string' ? commitInfo.operation : undefined;
    out.push({ version, file, timestamp, timestampSource, operation, commitInfo, adds, removes });
  }
  return out;
}

/** The newest version committed at or before `ms`, from a history sorted by version. */
export function versionAtTimestamp(history: readonly CommitEntry[], ms: number): number | undefined {
  let found: number | undefined;
  for (const c of history) if (c.timestamp !== undefined && c.timestamp <= ms) found = c.version;
  return found;
}

export async function readDeltaTable(fs: FileSystem, tablePath: string, options: DeltaReadOptions = {}): Promise<DeltaTableResult> {
  const listing = await listDeltaLog(fs, tablePath);
  const issues = [...listing.issues];
  if (listing.issues.some((i) => i.code === 'delta-no-log')) return { issues };
  const cache = new CommitCache(fs, listing);
  const commitVersions = [...listing.commits.keys()];
  const latestVersion = Math.max(-1, ...commitVersions, ...listing.checkpoints.map((c) => c.version));
  if (latestVersion < 0) {
    issues.push(issue('error', 'delta-empty-log', 'the _delta_log holds no commits and no checkpoints', { file: listing.logDir }));
    return { issues };
  }
  const history = options.history === true || options.timestamp !== undefined ? await readHistory(fs, listing, cache) : undefined;

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
  if (options.useCheckpoint !== false) {
    for (const cp of listing.checkpoints) {
      if (cp.version > target) continue;
      const read = await readCheckpoint(fs, listing.logDir, cp);
      issues.push(...read.issues.map((i) => (i.severity === 'error' ? { ...i, severity: 'warning' as const, message: `${i.message} (checkpoint ${cp.version} skipped)` } : i)));
      if (!read.usable) continue;
      for (const a of read.actions) builder.apply(a, cp.version, true);
      start = cp.version + 1;
      checkpointVersion = cp.version;
      break;
    }
  }
  let reached = checkpointVersion ?? -1;
  let replayed = 0;
  for (let v = start; v <= target; v++) {
    const parsed = await cache.get(v);
    if (parsed === undefined) {
      const msg =
        v === 0 && checkpointVersion === undefined
          ? `commit 0 is missing and no usable checkpoint covers version ${target}`
          : `commit ${v} is missing; the state stops at version ${reached}`;
      issues.push(issue('error', 'delta-missing-version', msg, { file: joinPath(listing.logDir, `${String(v).padStart(20, '0')}.json`) }));
      break;
    }
    issues.push(...parsed.issues);
    for (const { action } of parsed.actions) builder.apply(action, v);
    reached = v;
    replayed++;
  }
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
