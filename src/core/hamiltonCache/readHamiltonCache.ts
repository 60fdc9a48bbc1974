/**
 * Entry point: finds a Hamilton cache store under `dir`, reads `metadata_store.db` and `cache_logs.jsonl`,
 * lists the result files (existence and size only: they are pickles) and reconstructs the lineage.
 * Layouts: `dir` itself holds the store (explicit `SQLiteMetadataStore(path=dir)` or `.with_cache(path=dir)`),
 * or `dir/meta.sqlite/` (CodeAnatomy's `cache_path`), or `dir/hamilton_cache/`.
 * O(files + rows + events). Preconditions: none; problems come back as issues.
 */

import { baseName, dirName, joinPath, type FileSystem } from '../fs/fileSystem';
import { issue, type PlanIssue } from '../issues';
import { DEFAULT_MAX_FILE_BYTES, sizeLimitIssue } from '../json/parseJson';
import { readCacheLog } from './cacheLog';
import { readMetadataStore, type MetadataStore } from './metadataStore';
import type { HamiltonCache } from './model';
import { reconstructLineage } from './reconstruct';

export const DATABASE_FILE = 'metadata_store.db';
export const LOG_FILE = 'cache_logs.jsonl';

export interface ReadHamiltonCacheOptions {
  readonly maxFileBytes?: number;
}

/** Result directories of real caches hold thousands of files; this bounds the stat calls. */
const MAX_RESULT_FILES = 200_000;

/**
 * @param sqlWasm the sql.js WebAssembly binary (`sql.js/dist/sql-wasm.wasm`), supplied by the host
 *   (`loadSqlWasm()` in src/node/sqlWasm.ts for Node).
 */
export async function readHamiltonCache(fs: FileSystem, dir: string, sqlWasm: Uint8Array, options: ReadHamiltonCacheOptions = {}): Promise<HamiltonCache> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const issues: PlanIssue[] = [];
  const storeDir = await locateStore(fs, dir);
  if (storeDir === undefined) {
    issues.push(issue('error', 'hamilton-cache-not-found', `no ${DATABASE_FILE} or ${LOG_FILE} in ${dir}, ${joinPath(dir, 'meta.sqlite')} or ${joinPath(dir, 'hamilton_cache')}`, { file: dir }));
    return { storeDir: dir, databaseFile: null, logFile: null, resultsDir: null, runs: [], nullKeyEntries: [], issues };
  }
  const dbPath = joinPath(storeDir, DATABASE_FILE);
  const logPath = joinPath(storeDir, LOG_FILE);
  const [dbStat, logStat, walStat] = await Promise.all([fs.stat(dbPath), fs.stat(logPath), fs.stat(`${dbPath}-wal`)]);

  let store: MetadataStore | undefined;
  if (dbStat?.type === 'file') {
    if (dbStat.size > maxBytes) issues.push(sizeLimitIssue(dbPath, dbStat.size, maxBytes));
    else {
      const read = await readMetadataStore(await fs.readFile(dbPath), dbPath, sqlWasm);
      store = read.store;
      issues.push(...read.issues);
    }
    if (walStat !== undefined && walStat.size > 0) {
      issues.push(issue('warning', 'sqlite-wal-pending', `${baseName(dbPath)}-wal holds writes not yet checkpointed into the database; they are not shown`, { file: dbPath }));
    }
  } else {
    issues.push(issue('warning', 'hamilton-cache-no-database', `no ${DATABASE_FILE}: runs are reconstructed from the log alone`, { file: storeDir }));
  }

  let events: ReturnType<typeof readCacheLog>['events'] = [];
  if (logStat?.type === 'file') {
    if (logStat.size > maxBytes) issues.push(sizeLimitIssue(logPath, logStat.size, maxBytes));
    else {
      const read = readCacheLog(await fs.readFile(logPath), logPath, maxBytes);
      events = read.events;
      issues.push(...read.issues);
    }
  } else {
    issues.push(issue('warning', 'hamilton-cache-no-log', `no ${LOG_FILE} (log_to_file off?): cache hits, IGNORE and DISABLE nodes are invisible; only what the store wrote is shown`, { file: storeDir }));
  }

  const resultsDir = await locateResults(fs, storeDir);
  const resultFiles = resultsDir === null ? null : await listResultFiles(fs, resultsDir, issues);
  const lineage = reconstructLineage({
    store,
    events,
    resultFiles,
    databaseFile: dbStat?.type === 'file' ? dbPath : null,
    logFile: logStat?.type === 'file' ? logPath : null,
  });
  issues.push(...lineage.issues);
  return {
    storeDir,
    databaseFile: dbStat?.type === 'file' ? dbPath : null,
    logFile: logStat?.type === 'file' ? logPath : null,
    resultsDir,
    runs: lineage.runs,
    nullKeyEntries: lineage.nullKeyEntries,
    issues,
  };
}

async function hasStoreFiles(fs: FileSystem, dir: string): Promise<boolean> {
  const [db, log] = await Promise.all([fs.stat(joinPath(dir, DATABASE_FILE)), fs.stat(joinPath(dir, LOG_FILE))]);
  return db?.type === 'file' || log?.type === 'file';
}

async function locateStore(fs: FileSystem, dir: string): Promise<string | undefined> {
  const s = await fs.stat(dir);
  if (s?.type === 'file' && (baseName(dir) === DATABASE_FILE || baseName(dir) === LOG_FILE)) return dirName(dir);
  if (s?.type !== 'directory') return undefined;
  for (const candidate of [dir, joinPath(dir, 'meta.sqlite'), joinPath(dir, 'hamilton_cache')]) {
    if (await hasStoreFiles(fs, candidate)) return candidate;
  }
  return undefined;
}

/**
 * `<store>/results` (explicit FileResultStore next to the store), `<cache_path>/results` when the store is
 * CodeAnatomy's `<cache_path>/meta.sqlite/`, else the store directory itself (`.with_cache(path=…)` puts
 * result files next to `metadata_store.db`).
 */
async function locateResults(fs: FileSystem, storeDir: string): Promise<string | null> {
  const own = joinPath(storeDir, 'results');
  if ((await fs.stat(own))?.type === 'directory') return own;
  if (baseName(storeDir) === 'meta.sqlite') {
    const sibling = joinPath(dirName(storeDir), 'results');
    if ((await fs.stat(sibling))?.type === 'directory') return sibling;
  }
  return storeDir;
}

async function listResultFiles(fs: FileSystem, dir: string, issues: PlanIssue[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  let entries;
  try {
    entries = await fs.readDirectory(dir);
  } catch (e) {
    issues.push(issue('warning', 'hamilton-results-unreadable', `cannot list the result files: ${e instanceof Error ? e.message : String(e)}`, { file: dir }));
    return sizes;
  }
  const files = entries.filter((e) => e.type === 'file' && e.name !== DATABASE_FILE && e.name !== LOG_FILE);
  if (files.length > MAX_RESULT_FILES) {
    issues.push(issue('warning', 'hamilton-results-too-many', `${files.length} result files; sizes are read for the first ${MAX_RESULT_FILES}`, { file: dir }));
    files.length = MAX_RESULT_FILES;
  }
  const batch = 64;
  for (let i = 0; i < files.length; i += batch) {
    const stats = await Promise.all(files.slice(i, i + batch).map((f) => fs.stat(joinPath(dir, f.name))));
    stats.forEach((st, j) => {
      if (st !== undefined) sizes.set(files[i + j].name, st.size);
    });
  }
  return sizes;
}
