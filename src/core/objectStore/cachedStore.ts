/**
 * A store that keeps what it fetched, keyed by address, ETag and byte range, in a bounded LRU. A Delta
 * log's commits, checkpoints and sidecars never change once written, and a listing gives each one's ETag,
 * so a second read of the table (the pinned version after the latest, a refresh) costs one listing and
 * no GETs. Sidecars, which no listing covers, are asked for as immutable and kept by address. Any other
 * get without an ETag goes to the store; its answer is kept under the tag it came with.
 */

import type { GetOptions, ListOptions, ObjectBytes, ObjectInfo, ObjectListing, ObjectStore } from './objectStore';

/** Default bound: a few 100k-file checkpoints' add and remove columns. */
export const DEFAULT_CACHE_BYTES = 128 * 1024 * 1024;

export interface CachedStore extends ObjectStore {
  /** Bytes held now. */
  readonly cachedBytes: number;
}

/** The tag under which immutable objects are kept: the address alone identifies them. */
const IMMUTABLE = '\u0000immutable';

function cacheKey(key: string, etag: string, options: GetOptions): string {
  const r = options.range;
  return `${key}\u0000${etag}\u0000${r === undefined ? '' : `${r.offset}:${r.length}`}`;
}

export function cachedStore(store: ObjectStore, maxBytes = DEFAULT_CACHE_BYTES): CachedStore {
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the least recently used.
  const entries = new Map<string, ObjectBytes>();
  let held = 0;

  function keep(k: string, value: ObjectBytes): void {
    if (value.bytes.byteLength > maxBytes) return;
    const old = entries.get(k);
    if (old !== undefined) held -= old.bytes.byteLength;
    entries.delete(k);
    entries.set(k, value);
    held += value.bytes.byteLength;
    for (const [oldest, v] of entries) {
      if (held <= maxBytes) break;
      entries.delete(oldest);
      held -= v.bytes.byteLength;
    }
  }

  return {
    get cachedBytes(): number {
      return held;
    },
    list(folder: string, options?: ListOptions): Promise<ObjectListing> {
      return store.list(folder, options);
    },
    head(key: string, options?: { readonly signal?: GetOptions['signal'] }): Promise<ObjectInfo | undefined> {
      return store.head(key, options);
    },
    async get(key: string, options: GetOptions = {}): Promise<ObjectBytes> {
      const known = options.etag ?? (options.immutable === true ? IMMUTABLE : undefined);
      if (known !== undefined) {
        const k = cacheKey(key, known, options);
        const hit = entries.get(k);
        if (hit !== undefined) {
          entries.delete(k);
          entries.set(k, hit);
          return hit;
        }
      }
      const got = await store.get(key, options);
      const tag = options.immutable === true ? IMMUTABLE : (got.etag ?? options.etag);
      if (tag !== undefined) keep(cacheKey(key, tag, options), got);
      return got;
    },
  };
}
