/** The "Plan Files" view: every plan file of the workspace, grouped by workspace folder when there are several. */

import * as vscode from 'vscode';
import { planFileGlob } from '../planFiles';
import { treeItemContexts } from '../ids';
import { Disposable } from '../util/dispose';

export class PlanFilesTree extends Disposable implements vscode.TreeDataProvider<vscode.Uri> {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor() {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(planFileGlob, false, true, false));
    this.register(watcher.onDidCreate(() => this.refresh()));
    this.register(watcher.onDidDelete(() => this.refresh()));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()));
  }

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(uri: vscode.Uri): vscode.TreeItem {
    const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.None);
    // The folder, as in the Explorer's file picker: the label already has the name.
    const relative = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
    item.description = relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : '';
    item.contextValue = treeItemContexts[0];
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
    return item;
  }

  async getChildren(element?: vscode.Uri): Promise<vscode.Uri[]> {
    if (element !== undefined) return [];
    const found = await vscode.workspace.findFiles(planFileGlob, '**/node_modules/**');
    return found.sort((a, b) => a.path.localeCompare(b.path));
  }
}
