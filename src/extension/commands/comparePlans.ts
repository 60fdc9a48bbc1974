/**
 * Comparing two runs side by side. `planLens.compare.runs(left, right)` takes the two runs' task graphs
 * (the Runs view calls it with a multi-selection or a run and its pick); with no arguments it asks for
 * both among the runs found, labelled by start time and run id. `planLens.compare.with` is "Compare
 * with…" on a plan file (explorer, editor), with two files selected in the explorer it compares those.
 * The earlier run is always the left side, as a diff reads.
 */

import * as vscode from 'vscode';
import type { ComparePanels } from '../compare/comparePanel';
import { pickRun, uuid7Millis } from '../compare/runPicks';
import { targetTaskGraph } from './planTarget';

export async function compareRuns(panels: ComparePanels, left: unknown, right: unknown): Promise<void> {
  const first = left instanceof vscode.Uri ? await targetTaskGraph(left) : await pickRun('First run to compare (the earlier one goes left)');
  if (first === undefined) return;
  const second = right instanceof vscode.Uri ? await targetTaskGraph(right) : await pickRun(`Compare ${vscode.workspace.asRelativePath(first)} with…`, first);
  if (second === undefined) return;
  panels.show(...(await inRunOrder(first, second)));
}

/** "Compare with…": the file clicked (or the active plan) against a picked run, or the two files selected. */
export async function compareWith(panels: ComparePanels, clicked: unknown, selected: unknown): Promise<void> {
  const files = Array.isArray(selected) ? selected.filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [];
  if (files.length === 2) return compareRuns(panels, files[0], files[1]);
  const first = await targetTaskGraph(clicked);
  if (first === undefined) return;
  return compareRuns(panels, first, undefined);
}

/** Earlier run first: by the run ids' UUIDv7 start, else by the files' modification time. */
async function inRunOrder(a: vscode.Uri, b: vscode.Uri): Promise<[vscode.Uri, vscode.Uri]> {
  const started = async (u: vscode.Uri): Promise<number> => uuid7Millis(u.path.split('/').at(-2) ?? '') ?? (await vscode.workspace.fs.stat(u).then((s) => s.mtime, () => 0));
  return (await started(a)) <= (await started(b)) ? [a, b] : [b, a];
}
