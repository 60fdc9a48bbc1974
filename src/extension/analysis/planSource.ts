/**
 * Reading a plan file for a view: the editor's text when the file is open (unsaved edits included), else
 * the file from disk with its size checked first and its bytes required to be UTF-8; and the task costs
 * recorded by the run's plan_schedule when the pipeline wrote one next to the graph.
 */

import * as vscode from 'vscode';
import { readArtifactBytes } from '../../core/artifacts/readArtifact';
import { recordedDrift, recordedTaskCosts } from '../../core/analysis/recordedCosts';
import type { PlanDrift } from '../../core/model/planModel';
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
  const schedule = await artifactNextTo(graph, '*plan_schedule*.json');
  if (schedule === undefined) return undefined;
  const costs = recordedTaskCosts(readArtifactBytes(schedule.bytes, schedule.file));
  return costs === undefined ? undefined : { costs, file: schedule.file };
}

/** The plan-versus-runtime drift the run recorded next to the graph, when there is one. */
export async function driftNextTo(graph: vscode.Uri): Promise<{ readonly drift: PlanDrift; readonly file: string } | undefined> {
  const found = await artifactNextTo(graph, '*plan_drift*.json');
  if (found === undefined) return undefined;
  const drift = recordedDrift(readArtifactBytes(found.bytes, found.file));
  return drift === undefined ? undefined : { drift, file: found.file };
}

/** The first file matching `pattern` in the graph's folder (the same run), within the size limit. */
async function artifactNextTo(graph: vscode.Uri, pattern: string): Promise<{ readonly bytes: Uint8Array; readonly file: string } | undefined> {
  const folder = vscode.Uri.joinPath(graph, '..');
  const found = (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, pattern))).sort((a, b) => a.path.localeCompare(b.path))[0];
  if (found === undefined || (await vscode.workspace.fs.stat(found)).size > maxFileBytes(found)) return undefined;
  return { bytes: await vscode.workspace.fs.readFile(found), file: vscode.workspace.asRelativePath(found) };
}
