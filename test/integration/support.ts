/** Helpers for tests running inside the extension host. */

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { isTaskGraphFile } from '../../src/core/workspace/planFiles';
import { planFileGlob } from '../../src/extension/planFiles';

export const extensionId = 'plan-lens.plan-lens';

export function planLens(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(extensionId);
  assert.ok(ext, `${extensionId} is not loaded`);
  return ext;
}

/** The plan files of the opened workspace, sorted; at least one is required. */
export async function workspacePlanFiles(): Promise<vscode.Uri[]> {
  const files = (await vscode.workspace.findFiles(planFileGlob)).sort((a, b) => a.path.localeCompare(b.path));
  assert.ok(files.length > 0, `no plan file in ${vscode.workspace.workspaceFolders?.map((f) => f.uri.fsPath).join(', ')}`);
  return files;
}

/**
 * Waits until `condition` holds. Activation has no completion event in the API, so it is polled; the
 * bound is a failure limit, not a delay: the wait ends as soon as the condition holds.
 */
export async function waitUntil(what: string, condition: () => boolean, limitMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) assert.fail(`timed out after ${limitMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The first node-link task graph of the workspace: what `plan-lens analyze` reads. */
export async function workspaceTaskGraph(): Promise<vscode.Uri> {
  const graph = (await workspacePlanFiles()).find((u) => isTaskGraphFile(u.path));
  assert.ok(graph, 'no node-link task graph in the workspace');
  return graph;
}

export async function openPlanFile(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}
