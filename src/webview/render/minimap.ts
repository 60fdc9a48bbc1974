/**
 * A small picture of the whole plan in a corner, with the part on screen outlined; pressing or dragging
 * in it moves the view there. Shown only when the view does not already show the whole plan. The
 * picture is drawn once per plan, theme or size into an offscreen canvas; a frame only copies it and
 * strokes the viewport rectangle. Very tall or wide plans (a 100k-task plan is 60 times taller than wide)
 * are stretched to stay usable, so x and y have their own scales here.
 */

import type { Rect, ViewSize } from './camera';
import type { OverviewGroup } from './overview';
import type { Palette } from './palette';
import type { PlanGeometry, PlanGraph } from './planGraph';

const MAX_WIDTH = 200;
const MAX_HEIGHT = 150;
const MIN_SIDE = 48;
/** The picture takes at most this share of the view's width and height, so that a narrow pane (the editor's side column, a comparison pane) keeps its boxes visible. */
const MAX_SHARE = 0.22;
/** Up to this many tasks the picture has a mark per task; beyond, a box per generation and kind. */
const TASK_MARKS_UP_TO = 5_000;

export class Minimap {
  private readonly picture = document.createElement('canvas');
  private bounds: Rect = { minX: 0, minY: 0, maxX: 1, maxY: 1 };
  private width = 0;
  private height = 0;
  private palette: Palette | undefined;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    moveTo: (worldX: number, worldY: number) => void,
  ) {
    let dragging = false;
    const move = (e: PointerEvent): void => {
      const r = canvas.getBoundingClientRect();
      const b = this.bounds;
      moveTo(b.minX + ((e.clientX - r.left) / this.width) * (b.maxX - b.minX), b.minY + ((e.clientY - r.top) / this.height) * (b.maxY - b.minY));
    };
    canvas.addEventListener('pointerdown', (e) => {
      dragging = true;
      canvas.setPointerCapture(e.pointerId);
      move(e);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (dragging) move(e);
    });
    const stop = (): void => {
      dragging = false;
    };
    canvas.addEventListener('pointerup', stop);
    canvas.addEventListener('pointercancel', stop);
  }

  /** Draws the plan's picture; call when the plan, its positions, the theme, the view's size or the pixel ratio change. */
  paint(graph: PlanGraph, geometry: PlanGeometry, groups: readonly OverviewGroup[], palette: Palette, dpr: number, view: ViewSize): void {
    this.palette = palette;
    const b = geometry.bounds;
    this.bounds = b;
    const w = b.maxX - b.minX;
    const h = b.maxY - b.minY;
    const maxWidth = Math.max(MIN_SIDE, Math.min(MAX_WIDTH, view.width * MAX_SHARE));
    const maxHeight = Math.max(MIN_SIDE, Math.min(MAX_HEIGHT, view.height * MAX_SHARE));
    const s = Math.min(maxWidth / w, maxHeight / h);
    this.width = Math.round(Math.min(Math.max(w * s, MIN_SIDE), maxWidth));
    this.height = Math.round(Math.min(Math.max(h * s, MIN_SIDE), maxHeight));
    for (const c of [this.canvas, this.picture]) {
      c.width = Math.round(this.width * dpr);
      c.height = Math.round(this.height * dpr);
    }
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    const ctx = this.picture.getContext('2d');
    if (ctx === null) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = palette.background;
    ctx.fillRect(0, 0, this.width, this.height);
    const sx = this.width / w;
    const sy = this.height / h;
    const px = (x: number): number => (x - b.minX) * sx;
    const py = (y: number): number => (y - b.minY) * sy;
    if (graph.taskCount <= TASK_MARKS_UP_TO) {
      const mw = Math.max(graph.boxWidth * sx, 1);
      const mh = Math.max(graph.boxHeight * sy, 1);
      for (let k = 0; k < graph.meta.kinds.length; k++) {
        ctx.beginPath();
        for (let t = 0; t < graph.taskCount; t++) if (graph.arrays.kind[t] === k) ctx.rect(px(geometry.x[t]), py(geometry.y[t]), mw, mh);
        ctx.fillStyle = palette.kind(graph.meta.kinds[k]);
        ctx.fill();
      }
    } else {
      for (const g of groups) {
        ctx.globalAlpha = 0.6;
        ctx.fillStyle = palette.kind(graph.meta.kinds[g.kind] ?? '');
        ctx.fillRect(px(g.minX), py(g.minY), Math.max((g.maxX - g.minX) * sx, 1), Math.max((g.maxY - g.minY) * sy, 1));
      }
      ctx.globalAlpha = 1;
    }
    ctx.beginPath();
    graph.arrays.criticalPath.forEach((t, i) => {
      const x = px(geometry.x[t] + graph.boxWidth / 2);
      const y = py(geometry.y[t] + graph.boxHeight / 2);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.strokeStyle = palette.critical;
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }

  /** Copies the picture and outlines `visible` (the world rectangle on screen). */
  draw(visible: Rect, dpr: number): void {
    const ctx = this.canvas.getContext('2d');
    if (ctx === null || this.palette === undefined) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.picture, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const b = this.bounds;
    const sx = this.width / (b.maxX - b.minX);
    const sy = this.height / (b.maxY - b.minY);
    const x0 = Math.max((visible.minX - b.minX) * sx, 0);
    const y0 = Math.max((visible.minY - b.minY) * sy, 0);
    const x1 = Math.min((visible.maxX - b.minX) * sx, this.width);
    const y1 = Math.min((visible.maxY - b.minY) * sy, this.height);
    ctx.strokeStyle = this.palette.selectedBorder;
    ctx.lineWidth = 2;
    // Never smaller than a few pixels, so that the viewport of a close-up on a huge plan is still visible.
    const w = Math.max(x1 - x0, 4);
    const h = Math.max(y1 - y0, 4);
    ctx.strokeRect(Math.min(x0, this.width - w), Math.min(y0, this.height - h), w, h);
  }
}
