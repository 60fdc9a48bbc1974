/**
 * The runs a comparison can be between: every task graph in the workspace, labelled by its run's start
 * time and run id. The pipeline's run ids are UUIDv7, whose first 48 bits are the start in Unix
 * milliseconds (RFC 9562 §5.7); a folder not named by one is labelled by the file's modification time.
 */

import * as vscode from 'vscode';
import { isTaskGraphFile } from '../../core/workspace/planFiles';
import { planFileGlob } from '../planFiles';

export interface RunPick extends vscode.QuickPickItem {
  readonly uri: vscode.Uri;
  readonly startedMs: number;
}

const UUID7 = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The start of a UUIDv7 run id in Unix ms, else undefined. */
export function uuid7Millis(runId: string): number | undefined {
  const m = UUID7.exec(runId);
  return m === null ? undefined : parseInt(m[1] + m[2], 16);
}

export async function discoveredRuns(): Promise<RunPick[]> {
  const graphs = (await vscode.workspace.findFiles(planFileGlob, '**/node_modules/**')).filter((u) => isTaskGraphFile(u.path));
  const picks = await Promise.all(
    graphs.map(async (uri): Promise<RunPick> => {
      const folder = uri.path.split('/').at(-2) ?? '';
      const fromId = uuid7Millis(folder);
      const startedMs = fromId ?? (await vscode.workspace.fs.stat(uri).then((s) => s.mtime, () => 0));
      const when = new Date(startedMs).toISOString().slice(0, 16).replace('T', ' ');
      return { label: `${when}${fromId === undefined ? ' (file time)' : ''} · ${fromId === undefined ? folder : folder.slice(0, 13) + '…'}`, description: vscode.workspace.asRelativePath(uri), detail: fromId === undefined ? undefined : `run ${folder}`, uri, startedMs };
    }),
  );
  return picks.sort((a, b) => a.startedMs - b.startedMs || a.uri.toString().localeCompare(b.uri.toString()));
}

/** Asks for a run; `except` is left out of the list. */
export async function pickRun(placeHolder: string, except?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const runs = (await discoveredRuns()).filter((r) => r.uri.toString() !== except?.toString());
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(`Plan Lens: no ${except === undefined ? '' : 'other '}task graph in this workspace to compare.`);
    return undefined;
  }
  return (await vscode.window.showQuickPick(runs, { placeHolder, matchOnDescription: true, matchOnDetail: true }))?.uri;
}
