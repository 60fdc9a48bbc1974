/**
 * The file-system capability the core reads through. The CLI, the language server and the tests each
 * inject their own implementation, so the core never touches Node's `fs` and runs unchanged in any host.
 * Paths are POSIX-style strings (`/` separators) in the implementation's own namespace.
 */

export type FileType = 'file' | 'directory' | 'other';

export interface FileStat {
  readonly type: FileType;
  readonly size: number;
  /** Milliseconds since the epoch. */
  readonly mtime: number;
}

export interface DirectoryEntry {
  readonly name: string;
  readonly type: FileType;
}

export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** Resolves to `undefined` when nothing exists at `path`. */
  stat(path: string): Promise<FileStat | undefined>;
  readDirectory(path: string): Promise<readonly DirectoryEntry[]>;
}

export function joinPath(base: string, ...parts: readonly string[]): string {
  let out = base;
  for (const part of parts) {
    if (part.startsWith('/')) out = part;
    else out = out.endsWith('/') || out === '' ? out + part : `${out}/${part}`;
  }
  return out;
}

export function baseName(path: string): string {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '.') : path.slice(0, i);
}
