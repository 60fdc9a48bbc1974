/**
 * A store that keeps what it fetched, keyed by address, ETag and byte range, in a bounded LRU. A Delta
 * log's commits, checkpoints and sidecars never change once written, and a listing gives each one's ETag,
 * so a second read of the table (the pinned version after the latest, a refresh) costs one listing and
 * no GETs. A get without an ETag always goes to the store; its answer is kept under the tag it came with.
 */

import type { GetOptions, ListOptions, ObjectBytes, ObjectInfo, ObjectListing, ObjectStore } from './objectStore';

/** Default bound: a few 100k-file checkpoints' add and remove columns. */
export const DEFAULT_CACHE_BYTES = 128 * 1024 * 1024;

export interface CachedStore extends ObjectStore {
  /** Bytes held now. */
  readonly cachedBytes: number;
}

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
      if (options.etag !== undefined) {
        const k = cacheKey(key, options.etag, options);
        const hit = entries.get(k);
        if (hit !== undefined) {
          entries.delete(k);
          entries.set(k, hit);
          return hit;
        }
      }
      const got = await store.get(key, options);
      const tag = got.etag ?? options.etag;
      if (tag !== undefined) keep(cacheKey(key, tag, options), got);
      return got;
    },
  };
}
