/**
 * The Critical Path view: the ordered tasks of the current plan (the plan graph the user was last in,
 * else the plan file in the active editor) with each task's cost and the path's length up to it.
 * Selecting a task selects it in the plan graph and its name in the plan file, keeping the focus in the
 * view (`preserveFocus`): arrowing down the list walks the path in both.
 */

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { formatNumber } from '../../core/text/formatNumber';
import { criticalPathRequest, taskLocationRequest } from '../../protocol/lsp';
import type { CriticalPathResult, CriticalPathTask } from '../../protocol/trees';
import type { GraphPanels } from '../graph/graphPanel';
import { planLanguageId } from '../ids';
import type { Logger } from '../logger';
import { isTaskGraphFile } from '../../core/workspace/planFiles';
import { ServerTree } from './serverTree';

export interface PathStep {
  readonly plan: vscode.Uri;
  readonly step: number;
  readonly task: CriticalPathTask;
}

export class CriticalPathTree extends ServerTree<PathStep> {
  protected readonly viewId = 'planLens.criticalPath';
  private plan: vscode.Uri | undefined;
  /** Set by the view's owner: says which plan and how long its path is above the list. */
  onDidLoad: ((plan: vscode.Uri | undefined, result: CriticalPathResult | undefined) => void) | undefined;

  constructor(
    client: () => Promise<LanguageClient | undefined>,
    logger: Logger,
    private readonly graphs: GraphPanels,
  ) {
    super(client, logger);
    this.register(graphs.onDidChangeActiveGraph(() => this.follow()));
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.follow()));
    this.follow();
  }

  /** The plan the view shows. */
  get current(): vscode.Uri | undefined {
    return this.plan;
  }

  getTreeItem(s: PathStep): vscode.TreeItem {
    const item = new vscode.TreeItem(`${s.step}. ${s.task.task}`, vscode.TreeItemCollapsibleState.None);
    item.id = `${s.plan.toString()}#${s.step}`;
    item.description = `cost ${formatNumber(s.task.cost)} · length ${formatNumber(s.task.cumulative)}`;
    item.tooltip = `${s.task.task}\nStep ${s.step}: cost ${formatNumber(s.task.cost)}; the path's length up to it is ${formatNumber(s.task.cumulative)}${s.step === 1 ? " (the first task's cost is not counted in the path's length)" : ''}.`;
    item.iconPath = new vscode.ThemeIcon(s.step === 1 ? 'debug-start' : 'arrow-down');
    item.contextValue = 'planLens.criticalTask';
    return item;
  }

  async getChildren(element?: PathStep): Promise<PathStep[]> {
    if (element !== undefined) return [];
    const plan = this.plan;
    if (plan === undefined) {
      this.onDidLoad?.(undefined, undefined);
      return [];
    }
    const result = await this.topAnswer(() => this.request(criticalPathRequest, { uri: plan.toString() }));
    this.onDidLoad?.(plan, result);
    return (result?.tasks ?? []).map((task, i) => ({ plan, step: i + 1, task }));
  }

  /** Selects the step's task in the plan's graph and its name in the plan file, focus staying here. */
  async reveal(s: PathStep): Promise<void> {
    const shownInGraph = await this.graphs.selectTask(s.task.task, { source: s.plan, revealInPlan: true });
    if (shownInGraph) return;
    const range = await this.request(taskLocationRequest, { uri: s.plan.toString(), task: s.task.task });
    if (range === undefined || range === null) return;
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    await vscode.window.showTextDocument(s.plan, { selection, preserveFocus: true, preview: true });
  }

  /** The plan graph last active, else a task graph in the active editor; otherwise the plan shown stays. */
  private follow(): void {
    const editor = vscode.window.activeTextEditor?.document;
    const next = this.graphs.activeSource ?? (editor?.languageId === planLanguageId && isTaskGraphFile(editor.uri.path) ? editor.uri : undefined) ?? this.plan;
    if (next?.toString() === this.plan?.toString()) return;
    this.plan = next;
    this.refresh();
  }
}
