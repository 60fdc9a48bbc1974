/** The extension's settings, read where they are used so a change applies to the next read. */

import * as vscode from 'vscode';
import { DEFAULT_MAX_FILE_BYTES } from '../core/json/parseJson';

/** `planLens.maxFileSizeMB` in bytes, for the file about to be read (the setting has resource scope). */
export function maxFileBytes(resource: vscode.Uri): number {
  const mb = vscode.workspace.getConfiguration('planLens', resource).get<number>('maxFileSizeMB');
  return typeof mb === 'number' && Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : DEFAULT_MAX_FILE_BYTES;
}
