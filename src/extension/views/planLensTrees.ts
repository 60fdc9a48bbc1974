/**
 * The four Plan Lens tree views in the activity-bar container, their refresh (run artifacts changed,
 * debounced; folders or discovery settings changed) and the actions of the Runs view: open the graph,
 * the summary or the text of a run's file, reveal it, compare two runs (the comparison panel, given
 * the two runs' task graphs, older first).
 */

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { GraphPanels } from '../graph/graphPanel';
import type { Logger } from '../logger';
import { Disposable } from '../util/dispose';
import { CacheLineageTree } from './cacheLineageTree';
import { CriticalPathTree, type PathStep } from './criticalPathTree';
import { DeltaPinsTree, type PinsNode } from './deltaPinsTree';
import { RunsTree, runDescription, type RunsNode } from './runsTree';
import { formatNumber } from '../../core/text/formatNumber';
import { onDidChangeTreeScope } from './treeScope';
import type { RunItem } from '../../protocol/trees';

/** How long a selection waits for a graph it opened (a 100k-task plan takes seconds to read). */
const GRAPH_WAIT_MS = 60_000;

/** Opens the run comparison of two runs' task graphs, the earlier on the left. */
export type CompareRuns = (left: vscode.Uri, right: vscode.Uri) => Promise<void>;

export class PlanLensTrees extends Disposable {
  readonly runs: RunsTree;
  readonly pins: DeltaPinsTree;
  readonly cache: CacheLineageTree;
  readonly path: CriticalPathTree;

  constructor(client: () => Promise<LanguageClient | undefined>, logger: Logger, private readonly graphs: GraphPanels, private readonly compareRuns: CompareRuns, runFileChanged: vscode.Event<vscode.Uri>) {
    super();
    this.runs = this.register(new RunsTree(client, logger));
    this.pins = this.register(new DeltaPinsTree(client, logger));
    this.cache = this.register(new CacheLineageTree(client, logger));
    this.path = this.register(new CriticalPathTree(client, logger, graphs));
    this.register(vscode.window.createTreeView('planLens.runs', { treeDataProvider: this.runs, canSelectMany: true, showCollapseAll: true }));
    const pinsView = this.register(vscode.window.createTreeView('planLens.deltaPins', { treeDataProvider: this.pins, showCollapseAll: true }));
    this.register(vscode.window.createTreeView('planLens.cacheLineage', { treeDataProvider: this.cache, showCollapseAll: true }));
    const pathView = this.register(vscode.window.createTreeView('planLens.criticalPath', { treeDataProvider: this.path }));

    this.register(pinsView.onDidChangeSelection((e) => void this.scanUnitSelected(e.selection[0])));
    this.register(pathView.onDidChangeSelection((e) => void this.stepSelected(e.selection[0])));
    this.path.onDidLoad = (plan, result) => {
      // The run's folder and the file: which plan, in a line the narrow side bar keeps whole.
      const name = plan === undefined ? '' : plan.path.split('/').slice(-2).join('/').replace(/^([0-9a-f]{8})[0-9a-f-]{28}\//i, '$1…/');
      pathView.message =
        plan === undefined || result === undefined
          ? undefined
          : result.problem !== undefined
            ? `${name}: ${result.problem}`
            : `${name}: ${result.tasks.length} tasks, length ${formatNumber(result.length)}`;
    };
    const all = [this.runs, this.pins, this.cache, this.path];
    this.register(runFileChanged(() => all.forEach((t) => t.refreshSoon())));
    this.register(onDidChangeTreeScope(() => all.forEach((t) => t.refreshSoon())));
  }

  refresh(): void {
    for (const t of [this.runs, this.pins, this.cache, this.path]) t.refresh();
  }

  /** The Runs view's "Show Plan Graph" on a run or a task graph. */
  async openGraph(node: unknown): Promise<void> {
    const uri = taskGraphOf(node);
    if (uri !== undefined) await vscode.commands.executeCommand('planLens.graph.show', uri);
  }

  async openSummary(node: unknown): Promise<void> {
    const uri = taskGraphOf(node);
    if (uri !== undefined) await vscode.commands.executeCommand('planLens.analysis.show', uri);
  }

  /** The text of a run's file (a task graph's click opens its graph instead). */
  async openFile(node: unknown): Promise<void> {
    const uri = fileOf(node);
    if (uri !== undefined) await vscode.window.showTextDocument(uri, { preview: true });
  }

  async revealFile(node: unknown): Promise<void> {
    const uri = fileOf(node);
    if (uri !== undefined) await vscode.commands.executeCommand('revealInExplorer', uri);
  }

  /** Two runs selected: compares them; one: asks which other run. */
  async compare(node: unknown, selected: unknown): Promise<void> {
    const chosen = (Array.isArray(selected) ? selected : [node]).map(runOf).filter((r): r is RunItem => r !== undefined);
    let pair: [RunItem, RunItem] | undefined;
    if (chosen.length === 2) pair = [chosen[0], chosen[1]];
    else {
      const first = chosen[0] ?? runOf(node);
      const others = (await this.runs.runs()).filter((r) => r.run.key !== first?.key && r.run.taskGraph !== undefined);
      if (others.length === 0) {
        void vscode.window.showInformationMessage('Plan Lens: no other run with a task graph to compare with.');
        return;
      }
      const picked = await vscode.window.showQuickPick(
        others.map((o) => ({ label: o.label, description: runDescription(o.run), detail: o.run.runId, run: o.run })),
        { placeHolder: first === undefined ? 'First run to compare' : `Compare ${first.runId} with…`, matchOnDetail: true },
      );
      if (picked === undefined) return;
      if (first === undefined) return this.compare(picked, undefined);
      pair = [first, picked.run];
    }
    const [a, b] = pair;
    if (a.taskGraph === undefined || b.taskGraph === undefined) {
      void vscode.window.showWarningMessage(`Plan Lens: run ${(a.taskGraph === undefined ? a : b).runId} has no task graph to compare.`);
      return;
    }
    // Older on the left, as a diff reads: what was, then what is.
    const [left, right] = (a.startedAtMs ?? 0) <= (b.startedAtMs ?? 0) ? [a, b] : [b, a];
    await this.compareRuns(vscode.Uri.parse(left.taskGraph as string), vscode.Uri.parse(right.taskGraph as string));
  }

  /**
   * Selects the unit's scan task in the open graph of a run that pins it; with none open, opens the
   * newest such run's graph first. A pin no run's manifest names goes to whichever graph is open.
   */
  private async scanUnitSelected(node: PinsNode | undefined): Promise<void> {
    if (node?.kind !== 'scanUnit') return;
    const task = node.unit.task;
    const plans = node.pin.taskGraphs.map((u) => vscode.Uri.parse(u)).reverse();
    for (const plan of plans) if (await this.graphs.selectTask(task, { source: plan })) return;
    const newest = plans[0];
    if (newest === undefined) {
      if (!(await this.graphs.selectTask(task))) vscode.window.setStatusBarMessage(`Plan Lens: open a plan graph to see the scan task ${task}`, 5000);
      return;
    }
    await this.graphs.showAndSelect(newest, task, GRAPH_WAIT_MS);
  }

  private async stepSelected(step: PathStep | undefined): Promise<void> {
    if (step !== undefined) await this.path.reveal(step);
  }
}

/** The run of a Runs node (a run or one of its files) or of a picked quick-pick item. */
function runOf(node: unknown): RunItem | undefined {
  if (typeof node !== 'object' || node === null || !('run' in node)) return undefined;
  const { run } = node as { readonly run: unknown };
  return typeof run === 'object' && run !== null && 'runId' in run && 'key' in run ? (run as RunItem) : undefined;
}

function taskGraphOf(node: unknown): vscode.Uri | undefined {
  if (node instanceof vscode.Uri) return node;
  const n = node as RunsNode | undefined;
  if (n?.kind === 'artifact' && n.artifact.taskGraph) return vscode.Uri.parse(n.artifact.uri);
  const run = runOf(node);
  return run?.taskGraph === undefined ? undefined : vscode.Uri.parse(run.taskGraph);
}

function fileOf(node: unknown): vscode.Uri | undefined {
  if (node instanceof vscode.Uri) return node;
  const n = node as RunsNode | undefined;
  if (n?.kind === 'artifact') return vscode.Uri.parse(n.artifact.uri);
  return taskGraphOf(node);
}
