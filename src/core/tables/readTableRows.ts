/**
 * Rows of a Delta table, a Parquet file or an Arrow IPC file/stream, as JSON-safe objects (bigint → number
 * when exact else string, bytes → base64, dates → ISO). The kind is found from the path (a directory with
 * `_delta_log`) or the file's magic bytes. For Delta, rows come from the active files of the latest
 * version in path order with partition values added as columns; deletion vectors are not applied (an
 * issue says so). It sits above `delta` and `tables` (the formats), so that neither imports the other's caller. O(bytes of the files read); reading stops once `limit` rows are collected.
 */

import type { FileSystem } from '../fs/fileSystem';
import { issue, type PlanIssue } from '../issues';
import { DEFAULT_MAX_FILE_BYTES, sizeLimitIssue, type JsonValue } from '../json/parseJson';
import { dataFilePath } from '../delta/dataFiles';
import { readDeltaTable, type DeltaReadOptions } from '../delta/deltaTable';
import { deltaLogDir } from '../delta/logListing';
import { hasArrowFileMagic, looksLikeArrowStream, readArrowIpc } from './arrowIpc';
import { toJsonSafe } from '../columnar/jsonSafe';
import { hasParquetMagic, readParquetObjects } from '../columnar/parquet';

export type TableKind = 'delta' | 'parquet' | 'arrow';

export interface TableRows {
  readonly kind?: TableKind;
  readonly columns: readonly string[];
  readonly rows: readonly { [column: string]: JsonValue }[];
  /** Rows available in the source, when known without reading them all. */
  readonly totalRows?: number;
  readonly issues: PlanIssue[];
}

export interface TableRowsOptions {
  readonly limit?: number;
  readonly maxBytes?: number;
  /** For Delta tables: time travel. */
  readonly delta?: Pick<DeltaReadOptions, 'version' | 'timestamp'>;
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
  for (const f of snap.files) {
    if (rows.length >= limit) break;
    const file = dataFilePath(path, f.path);
    const read = await readBytes(fs, file, maxBytes);
    issues.push(...read.issues);
    if (read.bytes === undefined) continue;
    const parquet = await readParquetObjects(read.bytes, file, { limit: limit - rows.length });
    issues.push(...parquet.issues);
    for (const r of parquet.rows) {
      const row = safeRow(r);
      for (const c of partitionColumns) row[c] = f.partitionValues[c] ?? null;
      rows.push(row);
    }
  }
  return { kind: 'delta', columns, rows, issues };
}

export async function readTableRows(fs: FileSystem, path: string, options: TableRowsOptions = {}): Promise<TableRows> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if ((await fs.stat(deltaLogDir(path)))?.type === 'directory') return readDeltaRows(fs, path, limit, options);
  const read = await readBytes(fs, path, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
  if (read.bytes === undefined) return { columns: [], rows: [], issues: read.issues };
  const bytes = read.bytes;
  if (hasParquetMagic(bytes)) {
    const p = await readParquetObjects(bytes, path, { limit });
    return { kind: 'parquet', columns: p.columns, rows: p.rows.map(safeRow), totalRows: p.totalRows, issues: p.issues };
  }
  // Arrow streams have no magic of their own (pre-1.0 ones not even the continuation marker): anything
  // that is not Parquet is tried as Arrow, and a failure says what the file is not.
  const a = readArrowIpc(bytes, path, limit);
  const arrowLike = hasArrowFileMagic(bytes) || looksLikeArrowStream(bytes);
  if (a.issues.length === 0 || arrowLike) return { kind: 'arrow', columns: a.columns, rows: a.rows, totalRows: a.totalRows, issues: a.issues };
  const why = a.issues.map((i) => i.message).join('; ');
  return { columns: [], rows: [], issues: [issue('error', 'table-unknown-format', `not a Delta table or a Parquet file, and not readable as Arrow IPC (${why})`, { file: path })] };
}
