import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DirectoryEntry, FileStat, FileSystem } from '../../../src/core/fs/fileSystem';
import { readArtifactBytes, type ReadArtifact } from '../../../src/core/artifacts/readArtifact';

/** JSON text with keys sorted at every level: equal values give equal text whatever the key order. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, (x as Record<string, unknown>)[k]])) : x));
}

export function readText(text: string, file: string): ReadArtifact {
  return readArtifactBytes(new TextEncoder().encode(text), file);
}

export function readGolden(dir: string, name: string): ReadArtifact {
  return readArtifactBytes(readFileSync(path.join(dir, name)), name);
}

/** An in-memory FileSystem; `sizes` overrides what stat() reports, to fake huge files. */
export function memoryFs(files: Record<string, string | Uint8Array>, sizes: Record<string, number> = {}): FileSystem & { files: Record<string, Uint8Array>; reads: string[] } {
  const enc = new TextEncoder();
  const bytes: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(files)) bytes[k] = typeof v === 'string' ? enc.encode(v) : v;
  const reads: string[] = [];
  const isDir = (p: string): boolean => Object.keys(bytes).some((f) => f.startsWith(p.endsWith('/') ? p : p + '/'));
  return {
    files: bytes,
    reads,
    async readFile(p) {
      reads.push(p);
      const b = bytes[p];
      if (b === undefined) throw new Error(`ENOENT ${p}`);
      return b;
    },
    async stat(p): Promise<FileStat | undefined> {
      if (bytes[p] !== undefined) return { type: 'file', size: sizes[p] ?? bytes[p].byteLength, mtime: 0 };
      if (isDir(p)) return { type: 'directory', size: 0, mtime: 0 };
      return undefined;
    },
    async readDirectory(p): Promise<readonly DirectoryEntry[]> {
      const prefix = p.endsWith('/') ? p : p + '/';
      const names = new Map<string, DirectoryEntry['type']>();
      for (const f of Object.keys(bytes)) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length);
        const i = rest.indexOf('/');
        names.set(i < 0 ? rest : rest.slice(0, i), i < 0 ? 'file' : 'directory');
      }
      return [...names].map(([name, type]) => ({ name, type }));
    },
  };
}
