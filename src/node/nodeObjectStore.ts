/**
 * The store the CLI and the language server read tables through: local paths from the disk, `s3://`
 * addresses from S3 or an S3-compatible endpoint. The S3 client is made on the first remote address, so
 * a purely local run never loads credentials; immutable log files are cached by address and ETag.
 */

import * as path from 'node:path';
import { cachedStore } from '../core/objectStore/cachedStore';
import { fileSystemStore } from '../core/objectStore/fileSystemStore';
import type { GetOptions, ListOptions, ObjectStore } from '../core/objectStore/objectStore';
import { isRemoteAddress } from '../core/objectStore/objectUri';
import { routedStore } from '../core/objectStore/routedStore';
import { nodeFileSystem } from './nodeFileSystem';
import { S3ObjectStore, type S3StoreSettings } from './s3ObjectStore';

/** Path-style addressing unless said otherwise when an endpoint is set: S3-compatible stores need it. */
function withDefaults(settings: S3StoreSettings): S3StoreSettings {
  return { ...settings, forcePathStyle: settings.forcePathStyle ?? settings.endpoint !== undefined };
}

/** The editor's `planLens.objectStore` settings, as sent by the client (anything else is ignored). */
export function s3SettingsOf(value: unknown): S3StoreSettings {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const text = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() !== '' ? x.trim() : undefined);
  const endpoint = text(v.endpoint);
  const region = text(v.region);
  const profile = text(v.profile);
  return {
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(profile !== undefined ? { profile } : {}),
    ...(typeof v.forcePathStyle === 'boolean' ? { forcePathStyle: v.forcePathStyle } : {}),
  };
}

/**
 * The editor's `planLens.objectStore.dataRoot`: an `s3://` (or other remote) prefix or an absolute local
 * path, without a trailing slash; anything else (empty, a relative path, which would be relative to the
 * server's working directory) is no data root.
 */
export function dataRootOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const root = (value as Record<string, unknown>).dataRoot;
  if (typeof root !== 'string') return undefined;
  const trimmed = root.trim().replace(/(?<!:\/)\/+$/, '');
  return isRemoteAddress(trimmed) || path.isAbsolute(trimmed) ? trimmed : undefined;
}

/** The S3 store for `s3://` addresses, made on first use. */
export function s3Store(settings: S3StoreSettings): ObjectStore {
  let store: ObjectStore | undefined;
  const s3 = (): ObjectStore => (store ??= cachedStore(new S3ObjectStore(withDefaults(settings))));
  return {
    list: (folder: string, options?: ListOptions) => s3().list(folder, options),
    get: (key: string, options?: GetOptions) => s3().get(key, options),
    head: (key: string, options?: Pick<GetOptions, 'signal'>) => s3().head(key, options),
  };
}

export function nodeObjectStore(settings: S3StoreSettings = {}): ObjectStore {
  return routedStore(fileSystemStore(nodeFileSystem), s3Store(settings));
}
