/**
 * Writes an export of the plan graph to a file the user picks, atomically (a reader never sees half a
 * file), and only to a file of the export's own format: Plan Lens does not write to the user's artifacts.
 */

import * as vscode from 'vscode';
import { writeFileAtomic } from '../../node/atomicWrite';
import type { GraphViewRequest } from '../../protocol/graphView';
import { isPlanFile } from '../../core/workspace/planFiles';

type ExportRequest = Extract<GraphViewRequest, { type: 'export' }>;

/** What to say in the webview afterwards. */
export async function exportGraph(source: vscode.Uri, request: ExportRequest): Promise<string> {
  const stem = source.path.slice(source.path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(source, '..', `${stem}.graph.${request.format}`),
    filters: request.format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
    title: `Export the plan graph as ${request.format.toUpperCase()}`,
  });
  if (target === undefined) return 'Export cancelled.';
  if (target.scheme !== 'file') return `Export not written: ${target.toString()} is not a local file.`;
  // An export only ever lands in a file of its own format, never over a plan artifact (JSON, msgpack, Parquet).
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  if (isPlanFile(name) || target.toString() === source.toString()) return `Export not written: ${vscode.workspace.asRelativePath(target)} is a plan file, and Plan Lens never writes over the plan's artifacts.`;
  if (!name.toLowerCase().endsWith(`.${request.format}`)) return `Export not written: ${vscode.workspace.asRelativePath(target)} is not a .${request.format} file, and Plan Lens never writes over the plan's artifacts.`;
  const data = typeof request.data === 'string' ? request.data : new Uint8Array(request.data);
  await writeFileAtomic(target.fsPath, data);
  return `Exported to ${vscode.workspace.asRelativePath(target)}.`;
}
