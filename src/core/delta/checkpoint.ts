/**
 * Reading one checkpoint into actions: classic (one Parquet file), multi-part (all parts must be present),
 * and v2 (a JSON or Parquet top-level file whose `sidecar` actions name Parquet files under `_sidecars`).
 * O(checkpoint bytes). Only the action columns are decoded (not `stats_parsed`), which halves the work on
 * checkpoints written with structured stats. A checkpoint without protocol and metaData is reported broken.
 */

import { baseName, joinPath, type FileSystem } from '../fs/fileSystem';
import { issue, type PlanIssue } from '../issues';
import { openParquet, readOpenedParquetObjects, readParquetObjects } from '../tables/parquet';
import { readAddRemoveColumns } from './checkpointColumns';
import { toAction, type DeltaAction } from './actions';
import { parseLogFile } from './commitFile';
import type { CheckpointRef } from './logListing';

const ACTION_COLUMNS = ['add', 'remove', 'metaData', 'protocol', 'txn', 'domainMetadata', 'sidecar', 'checkpointMetadata'];

export interface CheckpointRead {
  readonly actions: DeltaAction[];
  readonly issues: PlanIssue[];
  /** False when the checkpoint cannot stand for the table state (missing parts, unreadable file). */
  readonly usable: boolean;
}

async function readFileActions(fs: FileSystem, file: string): Promise<{ actions: DeltaAction[]; issues: PlanIssue[] }> {
  const stat = await fs.stat(file);
  if (stat?.type !== 'file') return { actions: [], issues: [issue('error', 'delta-checkpoint-missing', 'checkpoint file is missing', { file })] };
  const bytes = await fs.readFile(file);
  if (file.endsWith('.json')) {
    const parsed = parseLogFile(bytes, file);
    return { actions: parsed.actions.map((a) => a.action), issues: parsed.issues };
  }
  return (await readByColumn(bytes, file)) ?? readByRow(bytes, file);
}

/** Every action column as rows, each row through `toAction`: any checkpoint, with an issue per bad row. */
async function readByRow(bytes: Uint8Array, file: string): Promise<{ actions: DeltaAction[]; issues: PlanIssue[] }> {
  const read = await readParquetObjects(bytes, file, { columns: ACTION_COLUMNS });
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
async function readByColumn(bytes: Uint8Array, file: string): Promise<{ actions: DeltaAction[]; issues: PlanIssue[] } | undefined> {
  const opened = openParquet(bytes, file);
  if ('issues' in opened) return undefined;
  const addRemove = readAddRemoveColumns(opened.buffer, opened.metadata);
  if (addRemove === undefined) return undefined;
  const others = await readOpenedParquetObjects(opened, file, { columns: ACTION_COLUMNS.filter((c) => c !== 'add' && c !== 'remove') });
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
  return path.includes('/') ? joinPath(logDir, '_sidecars', baseName(path)) : joinPath(logDir, '_sidecars', path);
}

export async function readCheckpoint(fs: FileSystem, logDir: string, cp: CheckpointRef): Promise<CheckpointRead> {
  const issues: PlanIssue[] = [];
  if (cp.kind === 'multipart' && cp.files.length !== cp.expectedParts) {
    const file = joinPath(logDir, cp.files[0]);
    return { actions: [], usable: false, issues: [issue('warning', 'delta-checkpoint-incomplete', `multi-part checkpoint ${cp.version} has ${cp.files.length} of ${cp.expectedParts ?? '?'} parts; it is skipped`, { file })] };
  }
  const actions: DeltaAction[] = [];
  for (const name of cp.files) {
    const r = await readFileActions(fs, joinPath(logDir, name));
    actions.push(...r.actions);
    issues.push(...r.issues);
  }
  const sidecars = actions.flatMap((a) => (a.kind === 'sidecar' ? [a.sidecar] : []));
  for (const s of sidecars) {
    const r = await readFileActions(fs, sidecarFile(logDir, s.path));
    actions.push(...r.actions);
    issues.push(...r.issues);
  }
  const broken = issues.some((i) => i.severity === 'error');
  const complete = actions.some((a) => a.kind === 'protocol') && actions.some((a) => a.kind === 'metaData');
  if (!broken && !complete) {
    issues.push(issue('error', 'delta-checkpoint-invalid', `checkpoint ${cp.version} lacks a protocol or metaData action`, { file: joinPath(logDir, cp.files[0]) }));
  }
  return { actions, issues, usable: !broken && complete };
}
