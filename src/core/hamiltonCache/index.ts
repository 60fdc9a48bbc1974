/**
 * The Hamilton cache store reader's public surface, for the CLI, the tree view and the plan model:
 * `readHamiltonCache(fs, dir, sqlWasm)` -> `{ runs: [{ runId, index, nodes: [...] }], issues }`.
 */

export { readHamiltonCache, DATABASE_FILE, LOG_FILE, type ReadHamiltonCacheOptions } from './readHamiltonCache';
export { decodeCacheKey, safeNodeName, type DecodedCacheKey, type DecodeResult } from './cacheKey';
export { readCacheLog, type CacheLogEvent } from './cacheLog';
export { readMetadataStore, type MetadataStore, type StoreMetadataRow } from './metadataStore';
export { reconstructLineage } from './reconstruct';
export { reasonText } from './reasonText';
export { formatCacheSummary } from './summary';
export type { CacheNodeRun, CacheReason, CacheRun, CachingBehavior, DependencyChange, HamiltonCache, NodeRunStatus, ResultFile, StoreRunRow } from './model';
