/** An in-memory FileSystem for Delta tests: synthetic and mutated logs without touching the disk. */

import type { DirectoryEntry, FileStat, FileSystem } from '../../../src/core/fs/fileSystem';

export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, Uint8Array>();

  write(path: string, content: string | Uint8Array): void {
    this.files.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  async readFile(path: string): Promise<Uint8Array> {
    const f = this.files.get(path);
    if (f === undefined) throw new Error(`ENOENT: ${path}`);
    return f;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    const f = this.files.get(path);
    if (f !== undefined) return { type: 'file', size: f.byteLength, mtime: 0 };
    const prefix = path.endsWith('/') ? path : `${path}/`;
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return { type: 'directory', size: 0, mtime: 0 };
    return undefined;
  }

  async readDirectory(path: string): Promise<readonly DirectoryEntry[]> {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const seen = new Map<string, DirectoryEntry>();
    for (const k of this.files.keys()) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      seen.set(name, { name, type: slash < 0 ? 'file' : 'directory' });
    }
    return [...seen.values()];
  }
}
