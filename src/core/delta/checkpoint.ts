/**
 * Reading one checkpoint into actions: classic (one Parquet file), multi-part (all parts must be present),
 * and v2 (a JSON or Parquet top-level file whose `sidecar` actions name Parquet files under `_sidecars`).
 * Parquet files are read by byte ranges (tables/parquetRanges.ts): the footer, then only the action
 * columns' chunks, so neither `stats_parsed` nor other writer extras are fetched or decoded. A checkpoint
 * without protocol and metaData is reported broken. Store failures are thrown for the table read to report.
 */

import { baseName, joinPath } from '../fs/fileSystem';
import { issue, type PlanIssue } from '../issues';
import { isObjectStoreError, type CancelSignal, type ObjectInfo, type ObjectStore } from '../objectStore/objectStore';
import { readOpenedParquetObjects } from '../columnar/parquet';
import { RangedParquet, type RangeSource } from '../columnar/parquetRanges';
import { CHECKPOINT_LEAVES, CHECKPOINT_LEAVES_WITHOUT_STATS, readAddRemoveColumns } from './checkpointColumns';
import { toAction, type DeltaAction } from './actions';
import { parseLogFile } from './commitFile';
import type { CheckpointRef } from './logListing';

const ACTION_COLUMNS = ['add', 'remove', 'metaData', 'protocol', 'txn', 'domainMetadata', 'sidecar', 'checkpointMetadata'];
const OTHER_COLUMNS = new Set(ACTION_COLUMNS.filter((c) => c !== 'add' && c !== 'remove'));

export interface CheckpointRead {
  readonly actions: DeltaAction[];
  readonly issues: PlanIssue[];
  /** False when the checkpoint cannot stand for the table state (missing parts, unreadable file). */
  readonly usable: boolean;
}

type FileActions = { actions: DeltaAction[]; issues: PlanIssue[] };

/** Log files are immutable by protocol; those without a listed ETag (sidecars) are asked for as such. */
function rangeSource(store: ObjectStore, object: ObjectInfo, signal: CancelSignal | undefined): RangeSource {
  return {
    byteLength: object.size,
    read: async (offset, length) => (await store.get(object.key, { range: { offset, length }, etag: object.etag, immutable: object.etag === undefined, signal })).bytes,
  };
}

interface ReadContext {
  readonly signal?: CancelSignal;
  /** The add leaves to read column by column (without `add.stats` when file statistics are not wanted). */
  readonly leaves: ReadonlySet<string>;
}

async function readFileActions(store: ObjectStore, object: ObjectInfo, context: ReadContext): Promise<FileActions> {
  const signal = context.signal;
  const file = object.key;
  if (file.endsWith('.json')) {
    const parsed = parseLogFile((await store.get(file, { etag: object.etag, immutable: object.etag === undefined, signal })).bytes, file);
    return { actions: parsed.actions.map((a) => a.action), issues: parsed.issues };
  }
  const ranged = await RangedParquet.open(rangeSource(store, object, signal), file);
  if (!(ranged instanceof RangedParquet)) return { actions: [], issues: ranged.issues };
  return (await readByColumn(ranged, file, context.leaves)) ?? readByRow(ranged, file);
}

/** Every action column as rows, each row through `toAction`: any checkpoint, with an issue per bad row. */
async function readByRow(ranged: RangedParquet, file: string): Promise<FileActions> {
  const unsafe = await ranged.load((path) => ACTION_COLUMNS.includes(path[0]));
  if (unsafe !== undefined) return { actions: [], issues: [unsafe] };
  const read = await readOpenedParquetObjects(ranged.opened, file, { columns: ACTION_COLUMNS });
  const actions: DeltaAction[] = [];
  const issues = [...read.issues];
  read.rows.forEach((row, i) => {
    const r = toAction(row);
    if ('action' in r) actions.push(r.action);
    else if ('error' in r) issues.push(issue('error', 'delta-action-invalid', `row ${i}: ${r.error}`, { file, pointer: `/${i}` }));
  });
  return { actions, issues };
}

/**
 * The same actions, with the add and remove columns (nearly every row) read column by column
 * (checkpointColumns.ts) and only the few rows of the other kinds as rows. Undefined whenever the file is
 * not plainly well formed: the row reader then reads it and reports.
 */
async function readByColumn(ranged: RangedParquet, file: string, leaves: ReadonlySet<string>): Promise<FileActions | undefined> {
  const unsafe = await ranged.load((path) => OTHER_COLUMNS.has(path[0]) || leaves.has(path.join('.')));
  if (unsafe !== undefined) return undefined;
  const addRemove = readAddRemoveColumns(ranged.opened.buffer, ranged.opened.metadata, leaves);
  if (addRemove === undefined) return undefined;
  const others = await readOpenedParquetObjects(ranged.opened, file, { columns: [...OTHER_COLUMNS] });
  if (others.issues.length > 0 || (others.rows.length !== 0 && others.rows.length !== addRemove.length)) return undefined;
  const actions: DeltaAction[] = [];
  for (let i = 0; i < addRemove.length; i++) {
    const other = others.rows.length === 0 ? ({ skip: true } as const) : toAction(others.rows[i]);
    const fileAction = addRemove[i];
    if (fileAction !== undefined) {
      // Two actions in one row: the row reader says so.
      if (!('skip' in other)) return undefined;
      actions.push(fileAction);
    } else if ('action' in other) actions.push(other.action);
    else if ('error' in other) return undefined;
  }
  return { actions, issues: [] };
}

/** Sidecar paths are relative to `_delta_log/_sidecars`, or absolute URIs whose last segment is the file. */
function sidecarFile(logDir: string, path: string): string {
  return joinPath(logDir, '_sidecars', path.includes('/') ? baseName(path) : path);
}

async function readPart(store: ObjectStore, object: ObjectInfo | undefined, key: string, context: ReadContext): Promise<FileActions> {
  if (object === undefined) return { actions: [], issues: [issue('error', 'delta-checkpoint-missing', 'checkpoint file is missing', { file: key })] };
  try {
    return await readFileActions(store, object, context);
  } catch (e) {
    // A part that vanished (vacuumed between the listing and the read) only makes this checkpoint unusable.
    if (isObjectStoreError(e) && e.kind === 'not-found') return { actions: [], issues: [issue('error', 'delta-checkpoint-missing', 'checkpoint file is missing', { file: key })] };
    throw e;
  }
}

export interface CheckpointReadOptions {
  readonly signal?: CancelSignal;
  /** Read each add's `stats` (default true). */
  readonly fileStats?: boolean;
}

export async function readCheckpoint(store: ObjectStore, logDir: string, cp: CheckpointRef, options: CheckpointReadOptions = {}): Promise<CheckpointRead> {
  const signal = options.signal;
  const context: ReadContext = { signal, leaves: options.fileStats === false ? CHECKPOINT_LEAVES_WITHOUT_STATS : CHECKPOINT_LEAVES };
  const issues: PlanIssue[] = [];
  if (cp.kind === 'multipart' && cp.files.length !== cp.expectedParts) {
    return { actions: [], usable: false, issues: [issue('warning', 'delta-checkpoint-incomplete', `multi-part checkpoint ${cp.version} has ${cp.files.length} of ${cp.expectedParts ?? '?'} parts; it is skipped`, { file: cp.files[0].key })] };
  }
  const actions: DeltaAction[] = [];
  for (const part of cp.files) {
    const r = await readPart(store, part, part.key, context);
    actions.push(...r.actions);
    issues.push(...r.issues);
  }
  const sidecars = actions.flatMap((a) => (a.kind === 'sidecar' ? [a.sidecar] : []));
  for (const s of sidecars) {
    const key = sidecarFile(logDir, s.path);
    // The protocol requires sizeInBytes; without it the store is asked. A wrong size reads a tail without
    // the Parquet magic, which makes the checkpoint unusable (reported), never a wrong state.
    const known = s.sizeInBytes !== undefined && s.sizeInBytes > 0 ? { key, name: baseName(key), size: s.sizeInBytes } : undefined;
    const r = await readPart(store, known ?? (await store.head(key, { signal })), key, context);
    actions.push(...r.actions);
    issues.push(...r.issues);
  }
  const broken = issues.some((i) => i.severity === 'error');
  const complete = actions.some((a) => a.kind === 'protocol') && actions.some((a) => a.kind === 'metaData');
  if (!broken && !complete) {
    issues.push(issue('error', 'delta-checkpoint-invalid', `checkpoint ${cp.version} lacks a protocol or metaData action`, { file: cp.files[0].key }));
  }
  return { actions, issues, usable: !broken && complete };
}
