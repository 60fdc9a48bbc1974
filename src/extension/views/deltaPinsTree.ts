/**
 * The Delta Pins view: dataset → pinned version (or timestamp) with its state today (current; stale, N
 * versions behind; files vacuumed, so not reproducible; table missing) → the scan units that read it →
 * candidate files (present or not, size), projected columns, pushed filters. Selecting a scan unit
 * selects its scan task in the open plan graph.
 *
 * The pins are asked for twice: first without reading any table (pins whose table has not been read yet
 * say `reading …`, with a spinner), then with their states. A table in a bucket can take seconds; the
 * view shows its pins meanwhile, and redraws when the states come.
 */

import * as vscode from 'vscode';
import { deltaPinsRequest, deltaScanUnitsRequest } from '../../protocol/lsp';
import type { CandidateFileItem, DeltaDatasetItem, DeltaPinItem, DeltaPinsResult, PinStateKind, ScanUnitItem } from '../../protocol/trees';
import { ServerTree } from './serverTree';
import { treeScope } from './treeScope';

export type PinsNode =
  | { readonly kind: 'dataset'; readonly dataset: DeltaDatasetItem; readonly expanded: boolean }
  | { readonly kind: 'pin'; readonly pin: DeltaPinItem }
  | { readonly kind: 'scanUnit'; readonly unit: ScanUnitItem; readonly pin: DeltaPinItem }
  | { readonly kind: 'section'; readonly title: string; readonly unit: ScanUnitItem; readonly part: 'files' | 'columns' | 'filters'; readonly pin: DeltaPinItem }
  | { readonly kind: 'leaf'; readonly label: string; readonly description?: string; readonly icon?: vscode.ThemeIcon; readonly uri?: string; readonly id: string };

/** With this many datasets or fewer their pins and states are shown at once. */
const EXPAND_DATASETS_UP_TO = 8;
/** States read within this time (local tables) are shown at once: the spinner is for slow reads only. */
const READING_SHOWN_AFTER_MS = 250;

const STATE_ICONS: Readonly<Record<PinStateKind, vscode.ThemeIcon>> = {
  current: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  stale: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  vacuumed: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  'table-missing': new vscode.ThemeIcon('question'),
  unreadable: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  'access-denied': new vscode.ThemeIcon('lock', new vscode.ThemeColor('list.errorForeground')),
  'no-credentials': new vscode.ThemeIcon('key', new vscode.ThemeColor('list.warningForeground')),
  timeout: new vscode.ThemeIcon('watch', new vscode.ThemeColor('list.warningForeground')),
  unreachable: new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.warningForeground')),
  'not-checked': new vscode.ThemeIcon('circle-outline'),
  reading: new vscode.ThemeIcon('loading~spin'),
};

export class DeltaPinsTree extends ServerTree<PinsNode> {
  protected readonly viewId = 'planLens.deltaPins';

  getTreeItem(node: PinsNode): vscode.TreeItem {
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.kind) {
      case 'dataset': {
        const item = new vscode.TreeItem(node.dataset.dataset, node.expanded ? vscode.TreeItemCollapsibleState.Expanded : collapsed);
        item.id = `dataset:${node.dataset.dataset}`;
        const worst = node.dataset.pins.find((p) => p.stateKind !== 'current');
        item.description = node.dataset.pins.length === 1 ? pinLabel(node.dataset.pins[0]) : `${node.dataset.pins.length} pins`;
        if (worst !== undefined) item.description += ` · ${worst.stateKind.replace('-', ' ')}`;
        item.iconPath = new vscode.ThemeIcon('database');
        return item;
      }
      case 'pin': {
        const item = new vscode.TreeItem(pinLabel(node.pin), node.pin.scanUnits > 0 ? collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `pin:${node.pin.key}`;
        item.description = node.pin.state;
        item.iconPath = STATE_ICONS[node.pin.stateKind];
        const md = new vscode.MarkdownString();
        md.appendMarkdown('**').appendText(`${node.pin.dataset} ${pinLabel(node.pin)}`).appendMarkdown('**  \n').appendText(node.pin.state).appendMarkdown('  \n');
        if (node.pin.runs.length > 0) md.appendMarkdown('**Runs:** ').appendText(node.pin.runs.join(', ')).appendMarkdown('  \n');
        if (node.pin.views.length > 0) md.appendMarkdown('**Views:** ').appendText(node.pin.views.join(', '));
        item.tooltip = md;
        item.contextValue = 'planLens.deltaPin';
        return item;
      }
      case 'scanUnit': {
        const item = new vscode.TreeItem(node.unit.task, collapsed);
        item.id = `unit:${node.pin.key}:${node.unit.key}`;
        const gone = node.unit.candidateFiles.filter((f) => !f.present).length;
        const count = node.unit.candidateFiles.length > 0 ? node.unit.candidateFiles.length : (node.unit.candidateFileCount ?? 0);
        item.description = `${count} candidate file${count === 1 ? '' : 's'}${gone > 0 ? `, ${gone} gone` : ''}${node.unit.candidateFiles.length === 0 ? ' (task graph only)' : ''}`;
        item.tooltip = `${node.unit.key}\nSelect to select the scan task ${node.unit.task} in the open plan graph.`;
        item.iconPath = new vscode.ThemeIcon('search');
        item.contextValue = 'planLens.scanUnit';
        return item;
      }
      case 'section': {
        const item = new vscode.TreeItem(node.title, collapsed);
        item.id = `section:${node.pin.key}:${node.unit.key}:${node.part}`;
        return item;
      }
      case 'leaf': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        if (node.description !== undefined) item.description = node.description;
        if (node.icon !== undefined) item.iconPath = node.icon;
        if (node.uri !== undefined) item.resourceUri = vscode.Uri.parse(node.uri);
        item.tooltip = node.description === undefined ? node.label : `${node.label}\n${node.description}`;
        return item;
      }
    }
  }

  async getChildren(node?: PinsNode): Promise<PinsNode[]> {
    if (node === undefined) {
      const datasets = (await this.result())?.datasets ?? [];
      return datasets.map((dataset) => ({ kind: 'dataset', dataset, expanded: datasets.length <= EXPAND_DATASETS_UP_TO }));
    }
    switch (node.kind) {
      case 'dataset':
        return node.dataset.pins.map((pin) => ({ kind: 'pin', pin }));
      case 'pin': {
        const answer = await this.request(deltaScanUnitsRequest, { ...treeScope(), pin: node.pin.key });
        return (answer?.scanUnits ?? []).map((unit) => ({ kind: 'scanUnit', unit, pin: node.pin }));
      }
      case 'scanUnit': {
        const { unit, pin } = node;
        if (unit.candidateFiles.length === 0 && unit.projectedColumns.length === 0 && unit.pushedFilters.length === 0)
          return [{ kind: 'leaf', id: `${pin.key}:${unit.key}:unknown`, label: 'No plan-artifact row describes this scan unit', description: 'only the task graph names it: its files, columns and filters are not recorded', icon: new vscode.ThemeIcon('info') }];
        return [
          { kind: 'section', title: `Candidate files (${unit.candidateFiles.length})`, unit, pin, part: 'files' },
          { kind: 'section', title: `Projected columns (${unit.projectedColumns.length})`, unit, pin, part: 'columns' },
          { kind: 'section', title: `Pushed filters (${unit.pushedFilters.length})`, unit, pin, part: 'filters' },
        ];
      }
      case 'section': {
        const base = `${node.pin.key}:${node.unit.key}:${node.part}`;
        if (node.part === 'files')
          return node.unit.candidateFiles.map((f, i) => ({
            kind: 'leaf',
            id: `${base}:${i}`,
            label: f.path.slice(f.path.lastIndexOf('/') + 1),
            description: fileState(f),
            icon: f.present ? new vscode.ThemeIcon('file') : new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground')),
            ...(f.present && f.uri !== undefined ? { uri: f.uri } : {}),
          }));
        const values = node.part === 'columns' ? node.unit.projectedColumns : node.unit.pushedFilters;
        return values.map((v, i) => ({ kind: 'leaf', id: `${base}:${i}`, label: v, icon: new vscode.ThemeIcon(node.part === 'columns' ? 'symbol-field' : 'filter') }));
      }
      default:
        return [];
    }
  }

  private result(): Promise<DeltaPinsResult | undefined> {
    return this.topAnswer(async (superseded) => {
      const known = await this.request(deltaPinsRequest, { ...treeScope(), states: false });
      if (known === undefined || !known.datasets.some((d) => d.pins.some((p) => p.stateKind === 'reading'))) return known;
      const read = this.request(deltaPinsRequest, treeScope());
      const soon = await Promise.race([read, new Promise<'later'>((resolve) => setTimeout(() => resolve('later'), READING_SHOWN_AFTER_MS))]);
      if (soon !== 'later' && soon !== undefined) return soon;
      // A failed read was logged: the pins then keep saying what was being read, until the next refresh.
      void read.then((answer) => answer !== undefined && this.replaceTop(superseded, answer));
      return known;
    });
  }
}

function fileState(f: CandidateFileItem): string {
  if (f.unchecked !== undefined) return `not checked: ${f.unchecked}`;
  return f.present ? `present, ${formatBytes(f.size ?? 0)}` : 'gone';
}

function pinLabel(pin: DeltaPinItem): string {
  return pin.version !== undefined ? `version ${pin.version}` : pin.timestamp !== undefined ? `as of ${pin.timestamp}` : 'latest (unpinned)';
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}
