/** The core's FileSystem over VS Code's workspace file system (paths are the URIs' paths on this host). */

import * as vscode from 'vscode';
import type { FileSystem, FileType } from '../../core/fs/fileSystem';

const typeOf = (t: vscode.FileType): FileType => ((t & vscode.FileType.Directory) !== 0 ? 'directory' : (t & vscode.FileType.File) !== 0 ? 'file' : 'other');

export function workspaceFileSystem(base: vscode.Uri): FileSystem {
  const at = (path: string): vscode.Uri => base.with({ path });
  return {
    readFile: async (path) => vscode.workspace.fs.readFile(at(path)),
    stat: async (path) => {
      try {
        const s = await vscode.workspace.fs.stat(at(path));
        return { type: typeOf(s.type), size: s.size, mtime: s.mtime };
      } catch {
        return undefined;
      }
    },
    readDirectory: async (path) => (await vscode.workspace.fs.readDirectory(at(path))).map(([name, type]) => ({ name, type: typeOf(type) })),
  };
}
