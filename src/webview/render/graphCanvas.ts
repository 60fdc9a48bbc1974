/**
 * The plan graph on a canvas: owns the camera, the frame scheduler, the palette, the minimap and the
 * tooltip, and turns input into camera moves, hovers and picks. It knows nothing of the host: main.ts
 * wires it to messages and the toolbar through the callbacks.
 *
 * The render state is mirrored in data attributes of the canvas (scale, detail, drawn counts, the first
 * critical task's label size, the selection and where it is on screen): the browser tests read them.
 */

import type { GraphArrays, GraphMeta } from '../../protocol/graphPayload';
import { Camera, type ViewSize } from './camera';
import { drawScene, LABEL_PAD, MARKER_ROOM, type FrameStats, type Layers, type TaskMarks } from './drawScene';
import { FrameScheduler } from './frameScheduler';
import { LabelFitter } from './labelFitter';
import { detailAt, labelPx, READABLE_LABEL_PX } from './levelOfDetail';
import { Minimap } from './minimap';
import { navigate, type Direction } from './navigation';
import { FIT_MARGIN, openView, READABLE_SCALE, setZoomLimits } from './openingView';
import { groupAt, overviewGroups, type OverviewGroup } from './overview';
import { readPalette, type Palette } from './palette';
import { geometryOf, planGraphOf, type CriticalSteps, type PlanGeometry, type PlanGraph } from './planGraph';
import { tooltipLines } from './taskText';
import { watchTheme } from './themeWatcher';
import { Tooltip } from './tooltip';
import { attachGestures } from './pointerGestures';

export interface GraphCanvasElements {
  /** Holds the canvas and the minimap; its size is the view's. */
  readonly stage: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  readonly minimap: HTMLCanvasElement;
  readonly tooltip: HTMLElement;
}

export interface GraphCanvasEvents {
  /** The user clicked a task. */
  pick(task: number): void;
  /** The selection changed (by click, key, step or the host). */
  selectionChanged(task: number): void;
  /** A frame was drawn. */
  drawn(stats: FrameStats): void;
  /** The view moved or zoomed (by the user or the canvas itself; not by `setCamera`). */
  cameraChanged?(view: CameraView): void;
}

/** The camera's transform: screen = world * scale + (tx, ty). */
export interface CameraView {
  readonly scale: number;
  readonly tx: number;
  readonly ty: number;
}

/** How the selection is brought into view. */
export type Reveal = 'centre' | 'if-hidden' | 'none';

/** What a resize re-applies while the user has not moved the view. */
type AutoView = 'opening' | 'fit' | undefined;

export class GraphCanvas {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly camera = new Camera();
  private readonly scheduler = new FrameScheduler(() => this.draw());
  private readonly minimap: Minimap;
  private readonly tooltip: Tooltip;
  private palette: Palette;
  private labels: LabelFitter | undefined;
  private graph: PlanGraph | undefined;
  private geometry: PlanGeometry | undefined;
  private groups: readonly OverviewGroup[] = [];
  private scratch = { tasks: new Uint32Array(0), edges: new Uint32Array(0) };
  private view: ViewSize = { width: 0, height: 0 };
  private dpr = 1;
  private autoView: AutoView;
  /** The task the opening view centres on when the whole drawing is not readable; else the critical path's start. */
  private anchor: number | undefined;
  private selected = -1;
  private hovered = -1;
  private minimapStale = true;
  private frames = 0;
  readonly layers: Layers = { critical: true, drift: true, cache: true, comparison: true };
  /** The user's switch; the minimap shows only when it is on and the view does not show the whole plan. */
  minimapWanted = true;
  private marks: TaskMarks | undefined;
  /** The camera as last reported (or set from outside), so that only real moves are reported. */
  private reportedView: CameraView = { scale: 1, tx: 0, ty: 0 };

  constructor(
    private readonly elements: GraphCanvasElements,
    private readonly events: GraphCanvasEvents,
  ) {
    const ctx = elements.canvas.getContext('2d', { alpha: false });
    if (ctx === null) throw new Error('this browser gives no 2D canvas');
    this.ctx = ctx;
    this.palette = readPalette(ctx, document.body);
    this.minimap = new Minimap(elements.minimap, (x, y) => this.moveCamera(() => this.camera.centreOn(x, y, this.view)));
    this.tooltip = new Tooltip(elements.tooltip, elements.stage);
    attachGestures(elements.canvas, {
      panBy: (dx, dy) => this.moveCamera(() => this.camera.panBy(dx, dy)),
      zoomAround: (factor, x, y) => this.moveCamera(() => this.camera.zoomAround(factor, x, y)),
      click: (x, y) => this.click(x, y),
      hover: (x, y, clientX, clientY) => this.hover(x, y, clientX, clientY),
    });
    new ResizeObserver(() => this.resize()).observe(elements.stage);
    watchTheme(() => {
      this.palette = readPalette(this.ctx, document.body);
      this.minimapStale = true;
      this.scheduler.request();
    });
    this.resize();
  }

  get plan(): PlanGraph | undefined {
    return this.graph;
  }

  /** The theme's colours as the canvas draws them (the SVG export uses them too). */
  get colours(): Palette {
    return this.palette;
  }

  get selection(): number {
    return this.selected;
  }

  /**
   * Shows a new plan; `keepViewport`: the same plan redrawn after an edit, so the view and selection stay.
   * A view of part of a plan passes the plan's critical path `steps`, and may name an `anchor` task to open
   * on when the whole view is not readable at once (the task a focus is around).
   */
  setPlan(meta: GraphMeta, arrays: GraphArrays, keepViewport: boolean, anchor?: number, steps?: CriticalSteps): PlanGraph {
    const before = this.graph;
    const selectedName = before !== undefined && this.selected >= 0 ? before.arrays.names[this.selected] : undefined;
    this.graph = planGraphOf(meta, arrays, steps);
    this.anchor = anchor;
    this.scratch = { tasks: new Uint32Array(meta.taskCount), edges: new Uint32Array(this.graph.edgeCount) };
    this.labels = new LabelFitter(this.ctx, meta.nodeWidth - LABEL_PAD - MARKER_ROOM);
    this.hovered = -1;
    this.selected = selectedName === undefined || !keepViewport ? -1 : arrays.names.indexOf(selectedName);
    this.setGeometry(geometryOf(this.graph, Float32Array.from(arrays.x), Float32Array.from(arrays.y)));
    if (!keepViewport || before === undefined) this.autoView = 'opening';
    if (this.autoView === 'opening') openView(this.camera, this.graph, this.geometry as PlanGeometry, this.view, this.anchor);
    else if (this.autoView === 'fit') this.camera.fit((this.geometry as PlanGeometry).bounds, this.view, FIT_MARGIN);
    this.events.selectionChanged(this.selected);
    this.scheduler.request();
    return this.graph;
  }

  /** New positions for every task (ELK's refinement); routes by edge id where ELK routed the edge. */
  setPositions(x: Float32Array, y: Float32Array, routes: readonly (Float32Array | undefined)[]): void {
    if (this.graph === undefined) return;
    this.setGeometry(geometryOf(this.graph, x, y, routes));
    // Tasks moved: a view the user has not moved follows them; otherwise the selection stays in sight.
    if (this.autoView === 'opening') openView(this.camera, this.graph, this.geometry as PlanGeometry, this.view, this.anchor);
    else if (this.autoView === 'fit') this.camera.fit((this.geometry as PlanGeometry).bounds, this.view, FIT_MARGIN);
    else if (this.selected >= 0) this.bringIntoView(this.selected, 'if-hidden');
    this.scheduler.request();
  }

  get positions(): PlanGeometry | undefined {
    return this.geometry;
  }

  private setGeometry(geometry: PlanGeometry): void {
    this.geometry = geometry;
    this.groups = this.graph === undefined ? [] : overviewGroups(this.graph, geometry);
    setZoomLimits(this.camera, geometry, this.view);
    this.minimapStale = true;
  }

  redraw(): void {
    this.scheduler.request();
  }

  /** Marks drawn over the plan's own until replaced (undefined: none). */
  setMarks(marks: TaskMarks | undefined): void {
    this.marks = marks;
    this.scheduler.request();
  }

  get cameraView(): CameraView {
    return { scale: this.camera.scale, tx: this.camera.tx, ty: this.camera.ty };
  }

  /** Moves the view to another canvas's transform (a synchronized pair); not reported back as a move. */
  setCamera(view: CameraView): void {
    this.camera.scale = view.scale;
    this.camera.tx = view.tx;
    this.camera.ty = view.ty;
    this.reportedView = view;
    this.autoView = undefined;
    this.scheduler.request();
  }

  /**
   * The whole drawing as a PNG, at one layout unit per pixel (labels crisp), or smaller when that would pass
   * `maxSide` pixels a side (a canvas of 100k tasks at full size would pass the browser's limits); the
   * layers as switched, no selection.
   */
  async toPng(maxSide = 8192): Promise<{ readonly data: ArrayBuffer; readonly width: number; readonly height: number } | undefined> {
    const graph = this.graph;
    const geometry = this.geometry;
    if (graph === undefined || geometry === undefined || graph.taskCount === 0) return undefined;
    const b = geometry.bounds;
    const scale = Math.min(1, (maxSide - 2 * FIT_MARGIN) / (b.maxX - b.minX), (maxSide - 2 * FIT_MARGIN) / (b.maxY - b.minY));
    const view = { width: Math.ceil((b.maxX - b.minX) * scale + 2 * FIT_MARGIN), height: Math.ceil((b.maxY - b.minY) * scale + 2 * FIT_MARGIN) };
    const canvas = document.createElement('canvas');
    canvas.width = view.width;
    canvas.height = view.height;
    const ctx = canvas.getContext('2d', { alpha: false });
    if (ctx === null) return undefined;
    const camera = new Camera();
    camera.minScale = 0;
    camera.fit(b, view, FIT_MARGIN);
    const labels = new LabelFitter(ctx, graph.meta.nodeWidth - LABEL_PAD - MARKER_ROOM);
    labels.setFontFamily(this.palette.fontFamily);
    drawScene(ctx, { graph, geometry, groups: this.groups, camera, view, palette: this.palette, labels, layers: this.layers, selected: -1, hovered: -1, scratch: { tasks: new Uint32Array(graph.taskCount), edges: new Uint32Array(graph.edgeCount) } });
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    return blob === null ? undefined : { data: await blob.arrayBuffer(), width: view.width, height: view.height };
  }

  fit(): void {
    if (this.geometry === undefined) return;
    this.camera.fit(this.geometry.bounds, this.view, FIT_MARGIN);
    this.autoView = 'fit';
    this.scheduler.request();
  }

  /** Shows the given tasks (a focus neighbourhood) as large as the view allows, at most readable size. */
  frame(tasks: ArrayLike<number>): void {
    const graph = this.graph;
    const geometry = this.geometry;
    if (graph === undefined || geometry === undefined || tasks.length === 0) return;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < tasks.length; i++) {
      const t = tasks[i];
      minX = Math.min(minX, geometry.x[t]);
      minY = Math.min(minY, geometry.y[t]);
      maxX = Math.max(maxX, geometry.x[t] + graph.boxWidth);
      maxY = Math.max(maxY, geometry.y[t] + graph.boxHeight);
    }
    this.moveCamera(() => {
      this.camera.fit({ minX, minY, maxX, maxY }, this.view, FIT_MARGIN);
      if (this.camera.scale > READABLE_SCALE) this.camera.centreOn((minX + maxX) / 2, (minY + maxY) / 2, this.view, READABLE_SCALE);
    });
  }

  zoomBy(factor: number): void {
    this.moveCamera(() => this.camera.zoomAround(factor, this.view.width / 2, this.view.height / 2));
  }

  select(task: number, reveal: Reveal): void {
    const graph = this.graph;
    const geometry = this.geometry;
    if (graph === undefined || geometry === undefined || task < 0 || task >= graph.taskCount) return;
    this.selected = task;
    if (reveal !== 'none') this.bringIntoView(task, reveal);
    this.events.selectionChanged(task);
    this.scheduler.request();
  }

  /** Moves the selection by an arrow key; selects the first critical task when nothing is selected. */
  move(direction: Direction): void {
    if (this.graph === undefined || this.geometry === undefined || this.graph.taskCount === 0) return;
    this.select(navigate(this.graph, this.geometry, this.selected, direction), 'if-hidden');
  }

  revealSelected(): void {
    if (this.selected >= 0) this.select(this.selected, 'centre');
  }

  private bringIntoView(task: number, reveal: Exclude<Reveal, 'none'>): void {
    const graph = this.graph as PlanGraph;
    const geometry = this.geometry as PlanGeometry;
    const cx = geometry.x[task] + graph.boxWidth / 2;
    const cy = geometry.y[task] + graph.boxHeight / 2;
    const readable = labelPx(this.camera.scale) >= READABLE_LABEL_PX;
    const v = this.camera.visible(this.view);
    const margin = FIT_MARGIN / this.camera.scale;
    const shown = geometry.x[task] >= v.minX + margin && geometry.x[task] + graph.boxWidth <= v.maxX - margin && geometry.y[task] >= v.minY + margin && geometry.y[task] + graph.boxHeight <= v.maxY - margin;
    if (reveal === 'if-hidden' && shown && readable) return;
    this.moveCamera(() => {
      this.camera.centreOn(cx, cy, this.view, readable ? this.camera.scale : READABLE_SCALE);
      this.camera.keepInView(geometry.bounds, this.view, FIT_MARGIN);
    });
  }

  /** A camera change by the user: the view no longer follows resizes. */
  private moveCamera(change: () => void): void {
    change();
    this.autoView = undefined;
    this.scheduler.request();
  }

  private click(x: number, y: number): void {
    const graph = this.graph;
    const geometry = this.geometry;
    if (graph === undefined || geometry === undefined) return;
    const wx = this.camera.worldX(x);
    const wy = this.camera.worldY(y);
    if (detailAt(this.camera.scale, graph.boxHeight) === 'overview') {
      // Far out a click means "show me this part": zoom in there to a readable size.
      if (groupAt(this.groups, wx, wy, 4 / this.camera.scale) !== undefined) this.moveCamera(() => this.camera.placeAt(wx, wy, x, y, READABLE_SCALE));
      return;
    }
    const task = geometry.index.taskAt(wx, wy, 4 / this.camera.scale);
    if (task < 0) return;
    this.select(task, 'none');
    this.events.pick(task);
  }

  private hover(x: number | undefined, y: number | undefined, clientX: number, clientY: number): void {
    const graph = this.graph;
    const geometry = this.geometry;
    let task = -1;
    let group: OverviewGroup | undefined;
    if (graph !== undefined && geometry !== undefined && x !== undefined && y !== undefined) {
      const wx = this.camera.worldX(x);
      const wy = this.camera.worldY(y);
      if (detailAt(this.camera.scale, graph.boxHeight) === 'overview') group = groupAt(this.groups, wx, wy, 4 / this.camera.scale);
      else task = geometry.index.taskAt(wx, wy, 4 / this.camera.scale);
    }
    if (graph !== undefined && task >= 0) this.tooltip.show(tooltipLines(graph, task), clientX, clientY);
    else if (graph !== undefined && group !== undefined) this.tooltip.show([`generation ${group.generation} · ${graph.meta.kinds[group.kind] ?? 'task'}`, `${group.count.toLocaleString('en-US')} tasks; click to zoom in`], clientX, clientY);
    else this.tooltip.hide();
    if (task !== this.hovered) {
      this.hovered = task;
      this.elements.canvas.style.cursor = task >= 0 || group !== undefined ? 'pointer' : '';
      this.scheduler.request();
    }
  }

  private resize(): void {
    const { width, height } = this.elements.stage.getBoundingClientRect();
    this.view = { width: Math.max(width, 1), height: Math.max(height, 1) };
    this.dpr = window.devicePixelRatio || 1;
    const canvas = this.elements.canvas;
    canvas.width = Math.round(this.view.width * this.dpr);
    canvas.height = Math.round(this.view.height * this.dpr);
    canvas.style.width = `${this.view.width}px`;
    canvas.style.height = `${this.view.height}px`;
    this.minimapStale = true;
    if (this.graph !== undefined && this.geometry !== undefined) {
      setZoomLimits(this.camera, this.geometry, this.view);
      if (this.autoView === 'opening') openView(this.camera, this.graph, this.geometry, this.view, this.anchor);
      else if (this.autoView === 'fit') this.camera.fit(this.geometry.bounds, this.view, FIT_MARGIN);
    }
    this.scheduler.request();
  }

  private draw(): void {
    const graph = this.graph;
    const geometry = this.geometry;
    if (graph === undefined || geometry === undefined || this.labels === undefined) return;
    // A moved window can change the pixel ratio without resizing the stage.
    if ((window.devicePixelRatio || 1) !== this.dpr) this.resize();
    const started = performance.now();
    this.ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    this.labels.setFontFamily(this.palette.fontFamily);
    const stats = drawScene(this.ctx, { graph, geometry, groups: this.groups, camera: this.camera, view: this.view, palette: this.palette, labels: this.labels, layers: this.layers, selected: this.selected, hovered: this.hovered, scratch: this.scratch, ...(this.marks === undefined ? {} : { marks: this.marks }) });
    const showMinimap = this.minimapWanted && graph.taskCount > 0 && !this.camera.shows(geometry.bounds, this.view);
    this.elements.minimap.hidden = !showMinimap;
    if (showMinimap) {
      if (this.minimapStale) this.minimap.paint(graph, geometry, this.groups, this.palette, this.dpr, this.view);
      this.minimapStale = false;
      this.minimap.draw(this.camera.visible(this.view), this.dpr);
    }
    this.frames++;
    this.publish(stats, performance.now() - started);
    this.events.drawn(stats);
    const v = this.reportedView;
    if (v.scale !== this.camera.scale || v.tx !== this.camera.tx || v.ty !== this.camera.ty) {
      this.reportedView = this.cameraView;
      this.events.cameraChanged?.(this.reportedView);
    }
  }

  private publish(stats: FrameStats, ms: number): void {
    const d = this.elements.canvas.dataset;
    const graph = this.graph as PlanGraph;
    const geometry = this.geometry as PlanGeometry;
    d.frames = String(this.frames);
    // The camera, so that a test can find any task on screen: screen = world * scale + translate.
    d.scale = String(this.camera.scale);
    d.tx = String(this.camera.tx);
    d.ty = String(this.camera.ty);
    d.detail = stats.detail;
    d.drawnTasks = String(stats.drawnTasks);
    d.drawnEdges = String(stats.drawnEdges);
    d.labelPx = stats.firstCriticalLabelPx.toFixed(1);
    d.drawMs = ms.toFixed(2);
    d.minimap = String(!this.elements.minimap.hidden);
    d.planWidth = String(geometry.bounds.maxX - geometry.bounds.minX);
    d.planHeight = String(geometry.bounds.maxY - geometry.bounds.minY);
    d.selected = this.selected >= 0 ? graph.arrays.names[this.selected] : '';
    if (this.selected >= 0) {
      d.selectedX = this.camera.screenX(geometry.x[this.selected] + graph.boxWidth / 2).toFixed(1);
      d.selectedY = this.camera.screenY(geometry.y[this.selected] + graph.boxHeight / 2).toFixed(1);
    } else {
      delete d.selectedX;
      delete d.selectedY;
    }
  }
}
