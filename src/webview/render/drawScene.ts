/**
 * Draws one frame of the plan on a 2D canvas, in CSS pixels (the caller sets the devicePixelRatio
 * transform). Only what is on screen is touched (the spatial index for tasks, a box test for edges), and
 * shapes of one style go into one path, so a frame costs one fill or stroke per style, not per task.
 */

import { TaskFlag } from '../../protocol/graphPayload';
import type { Camera, Rect, ViewSize } from './camera';
import type { LabelFitter } from './labelFitter';
import { detailAt, labelPx, MIN_LABEL_PX, type Detail } from './levelOfDetail';
import type { OverviewGroup } from './overview';
import type { Palette } from './palette';
import type { PlanGeometry, PlanGraph } from './planGraph';

/** The marks the user can switch off. */
export interface Layers {
  critical: boolean;
  drift: boolean;
  cache: boolean;
  comparison: boolean;
}

/** Marks a host draws over the plan's own, per task (the comparison's added, removed and changed tasks). */
export interface TaskMarks {
  /** Per task: 0 for none, else index + 1 into `colours`. */
  readonly mark: Uint8Array;
  readonly colours: readonly string[];
  /** Per task: 1 draws the task faded (a task the drawn side does not have). */
  readonly faded?: Uint8Array;
}

export interface Scene {
  readonly graph: PlanGraph;
  readonly geometry: PlanGeometry;
  readonly groups: readonly OverviewGroup[];
  readonly camera: Camera;
  readonly view: ViewSize;
  readonly palette: Palette;
  readonly labels: LabelFitter;
  readonly layers: Layers;
  readonly selected: number;
  readonly hovered: number;
  /** Reused between frames: one slot per task and per edge. */
  readonly scratch: { readonly tasks: Uint32Array; readonly edges: Uint32Array };
  readonly marks?: TaskMarks;
}

export interface FrameStats {
  readonly detail: Detail;
  readonly drawnTasks: number;
  readonly drawnEdges: number;
  /** Screen font size of the first critical task's label when it is drawn, else 0. */
  readonly firstCriticalLabelPx: number;
}

/** Beyond this many edges on screen, draw an even sample of them (the critical path's always). */
const EDGE_BUDGET = 6_000;
/** At most about this many of the edges that only cross the view (neither end on screen). */
const CROSSING_BUDGET = 300;
/** Beyond this many, straight lines instead of curves. */
const CURVE_BUDGET = 2_000;
/** Text starts this far inside the box, in layout units. */
export const LABEL_PAD = 8;
/** Right part of the box kept for the cache status marker, in layout units. */
export const MARKER_ROOM = 14;

export function drawScene(ctx: CanvasRenderingContext2D, s: Scene): FrameStats {
  const { camera, view, palette } = s;
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, view.width, view.height);
  const visible = camera.visible(view);
  const detail = detailAt(camera.scale, s.graph.boxHeight);
  const taskCount = detail === 'overview' ? 0 : collectTasks(s, visible);
  const edgeCount = detail === 'overview' ? 0 : drawEdges(ctx, s, visible, detail);
  if (detail === 'overview') drawOverview(ctx, s);
  else if (detail === 'dots') drawDots(ctx, s, taskCount);
  else drawBoxes(ctx, s, taskCount);
  if (detail !== 'boxes') drawFarSelection(ctx, s);
  if (s.marks !== undefined && detail !== 'overview') drawMarks(ctx, s, s.marks, taskCount);
  return { detail, drawnTasks: detail === 'overview' ? s.groups.length : taskCount, drawnEdges: edgeCount, firstCriticalLabelPx: firstCriticalLabelPx(s, visible, detail) };
}

/** Faded tasks under a veil of the background, then one outline per mark colour, outside the box. */
function drawMarks(ctx: CanvasRenderingContext2D, s: Scene, marks: TaskMarks, count: number): void {
  const { camera, geometry, graph, palette } = s;
  const tasks = s.scratch.tasks.subarray(0, count);
  const w = Math.max(graph.boxWidth * camera.scale, 1);
  const h = Math.max(graph.boxHeight * camera.scale, 1);
  const inset = Math.min(5 * camera.scale, 5);
  if (marks.faded !== undefined) {
    const faded = marks.faded;
    ctx.beginPath();
    for (const t of tasks) if (faded[t] === 1) ctx.rect(camera.screenX(geometry.x[t]) - 1, camera.screenY(geometry.y[t]) - 1, w + 2, h + 2);
    ctx.globalAlpha = 0.7;
    ctx.fillStyle = palette.background;
    ctx.fill();
    ctx.globalAlpha = 1;
  }
  ctx.lineWidth = 3 * palette.strokeScale;
  marks.colours.forEach((colour, k) => {
    ctx.beginPath();
    for (const t of tasks) if (marks.mark[t] === k + 1) ctx.rect(camera.screenX(geometry.x[t]) - inset, camera.screenY(geometry.y[t]) - inset, w + 2 * inset, h + 2 * inset);
    ctx.strokeStyle = colour;
    ctx.stroke();
  });
}

function collectTasks(s: Scene, visible: Rect): number {
  const out = s.scratch.tasks;
  let count = 0;
  s.geometry.index.forEachIn(visible, (task) => {
    out[count++] = task;
  });
  return count;
}

function firstCriticalLabelPx(s: Scene, visible: Rect, detail: Detail): number {
  const path = s.graph.arrays.criticalPath;
  const px = labelPx(s.camera.scale);
  if (path.length === 0 || detail !== 'boxes' || px < MIN_LABEL_PX) return 0;
  return boxOnScreen(s, path[0], visible) ? px : 0;
}

/** Edges whose box meets the view: all of them, or an even sample past the budget; then the critical ones on top. */
function drawEdges(ctx: CanvasRenderingContext2D, s: Scene, visible: Rect, detail: Detail): number {
  const { graph, geometry, scratch, layers, palette } = s;
  const boxes = geometry.edgeBoxes;
  const ids = scratch.edges;
  let count = 0;
  for (let k = 0; k < graph.edgeCount; k++) {
    const b = 4 * k;
    if (boxes[b] <= visible.maxX && boxes[b + 2] >= visible.minX && boxes[b + 1] <= visible.maxY && boxes[b + 3] >= visible.minY) ids[count++] = k;
  }
  const budget = detail === 'dots' ? EDGE_BUDGET / 4 : EDGE_BUDGET;
  const stride = Math.max(1, Math.ceil(count / budget));
  const curves = count / stride <= CURVE_BUDGET;
  const critical = layers.critical ? graph.criticalEdge : undefined;
  let drawn = 0;
  // Two passes: edges with an end on screen, then the faint ones that only cross it (long skips from
  // far away, which would otherwise cover the view in lines that lead nowhere visible).
  ctx.lineWidth = (stride > 1 || detail === 'dots' ? 0.75 : 1) * palette.strokeScale;
  ctx.strokeStyle = palette.edge;
  for (const crossing of [false, true]) {
    ctx.beginPath();
    // Lines that only cross the view say little and, by thousands, grey out whole gaps between columns.
    const step = crossing ? Math.max(stride, Math.ceil(count / CROSSING_BUDGET)) : stride;
    for (let i = 0; i < count; i += step) {
      const k = ids[i];
      if ((critical !== undefined && critical[k] === 1) || endOnScreen(s, k, visible) === crossing) continue;
      traceEdge(ctx, s, k, curves);
      drawn++;
    }
    ctx.globalAlpha = crossing ? 0.3 : 1;
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  if (critical !== undefined) {
    ctx.beginPath();
    for (let i = 0; i < count; i++) {
      if (critical[ids[i]] !== 1) continue;
      traceEdge(ctx, s, ids[i], true);
      drawn++;
    }
    ctx.strokeStyle = palette.critical;
    ctx.lineWidth = 2.5 * palette.strokeScale;
    ctx.stroke();
  }
  if (s.selected >= 0) {
    // The selection's own edges, whatever the sample left out: where it comes from and where it goes.
    ctx.beginPath();
    for (let i = 0; i < count; i++) {
      const k = ids[i];
      if (graph.arrays.edgePairs[2 * k] === s.selected || graph.arrays.edgePairs[2 * k + 1] === s.selected) traceEdge(ctx, s, k, true);
    }
    ctx.strokeStyle = palette.selectedBorder;
    ctx.lineWidth = 2 * palette.strokeScale;
    ctx.stroke();
  }
  return drawn;
}

function endOnScreen(s: Scene, k: number, visible: Rect): boolean {
  const pairs = s.graph.arrays.edgePairs;
  return boxOnScreen(s, pairs[2 * k], visible) || boxOnScreen(s, pairs[2 * k + 1], visible);
}

function boxOnScreen(s: Scene, t: number, visible: Rect): boolean {
  const { x, y } = s.geometry;
  return x[t] <= visible.maxX && x[t] + s.graph.boxWidth >= visible.minX && y[t] <= visible.maxY && y[t] + s.graph.boxHeight >= visible.minY;
}

function traceEdge(ctx: CanvasRenderingContext2D, s: Scene, k: number, curve: boolean): void {
  const { camera, geometry, graph } = s;
  const route = geometry.routes[k];
  if (route !== undefined && route.length >= 4) {
    ctx.moveTo(camera.screenX(route[0]), camera.screenY(route[1]));
    for (let p = 2; p < route.length; p += 2) ctx.lineTo(camera.screenX(route[p]), camera.screenY(route[p + 1]));
    return;
  }
  const source = graph.arrays.edgePairs[2 * k];
  const target = graph.arrays.edgePairs[2 * k + 1];
  const half = graph.boxHeight / 2;
  const x1 = camera.screenX(geometry.x[source] + graph.boxWidth);
  const y1 = camera.screenY(geometry.y[source] + half);
  const x2 = camera.screenX(geometry.x[target]);
  const y2 = camera.screenY(geometry.y[target] + half);
  ctx.moveTo(x1, y1);
  if (!curve) {
    ctx.lineTo(x2, y2);
    return;
  }
  const bend = Math.max(24 * camera.scale, (x2 - x1) / 2);
  ctx.bezierCurveTo(x1 + bend, y1, x2 - bend, y2, x2, y2);
}

/** The colour a task is filled with far out: the marks that matter most win. */
function dotColour(s: Scene, task: number): string {
  const flags = s.graph.arrays.flags[task];
  if (s.layers.critical && (flags & TaskFlag.critical) !== 0) return s.palette.critical;
  if (s.layers.drift && (flags & TaskFlag.notRun) !== 0) return s.palette.notRun;
  if (s.layers.comparison && (flags & TaskFlag.added) !== 0) return s.palette.added;
  return s.palette.kind(s.graph.meta.kinds[s.graph.arrays.kind[task]] ?? '');
}

function drawDots(ctx: CanvasRenderingContext2D, s: Scene, count: number): void {
  const { camera, geometry, graph, scratch } = s;
  const w = Math.max(graph.boxWidth * camera.scale, 1);
  const h = Math.max(graph.boxHeight * camera.scale, 1);
  // One path per colour: a handful of fills for thousands of tasks.
  const byColour = new Map<string, number[]>();
  for (let i = 0; i < count; i++) {
    const task = scratch.tasks[i];
    const colour = dotColour(s, task);
    let list = byColour.get(colour);
    if (list === undefined) byColour.set(colour, (list = []));
    list.push(task);
  }
  for (const [colour, tasks] of byColour) {
    ctx.beginPath();
    for (const task of tasks) ctx.rect(camera.screenX(geometry.x[task]), camera.screenY(geometry.y[task]), w, h);
    ctx.fillStyle = colour;
    ctx.fill();
  }
}

function drawBoxes(ctx: CanvasRenderingContext2D, s: Scene, count: number): void {
  const { camera, geometry, graph, scratch, palette, layers } = s;
  const { flags, kind, cache } = graph.arrays;
  const w = graph.boxWidth * camera.scale;
  const h = graph.boxHeight * camera.scale;
  const radius = Math.min(4 * camera.scale, 4);
  const tasks = scratch.tasks.subarray(0, count);
  const sx = (t: number): number => camera.screenX(geometry.x[t]);
  const sy = (t: number): number => camera.screenY(geometry.y[t]);
  const isNotRun = (t: number): boolean => layers.drift && (flags[t] & TaskFlag.notRun) !== 0;
  const path = (filter: (t: number) => boolean, inset = 0): void => {
    ctx.beginPath();
    for (const t of tasks) if (filter(t)) ctx.roundRect(sx(t) - inset, sy(t) - inset, w + 2 * inset, h + 2 * inset, radius + inset);
  };

  // A collapsed generation's box is drawn as a stack of cards: one more outline behind it.
  const collapsed = (t: number): boolean => (flags[t] & TaskFlag.collapsed) !== 0;
  const stack = Math.min(5 * camera.scale, 5);
  ctx.beginPath();
  for (const t of tasks) if (collapsed(t)) ctx.roundRect(sx(t) + stack, sy(t) + stack, w, h, radius);
  ctx.fillStyle = palette.boxFill;
  ctx.fill();
  ctx.strokeStyle = palette.edge;
  ctx.lineWidth = palette.strokeScale;
  ctx.stroke();

  const costChanged = (t: number): boolean => layers.comparison && (flags[t] & TaskFlag.costChanged) !== 0;
  path((t) => t !== s.selected && !costChanged(t));
  ctx.fillStyle = palette.boxFill;
  ctx.fill();
  if (layers.comparison) {
    path((t) => t !== s.selected && costChanged(t));
    ctx.fillStyle = palette.costChangedFill;
    ctx.fill();
  }
  if (s.selected >= 0) {
    path((t) => t === s.selected);
    ctx.fillStyle = palette.selectedFill;
    ctx.fill();
  }

  // Borders by kind; tasks that never ran are dashed and faint.
  ctx.lineWidth = 1.25 * palette.strokeScale;
  for (let k = 0; k < graph.meta.kinds.length; k++) {
    for (const faint of [false, true]) {
      path((t) => kind[t] === k && isNotRun(t) === faint);
      ctx.strokeStyle = faint ? palette.notRun : palette.kind(graph.meta.kinds[k]);
      ctx.setLineDash(faint ? [3, 3] : []);
      ctx.stroke();
    }
  }
  ctx.setLineDash([]);
  if (layers.critical) {
    path((t) => (flags[t] & TaskFlag.critical) !== 0);
    ctx.strokeStyle = palette.critical;
    ctx.lineWidth = 2.5 * palette.strokeScale;
    ctx.stroke();
  }
  if (layers.comparison) {
    path((t) => (flags[t] & TaskFlag.added) !== 0, 3);
    ctx.strokeStyle = palette.added;
    ctx.lineWidth = 2 * palette.strokeScale;
    ctx.setLineDash([5, 3]);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (layers.cache && graph.meta.cacheStatuses.length > 0) drawCacheMarkers(ctx, s, tasks, cache);

  const px = labelPx(camera.scale);
  if (px >= MIN_LABEL_PX) drawLabels(ctx, s, tasks, px, isNotRun);

  if (s.hovered >= 0 && s.hovered !== s.selected && tasks.includes(s.hovered)) {
    path((t) => t === s.hovered, 2);
    ctx.strokeStyle = palette.hoverBorder;
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
  if (s.selected >= 0 && tasks.includes(s.selected)) {
    path((t) => t === s.selected, 3);
    ctx.strokeStyle = palette.selectedBorder;
    ctx.lineWidth = 3;
    ctx.stroke();
  }
}

function drawCacheMarkers(ctx: CanvasRenderingContext2D, s: Scene, tasks: Uint32Array, cache: Uint8Array): void {
  const { camera, geometry, graph, palette } = s;
  const r = Math.max(3.5 * camera.scale, 1.5);
  graph.meta.cacheStatuses.forEach((status, k) => {
    ctx.beginPath();
    for (const t of tasks) {
      if (cache[t] !== k + 1) continue;
      const cx = camera.screenX(geometry.x[t] + graph.boxWidth - MARKER_ROOM / 2);
      const cy = camera.screenY(geometry.y[t] + graph.boxHeight / 2);
      ctx.moveTo(cx + r, cy);
      ctx.arc(cx, cy, r, 0, 2 * Math.PI);
    }
    ctx.fillStyle = palette.cache(status);
    ctx.fill();
  });
}

function drawLabels(ctx: CanvasRenderingContext2D, s: Scene, tasks: Uint32Array, px: number, isNotRun: (t: number) => boolean): void {
  const { camera, geometry, graph, palette, labels } = s;
  const room = (graph.boxWidth - LABEL_PAD - MARKER_ROOM) * camera.scale;
  ctx.font = `${px}px ${palette.fontFamily}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (const faint of [false, true]) {
    ctx.fillStyle = palette.foreground;
    ctx.globalAlpha = faint ? 0.6 : 1;
    for (const t of tasks) {
      if (t === s.selected || isNotRun(t) !== faint) continue;
      // maxWidth guards against hinting making the text a hair wider than measured at the layout size.
      ctx.fillText(labels.label(t, graph.arrays.names[t]), camera.screenX(geometry.x[t] + LABEL_PAD), camera.screenY(geometry.y[t] + graph.boxHeight / 2), room);
    }
  }
  ctx.globalAlpha = 1;
  if (s.selected >= 0 && tasks.includes(s.selected)) {
    const t = s.selected;
    ctx.fillStyle = palette.selectedText;
    ctx.fillText(labels.label(t, graph.arrays.names[t]), camera.screenX(geometry.x[t] + LABEL_PAD), camera.screenY(geometry.y[t] + graph.boxHeight / 2), room);
  }
}

function drawOverview(ctx: CanvasRenderingContext2D, s: Scene): void {
  const { camera, palette, graph, geometry, layers } = s;
  ctx.font = `11px ${palette.fontFamily}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  for (const g of s.groups) {
    const x = camera.screenX(g.minX);
    const y = camera.screenY(g.minY);
    // At least a few pixels wide, so that a column of a 100k-task plan is still a visible bar.
    const w = Math.max((g.maxX - g.minX) * camera.scale, 3);
    const h = Math.max((g.maxY - g.minY) * camera.scale, 3);
    const colour = palette.kind(graph.meta.kinds[g.kind] ?? '');
    ctx.globalAlpha = 0.35;
    ctx.fillStyle = colour;
    ctx.fillRect(x, y, w, h);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = colour;
    ctx.lineWidth = palette.strokeScale;
    ctx.strokeRect(x, y, w, h);
    // The count and kind, else the count alone in short form (a 100k plan's columns are narrow when fitted).
    const text = [`${g.count.toLocaleString('en-US')} ${graph.meta.kinds[g.kind] ?? ''}`, shortCount(g.count)].find((t) => w >= ctx.measureText(t).width + 6);
    if (text !== undefined && h >= 16) {
      ctx.fillStyle = palette.overviewText;
      ctx.fillText(text, x + w / 2, y + Math.min(h / 2, 12));
    }
  }
  if (!layers.critical) return;
  const path = graph.arrays.criticalPath;
  ctx.beginPath();
  path.forEach((t, i) => {
    const cx = camera.screenX(geometry.x[t] + graph.boxWidth / 2);
    const cy = camera.screenY(geometry.y[t] + graph.boxHeight / 2);
    if (i === 0) ctx.moveTo(cx, cy);
    else ctx.lineTo(cx, cy);
  });
  ctx.strokeStyle = palette.critical;
  ctx.lineWidth = 2.5 * palette.strokeScale;
  ctx.stroke();
  ctx.fillStyle = palette.critical;
  ctx.beginPath();
  for (const t of path) {
    const cx = camera.screenX(geometry.x[t] + graph.boxWidth / 2);
    const cy = camera.screenY(geometry.y[t] + graph.boxHeight / 2);
    ctx.moveTo(cx + 3, cy);
    ctx.arc(cx, cy, 3, 0, 2 * Math.PI);
  }
  ctx.fill();
}

/** 950, 1.2k, 12k: a count in at most four characters. */
export function shortCount(n: number): string {
  if (n < 1000) return String(n);
  const k = n / 1000;
  return k < 10 ? `${(Math.floor(k * 10) / 10).toFixed(1).replace(/\.0$/, '')}k` : `${Math.floor(k)}k`;
}

/** Far out the selected task is a pixel: a ring around it says where it is. */
function drawFarSelection(ctx: CanvasRenderingContext2D, s: Scene): void {
  if (s.selected < 0) return;
  const { camera, geometry, graph, palette } = s;
  const cx = camera.screenX(geometry.x[s.selected] + graph.boxWidth / 2);
  const cy = camera.screenY(geometry.y[s.selected] + graph.boxHeight / 2);
  ctx.beginPath();
  ctx.arc(cx, cy, 9, 0, 2 * Math.PI);
  ctx.strokeStyle = palette.background;
  ctx.lineWidth = 5;
  ctx.stroke();
  ctx.strokeStyle = palette.selectedBorder;
  ctx.lineWidth = 2.5;
  ctx.stroke();
}
