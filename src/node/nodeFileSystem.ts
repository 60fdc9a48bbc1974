/** The core's `FileSystem` over Node's `fs`, for the CLI, the language server and the tests. */

import { promises as fs } from 'node:fs';
import type { DirectoryEntry, FileStat, FileSystem, FileType } from '../core/fs/fileSystem';

function typeOf(s: { isFile(): boolean; isDirectory(): boolean }): FileType {
  return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
}

export const nodeFileSystem: FileSystem = {
  async readFile(path: string): Promise<Uint8Array> {
    return fs.readFile(path);
  },
  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await fs.stat(path);
      return { type: typeOf(s), size: s.size, mtime: s.mtimeMs };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
      throw e;
    }
  },
  async readDirectory(path: string): Promise<readonly DirectoryEntry[]> {
    const entries = await fs.readdir(path, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, type: typeOf(e) }));
  },
};
