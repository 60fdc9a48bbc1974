/**
 * The plan graph webview: wires the canvas renderer (render/graphCanvas.ts) to the host's messages
 * (src/protocol/graphView.ts), the toolbar, the layer switches, the keyboard and the status lines. Text
 * reaches the page through textContent only, so a task name is never markup.
 */

import { decodeGraphArrays, TaskFlag, type GraphMeta } from '../protocol/graphPayload';
import type { GraphViewRequest, GraphViewUpdate } from '../protocol/graphView';
import { GraphCanvas } from './render/graphCanvas';
import type { Layers } from './render/drawScene';
import { LayoutRefinement } from './render/layoutRefinement';
import { graphToSvg } from './panels/svgExport';
import { attachSidePanels } from './sidePanels';
import type { Direction } from './render/navigation';
import { formatNumber } from '../core/text/formatNumber';
import { announceTask, describePlan } from './render/taskText';

interface VsCodeApi {
  postMessage(message: GraphViewRequest): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function element<K extends keyof HTMLElementTagNameMap>(id: string, tag: K): HTMLElementTagNameMap[K] {
  const e = document.getElementById(id);
  if (!(e instanceof HTMLElement) || e.tagName.toLowerCase() !== tag) throw new Error(`the page has no <${tag} id="${id}">`);
  return e as HTMLElementTagNameMap[K];
}

const title = element('title', 'h1');
const pathInfo = element('path-info', 'span');
const compared = element('compared', 'p');
const drift = element('drift', 'p');
const note = element('note', 'p');
const statusLine = element('status-line', 'footer');
const announcer = element('announcer', 'div');
const canvasElement = element('graph', 'canvas');
const stepButtons = [element('previous', 'button'), element('next', 'button')];
const layerSwitches: { readonly [K in keyof Layers]: HTMLInputElement } = {
  critical: element('layer-critical', 'input'),
  drift: element('layer-drift', 'input'),
  cache: element('layer-cache', 'input'),
  comparison: element('layer-comparison', 'input'),
};

/** When the last 'graph' message arrived, until its first frame is drawn. */
let graphArrivedAt: number | undefined;

const graph = new GraphCanvas(
  { stage: element('stage', 'main'), canvas: canvasElement, minimap: element('minimap', 'canvas'), tooltip: element('tooltip', 'div') },
  {
    pick: (task) => {
      panels.picked(task);
      showInPlanFile(task);
    },
    selectionChanged: (task) => describeSelection(task),
    drawn: (stats) => {
      if (graphArrivedAt === undefined) return;
      const firstPaintMs = performance.now() - graphArrivedAt;
      graphArrivedAt = undefined;
      vscode.postMessage({ type: 'rendered', nodes: stats.drawnTasks, edges: stats.drawnEdges, firstPaintMs });
    },
  },
);

const panels = attachSidePanels(graph, (m) => vscode.postMessage(m), { workspace: element('workspace', 'div'), searchSlot: element('search-slot', 'div'), canvas: canvasElement });

/** ELK in the background; `data-layout` on the canvas says which layout is drawn (tests wait on it). */
const refinement = new LayoutRefinement(
  { line: element('layout-progress', 'p'), text: element('layout-progress-text', 'span'), cancel: element('layout-cancel', 'button') },
  (x, y, routes) => graph.setPositions(x, y, routes),
  (outcome) => (canvasElement.dataset.layout = outcome === 'elk' ? 'elk' : `generations (${outcome})`),
);

function showPlan(meta: GraphMeta, buffer: ArrayBuffer, keepViewport: boolean): void {
  graphArrivedAt = performance.now();
  const plan = graph.setPlan(meta, decodeGraphArrays(meta, buffer), keepViewport);
  canvasElement.dataset.layout = refinement.start(plan) ? 'refining' : 'generations';
  panels.planChanged();
  title.textContent = meta.title;
  canvasElement.setAttribute('aria-label', describePlan(plan));
  setLine(note, meta.note);
  setLine(compared, comparisonText(meta));
  setLine(drift, driftText(meta));
  setLine(statusLine, costSourceText(meta));
  for (const b of stepButtons) b.disabled = plan.arrays.criticalPath.length === 0;
  // A switch is offered only when the plan has something for it to show.
  const available: { readonly [K in keyof Layers]: boolean } = { critical: true, drift: meta.drift !== undefined, cache: meta.cacheStatuses.length > 0, comparison: meta.comparison !== undefined };
  for (const key of Object.keys(layerSwitches) as (keyof Layers)[]) (layerSwitches[key].parentElement as HTMLElement).hidden = !available[key];
}

/** A line above or below the graph: shown with its text, or hidden when there is nothing to say. */
function setLine(line: HTMLElement, text: string | undefined): void {
  line.hidden = text === undefined;
  line.textContent = text ?? '';
}

function costSourceText(meta: GraphMeta): string {
  const s = meta.costSource;
  return s.kind === 'recorded' ? `costs recorded by the run (${s.file}, ${s.recordedTasks} tasks); the others weigh max(priority, 1)` : 'costs: max(priority, 1) (no recorded schedule for this plan)';
}

/** The comparison line: what the drawing cannot show (removed tasks) and the path length before. */
function comparisonText(meta: GraphMeta): string | undefined {
  const c = meta.comparison;
  const plan = graph.plan;
  if (c === undefined || plan === undefined) return undefined;
  let added = 0;
  let costs = 0;
  for (const f of plan.arrays.flags) {
    if ((f & TaskFlag.added) !== 0) added++;
    if ((f & TaskFlag.costChanged) !== 0) costs++;
  }
  const removed = c.removed.length === 0 ? 'none removed' : `${c.removed.length} removed (${c.removed.slice(0, 5).join(', ')}${c.removed.length > 5 ? ', …' : ''})`;
  return `against ${c.baseline}: ${added} tasks added, ${removed}, ${costs} with another cost; critical path length ${formatNumber(c.criticalPathLengthBefore)} → ${formatNumber(meta.criticalPathLength)}`;
}

/** The run's drift: how much of the plan ran, what ran that was not planned, generations never reached. */
function driftText(meta: GraphMeta): string | undefined {
  const d = meta.drift;
  if (d === undefined) return undefined;
  const parts = [`${d.admittedTasks} of ${d.planTasks} planned tasks admitted`, `${d.missing} not run (greyed)`];
  if (d.unexpected.length > 0) parts.push(`not planned but run: ${d.unexpected.join(', ')}`);
  if (d.missingGenerations.length > 0) parts.push(`generations never admitted: ${d.missingGenerations.join(', ')}`);
  return `run drift (${d.file}): ${parts.join('; ')}`;
}

function describeSelection(task: number): void {
  const plan = graph.plan;
  if (plan === undefined) return;
  const path = plan.arrays.criticalPath;
  const step = task >= 0 ? plan.criticalStep[task] : -1;
  pathInfo.textContent = path.length === 0 ? '' : step >= 0 ? `critical path: step ${step + 1} of ${path.length}, ${plan.arrays.names[task]}` : `critical path: ${path.length} tasks, length ${formatNumber(plan.meta.criticalPathLength)}`;
  announcer.textContent = task >= 0 ? announceTask(plan, task) : '';
}

/** The user picked a task: the host selects it in the plan file (keeping focus here) and sends its details. */
function showInPlanFile(task: number): void {
  const name = graph.plan?.arrays.names[task];
  if (name === undefined) return;
  vscode.postMessage({ type: 'reveal', task: name });
  vscode.postMessage({ type: 'details', task: name });
}

/** Moves along the critical path from the selection (or onto its first or last task). */
function walk(delta: number): void {
  const plan = graph.plan;
  if (plan === undefined || plan.arrays.criticalPath.length === 0) return;
  const path = plan.arrays.criticalPath;
  const current = graph.selection >= 0 ? plan.criticalStep[graph.selection] : -1;
  const step = current < 0 ? (delta > 0 ? 0 : path.length - 1) : Math.min(Math.max(current + delta, 0), path.length - 1);
  graph.select(path[step], 'centre');
  showInPlanFile(path[step]);
}

stepButtons[0].addEventListener('click', () => walk(-1));
stepButtons[1].addEventListener('click', () => walk(1));
element('fit', 'button').addEventListener('click', () => graph.fit());
element('zoom-in', 'button').addEventListener('click', () => graph.zoomBy(1.5));
element('zoom-out', 'button').addEventListener('click', () => graph.zoomBy(1 / 1.5));
element('reveal-selected', 'button').addEventListener('click', () => graph.revealSelected());
element('export-svg', 'button').addEventListener('click', () => {
  const plan = graph.plan;
  const positions = graph.positions;
  if (plan === undefined || positions === undefined) return;
  // The host asks where to write it and writes it atomically; the status line says how it went.
  vscode.postMessage({ type: 'export', format: 'svg', data: graphToSvg(plan.meta, plan.arrays, positions, graph.colours) });
});
for (const key of Object.keys(layerSwitches) as (keyof Layers)[]) {
  layerSwitches[key].addEventListener('change', () => {
    graph.layers[key] = layerSwitches[key].checked;
    graph.redraw();
  });
}

const arrows: Readonly<Record<string, Direction>> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/** The graph's keys; true when the key was one of them. */
function handleKey(e: KeyboardEvent): boolean {
  const onControl = e.target instanceof HTMLButtonElement || e.target instanceof HTMLInputElement;
  const direction = arrows[e.key];
  if (direction !== undefined) graph.move(direction);
  else if (e.key === ']' || e.key === 'n') walk(1);
  else if (e.key === '[' || e.key === 'p') walk(-1);
  else if (e.key === '+' || e.key === '=') graph.zoomBy(1.5);
  else if (e.key === '-') graph.zoomBy(1 / 1.5);
  else if (e.key === '0') graph.fit();
  // Enter and space on a button or a switch are that control's own.
  else if (e.key === 'Enter' && !onControl) {
    const name = graph.selection >= 0 ? graph.plan?.arrays.names[graph.selection] : undefined;
    if (name !== undefined) vscode.postMessage({ type: 'reveal', task: name });
  } else return false;
  return true;
}

window.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (!handleKey(e)) return;
  // Handled here: the key must not travel on to the workbench (and from there into a text editor).
  e.preventDefault();
  e.stopPropagation();
});

window.addEventListener('message', (e: MessageEvent<GraphViewUpdate>) => {
  const m = e.data;
  switch (m?.type) {
    case 'graph':
      showPlan(m.meta, m.buffer, m.keepViewport);
      break;
    case 'loading':
      setLine(statusLine, m.message);
      break;
    case 'select': {
      const task = graph.plan?.arrays.names.indexOf(m.task) ?? -1;
      if (task >= 0) graph.select(task, 'centre');
      break;
    }
    case 'exported':
      setLine(statusLine, m.message);
      break;
    case 'details':
      panels.receive(m.task, m.details);
      break;
  }
});

vscode.postMessage({ type: 'ready' });
