/**
 * Rows of a Delta table, a Parquet file or an Arrow IPC file/stream, as JSON-safe objects (bigint → number
 * when exact else string, bytes → base64, dates → ISO). The kind is found from the path (a directory with
 * `_delta_log`) or the file's magic bytes. For Delta, rows come from the active files of the latest
 * version in path order with partition values added as columns; deletion vectors are not applied (an
 * issue says so). It sits above `delta` and `tables` (the formats), so that neither imports the other's caller. O(bytes of the files read); reading stops once `limit` rows are collected. A reader of a few
 * columns gets each row's place, to read chosen rows whole later (`readRowsAt`).
 */

import type { FileSystem } from '../fs/fileSystem';
import { issue, type PlanIssue } from '../issues';
import { DEFAULT_MAX_FILE_BYTES, sizeLimitIssue, type JsonValue } from '../json/parseJson';
import { dataFilePath } from '../delta/dataFiles';
import { readDeltaTable, type DeltaReadOptions } from '../delta/deltaTable';
import { deltaLogDir } from '../delta/logListing';
import { hasArrowFileMagic, looksLikeArrowStream, readArrowIpc } from './arrowIpc';
import { toJsonSafe } from '../columnar/jsonSafe';
import { hasParquetMagic, openParquet, readOpenedParquetObjects, readParquetObjects } from '../columnar/parquet';

export type TableKind = 'delta' | 'parquet' | 'arrow';

export interface TableRows {
  readonly kind?: TableKind;
  readonly columns: readonly string[];
  readonly rows: readonly { [column: string]: JsonValue }[];
  /** Rows available in the source, when known without reading them all. */
  readonly totalRows?: number;
  /** Where each row is (Delta and Parquet), so that a reader of a few columns can read a row again whole. */
  readonly places?: readonly RowPlace[];
  readonly issues: PlanIssue[];
}

/** A row's Parquet data file and its index there, with the Delta partition values its file adds. */
export interface RowPlace {
  readonly file: string;
  readonly row: number;
  readonly partitionValues?: Readonly<Record<string, string | null>>;
}

export interface TableRowsOptions {
  readonly limit?: number;
  readonly maxBytes?: number;
  /** For Delta tables: time travel. */
  readonly delta?: Pick<DeltaReadOptions, 'version' | 'timestamp'>;
  /** Delta and Parquet: read only these columns (Arrow files are read whole). */
  readonly columns?: readonly string[];
}

function safeRow(row: Record<string, unknown>): { [column: string]: JsonValue } {
  const out: { [column: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(row)) out[k] = toJsonSafe(v);
  return out;
}

async function readBytes(fs: FileSystem, file: string, maxBytes: number): Promise<{ bytes?: Uint8Array; issues: PlanIssue[] }> {
  const st = await fs.stat(file);
  if (st?.type !== 'file') return { issues: [issue('error', 'file-missing', 'file not found', { file })] };
  if (st.size > maxBytes) return { issues: [sizeLimitIssue(file, st.size, maxBytes)] };
  return { bytes: await fs.readFile(file), issues: [] };
}

async function readDeltaRows(fs: FileSystem, path: string, limit: number, options: TableRowsOptions): Promise<TableRows> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const table = await readDeltaTable(fs, path, options.delta ?? {});
  const issues = [...table.issues];
  const snap = table.snapshot;
  if (snap === undefined) return { kind: 'delta', columns: [], rows: [], issues };
  const partitionColumns = snap.metadata?.partitionColumns ?? [];
  const columns = snap.schema.length > 0 ? snap.schema.map((f) => f.name) : [...partitionColumns];
  const mapping = snap.metadata?.configuration['delta.columnMapping.mode'];
  if (mapping !== undefined && mapping !== null && mapping !== 'none') {
    issues.push(issue('warning', 'delta-column-mapping', `column mapping mode "${mapping}": columns are shown with their physical names`, { file: path }));
  }
  if (snap.files.some((f) => f.deletionVector !== undefined)) {
    issues.push(issue('warning', 'delta-deletion-vectors', 'some files have deletion vectors, which are not applied: deleted rows are shown', { file: path }));
  }
  const rows: { [column: string]: JsonValue }[] = [];
  const places: RowPlace[] = [];
  for (const f of snap.files) {
    if (rows.length >= limit) break;
    const file = dataFilePath(path, f.path);
    const read = await readBytes(fs, file, maxBytes);
    issues.push(...read.issues);
    if (read.bytes === undefined) continue;
    const parquet = await readParquetObjects(read.bytes, file, { limit: limit - rows.length, ...(options.columns === undefined ? {} : { columns: options.columns }) });
    issues.push(...parquet.issues);
    parquet.rows.forEach((r, index) => {
      rows.push(withPartitionValues(safeRow(r), f.partitionValues, partitionColumns));
      places.push({ file, row: index, ...(partitionColumns.length === 0 ? {} : { partitionValues: f.partitionValues }) });
    });
  }
  return { kind: 'delta', columns, rows, places, issues };
}

function withPartitionValues(row: { [column: string]: JsonValue }, values: Readonly<Record<string, string | null>> | undefined, partitionColumns: readonly string[]): { [column: string]: JsonValue } {
  for (const c of partitionColumns) row[c] = values?.[c] ?? null;
  return row;
}

/**
 * Whole rows at places an earlier read (of a few columns) gave, in the order asked; each file is read
 * once. A row decodes only its row group, so a few rows of a large table cost a fraction of reading it.
 */
export async function readRowsAt(fs: FileSystem, places: readonly RowPlace[], options: Pick<TableRowsOptions, 'maxBytes'> = {}): Promise<TableRows> {
  const issues: PlanIssue[] = [];
  const byFile = new Map<string, number[]>();
  places.forEach((p, i) => {
    const wanted = byFile.get(p.file);
    if (wanted === undefined) byFile.set(p.file, [i]);
    else wanted.push(i);
  });
  const rows: ({ [column: string]: JsonValue } | undefined)[] = places.map(() => undefined);
  for (const [file, wanted] of byFile) {
    const read = await readBytes(fs, file, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
    issues.push(...read.issues);
    if (read.bytes === undefined) continue;
    const opened = openParquet(read.bytes, file);
    if ('issues' in opened) {
      issues.push(...opened.issues);
      continue;
    }
    for (const i of wanted) {
      const place = places[i];
      const parquet = await readOpenedParquetObjects(opened, file, { rowStart: place.row, limit: 1 });
      issues.push(...parquet.issues);
      const row = parquet.rows[0];
      if (row !== undefined) rows[i] = withPartitionValues(safeRow(row), place.partitionValues, Object.keys(place.partitionValues ?? {}));
    }
  }
  const found = rows.flatMap((row, i) => (row === undefined ? [] : [{ row, place: places[i] }]));
  return { columns: [...new Set(found.flatMap((f) => Object.keys(f.row)))], rows: found.map((f) => f.row), places: found.map((f) => f.place), issues };
}

export async function readTableRows(fs: FileSystem, path: string, options: TableRowsOptions = {}): Promise<TableRows> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if ((await fs.stat(deltaLogDir(path)))?.type === 'directory') return readDeltaRows(fs, path, limit, options);
  const read = await readBytes(fs, path, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
  if (read.bytes === undefined) return { columns: [], rows: [], issues: read.issues };
  const bytes = read.bytes;
  if (hasParquetMagic(bytes)) {
    const p = await readParquetObjects(bytes, path, { limit, ...(options.columns === undefined ? {} : { columns: options.columns }) });
    return { kind: 'parquet', columns: p.columns, rows: p.rows.map(safeRow), totalRows: p.totalRows, places: p.rows.map((_, row) => ({ file: path, row })), issues: p.issues };
  }
  // Arrow streams have no magic of their own (pre-1.0 ones not even the continuation marker): anything
  // that is not Parquet is tried as Arrow, and a failure says what the file is not.
  const a = readArrowIpc(bytes, path, limit);
  const arrowLike = hasArrowFileMagic(bytes) || looksLikeArrowStream(bytes);
  if (a.issues.length === 0 || arrowLike) return { kind: 'arrow', columns: a.columns, rows: a.rows, totalRows: a.totalRows, issues: a.issues };
  const why = a.issues.map((i) => i.message).join('; ');
  return { columns: [], rows: [], issues: [issue('error', 'table-unknown-format', `not a Delta table or a Parquet file, and not readable as Arrow IPC (${why})`, { file: path })] };
}
