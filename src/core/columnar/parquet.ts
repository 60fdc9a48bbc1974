/**
 * Parquet files (data files and Delta checkpoints) through hyparquet, a maintained pure-JavaScript reader.
 * Cost: linear in the bytes of the selected columns. hyparquet throws on malformed input (including the
 * fuzzer-found files of the corpus); every throw becomes a `parquet-invalid` issue, so callers never see an
 * exception. The whole file must already be in memory: the FileSystem has no ranged reads.
 */

import { parquetMetadata, parquetReadObjects, parquetSchema, type FileMetaData } from 'hyparquet';
import { issue, type PlanIssue } from '../issues';
import { checkParquetPages } from './parquetGuard';

export const PARQUET_MAGIC = 'PAR1';

export interface ParquetObjects {
  /** Top-level column names in schema order. */
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
  /** Rows in the file (may exceed `rows.length` when a limit applied). */
  readonly totalRows: number;
  readonly issues: PlanIssue[];
}

export interface ParquetReadLimits {
  /** Read at most this many rows. */
  readonly limit?: number;
  /** Read only these top-level columns (absent ones are simply missing from the rows). */
  readonly columns?: readonly string[];
  /** Start at this row (0-based): a row read again alone decodes only its row group's pages. */
  readonly rowStart?: number;
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function hasParquetMagic(bytes: Uint8Array): boolean {
  const m = [0x50, 0x41, 0x52, 0x31];
  if (bytes.length < 12) return false;
  for (let i = 0; i < 4; i++) if (bytes[i] !== m[i] || bytes[bytes.length - 4 + i] !== m[i]) return false;
  return true;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  return bytes.slice().buffer as ArrayBuffer;
}

export interface OpenedParquet {
  readonly buffer: ArrayBuffer;
  readonly metadata: FileMetaData;
  /** Top-level column names in schema order. */
  readonly columns: string[];
}

/**
 * A Parquet file checked before anything is decoded: the magic, a readable footer, and pages within bounds
 * (parquetGuard.ts). Issues otherwise, with the columns when the footer could be read.
 */
export function openParquet(bytes: Uint8Array, file: string): OpenedParquet | { readonly columns: string[]; readonly totalRows: number; readonly issues: PlanIssue[] } {
  if (!hasParquetMagic(bytes)) return { columns: [], totalRows: 0, issues: [issue('error', 'parquet-invalid', 'not a Parquet file (no PAR1 magic at both ends)', { file })] };
  const buffer = toArrayBuffer(bytes);
  let metadata: FileMetaData;
  let columns: string[];
  try {
    metadata = parquetMetadata(buffer);
    columns = parquetSchema(metadata).children.map((c) => c.element.name);
  } catch (e) {
    return { columns: [], totalRows: 0, issues: [issue('error', 'parquet-invalid', `unreadable Parquet footer: ${reason(e)}`, { file })] };
  }
  const unsafe = checkParquetPages(buffer, metadata);
  if (unsafe !== undefined) return { columns, totalRows: Number(metadata.num_rows), issues: [issue('error', 'parquet-invalid', `refusing to decode: ${unsafe}`, { file })] };
  return { buffer, metadata, columns };
}

export async function readParquetObjects(bytes: Uint8Array, file: string, limits: ParquetReadLimits = {}): Promise<ParquetObjects> {
  const opened = openParquet(bytes, file);
  if ('issues' in opened) return { columns: opened.columns, rows: [], totalRows: opened.totalRows, issues: opened.issues };
  return readOpenedParquetObjects(opened, file, limits);
}

/** The rows of a file `openParquet` has already checked. */
export async function readOpenedParquetObjects(opened: OpenedParquet, file: string, limits: ParquetReadLimits = {}): Promise<ParquetObjects> {
  const { buffer, metadata, columns } = opened;
  const totalRows = Number(metadata.num_rows);
  const wanted = limits.columns?.filter((c) => columns.includes(c));
  const rowStart = Math.min(limits.rowStart ?? 0, totalRows);
  const rowEnd = limits.limit === undefined ? totalRows : Math.min(rowStart + limits.limit, totalRows);
  // None of the columns asked for is in the file: its rows still count (a Delta read adds partition values).
  if (wanted !== undefined && wanted.length === 0) return { columns, rows: Array.from({ length: rowEnd - rowStart }, () => ({})), totalRows, issues: [] };
  try {
    const rows = (await parquetReadObjects({
      file: buffer,
      metadata,
      columns: wanted,
      rowStart,
      rowEnd,
    })) as Record<string, unknown>[];
    return { columns, rows: limits.limit === undefined ? rows : rows.slice(0, limits.limit), totalRows, issues: [] };
  } catch (e) {
    return { columns, rows: [], totalRows, issues: [issue('error', 'parquet-invalid', `unreadable Parquet data: ${reason(e)}`, { file })] };
  }
}
