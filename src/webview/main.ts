/**
 * The plan graph webview: wires the canvas renderer (render/graphCanvas.ts) to the host's messages
 * (src/protocol/graphView.ts), the toolbar, the layer switches, the keyboard and the status lines. Text
 * reaches the page through textContent only, so a task name is never markup.
 */

import { decodeGraphArrays, TaskFlag, type GraphMeta } from '../protocol/graphPayload';
import type { GraphViewRequest, GraphViewUpdate } from '../protocol/graphView';
import { GraphCanvas } from './render/graphCanvas';
import type { Layers } from './render/drawScene';
import { MAX_REFINE_NODES } from './layout/refineTypes';
import { LayoutRefinement } from './render/layoutRefinement';
import { graphToSvg } from './panels/svgExport';
import type { PlanView } from './panels/planView';
import { PlanViews } from './planViews';
import { attachSidePanels } from './sidePanels';
import type { Direction } from './render/navigation';
import { fileName } from '../core/text/fileName';
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
const viewLine = element('view-line', 'p');
const viewText = element('view-text', 'span');
const showWhole = element('show-whole', 'button');
const expandAll = element('expand-all', 'button');
const stepButtons = [element('previous', 'button'), element('next', 'button')];
const layerSwitches: { readonly [K in keyof Layers]: HTMLInputElement } = {
  critical: element('layer-critical', 'input'),
  drift: element('layer-drift', 'input'),
  cache: element('layer-cache', 'input'),
  comparison: element('layer-comparison', 'input'),
};

/** When the last 'graph' message arrived, until its first frame is drawn. */
let graphArrivedAt: number | undefined;

/** The plan as sent, and the view of it the canvas draws (focus, collapsed generations). */
const views = new PlanViews();

const graph = new GraphCanvas(
  { stage: element('stage', 'main'), canvas: canvasElement, minimap: element('minimap', 'canvas'), tooltip: element('tooltip', 'div') },
  {
    pick: (task) => {
      // A collapsed generation's box opens when clicked.
      const generation = views.collapsedGeneration(task);
      if (generation !== undefined) {
        const changed = views.toggleGeneration(generation);
        if (changed !== undefined) drawView(changed, 'keep');
        return;
      }
      panels.picked(views.planTask(task));
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

const panels = attachSidePanels(
  {
    plan: () => views.plan,
    selected: () => views.planTask(graph.selection),
    show: (t) => selectPlanTask(t, true),
    focus: (t, hops, direction) => {
      const changed = views.focus({ task: t, hops, direction });
      if (changed !== undefined) drawView(changed, 'open');
    },
    collapseGeneration: (t) => {
      const generation = views.plan?.arrays.generation[t];
      if (generation === undefined || views.spec.collapsed.has(generation)) return;
      const changed = views.toggleGeneration(generation);
      if (changed !== undefined) drawView(changed, 'keep');
      graph.select(views.view?.viewOf(t) ?? -1, 'centre');
    },
  },
  (m) => vscode.postMessage(m),
  { workspace: element('workspace', 'div'), searchSlot: element('search-slot', 'div'), canvas: canvasElement },
);

/** ELK in the background; `data-layout` on the canvas says which layout is drawn (tests wait on it). */
const refinement = new LayoutRefinement(
  { line: element('layout-progress', 'p'), text: element('layout-progress-text', 'span'), cancel: element('layout-cancel', 'button') },
  (x, y, routes) => graph.setPositions(x, y, routes),
  (outcome) => (canvasElement.dataset.layout = outcome === 'elk' ? 'elk' : `generations (${outcome})`),
);

function showPlan(meta: GraphMeta, buffer: ArrayBuffer, keepViewport: boolean): void {
  graphArrivedAt = performance.now();
  const view = views.setPlan(meta, decodeGraphArrays(meta, buffer), keepViewport);
  drawView(view, keepViewport ? 'keep' : 'open');
  title.textContent = meta.title;
  setLine(note, meta.note);
  setLine(compared, comparisonText(meta));
  setLine(drift, driftText(meta), meta.drift?.file);
  setLine(statusLine, costSourceText(meta), meta.costSource.kind === 'recorded' ? meta.costSource.file : undefined);
  for (const b of stepButtons) b.disabled = meta.criticalPathLength === 0 && view.arrays.criticalPath.length === 0;
  // A switch is offered only when the plan has something for it to show.
  const available: { readonly [K in keyof Layers]: boolean } = { critical: true, drift: meta.drift !== undefined, cache: meta.cacheStatuses.length > 0, comparison: meta.comparison !== undefined };
  for (const key of Object.keys(layerSwitches) as (keyof Layers)[]) (layerSwitches[key].parentElement as HTMLElement).hidden = !available[key];
}

/**
 * Puts a view of the plan on the canvas: 'open' frames it afresh (a new plan, a new focus, centred on the
 * focused task when it does not fit readable), 'keep' keeps the camera and the selection (a redraw after
 * an edit, a generation collapsed or expanded). ELK refines the view when it is small enough, so a focus
 * on a large plan gets the layered layout of its neighbourhood.
 */
function drawView(view: PlanView, camera: 'open' | 'keep', around?: number): void {
  const focus = views.spec.focus;
  const aroundTask = around ?? focus?.task;
  const anchor = aroundTask === undefined ? undefined : view.viewOf(aroundTask);
  const plan = graph.setPlan(view.meta, view.arrays, camera === 'keep', anchor !== undefined && anchor >= 0 ? anchor : undefined, view.steps);
  // The task the view opened around stays selected (a new focus, leaving a focus).
  if (camera === 'open' && anchor !== undefined && anchor >= 0) graph.select(anchor, 'none');
  canvasElement.dataset.layout = refinement.start(plan) ? 'refining' : 'generations';
  canvasElement.dataset.viewTasks = String(view.shownTasks);
  panels.planChanged();
  canvasElement.setAttribute('aria-label', describePlan(plan));
  const described = views.describe();
  viewLine.hidden = described === undefined;
  // A focus on a hub can still hold thousands of tasks: say why it is not laid out by ELK, and what helps.
  const tooBig = plan.taskCount > MAX_REFINE_NODES ? ` ELK lays out at most ${MAX_REFINE_NODES.toLocaleString('en-US')} tasks, so these keep the generation layout: fewer hops, one direction or collapsed generations bring it under.` : '';
  viewText.textContent = described === undefined ? '' : described + tooBig;
  showWhole.hidden = focus === undefined;
  expandAll.hidden = views.spec.collapsed.size === 0;
}

/** Selects plan task t (a search match, the host's cursor, a link in the details), showing it if hidden. */
function selectPlanTask(t: number, expand: boolean): number {
  const shown = views.show(t, expand);
  if (shown.changed !== undefined) drawView(shown.changed, 'keep');
  graph.select(shown.task, 'centre');
  return shown.task;
}

/** A line above or below the graph: shown with its text, or hidden when there is nothing to say; `path`, a file it names by its name, is its tooltip. */
function setLine(line: HTMLElement, text: string | undefined, path?: string): void {
  line.hidden = text === undefined;
  line.textContent = text ?? '';
  line.title = path ?? '';
}

function costSourceText(meta: GraphMeta): string {
  const s = meta.costSource;
  return s.kind === 'recorded' ? `costs recorded by the run (${fileName(s.file)}, ${s.recordedTasks} tasks); the others weigh max(priority, 1)` : 'costs: max(priority, 1) (no recorded schedule for this plan)';
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
  return `run drift (${fileName(d.file)}): ${parts.join('; ')}`;
}

function describeSelection(task: number): void {
  const plan = views.plan;
  if (plan === undefined) return;
  const path = plan.arrays.criticalPath;
  const generation = views.collapsedGeneration(task);
  const planTask = views.planTask(task);
  const step = planTask >= 0 ? plan.criticalStep[planTask] : -1;
  if (generation !== undefined) pathInfo.textContent = `generation ${generation}, collapsed: click it to expand`;
  else pathInfo.textContent = path.length === 0 ? '' : step >= 0 ? `critical path: step ${step + 1} of ${path.length}, ${plan.arrays.names[planTask]}` : `critical path: ${path.length} tasks, length ${formatNumber(plan.meta.criticalPathLength)}`;
  const drawn = graph.plan;
  announcer.textContent = task >= 0 && drawn !== undefined ? announceTask(drawn, task) : '';
}

/** The user picked a task: the host selects it in the plan file (keeping focus here) and sends its details. */
function showInPlanFile(task: number): void {
  const planTask = views.planTask(task);
  const name = planTask >= 0 ? views.plan?.arrays.names[planTask] : undefined;
  if (name === undefined) return;
  vscode.postMessage({ type: 'reveal', task: name });
  vscode.postMessage({ type: 'details', task: name });
}

/**
 * Moves along the plan's critical path from the selection (or onto its first or last task). A step out
 * of the focus drops the focus; a step into a collapsed generation selects its box.
 */
function walk(delta: number): void {
  const plan = views.plan;
  if (plan === undefined || plan.arrays.criticalPath.length === 0) return;
  const path = plan.arrays.criticalPath;
  const selected = views.planTask(graph.selection);
  const boxGeneration = views.collapsedGeneration(graph.selection);
  let current = selected >= 0 ? plan.criticalStep[selected] : -1;
  if (boxGeneration !== undefined) current = path.findIndex((t) => plan.arrays.generation[t] === boxGeneration);
  const step = current < 0 ? (delta > 0 ? 0 : path.length - 1) : Math.min(Math.max(current + delta, 0), path.length - 1);
  const task = selectPlanTask(path[step], false);
  if (task >= 0) showInPlanFile(task);
}

stepButtons[0].addEventListener('click', () => walk(-1));
stepButtons[1].addEventListener('click', () => walk(1));
element('fit', 'button').addEventListener('click', () => graph.fit());
element('zoom-in', 'button').addEventListener('click', () => graph.zoomBy(1.5));
element('zoom-out', 'button').addEventListener('click', () => graph.zoomBy(1 / 1.5));
element('reveal-selected', 'button').addEventListener('click', () => graph.revealSelected());
showWhole.addEventListener('click', () => showWholePlan());
expandAll.addEventListener('click', () => {
  const changed = views.expandAll();
  if (changed !== undefined) drawView(changed, 'keep');
});
element('collapse-all', 'button').addEventListener('click', () => {
  const changed = views.collapseAll();
  if (changed !== undefined) drawView(changed, 'open');
});

/** `c`: the selected task's generation collapses into one box, or the selected box opens. */
function collapseSelected(): void {
  const box = views.collapsedGeneration(graph.selection);
  const planTask = views.planTask(graph.selection);
  const plan = views.plan;
  const generation = box ?? (planTask >= 0 ? plan?.arrays.generation[planTask] : undefined);
  if (generation === undefined || plan === undefined) return;
  const changed = views.toggleGeneration(generation);
  if (changed === undefined) return;
  drawView(changed, 'keep');
  // An opened box hands the selection to its critical task (else its first); a closed generation to its box.
  const opened = plan.arrays.criticalPath.find((t) => plan.arrays.generation[t] === generation) ?? plan.index.generationTasks[plan.index.generationStart[generation]];
  graph.select(changed.viewOf(box === undefined ? planTask : opened), 'centre');
}

/** `f`: only the selected task and what is within two hops of it, up- and downstream. */
function focusSelected(): void {
  const planTask = views.planTask(graph.selection);
  if (planTask < 0) return;
  const changed = views.focus({ task: planTask, hops: 2, direction: 'both' });
  if (changed !== undefined) drawView(changed, 'open');
}

/** Leaves the focus, opening the whole plan around the selected task (else the one focused on). */
function showWholePlan(): boolean {
  const selected = views.planTask(graph.selection);
  const focused = views.spec.focus?.task;
  const changed = views.clearFocus();
  if (changed !== undefined) drawView(changed, 'open', selected >= 0 ? selected : focused);
  return changed !== undefined;
}

element('export-svg', 'button').addEventListener('click', () => {
  const plan = graph.plan;
  const positions = graph.positions;
  if (plan === undefined || positions === undefined) return;
  // The host asks where to write it and writes it atomically; the status line says how it went.
  vscode.postMessage({ type: 'export', format: 'svg', data: graphToSvg(plan.meta, plan.arrays, positions, graph.colours) });
});
element('export-png', 'button').addEventListener('click', () => {
  setLine(statusLine, 'Drawing the PNG…');
  void graph.toPng().then((png) => {
    if (png === undefined) setLine(statusLine, 'Nothing to export.');
    else vscode.postMessage({ type: 'export', format: 'png', data: png.data });
  });
});
const minimapSwitch = element('show-minimap', 'input');
minimapSwitch.addEventListener('change', () => {
  graph.minimapWanted = minimapSwitch.checked;
  graph.redraw();
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
  else if (e.key === 'c') collapseSelected();
  else if (e.key === 'f') focusSelected();
  else if (e.key === 'Escape' && !onControl) return showWholePlan();
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
      const task = views.plan?.arrays.names.indexOf(m.task) ?? -1;
      if (task >= 0) selectPlanTask(task, true);
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
