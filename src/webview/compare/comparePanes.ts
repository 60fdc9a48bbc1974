/**
 * The two drawings of a comparison as one: two plan-graph canvases over the same positions, whose views
 * follow each other (pan, zoom, fit) and whose selections are one, and an overlay mode in which the later
 * run's canvas draws the union with every mark and the earlier one is hidden.
 */

import { decodeGraphArrays, type GraphArrays, type GraphMeta } from '../../protocol/graphPayload';
import type { CompareViewData, TaskMark } from '../../protocol/compare';
import { GraphCanvas, type GraphCanvasElements } from '../render/graphCanvas';
import { markCounts, marksFor, type Drawing } from './markColours';

export type Mode = 'side-by-side' | 'overlay';

interface Pane {
  readonly canvas: GraphCanvas;
  readonly element: HTMLCanvasElement;
}

export interface PaneEvents {
  /** A task was picked in a drawing (its name, and which run's drawing). */
  picked(task: string, side: 'before' | 'after'): void;
  selectionChanged(task: string | undefined): void;
}

export class ComparePanes {
  private readonly before: Pane;
  private readonly after: Pane;
  private drawings: Record<Drawing, { meta: GraphMeta; arrays: GraphArrays }> | undefined;
  private marks: Readonly<Record<string, TaskMark>> = {};
  private modeNow: Mode = 'side-by-side';

  constructor(
    beforeElements: GraphCanvasElements,
    afterElements: GraphCanvasElements,
    private readonly beforeSection: HTMLElement,
    private readonly events: PaneEvents,
  ) {
    this.before = this.pane(beforeElements, () => this.after, 'before');
    this.after = this.pane(afterElements, () => this.before, 'after');
  }

  get mode(): Mode {
    return this.modeNow;
  }

  show(data: CompareViewData, buffers: Readonly<Record<Drawing, ArrayBuffer>>): void {
    const decode = (d: Drawing): { meta: GraphMeta; arrays: GraphArrays } => ({ meta: data.graphs[d], arrays: decodeGraphArrays(data.graphs[d], buffers[d]) });
    this.drawings = { before: decode('before'), after: decode('after'), overlay: decode('overlay') };
    this.marks = data.marks;
    this.draw(this.before, 'before', false);
    this.draw(this.after, this.modeNow === 'overlay' ? 'overlay' : 'after', false);
    // Same positions, same size: the later run's view opens where the earlier one's did.
    this.after.canvas.setCamera(this.before.canvas.cameraView);
  }

  setMode(mode: Mode): void {
    if (mode === this.modeNow) return;
    this.modeNow = mode;
    this.beforeSection.hidden = mode === 'overlay';
    if (this.drawings !== undefined) this.draw(this.after, mode === 'overlay' ? 'overlay' : 'after', true);
    // The earlier run's pane comes back where the overlay was left.
    if (mode === 'side-by-side') requestAnimationFrame(() => this.before.canvas.setCamera(this.after.canvas.cameraView));
  }

  /** Selects a task in both drawings and brings it into view; several tasks are framed together. */
  showTasks(tasks: readonly string[]): void {
    const names = this.drawings?.overlay.arrays.names;
    if (names === undefined) return;
    const indices = tasks.map((t) => names.indexOf(t)).filter((i) => i >= 0);
    if (indices.length === 0) return;
    const lead = this.modeNow === 'overlay' ? this.after : this.before;
    if (indices.length > 1) lead.canvas.frame(indices);
    for (const pane of [this.before, this.after]) pane.canvas.select(indices[0], pane === lead && indices.length === 1 ? 'centre' : 'none');
  }

  fit(): void {
    (this.modeNow === 'overlay' ? this.after : this.before).canvas.fit();
  }

  zoomBy(factor: number): void {
    (this.modeNow === 'overlay' ? this.after : this.before).canvas.zoomBy(factor);
  }

  /** The theme changed: the marks take its colours. */
  themeChanged(): void {
    if (this.drawings === undefined) return;
    this.before.canvas.setMarks(marksFor('before', this.drawings.before.arrays.names, this.marks, getComputedStyle(document.body)));
    this.after.canvas.setMarks(marksFor(this.modeNow === 'overlay' ? 'overlay' : 'after', this.drawings.after.arrays.names, this.marks, getComputedStyle(document.body)));
  }

  private draw(pane: Pane, drawing: Drawing, keepViewport: boolean): void {
    const d = (this.drawings as Record<Drawing, { meta: GraphMeta; arrays: GraphArrays }>)[drawing];
    pane.canvas.setPlan(d.meta, d.arrays, keepViewport);
    pane.canvas.setMarks(marksFor(drawing, d.arrays.names, this.marks, getComputedStyle(document.body)));
    pane.element.dataset.drawing = drawing;
    pane.element.dataset.marks = markCounts(drawing, d.arrays.names, this.marks);
    pane.element.setAttribute('aria-label', `${drawing === 'overlay' ? 'Both runs overlaid' : drawing === 'before' ? 'The earlier run' : 'The later run'}: ${d.meta.title}, ${d.meta.taskCount} tasks`);
  }

  private pane(elements: GraphCanvasElements, other: () => Pane, side: 'before' | 'after'): Pane {
    const canvas = new GraphCanvas(elements, {
      pick: (task) => this.events.picked(canvas.plan?.arrays.names[task] ?? '', side),
      selectionChanged: (task) => {
        const peer = other().canvas;
        if (peer.selection !== task && task >= 0) peer.select(task, 'none');
        if (side === 'after' || this.modeNow === 'side-by-side') this.events.selectionChanged(task >= 0 ? canvas.plan?.arrays.names[task] : undefined);
      },
      drawn: () => undefined,
      cameraChanged: (view) => {
        // Only a visible pane leads: a hidden one has no size, and its openings would pull the other away.
        if (side === 'before' && this.modeNow === 'overlay') return;
        other().canvas.setCamera(view);
      },
    });
    return { canvas, element: elements.canvas };
  }
}
