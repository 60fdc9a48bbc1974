/**
 * Reads Hamilton's `SQLiteMetadataStore` file (`metadata_store.db`: tables `run_ids`, `history`,
 * `cache_metadata`) with sql.js, SQLite compiled to WebAssembly, so no native module is built per platform.
 * The host passes the wasm binary in; the core never touches the file system itself.
 * O(rows). Preconditions: none; a non-SQLite, truncated or corrupt file gives issues, never a throw.
 */

import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { issue, type PlanIssue } from '../issues';

export interface StoreRunId {
  /** `run_ids.id` (AUTOINCREMENT): the order in which runs started. */
  readonly id: number;
  readonly runId: string;
  /** SQLite `CURRENT_TIMESTAMP` text, UTC, one-second resolution. */
  readonly createdAt: string | null;
}

export interface StoreHistoryRow {
  readonly id: number;
  /** NULL for IGNORE nodes. */
  readonly cacheKey: string | null;
  readonly runId: string | null;
  readonly createdAt: string | null;
}

export interface StoreMetadataRow {
  readonly rowid: number;
  /** NULL for IGNORE nodes: `TEXT PRIMARY KEY` does not forbid NULL in SQLite. */
  readonly cacheKey: string | null;
  readonly dataVersion: string;
  readonly nodeName: string;
  readonly codeVersion: string;
  readonly createdAt: string | null;
}

export interface MetadataStore {
  readonly runIds: readonly StoreRunId[];
  readonly history: readonly StoreHistoryRow[];
  readonly metadata: readonly StoreMetadataRow[];
}

export interface MetadataStoreRead {
  /** Absent when the file could not be opened as SQLite at all. */
  readonly store?: MetadataStore;
  readonly issues: PlanIssue[];
}

/** Far beyond any real store; keeps a hostile file from exhausting memory through one table. */
export const MAX_ROWS_PER_TABLE = 2_000_000;

const engines = new WeakMap<Uint8Array, Promise<SqlJsStatic>>();

/** One sql.js instance per wasm binary: instantiating the module costs far more than opening a file. */
function engine(wasmBinary: Uint8Array): Promise<SqlJsStatic> {
  let e = engines.get(wasmBinary);
  if (e === undefined) {
    const buffer = wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) as ArrayBuffer;
    e = initSqlJs({ wasmBinary: buffer });
    engines.set(wasmBinary, e);
  }
  return e;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

export async function readMetadataStore(bytes: Uint8Array, file: string, sqlWasm: Uint8Array): Promise<MetadataStoreRead> {
  const issues: PlanIssue[] = [];
  const header = checkHeader(bytes, file);
  if (header.fatal !== undefined) return { issues: [header.fatal] };
  issues.push(...header.warnings);
  let SQL: SqlJsStatic;
  try {
    SQL = await engine(sqlWasm);
  } catch (e) {
    return { issues: [issue('error', 'sqlite-engine', `the SQLite engine (sql.js) could not start: ${message(e)}`, { file })] };
  }
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (e) {
    return { issues: [issue('error', 'sqlite-open', `cannot open the SQLite database: ${message(e)}`, { file })] };
  }
  try {
    const runIds = query(db, file, issues, 'run_ids', 'SELECT id, run_id, created_at FROM run_ids ORDER BY id', (r) =>
      typeof r[0] === 'number' && typeof r[1] === 'string' ? { id: r[0], runId: r[1], createdAt: text(r[2]) } : 'run_ids.run_id must be text',
    );
    const history = query(db, file, issues, 'history', 'SELECT id, cache_key, run_id, created_at FROM history ORDER BY id', (r) =>
      typeof r[0] === 'number' ? { id: r[0], cacheKey: text(r[1]), runId: text(r[2]), createdAt: text(r[3]) } : 'history.id must be an integer',
    );
    const metadata = query(
      db,
      file,
      issues,
      'cache_metadata',
      'SELECT rowid, cache_key, data_version, node_name, code_version, created_at FROM cache_metadata ORDER BY rowid',
      (r) =>
        typeof r[0] === 'number' && typeof r[2] === 'string' && typeof r[3] === 'string' && typeof r[4] === 'string'
          ? { rowid: r[0], cacheKey: text(r[1]), dataVersion: r[2], nodeName: r[3], codeVersion: r[4], createdAt: text(r[5]) }
          : 'data_version, node_name and code_version must be text',
    );
    return { store: { runIds, history, metadata }, issues };
  } finally {
    db.close();
  }
}

function query<T>(db: Database, file: string, issues: PlanIssue[], table: string, sql: string, toRow: (r: SqlValue[]) => T | string): T[] {
  const out: T[] = [];
  let badRows = 0;
  let firstBad = '';
  try {
    const stmt = db.prepare(`${sql} LIMIT ${MAX_ROWS_PER_TABLE + 1}`);
    try {
      while (stmt.step()) {
        const row = toRow(stmt.get());
        if (typeof row === 'string') {
          if (badRows++ === 0) firstBad = row;
        } else out.push(row);
      }
    } finally {
      stmt.free();
    }
  } catch (e) {
    const m = message(e);
    const missing = /no such table/i.test(m);
    issues.push(
      issue('error', missing ? 'sqlite-missing-table' : 'sqlite-read', missing ? `table ${table} is missing: not a Hamilton metadata store?` : `reading table ${table} failed after ${out.length} rows: ${m}`, { file }),
    );
    return out;
  }
  if (badRows > 0) issues.push(issue('error', 'sqlite-bad-row', `${badRows} row(s) of ${table} skipped: ${firstBad}`, { file }));
  if (out.length > MAX_ROWS_PER_TABLE) {
    out.length = MAX_ROWS_PER_TABLE;
    issues.push(issue('error', 'sqlite-too-many-rows', `table ${table} has more than ${MAX_ROWS_PER_TABLE} rows; only the first ones are read`, { file }));
  }
  return out;
}

/** The SQLite header (https://sqlite.org/fileformat.html §1.3) tells a wrong file and a truncated one apart before any query. */
function checkHeader(bytes: Uint8Array, file: string): { fatal?: PlanIssue; warnings: PlanIssue[] } {
  if (bytes.length === 0) return { fatal: issue('error', 'sqlite-empty', 'the database file is empty', { file }), warnings: [] };
  const magic = String.fromCharCode(...bytes.subarray(0, 16));
  if (bytes.length < 100 || magic !== SQLITE_MAGIC) {
    return { fatal: issue('error', 'sqlite-not-a-database', 'not an SQLite database (the file does not start with "SQLite format 3")', { file }), warnings: [] };
  }
  const rawPageSize = (bytes[16] << 8) | bytes[17];
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = ((bytes[28] << 24) | (bytes[29] << 16) | (bytes[30] << 8) | bytes[31]) >>> 0;
  const warnings: PlanIssue[] = [];
  if (pageSize >= 512 && pageCount > 0 && bytes.length < pageSize * pageCount) {
    warnings.push(
      issue('error', 'sqlite-truncated', `the database file is truncated: ${bytes.length} bytes, but its header declares ${pageCount} pages of ${pageSize} bytes; rows may be missing`, { file }),
    );
  }
  return { warnings };
}

function text(v: SqlValue | undefined): string | null {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
