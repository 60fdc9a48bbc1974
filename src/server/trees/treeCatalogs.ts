/**
 * The run catalogs the tree views read, one per workspace folder and discovery settings: scanned on the
 * first request, then kept and re-read file by file as the editor reports changes
 * (workspace/didChangeWatchedFiles), so a view's refresh after a pipeline run costs the changed files,
 * not a new walk of the workspace. What each view derives from a catalog is kept per catalog version.
 */

import * as path from 'node:path';
import { RunCatalog } from '../../core/analysis/runCatalog';
import { DEFAULT_MAX_FILE_BYTES } from '../../core/json/parseJson';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import type { TreeScope } from '../../protocol/trees';
import { filePath } from '../plans/planSessions';

export interface ScopedCatalog {
  readonly root: string;
  /** Position of the root in the request's scope: part of every key a view hands out. */
  readonly index: number;
  readonly catalog: RunCatalog;
  /** A value derived from the catalog, computed once per catalog version and change. */
  derived<T>(name: string, compute: () => Promise<T>): Promise<T>;
  /** The path relative to the root, for labels. */
  relative(file: string): string;
}

interface Entry {
  readonly catalog: RunCatalog;
  ready: Promise<void>;
  /** Paths changed since the last refresh. */
  pending: string[];
  /** Bumped for changes the catalog does not hold (a cache store, a Delta log): derived values are redone. */
  salt: number;
  readonly derived: Map<string, { readonly at: string; readonly value: Promise<unknown> }>;
}

export class TreeCatalogs {
  private readonly entries = new Map<string, Entry>();

  /** The catalogs of the scope's folders, up to date with the changes reported so far. */
  async of(scope: TreeScope): Promise<ScopedCatalog[]> {
    const maxBytes = scope.maxFileSizeMB !== undefined && Number.isFinite(scope.maxFileSizeMB) && scope.maxFileSizeMB > 0 ? Math.floor(scope.maxFileSizeMB * 1024 * 1024) : DEFAULT_MAX_FILE_BYTES;
    const out: ScopedCatalog[] = [];
    for (const [index, uri] of scope.roots.entries()) {
      const root = filePath(uri);
      if (root === undefined) continue;
      const key = JSON.stringify([root, scope.artifactGlobs ?? null, scope.excludeGlobs ?? null, maxBytes]);
      let entry = this.entries.get(key);
      if (entry === undefined) {
        const catalog = new RunCatalog(nodeFileSystem, root, { ...(scope.artifactGlobs === undefined ? {} : { include: scope.artifactGlobs }), ...(scope.excludeGlobs === undefined ? {} : { exclude: scope.excludeGlobs }), maxBytes });
        entry = { catalog, ready: catalog.scan(), pending: [], salt: 0, derived: new Map() };
        this.entries.set(key, entry);
      }
      if (entry.pending.length > 0) {
        // Chained, so a request that arrives during a refresh waits for it instead of reading half of it.
        const changed = entry.pending;
        const { catalog } = entry;
        entry.pending = [];
        entry.ready = entry.ready.then(() => catalog.refresh(changed));
      }
      await entry.ready;
      const e = entry;
      out.push({
        root,
        index,
        catalog: e.catalog,
        derived: <T>(name: string, compute: () => Promise<T>): Promise<T> => {
          const at = `${e.catalog.version}:${e.salt}`;
          const known = e.derived.get(name);
          if (known?.at === at) return known.value as Promise<T>;
          const value = compute();
          e.derived.set(name, { at, value });
          return value;
        },
        relative: (file) => path.relative(root, file).split(path.sep).join('/'),
      });
    }
    return out;
  }

  /** A file changed on disk: the catalogs under whose root it is re-read it on their next request. */
  fileChanged(uri: string): void {
    const file = filePath(uri);
    if (file === undefined) return;
    for (const entry of this.entries.values()) {
      if (!file.startsWith(entry.catalog.root + path.sep)) continue;
      entry.pending.push(file);
      entry.salt++;
    }
  }

  /** Everything is read again (the Refresh action). */
  clear(): void {
    this.entries.clear();
  }
}
