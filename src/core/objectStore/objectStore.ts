/**
 * The object-storage capability the Delta reader reads through, injected like the FileSystem: a local
 * folder (fileSystemStore.ts) and S3 or an S3-compatible store (src/node/s3ObjectStore.ts) implement it.
 * Addresses are the strings a user names: an absolute path for the local store, `s3://bucket/key` for S3.
 * Only what a Delta read needs: list one folder-like prefix from a start-after name on, get a byte range,
 * head. Failures are thrown as `ObjectStoreError`, whose kind the caller turns into words for the user.
 */

/** The part of the host's AbortSignal the core uses; Node's and the browser's AbortSignal both fit. */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { readonly once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface ObjectInfo {
  /** The full address (`s3://bucket/a/b.json`, `/data/a/b.json`). */
  readonly key: string;
  /** The last segment of the address. */
  readonly name: string;
  readonly size: number;
  /** The store's version tag of the content; immutable files are cached by address and tag. */
  readonly etag?: string;
  /** Milliseconds since the epoch. */
  readonly lastModified?: number;
}

export interface ObjectListing {
  /** The objects directly under the folder, in name order. */
  readonly objects: readonly ObjectInfo[];
  /** Names of the sub-folders (common prefixes), without a trailing slash. */
  readonly folders: readonly string[];
}

export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

export interface ListOptions {
  /** Only names that sort after this one (S3's StartAfter): a Delta log is listed from its checkpoint on. */
  readonly startAfter?: string;
  /** Stop after this many objects (a probe for "is anything there"). */
  readonly limit?: number;
  readonly signal?: CancelSignal;
}

export interface GetOptions {
  readonly range?: ByteRange;
  /**
   * The tag a listing gave for this object: a cached copy with the same address and tag is the same
   * content, so a caching store answers without a request (cachedStore.ts).
   */
  readonly etag?: string;
  /**
   * The address alone names the content (a Delta sidecar's name holds a UUID and is never rewritten): a
   * caching store may answer from a copy kept under the address, with no tag to compare.
   */
  readonly immutable?: boolean;
  readonly signal?: CancelSignal;
}

export interface ObjectBytes {
  readonly bytes: Uint8Array;
  readonly etag?: string;
}

export interface ObjectStore {
  /** The objects and folders directly under `folder` (no trailing slash); empty when nothing is there. */
  list(folder: string, options?: ListOptions): Promise<ObjectListing>;
  /** The object's bytes, or one range of them; an `ObjectStoreError` of kind `not-found` when absent. */
  get(key: string, options?: GetOptions): Promise<ObjectBytes>;
  /** Undefined when nothing is at `key`. */
  head(key: string, options?: { readonly signal?: CancelSignal }): Promise<ObjectInfo | undefined>;
}

/**
 * Why a request failed, in the terms a user acts on: `no-credentials` (the SDK's chain found none),
 * `access-denied` (403), `not-found` (404, or no such bucket), `timeout` (no answer in time, retries
 * included), `throttled` (429/503 SlowDown after the retries), `unreachable` (connection refused, DNS),
 * `cancelled` (the editor or the user stopped it), `failed` (anything else the store answered).
 */
export type ObjectStoreErrorKind = 'no-credentials' | 'access-denied' | 'not-found' | 'timeout' | 'throttled' | 'unreachable' | 'cancelled' | 'failed';

export class ObjectStoreError extends Error {
  constructor(
    readonly kind: ObjectStoreErrorKind,
    /** The address the request was for. */
    readonly key: string,
    /** Words for the user; never a credential. */
    message: string,
  ) {
    super(message);
    this.name = 'ObjectStoreError';
  }
}

export function isObjectStoreError(e: unknown): e is ObjectStoreError {
  return e instanceof ObjectStoreError;
}

/** The last segment of an address. */
export function objectName(key: string): string {
  const trimmed = key.endsWith('/') ? key.slice(0, -1) : key;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
