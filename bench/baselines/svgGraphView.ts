/**
 * BENCHMARK BASELINE, NOT PRODUCT CODE: the SVG plan graph view as it was before the canvas renderer
 * (git 24768e3:src/webview/main.ts, with the message types it used inlined, since src/protocol has moved
 * on). Kept only so that bench/suites/graphRender.ts can measure today's renderer against it in the same
 * run, as issue 9 asks ("compare each with today's SVG in the same run where it can draw: 1k, 3k").
 * Never bundled into the extension.
 */

import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';

interface GraphNode {
  readonly name: string;
  readonly taskKind: string;
  readonly x: number;
  readonly y: number;
  readonly cost: number;
  readonly slack: number;
  readonly criticalIndex: number;
  readonly change?: 'added' | 'cost';
  readonly costBefore?: number;
  readonly notRun?: boolean;
}

export interface GraphView {
  readonly title: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly (readonly [number, number])[];
  readonly criticalPath: readonly number[];
  readonly criticalPathLength: number;
  readonly nodeWidth: number;
  readonly nodeHeight: number;
  readonly width: number;
  readonly height: number;
  readonly note?: string;
  readonly comparison?: { readonly baseline: string; readonly removed: readonly string[]; readonly criticalPathLengthBefore: number };
  readonly drift?: { readonly file: string; readonly planTasks: number; readonly admittedTasks: number; readonly missing: number; readonly unexpected: readonly string[]; readonly missingGenerations: readonly number[] };
}

type GraphViewUpdate = { readonly type: 'graph'; readonly view: GraphView };
type GraphViewRequest = { readonly type: 'ready' } | { readonly type: 'reveal'; readonly task: string } | { readonly type: 'rendered'; readonly nodes: number; readonly edges: number };

interface VsCodeApi {
  postMessage(message: GraphViewRequest): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';

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
const previous = element('previous', 'button');
const next = element('next', 'button');
const canvas = document.getElementById('graph') as unknown as SVGSVGElement;
const viewport = document.createElementNS(SVG, 'g');
canvas.appendChild(viewport);

let view: GraphView | undefined;
let nodeElements: SVGGElement[] = [];
/** Position on the critical path of the selected step, or -1. */
let step = -1;
const zoomer: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
  .scaleExtent([0.02, 4])
  .on('zoom', (event: { transform: { toString(): string } }) => viewport.setAttribute('transform', event.transform.toString()));
select(canvas).call(zoomer);

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, parent: Element): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, String(v));
  parent.appendChild(e);
  return e;
}

function render(v: GraphView): void {
  view = v;
  step = -1;
  viewport.replaceChildren();
  title.textContent = v.title;
  setLine(note, v.note);
  setLine(compared, comparisonText(v));
  setLine(drift, driftText(v));
  const w = v.nodeWidth;
  const h = v.nodeHeight;
  const onPath = new Set<string>();
  for (let i = 1; i < v.criticalPath.length; i++) onPath.add(`${v.criticalPath[i - 1]},${v.criticalPath[i]}`);
  const edges = svg('g', { class: 'edges' }, viewport);
  for (const [s, t] of v.edges) {
    const a = v.nodes[s];
    const b = v.nodes[t];
    const x1 = a.x + w;
    const y1 = a.y + h / 2;
    const x2 = b.x;
    const y2 = b.y + h / 2;
    const bend = Math.max(24, (x2 - x1) / 2);
    svg('path', { class: onPath.has(`${s},${t}`) ? 'edge critical' : 'edge', d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}` }, edges);
  }
  const nodes = svg('g', { class: 'nodes' }, viewport);
  nodeElements = v.nodes.map((n, index) => {
    const kind = /^[a-z]+$/.test(n.taskKind) ? n.taskKind : 'other';
    const classes = ['node', `kind-${kind}`, ...(n.criticalIndex >= 0 ? ['critical'] : []), ...(n.change === undefined ? [] : [`change-${n.change}`]), ...(n.notRun === true ? ['not-run'] : [])];
    const g = svg('g', { class: classes.join(' '), transform: `translate(${n.x},${n.y})`, 'data-task': index }, nodes);
    svg('rect', { width: w, height: h, rx: 4 }, g);
    const label = svg('text', { x: 8, y: h / 2 + 4 }, g);
    // About 24 characters fit the box at this font size; the full name is in the tooltip.
    label.textContent = n.name.length > 24 ? `${n.name.slice(0, 23)}…` : n.name;
    const tip = svg('title', {}, g);
    const change =
      (n.change === 'added' ? '\nnew since the baseline' : n.change === 'cost' ? `\ncost was ${n.costBefore ?? '?'} in the baseline` : '') +
      (n.notRun === true ? '\nplanned but never admitted in this run' : '');
    tip.textContent = `${n.name}\n${n.taskKind} · cost ${n.cost} · slack ${n.slack}${n.criticalIndex >= 0 ? ` · critical path step ${n.criticalIndex + 1}` : ''}${change}`;
    g.addEventListener('click', () => pick(index));
    return g;
  });
  pathInfo.textContent = v.criticalPath.length === 0 ? '' : `critical path: ${v.criticalPath.length} tasks, length ${formatNumber(v.criticalPathLength)}`;
  previous.disabled = next.disabled = v.criticalPath.length === 0;
  fit();
  vscode.postMessage({ type: 'rendered', nodes: v.nodes.length, edges: v.edges.length });
}

/** A line above the graph: shown with its text, or hidden when there is nothing to say. */
function setLine(line: HTMLElement, text: string | undefined): void {
  line.hidden = text === undefined;
  line.textContent = text ?? '';
}

/** The comparison line: what the drawing cannot show (removed tasks) and the path length before. */
function comparisonText(v: GraphView): string | undefined {
  const c = v.comparison;
  if (c === undefined) return undefined;
  const added = v.nodes.filter((n) => n.change === 'added').length;
  const costs = v.nodes.filter((n) => n.change === 'cost').length;
  const removed = c.removed.length === 0 ? 'none removed' : `${c.removed.length} removed (${c.removed.slice(0, 5).join(', ')}${c.removed.length > 5 ? ', …' : ''})`;
  return `against ${c.baseline}: ${added} tasks added, ${removed}, ${costs} with another cost; critical path length ${formatNumber(c.criticalPathLengthBefore)} → ${formatNumber(v.criticalPathLength)}`;
}

/** The run's drift: how much of the plan ran, what ran that was not planned, generations never reached. */
function driftText(v: GraphView): string | undefined {
  const d = v.drift;
  if (d === undefined) return undefined;
  const parts = [`${d.admittedTasks} of ${d.planTasks} planned tasks admitted`, `${d.missing} not run (greyed)`];
  if (d.unexpected.length > 0) parts.push(`not planned but run: ${d.unexpected.join(', ')}`);
  if (d.missingGenerations.length > 0) parts.push(`generations never admitted: ${d.missingGenerations.join(', ')}`);
  return `run drift (${d.file}): ${parts.join('; ')}`;
}

function fit(): void {
  if (view === undefined || view.nodes.length === 0) return;
  const { width, height } = canvas.getBoundingClientRect();
  const scale = Math.min(1, (width - 40) / Math.max(view.width, 1), (height - 40) / Math.max(view.height, 1));
  select(canvas).call(zoomer.transform, zoomIdentity.translate(20, 20).scale(Math.max(scale, 0.02)));
}

function pick(index: number): void {
  if (view === undefined) return;
  nodeElements.forEach((e, i) => e.classList.toggle('selected', i === index));
  const onPath = view.criticalPath.indexOf(index);
  if (onPath >= 0) step = onPath;
  vscode.postMessage({ type: 'reveal', task: view.nodes[index].name });
}

/** Moves along the critical path and centres the view on the task. */
function walk(delta: number): void {
  if (view === undefined || view.criticalPath.length === 0) return;
  step = step < 0 ? (delta > 0 ? 0 : view.criticalPath.length - 1) : Math.min(Math.max(step + delta, 0), view.criticalPath.length - 1);
  const index = view.criticalPath[step];
  const n = view.nodes[index];
  const { width, height } = canvas.getBoundingClientRect();
  // Close enough to read the labels, with the task in the middle.
  const k = 1;
  const cx = n.x + view.nodeWidth / 2;
  const cy = n.y + view.nodeHeight / 2;
  select(canvas).call(zoomer.transform, zoomIdentity.translate(width / 2 - cx * k, height / 2 - cy * k).scale(k));
  pathInfo.textContent = `critical path: step ${step + 1} of ${view.criticalPath.length}, ${n.name}`;
  pick(index);
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(3);
}

previous.addEventListener('click', () => walk(-1));
next.addEventListener('click', () => walk(1));
window.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === ']' || e.key === 'n') walk(1);
  else if (e.key === '[' || e.key === 'p') walk(-1);
  else return;
  // Handled here: the key must not travel on to the workbench.
  e.preventDefault();
  e.stopPropagation();
});
window.addEventListener('message', (e: MessageEvent<GraphViewUpdate>) => {
  if (e.data?.type === 'graph') render(e.data.view);
});
vscode.postMessage({ type: 'ready' });
