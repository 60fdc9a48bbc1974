/**
 * The one in-memory FileSystem of the tests: `files` maps absolute POSIX paths to bytes and directories are
 * implied by the paths below them. `reads` records every readFile, so a test can check what was re-read;
 * `sizes` overrides what stat() reports, to fake huge files without allocating them.
 */

import type { DirectoryEntry, FileStat, FileSystem } from '../../src/core/fs/fileSystem';

export interface MemoryFileSystem extends FileSystem {
  readonly files: Record<string, Uint8Array>;
  readonly reads: string[];
  write(path: string, content: string | Uint8Array): void;
}

export function memoryFs(files: Record<string, string | Uint8Array> = {}, sizes: Record<string, number> = {}): MemoryFileSystem {
  const bytes: Record<string, Uint8Array> = Object.create(null) as Record<string, Uint8Array>;
  const write = (p: string, content: string | Uint8Array): void => {
    bytes[p] = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  };
  for (const [k, v] of Object.entries(files)) write(k, v);
  const reads: string[] = [];
  const below = (p: string): string => (p.endsWith('/') ? p : `${p}/`);
  const isDir = (p: string): boolean => Object.keys(bytes).some((f) => f.startsWith(below(p)));
  return {
    files: bytes,
    reads,
    write,
    async readFile(p) {
      reads.push(p);
      const b = bytes[p];
      if (b === undefined) throw new Error(`ENOENT ${p}`);
      return b;
    },
    async stat(p): Promise<FileStat | undefined> {
      if (bytes[p] !== undefined) return { type: 'file', size: sizes[p] ?? bytes[p].byteLength, mtime: 0 };
      return isDir(p) ? { type: 'directory', size: 0, mtime: 0 } : undefined;
    },
    async readDirectory(p): Promise<readonly DirectoryEntry[]> {
      const prefix = below(p);
      const names = new Map<string, DirectoryEntry['type']>();
      for (const f of Object.keys(bytes)) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length);
        const slash = rest.indexOf('/');
        names.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? 'file' : 'directory');
      }
      return [...names].map(([name, type]) => ({ name, type }));
    },
  };
}
