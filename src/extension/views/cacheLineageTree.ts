/**
 * The Cache Lineage view: run → node → its status (hit, executed, recomputed, ignored, disabled, failed,
 * input) and the reason in words → the cache key, data version, code version and the dependencies' data
 * versions, each saying whether it changed since the node's previous run. A run's nodes are asked for
 * when it is expanded; the nodes that ran (misses, failures) come before the hits.
 */

import * as vscode from 'vscode';
import { cacheNodesRequest, cacheRunsRequest } from '../../protocol/lsp';
import type { CacheNodeItem, CacheRunItem, CacheRunsResult, CacheStatus } from '../../protocol/trees';
import { ServerTree, formatTime, shortIds } from './serverTree';
import { treeScope } from './treeScope';

export type CacheNode =
  | { readonly kind: 'run'; readonly run: CacheRunItem; readonly label: string }
  | { readonly kind: 'node'; readonly node: CacheNodeItem; readonly run: CacheRunItem }
  | { readonly kind: 'dependencies'; readonly node: CacheNodeItem; readonly run: CacheRunItem }
  | { readonly kind: 'fact'; readonly id: string; readonly label: string; readonly description: string; readonly changed: boolean | undefined }
  | { readonly kind: 'issues'; readonly issues: readonly string[] };

const STATUS_ORDER: readonly CacheStatus[] = ['failed', 'recomputed', 'executed', 'ignored', 'disabled', 'input', 'not-executed', 'hit'];

const STATUS_ICONS: Readonly<Record<CacheStatus, vscode.ThemeIcon>> = {
  hit: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  executed: new vscode.ThemeIcon('play', new vscode.ThemeColor('list.warningForeground')),
  recomputed: new vscode.ThemeIcon('refresh', new vscode.ThemeColor('list.warningForeground')),
  ignored: new vscode.ThemeIcon('eye-closed'),
  disabled: new vscode.ThemeIcon('circle-slash'),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  input: new vscode.ThemeIcon('arrow-right'),
  'not-executed': new vscode.ThemeIcon('circle-outline'),
};

export class CacheLineageTree extends ServerTree<CacheNode> {
  protected readonly viewId = 'planLens.cacheLineage';

  getTreeItem(node: CacheNode): vscode.TreeItem {
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.kind) {
      case 'run': {
        const item = new vscode.TreeItem(node.label, collapsed);
        item.id = `run:${node.run.key}`;
        item.description = countsText(node.run);
        item.tooltip = `Run ${node.run.runId}\n${node.run.nodes} nodes, read from ${node.run.source}`;
        item.iconPath = new vscode.ThemeIcon('history');
        return item;
      }
      case 'node': {
        const n = node.node;
        const item = new vscode.TreeItem(n.node, collapsed);
        item.id = `node:${node.run.key}:${n.node}`;
        item.description = `${n.status}: ${n.reason}`;
        item.tooltip = `${n.node}: ${n.status}\n${n.reason}`;
        item.iconPath = STATUS_ICONS[n.status];
        item.contextValue = 'planLens.cacheNode';
        return item;
      }
      case 'dependencies': {
        const changed = node.node.dependencies.filter((d) => d.changed).length;
        const item = new vscode.TreeItem(`Dependency data versions (${node.node.dependencies.length})`, node.node.dependencies.length > 0 ? collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `deps:${node.run.key}:${node.node.node}`;
        if (changed > 0) item.description = `${changed} changed since the previous run`;
        return item;
      }
      case 'issues': {
        const item = new vscode.TreeItem(`${node.issues.length} problem${node.issues.length === 1 ? '' : 's'} reading the cache store`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'issues';
        item.iconPath = new vscode.ThemeIcon('warning');
        return item;
      }
      case 'fact': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = node.description;
        item.tooltip = `${node.label}: ${node.description}`;
        if (node.changed === true) item.iconPath = new vscode.ThemeIcon('diff-modified', new vscode.ThemeColor('list.warningForeground'));
        return item;
      }
    }
  }

  async getChildren(node?: CacheNode): Promise<CacheNode[]> {
    if (node === undefined) {
      const result = await this.result();
      const runs = result?.runs ?? [];
      const short = shortIds(runs.map((r) => r.runId));
      const rows: CacheNode[] = runs.map((run) => ({ kind: 'run', run, label: run.startedAtMs === undefined ? (short.get(run.runId) ?? run.runId) : `${formatTime(run.startedAtMs)} · ${short.get(run.runId) ?? run.runId}` }));
      return runs.length > 0 && (result?.issues.length ?? 0) > 0 ? [...rows, { kind: 'issues', issues: result?.issues ?? [] }] : rows;
    }
    switch (node.kind) {
      case 'run': {
        const answer = await this.request(cacheNodesRequest, { ...treeScope(), run: node.run.key });
        const nodes = [...(answer?.nodes ?? [])].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
        return nodes.map((n) => ({ kind: 'node', node: n, run: node.run }));
      }
      case 'node':
        return nodeFacts(node.node, node.run);
      case 'issues':
        return node.issues.map((text, i) => ({ kind: 'fact', id: `issue:${i}`, label: text, description: '', changed: undefined }));
      case 'dependencies':
        return node.node.dependencies.map((d) => ({
          kind: 'fact',
          id: `dep:${node.run.key}:${node.node.node}:${d.name}`,
          label: d.name,
          description: d.changed ? `${d.dataVersion} (changed from ${d.previous ?? 'absent'})` : node.node.changed === undefined ? d.dataVersion : `${d.dataVersion} (unchanged)`,
          changed: d.changed,
        }));
      default:
        return [];
    }
  }

  private result(): Promise<CacheRunsResult | undefined> {
    return this.topAnswer(() => this.request(cacheRunsRequest, treeScope()));
  }
}

function countsText(run: CacheRunItem): string {
  const parts = STATUS_ORDER.filter((s) => (run.counts[s] ?? 0) > 0).map((s) => `${run.counts[s]} ${s}`);
  return parts.length > 0 ? parts.join(' · ') : 'no nodes';
}

function nodeFacts(n: CacheNodeItem, run: CacheRunItem): CacheNode[] {
  const id = (what: string): string => `${what}:${run.key}:${n.node}`;
  const since = n.changed === undefined ? undefined : ` since run ${n.changed.previousRunId.slice(0, 8)}`;
  const fact = (what: string, label: string, value: string | null, changed: boolean | undefined): CacheNode => ({
    kind: 'fact',
    id: id(what),
    label,
    description: `${value ?? 'none'}${changed === undefined ? '' : changed ? ` (changed${since ?? ''})` : ' (unchanged)'}`,
    changed,
  });
  return [
    fact('key', 'Cache key', n.cacheKey, n.changed?.cacheKey),
    fact('data', 'Data version', n.dataVersion, n.changed?.dataVersion),
    fact('code', 'Code version', n.codeVersion, n.changed?.codeVersion),
    { kind: 'dependencies', node: n, run },
  ];
}
