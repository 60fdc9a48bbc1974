/**
 * The object store over the injected FileSystem: a local folder read the way a bucket is, so the Delta
 * reader has one code path for both. Addresses are the file system's paths. A file system has no ranged
 * reads, so a range is cut from the whole file; the last file read is kept (checked by size and mtime)
 * because a Parquet checkpoint is read as its footer and then its column chunks, and reading a 20 MB file
 * once per range would cost more than the replay.
 */

import { joinPath, type FileStat, type FileSystem } from '../fs/fileSystem';
import { compareCodePoints } from '../text/compareCodePoints';
import { ObjectStoreError, type GetOptions, type ListOptions, type ObjectBytes, type ObjectInfo, type ObjectListing, type ObjectStore } from './objectStore';

/** Stats at once while listing: enough to overlap the disk's latency, few enough to keep memory flat. */
const STAT_BATCH = 64;

/** A file system's own failure (EACCES, EIO, ...) in the store's terms, so every reader reports it the same way. */
async function guarded<T>(key: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ObjectStoreError) throw e;
    const text = e instanceof Error ? e.message : String(e);
    if (/EACCES|EPERM/.test(text)) throw new ObjectStoreError('access-denied', key, `${key}: access denied (${text})`);
    if (/ENOENT/.test(text)) throw new ObjectStoreError('not-found', key, `no file at ${key}`);
    throw new ObjectStoreError('failed', key, `${key}: ${text}`);
  }
}

function tagOf(stat: FileStat): string {
  return `${stat.size}-${stat.mtime}`;
}

export function fileSystemStore(fs: FileSystem): ObjectStore {
  let last: { key: string; tag: string; bytes: Uint8Array } | undefined;

  async function whole(key: string): Promise<{ bytes: Uint8Array; tag: string }> {
    const stat = await fs.stat(key);
    if (stat?.type !== 'file') throw new ObjectStoreError('not-found', key, `no file at ${key}`);
    const tag = tagOf(stat);
    if (last?.key === key && last.tag === tag) return last;
    const bytes = await fs.readFile(key);
    last = { key, tag, bytes };
    return last;
  }

  return {
    list(folder: string, options: ListOptions = {}): Promise<ObjectListing> {
      return guarded(folder, () => listFolder(folder, options));
    },

    async get(key: string, options: GetOptions = {}): Promise<ObjectBytes> {
      const { bytes, tag } = await guarded(key, () => whole(key));
      const r = options.range;
      if (r === undefined) return { bytes, etag: tag };
      return { bytes: bytes.subarray(Math.min(r.offset, bytes.length), Math.min(r.offset + r.length, bytes.length)), etag: tag };
    },

    head(key: string): Promise<ObjectInfo | undefined> {
      return guarded(key, async () => {
        const stat = await fs.stat(key);
        if (stat?.type !== 'file') return undefined;
        return { key, name: key.slice(key.lastIndexOf('/') + 1), size: stat.size, etag: tagOf(stat), lastModified: stat.mtime };
      });
    },
  };

  async function listFolder(folder: string, options: ListOptions): Promise<ObjectListing> {
    const stat = await fs.stat(folder);
    if (stat?.type !== 'directory') return { objects: [], folders: [] };
    const entries = [...(await fs.readDirectory(folder))].sort((a, b) => compareCodePoints(a.name, b.name));
    const after = options.startAfter;
    const files = entries.filter((e) => e.type === 'file' && (after === undefined || compareCodePoints(e.name, after) > 0));
    const wanted = options.limit === undefined ? files : files.slice(0, options.limit);
    const objects: ObjectInfo[] = [];
    for (let i = 0; i < wanted.length; i += STAT_BATCH) {
      const batch = wanted.slice(i, i + STAT_BATCH);
      const stats = await Promise.all(batch.map((e) => fs.stat(joinPath(folder, e.name))));
      batch.forEach((e, j) => {
        const s = stats[j];
        // A file deleted between the listing and its stat is simply no longer there.
        if (s?.type === 'file') objects.push({ key: joinPath(folder, e.name), name: e.name, size: s.size, etag: tagOf(s), lastModified: s.mtime });
      });
    }
    const folders = entries.filter((e) => e.type === 'directory').map((e) => e.name);
    return { objects, folders };
  }
}
