/**
 * What the tree views send with every request: the workspace folders and the discovery settings
 * (`planLens.artifactGlobs`, `planLens.excludeGlobs`, `planLens.maxFileSizeMB`), read when asked so a
 * changed setting applies at the next refresh.
 */

import * as vscode from 'vscode';
import type { TreeScope } from '../../protocol/trees';

const SETTINGS = ['planLens.artifactGlobs', 'planLens.excludeGlobs', 'planLens.maxFileSizeMB'] as const;
/** Not sent with a request (the server has them as settings), but the pins' states change with them. */
const STATE_SETTINGS = ['planLens.objectStore'] as const;

export function treeScope(): TreeScope {
  const config = vscode.workspace.getConfiguration('planLens');
  const globs = (key: string): readonly string[] | undefined => {
    const value = config.get<unknown>(key);
    // An empty list or a wrong type keeps the defaults: discovering nothing is never what a user meant.
    return Array.isArray(value) && value.length > 0 && value.every((g) => typeof g === 'string') ? value : undefined;
  };
  const artifactGlobs = globs('artifactGlobs');
  const excludeGlobs = globs('excludeGlobs');
  const maxFileSizeMB = config.get<number>('maxFileSizeMB');
  return {
    roots: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()),
    ...(artifactGlobs === undefined ? {} : { artifactGlobs }),
    ...(excludeGlobs === undefined ? {} : { excludeGlobs }),
    ...(typeof maxFileSizeMB === 'number' ? { maxFileSizeMB } : {}),
  };
}

/** Fires when the folders, a discovery setting or the object-store settings change. */
export function onDidChangeTreeScope(listener: () => void): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeWorkspaceFolders(listener),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if ([...SETTINGS, ...STATE_SETTINGS].some((s) => e.affectsConfiguration(s))) listener();
    }),
  );
}
