/**
 * Files of a plan's run change on disk (the pipeline rewrote the plan, wrote a schedule, drift or cache
 * lineage): views of the plan ask the language server again, whether or not the plan is open.
 */

import * as vscode from 'vscode';

/** The artifacts a plan's run writes next to it. */
export const runFileGlob = '**/*.{json,jsonl,msgpack}';

/** Whether `changed` is the plan itself or a file in the plan's run folder. */
export function sameRun(plan: vscode.Uri, changed: vscode.Uri): boolean {
  if (plan.toString() === changed.toString()) return true;
  const folder = (u: vscode.Uri): string => u.with({ path: u.path.slice(0, u.path.lastIndexOf('/')) }).toString();
  return folder(plan) === folder(changed);
}

/** One event for files of runs created, changed or deleted in the workspace. */
export function watchRunFiles(): { readonly event: vscode.Event<vscode.Uri>; readonly disposable: vscode.Disposable } {
  const watcher = vscode.workspace.createFileSystemWatcher(runFileGlob);
  const emitter = new vscode.EventEmitter<vscode.Uri>();
  const subscriptions = [watcher.onDidCreate((u) => emitter.fire(u)), watcher.onDidChange((u) => emitter.fire(u)), watcher.onDidDelete((u) => emitter.fire(u))];
  return { event: emitter.event, disposable: vscode.Disposable.from(watcher, emitter, ...subscriptions) };
}
