/**
 * The Runs view: every run of the workspace (plan files, and the runs the pipeline's diagnostics Delta
 * tables record), grouped by plan signature, oldest first, each labelled by start time and short run id
 * with its status, drift, critical path and cache hits and misses; under a run, its artifacts. Clicking a
 * task graph opens the plan graph; the inline and context actions open the text.
 */

import * as vscode from 'vscode';
import { formatNumber } from '../../core/text/formatNumber';
import { runsRequest } from '../../protocol/lsp';
import type { RunArtifact, RunGroup, RunItem, RunsResult } from '../../protocol/trees';
import { ServerTree, formatTime, shortIds } from './serverTree';
import { treeScope } from './treeScope';

export type RunsNode =
  | { readonly kind: 'group'; readonly group: RunGroup; readonly expanded: boolean }
  | { readonly kind: 'run'; readonly run: RunItem; readonly label: string; readonly expanded: boolean }
  | { readonly kind: 'artifact'; readonly artifact: RunArtifact; readonly run: RunItem }
  | { readonly kind: 'issues'; readonly issues: readonly string[] }
  | { readonly kind: 'issue'; readonly text: string };

/** With this many runs or fewer their artifacts are shown at once: a sample or a single run needs no clicks. */
const EXPAND_RUNS_UP_TO = 4;
const EXPAND_GROUPS_UP_TO = 3;

export class RunsTree extends ServerTree<RunsNode> {
  protected readonly viewId = 'planLens.runs';
  private labels = new Map<string, string>();

  /** Every run of the last answer, for "Compare with…" pickers. */
  async runs(): Promise<{ readonly run: RunItem; readonly label: string }[]> {
    const result = await this.result();
    return (result?.groups ?? []).flatMap((g) => g.runs.map((run) => ({ run, label: this.labels.get(run.key) ?? run.runId })));
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const sig = node.group.planSignature;
        const item = new vscode.TreeItem(sig === undefined ? 'Runs without a plan signature' : `Plan ${sig.slice(0, 12)}`, node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `group:${sig ?? ''}`;
        item.description = `${node.group.runs.length} run${node.group.runs.length === 1 ? '' : 's'}`;
        item.tooltip = sig === undefined ? 'Runs whose artifacts record no plan signature' : `Plan signature ${sig}`;
        item.iconPath = new vscode.ThemeIcon('symbol-namespace');
        item.contextValue = 'planLens.runGroup';
        return item;
      }
      case 'run':
        return runItem(node.run, node.label, node.expanded);
      case 'artifact':
        return artifactItem(node.artifact, node.run);
      case 'issues': {
        const item = new vscode.TreeItem(`${node.issues.length} problem${node.issues.length === 1 ? '' : 's'} reading the artifacts`, vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('warning');
        return item;
      }
      case 'issue': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.tooltip = node.text;
        return item;
      }
    }
  }

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    if (node === undefined) {
      const result = await this.result();
      if (result === undefined) return [];
      const total = result.groups.reduce((n, g) => n + g.runs.length, 0);
      const nodes: RunsNode[] = result.groups.map((group) => ({ kind: 'group', group, expanded: result.groups.length <= EXPAND_GROUPS_UP_TO }));
      if (total > 0 && result.issues.length > 0) nodes.push({ kind: 'issues', issues: result.issues });
      return total === 0 ? [] : nodes;
    }
    switch (node.kind) {
      case 'group': {
        const total = (await this.result())?.groups.reduce((n, g) => n + g.runs.length, 0) ?? 0;
        return node.group.runs.map((run) => ({ kind: 'run', run, label: this.labels.get(run.key) ?? run.runId, expanded: total <= EXPAND_RUNS_UP_TO }));
      }
      case 'run':
        return node.run.artifacts.map((artifact) => ({ kind: 'artifact', artifact, run: node.run }));
      case 'issues':
        return node.issues.map((text) => ({ kind: 'issue', text }));
      default:
        return [];
    }
  }

  private result(): Promise<RunsResult | undefined> {
    return this.topAnswer(() =>
      this.request(runsRequest, treeScope()).then((result) => {
        const runs = result?.groups.flatMap((g) => g.runs) ?? [];
        const short = shortIds(runs.map((r) => r.runId));
        this.labels = new Map(runs.map((r) => [r.key, runLabel(r, short.get(r.runId) ?? r.runId)]));
        return result;
      }),
    );
  }
}

/** "2026-01-28 09:09 · 019c03dd": when, and which run, told apart from the others. */
function runLabel(run: RunItem, shortId: string): string {
  return run.startedAtMs === undefined ? shortId : `${formatTime(run.startedAtMs)} · ${shortId}`;
}

/** Status, drift, critical path and cache, as short as a tree row allows; the tooltip says it in full. */
export function runDescription(run: RunItem): string {
  const parts = [run.status];
  if (run.drift !== undefined) {
    const d = run.drift;
    const off = [d.missing.length > 0 ? `${d.missing.length} missing` : '', d.unexpected.length > 0 ? `${d.unexpected.length} unexpected` : ''].filter((s) => s !== '');
    parts.push(`coverage ${percent(d.coverage)}${off.length > 0 ? ` (${off.join(', ')})` : ''}`);
  }
  if (run.criticalPath !== undefined) parts.push(`path ${formatNumber(run.criticalPath.length)}`);
  if (run.cache !== undefined) parts.push(`cache ${run.cache.hits} hit / ${run.cache.misses} miss${run.cache.failed > 0 ? ` / ${run.cache.failed} failed` : ''}`);
  return parts.join(' · ');
}

/** 0.836 -> "83.6%": a tenth of a percent tells 1 of 600 tasks apart. */
function percent(ratio: number): string {
  return `${formatNumber(Math.round(ratio * 1000) / 10)}%`;
}

function runTooltip(run: RunItem): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  const line = (label: string, value: string): void => {
    md.appendMarkdown(`**${label}:** `).appendText(value).appendMarkdown('  \n');
  };
  line('Run', run.runId);
  if (run.aliasRunIds.length > 0) line('Also known as', run.aliasRunIds.join(', '));
  if (run.startedAtMs !== undefined) line('Started', `${new Date(run.startedAtMs).toISOString()} (from the ${run.startedFrom ?? 'artifacts'})`);
  line('Plan signature', run.planSignature ?? 'not recorded');
  line('Status', run.status);
  if (run.drift !== undefined) {
    const d = run.drift;
    line(`Drift (${d.from})`, `coverage ${percent(d.coverage)} of the planned tasks admitted`);
    if (d.missing.length > 0) line('Planned, never admitted', d.missing.join(', '));
    if (d.unexpected.length > 0) line('Admitted, not planned', d.unexpected.join(', '));
    if (d.missingGenerations.length > 0) line('Generations never admitted', d.missingGenerations.join(', '));
  }
  if (run.criticalPath !== undefined) line('Critical path (recorded)', `${run.criticalPath.tasks} tasks, length ${formatNumber(run.criticalPath.length)}`);
  if (run.cache !== undefined) line('Cache', `${run.cache.hits} hits, ${run.cache.misses} misses, ${run.cache.failed} failed`);
  return md;
}

function runItem(run: RunItem, label: string, expanded: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(label, expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `run:${run.key}`;
  item.description = runDescription(run);
  item.tooltip = runTooltip(run);
  const status = run.status.toLowerCase();
  item.iconPath =
    status.startsWith('fail') || (run.cache?.failed ?? 0) > 0
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'))
      : status.startsWith('partial') || (run.drift !== undefined && run.drift.coverage < 1)
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
        : status.startsWith('complete') || status === 'ok' || status === 'success'
          ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
          : new vscode.ThemeIcon('circle-outline');
  item.contextValue = run.taskGraph === undefined ? 'planLens.run' : 'planLens.runWithGraph';
  item.accessibilityInformation = { label: `Run ${run.runId}, ${label}, ${runDescription(run)}` };
  return item;
}

function artifactItem(artifact: RunArtifact, run: RunItem): vscode.TreeItem {
  const uri = vscode.Uri.parse(artifact.uri);
  const item = new vscode.TreeItem(artifact.name, vscode.TreeItemCollapsibleState.None);
  // A table is shared by the runs it records: the id names the run too.
  item.id = `artifact:${run.key}:${artifact.uri}`;
  item.resourceUri = uri;
  item.description = artifact.kind;
  item.tooltip = `${artifact.relative}\n${artifact.kind}`;
  if (artifact.table) {
    item.iconPath = new vscode.ThemeIcon('database');
    item.contextValue = 'planLens.runTable';
    item.command = { command: 'revealInExplorer', title: 'Reveal in Explorer', arguments: [uri] };
  } else if (artifact.taskGraph) {
    item.iconPath = new vscode.ThemeIcon('type-hierarchy');
    item.contextValue = 'planLens.runTaskGraph';
    // The graph, not the raw text: the inline action opens the text.
    item.command = { command: 'planLens.graph.show', title: 'Show Plan Graph', arguments: [uri] };
  } else {
    item.iconPath = vscode.ThemeIcon.File;
    item.contextValue = 'planLens.runArtifact';
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { preview: true }] };
  }
  return item;
}
