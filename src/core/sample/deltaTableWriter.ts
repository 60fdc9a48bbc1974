/**
 * Writes small Delta Lake tables as delta-rs lays them out: Parquet part files at the table root and one
 * newline-delimited JSON commit per version in `_delta_log/<20-digit version>.json` (commitInfo, then
 * protocol and metaData in version 0, then remove and add actions). Parquet bytes come from
 * hyparquet-writer, so each add action's `size` is the real file size. O(rows) per table.
 */

import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer';
import type { SampleFile } from './sampleFile';

export type DeltaType = 'string' | 'long' | 'integer' | 'double' | 'boolean';

export interface DeltaColumn {
  readonly name: string;
  readonly type: DeltaType;
  readonly nullable: boolean;
}

export type Cell = string | number | boolean | null;

export interface DeltaPart {
  /** File name relative to the table root. */
  readonly path: string;
  readonly rows: readonly (readonly Cell[])[];
}

export interface DeltaCommit {
  readonly timestampMs: number;
  readonly operation: string;
  readonly operationParameters: Readonly<Record<string, string>>;
  /** Extra commitInfo entries (the pipeline's commit metadata), written after the standard ones. */
  readonly info?: Readonly<Record<string, string | number>>;
  readonly adds: readonly DeltaPart[];
  readonly removes: readonly string[];
}

export interface DeltaTableSpec {
  /** Workspace-relative table root, e.g. `build/delta/repo_files_v1`. */
  readonly root: string;
  readonly tableId: string;
  readonly columns: readonly DeltaColumn[];
  readonly commits: readonly DeltaCommit[];
}

/** Arrow type names (as the task graph records them) to Delta schema types. */
export function deltaTypeOf(arrowType: string): DeltaType {
  if (arrowType === 'int64') return 'long';
  if (arrowType === 'int32') return 'integer';
  if (arrowType === 'double') return 'double';
  if (arrowType === 'bool') return 'boolean';
  return 'string';
}

/** A part already written as Parquet: what its add action records. */
export interface WrittenPart {
  /** File name relative to the table root. */
  readonly path: string;
  readonly size: number;
  /** The add action's `stats` JSON text. */
  readonly stats: string;
}

/**
 * One Parquet part of a table: its file and what the add action records. Lets a caller write a large
 * table's parts as it makes them and drop their rows, keeping only this small record for the log.
 */
export function writeDeltaPart(root: string, columns: readonly DeltaColumn[], part: DeltaPart): { file: SampleFile; written: WrittenPart } {
  const bytes = parquetBytes(columns, part.rows);
  const stats = { numRecords: part.rows.length, nullCount: Object.fromEntries(columns.map((c, i) => [c.name, part.rows.filter((r) => r[i] === null).length])) };
  return { file: { path: `${root}/${part.path}`, bytes }, written: { path: part.path, size: bytes.length, stats: JSON.stringify(stats) } };
}

/** The files of a table: one Parquet file per add and one JSON commit per version. */
export function deltaTableFiles(spec: DeltaTableSpec): SampleFile[] {
  const files: SampleFile[] = [];
  const commits = spec.commits.map((commit) => ({
    ...commit,
    adds: commit.adds.map((part) => {
      const { file, written } = writeDeltaPart(spec.root, spec.columns, part);
      files.push(file);
      return written;
    }),
  }));
  return [...files, ...deltaLogFiles({ ...spec, commits })];
}

/** The `_delta_log` commits of a table whose parts were written with `writeDeltaPart`. */
export function deltaLogFiles(spec: Omit<DeltaTableSpec, 'commits'> & { readonly commits: readonly (Omit<DeltaCommit, 'adds'> & { readonly adds: readonly WrittenPart[] })[] }): SampleFile[] {
  const files: SampleFile[] = [];
  const enc = new TextEncoder();
  spec.commits.forEach((commit, version) => {
    const lines: string[] = [];
    const commitInfo: Record<string, unknown> = {
      timestamp: commit.timestampMs,
      operation: commit.operation,
      operationParameters: commit.operationParameters,
      ...(version > 0 ? { readVersion: version - 1 } : {}),
      isBlindAppend: commit.removes.length === 0,
      ...(commit.info ?? {}),
    };
    lines.push(JSON.stringify({ commitInfo }));
    if (version === 0) {
      lines.push(JSON.stringify({ protocol: { minReaderVersion: 1, minWriterVersion: 2 } }));
      lines.push(
        JSON.stringify({
          metaData: {
            id: spec.tableId,
            format: { provider: 'parquet', options: {} },
            schemaString: JSON.stringify({ type: 'struct', fields: spec.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, metadata: {} })) }),
            partitionColumns: [],
            configuration: {},
            createdTime: commit.timestampMs,
          },
        }),
      );
    }
    for (const path of commit.removes) {
      lines.push(JSON.stringify({ remove: { path, deletionTimestamp: commit.timestampMs, dataChange: true, extendedFileMetadata: false } }));
    }
    for (const part of commit.adds) {
      lines.push(JSON.stringify({ add: { path: part.path, partitionValues: {}, size: part.size, modificationTime: commit.timestampMs, dataChange: true, stats: part.stats } }));
    }
    files.push({ path: `${spec.root}/_delta_log/${String(version).padStart(20, '0')}.json`, bytes: enc.encode(lines.join('\n') + '\n') });
  });
  return files;
}

/** The live files after replaying commits 0..version (adds minus removes), in add order. */
export function activeFiles(spec: Pick<DeltaTableSpec, 'commits'>, version: number): string[] {
  const live: string[] = [];
  for (const commit of spec.commits.slice(0, version + 1)) {
    for (const r of commit.removes) live.splice(live.indexOf(r), 1);
    for (const a of commit.adds) live.push(a.path);
  }
  return live;
}

function parquetBytes(columns: readonly DeltaColumn[], rows: readonly (readonly Cell[])[]): Uint8Array {
  const columnData: ColumnSource[] = columns.map((c, i) => {
    const values = rows.map((r) => r[i]);
    switch (c.type) {
      case 'long':
        return { name: c.name, type: 'INT64', nullable: c.nullable, data: values.map((x) => (x === null ? null : BigInt(x as number))) };
      case 'integer':
        return { name: c.name, type: 'INT32', nullable: c.nullable, data: values };
      case 'double':
        return { name: c.name, type: 'DOUBLE', nullable: c.nullable, data: values };
      case 'boolean':
        return { name: c.name, type: 'BOOLEAN', nullable: c.nullable, data: values };
      case 'string':
        return { name: c.name, type: 'STRING', nullable: c.nullable, data: values };
    }
  });
  return new Uint8Array(parquetWriteBuffer({ columnData, createdBy: 'plan-lens sample' }));
}
