/**
 * The comparison webview: two runs' plans side by side (or overlaid) on the plan graph's canvas renderer,
 * with the ranked differences beside them. Wires the host's messages (src/protocol/compare.ts), the
 * toolbar and the keyboard to the panes. Text reaches the page through textContent only.
 */

import type { CompareViewData, CompareViewRequest, CompareViewUpdate } from '../../protocol/compare';
import { formatNumber } from '../../core/text/formatNumber';
import { watchTheme } from '../render/themeWatcher';
import { ComparePanes, type Mode } from './comparePanes';
import { showDifferences } from './differenceList';

interface VsCodeApi {
  postMessage(message: CompareViewRequest): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const host = acquireVsCodeApi();

function element<K extends keyof HTMLElementTagNameMap>(id: string, tag: K): HTMLElementTagNameMap[K] {
  const e = document.getElementById(id);
  if (!(e instanceof HTMLElement) || e.tagName.toLowerCase() !== tag) throw new Error(`the page has no <${tag} id="${id}">`);
  return e as HTMLElementTagNameMap[K];
}

const tooltip = element('tooltip', 'div');
const paneElements = (side: 'before' | 'after') => ({ stage: element(`stage-${side}`, 'div'), canvas: element(`graph-${side}`, 'canvas'), minimap: element(`minimap-${side}`, 'canvas'), tooltip });
const summary = element('summary', 'p');
const note = element('note', 'p');
const announcer = element('announcer', 'div');
const modeButtons: Readonly<Record<Mode, HTMLButtonElement>> = { 'side-by-side': element('mode-side', 'button'), overlay: element('mode-overlay', 'button') };

const panes = new ComparePanes(paneElements('before'), paneElements('after'), element('pane-before', 'section'), {
  picked: (task, side) => host.postMessage({ type: 'reveal', side, task }),
  selectionChanged: (task) => {
    if (task !== undefined) announcer.textContent = `${task} selected in both runs`;
  },
});

/** The later pane's heading: its run, or both runs in the overlay. */
let afterTitles = { side: 'after', overlay: 'both runs' };

function setMode(mode: Mode): void {
  panes.setMode(mode);
  document.body.dataset.mode = mode;
  element('after-title', 'h2').textContent = mode === 'overlay' ? afterTitles.overlay : afterTitles.side;
  for (const [m, b] of Object.entries(modeButtons)) b.setAttribute('aria-pressed', String(m === mode));
}

function show(data: CompareViewData, buffers: { readonly before: ArrayBuffer; readonly after: ArrayBuffer; readonly overlay: ArrayBuffer }): void {
  element('title', 'h1').textContent = `${data.before.runId || data.before.title} → ${data.after.runId || data.after.title}`;
  element('before-title', 'h2').textContent = `before: ${data.before.title}`;
  afterTitles = { side: `after: ${data.after.title}`, overlay: `both runs: ${data.before.runId || data.before.title} → ${data.after.runId || data.after.title} (added, removed and changed tasks outlined)` };
  element('after-title', 'h2').textContent = panes.mode === 'overlay' ? afterTitles.overlay : afterTitles.side;
  note.hidden = data.problem === undefined;
  note.textContent = data.problem ?? '';
  const c = data.counts;
  const delta = data.criticalPath.after - data.criticalPath.before;
  summary.textContent = `${c.kept} tasks kept, ${c.added} added, ${c.removed} removed, ${c.changed} changed; ${c.dependenciesAdded} dependencies added, ${c.dependenciesRemoved} removed; critical path ${formatNumber(data.criticalPath.before)} → ${formatNumber(data.criticalPath.after)} (${delta >= 0 ? '+' : ''}${formatNumber(delta)})`;
  panes.show(data, buffers);
  showDifferences(element('difference-list', 'ol'), data.differences, (d) => panes.showTasks(d.tasks));
  document.body.dataset.differences = String(data.differences.length);
}

window.addEventListener('message', (event: MessageEvent<CompareViewUpdate>) => {
  const m = event.data;
  if (m.type === 'comparison') show(m.data, m.buffers);
  else if (m.type === 'loading') {
    note.hidden = false;
    note.textContent = m.message;
  }
});

modeButtons['side-by-side'].addEventListener('click', () => setMode('side-by-side'));
modeButtons.overlay.addEventListener('click', () => setMode('overlay'));
element('fit', 'button').addEventListener('click', () => panes.fit());
element('zoom-in', 'button').addEventListener('click', () => panes.zoomBy(1.25));
element('zoom-out', 'button').addEventListener('click', () => panes.zoomBy(0.8));
element('open-changes', 'button').addEventListener('click', () => host.postMessage({ type: 'openChanges' }));
element('show-text', 'button').addEventListener('click', () => host.postMessage({ type: 'showText' }));
document.addEventListener('keydown', (e) => {
  if (e.target instanceof HTMLInputElement || e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key === 'o') setMode(panes.mode === 'overlay' ? 'side-by-side' : 'overlay');
  else if (e.key === '0') panes.fit();
  else if (e.key === '+' || e.key === '=') panes.zoomBy(1.25);
  else if (e.key === '-') panes.zoomBy(0.8);
  else return;
  e.preventDefault();
});
watchTheme(() => panes.themeChanged());
setMode('side-by-side');
host.postMessage({ type: 'ready' });
