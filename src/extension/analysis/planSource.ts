/**
 * Reading a plan file for a view: the editor's text when the file is open (unsaved edits included), else
 * the file from disk with its size checked first and its bytes required to be UTF-8; and the task costs
 * recorded by the run's plan_schedule when the pipeline wrote one next to the graph.
 */

import * as vscode from 'vscode';
import { readArtifactBytes } from '../../core/artifacts/readArtifact';
import { recordedTaskCosts } from '../../core/analysis/recordedCosts';
import type { PlanIssue } from '../../core/issues';
import { decodeUtf8, sizeLimitIssue } from '../../core/json/parseJson';
import { maxFileBytes } from '../settings';

export interface RecordedCosts {
  readonly costs: ReadonlyMap<string, number>;
  /** The artifact they come from, as shown to the user. */
  readonly file: string;
}

export type PlanText = { readonly name: string; readonly text: string } | { readonly name: string; readonly issues: readonly PlanIssue[] };

export async function readPlanText(source: vscode.Uri): Promise<PlanText> {
  const name = vscode.workspace.asRelativePath(source);
  const openDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.toString());
  if (openDoc !== undefined) return { name, text: openDoc.getText() };
  const maxBytes = maxFileBytes(source);
  const { size } = await vscode.workspace.fs.stat(source);
  if (size > maxBytes) return { name, issues: [sizeLimitIssue(name, size, maxBytes)] };
  const decoded = decodeUtf8(await vscode.workspace.fs.readFile(source), name);
  return decoded.text === undefined ? { name, issues: decoded.issues } : { name, text: decoded.text };
}

/**
 * The task costs recorded by the plan_schedule the pipeline wrote next to the graph (the same run), so a
 * view weighs the critical path as the pipeline did. None when there is no such schedule, or it is too
 * large or unreadable: views then say costs come from priorities.
 */
export async function scheduleCostsNextTo(graph: vscode.Uri): Promise<RecordedCosts | undefined> {
  const folder = vscode.Uri.joinPath(graph, '..');
  const schedules = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '*plan_schedule*.json'));
  const schedule = schedules.sort((a, b) => a.path.localeCompare(b.path))[0];
  if (schedule === undefined || (await vscode.workspace.fs.stat(schedule)).size > maxFileBytes(schedule)) return undefined;
  const file = vscode.workspace.asRelativePath(schedule);
  const costs = recordedTaskCosts(readArtifactBytes(await vscode.workspace.fs.readFile(schedule), file));
  return costs === undefined ? undefined : { costs, file };
}
