/**
 * Which tasks lie in a rectangle, for culling and hit-testing. Tasks are bucketed into vertical strips by
 * x (the generation layout puts one column per strip) and sorted by y inside each strip, so a query is a
 * binary search per strip the rectangle crosses. Every box has the same size. Built from positions, not
 * from generations, so it is rebuilt as is after ELK moves tasks.
 */

import type { Rect } from './camera';

interface Strip {
  /** Task ids, by increasing y. */
  readonly ids: Uint32Array;
  readonly ys: Float32Array;
}

export class TaskIndex {
  private readonly strips: (Strip | undefined)[];
  private readonly firstStrip: number;
  private readonly stripWidth: number;

  constructor(
    private readonly x: Float32Array,
    private readonly y: Float32Array,
    private readonly boxWidth: number,
    private readonly boxHeight: number,
  ) {
    this.stripWidth = Math.max(boxWidth, 1);
    const n = x.length;
    let first = Infinity;
    let last = -Infinity;
    for (let i = 0; i < n; i++) {
      const s = Math.floor(x[i] / this.stripWidth);
      if (s < first) first = s;
      if (s > last) last = s;
    }
    this.firstStrip = n === 0 ? 0 : first;
    const count = n === 0 ? 0 : last - first + 1;
    const members: number[][] = Array.from({ length: count }, () => []);
    for (let i = 0; i < n; i++) members[Math.floor(x[i] / this.stripWidth) - this.firstStrip].push(i);
    this.strips = members.map((list) => {
      if (list.length === 0) return undefined;
      list.sort((a, b) => y[a] - y[b] || a - b);
      const ids = Uint32Array.from(list);
      return { ids, ys: Float32Array.from(list, (i) => y[i]) };
    });
  }

  /** Calls `visit` for every task whose box meets `rect`; stops early when `visit` returns false. */
  forEachIn(rect: Rect, visit: (task: number) => boolean | void): void {
    const from = Math.max(Math.floor((rect.minX - this.boxWidth) / this.stripWidth) - this.firstStrip, 0);
    const to = Math.min(Math.floor(rect.maxX / this.stripWidth) - this.firstStrip, this.strips.length - 1);
    for (let s = from; s <= to; s++) {
      const strip = this.strips[s];
      if (strip === undefined) continue;
      const { ids, ys } = strip;
      for (let k = lowerBound(ys, rect.minY - this.boxHeight); k < ids.length && ys[k] <= rect.maxY; k++) {
        const task = ids[k];
        const left = this.x[task];
        if (left > rect.maxX || left + this.boxWidth < rect.minX) continue;
        if (visit(task) === false) return;
      }
    }
  }

  /** The task whose box contains the point, else the nearest one within `slop` layout units, else -1. */
  taskAt(worldX: number, worldY: number, slop: number): number {
    let best = -1;
    let bestDistance = Infinity;
    this.forEachIn({ minX: worldX - slop, minY: worldY - slop, maxX: worldX + slop, maxY: worldY + slop }, (task) => {
      const dx = Math.max(this.x[task] - worldX, 0, worldX - this.x[task] - this.boxWidth);
      const dy = Math.max(this.y[task] - worldY, 0, worldY - this.y[task] - this.boxHeight);
      const d = dx * dx + dy * dy;
      if (d < bestDistance) {
        best = task;
        bestDistance = d;
      }
    });
    return bestDistance <= slop * slop ? best : -1;
  }
}

/** First position whose value is >= `value`. */
function lowerBound(sorted: Float32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
