/**
 * Reading a plan file for a view: the editor's text when the file is open (unsaved edits included), else
 * the file from disk with its size checked first and its bytes required to be UTF-8; and the task costs
 * recorded by the plan's own run.
 */

import * as vscode from 'vscode';
import { runContextOf } from '../../core/analysis/runContext';
import type { PlanIssue } from '../../core/issues';
import { decodeUtf8, sizeLimitIssue } from '../../core/json/parseJson';
import { maxFileBytes } from '../settings';
import { workspaceFileSystem } from '../util/workspaceFileSystem';

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
 * The task costs recorded by the plan's own run (core runContext: the schedule whose run id is the
 * plan's), the same rule the language server and the CLI apply. None when the run wrote no schedule, or
 * it is too large or unreadable: views then say costs come from priorities.
 */
export async function scheduleCostsNextTo(graph: vscode.Uri): Promise<RecordedCosts | undefined> {
  const context = await runContextOf(workspaceFileSystem(graph), graph.path, maxFileBytes(graph));
  if (context.costs === undefined) return undefined;
  return { costs: context.costs.costs, file: vscode.workspace.asRelativePath(graph.with({ path: context.costs.file })) };
}
