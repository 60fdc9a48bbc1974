/**
 * The plan as the renderer works on it: the decoded payload plus what drawing and navigation need and the
 * payload does not carry (adjacency both ways, each task's step on the critical path, which edges are on
 * it, the columns in screen order), and the current positions. Positions start as the payload's
 * generation layout and are replaced when ELK refines part of the plan, so everything that depends on
 * them lives in `PlanGeometry`, rebuilt from new positions.
 */

import { TaskFlag, type GraphArrays, type GraphMeta } from '../../protocol/graphPayload';
import type { Rect } from './camera';
import { TaskIndex } from './spatialIndex';

export interface PlanGraph {
  readonly meta: GraphMeta;
  readonly arrays: GraphArrays;
  readonly taskCount: number;
  readonly edgeCount: number;
  readonly boxWidth: number;
  readonly boxHeight: number;
  /** Successors and predecessors as CSR: the successors of v are `succ[succStart[v] .. succStart[v + 1])`. */
  readonly succStart: Uint32Array;
  readonly succ: Uint32Array;
  readonly predStart: Uint32Array;
  readonly pred: Uint32Array;
  /** 0-based step on the plan's critical path, or -1 (a view of part of a plan keeps the plan's steps). */
  readonly criticalStep: Int32Array;
  /** Tasks on the plan's critical path (a view may draw fewer). */
  readonly criticalPathTasks: number;
  /** 1 for the edges between consecutive critical path tasks. */
  readonly criticalEdge: Uint8Array;
}

/** Positions and what is derived from them. */
export interface PlanGeometry {
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** Per edge, a polyline x0,y0,x1,y1,... when ELK routed it; else the renderer draws a curve. */
  readonly routes: readonly (Float32Array | undefined)[];
  readonly bounds: Rect;
  readonly index: TaskIndex;
  /** Bounding box of each edge (of its route when it has one): x0, y0, x1, y1 per edge. */
  readonly edgeBoxes: Float32Array;
  /**
   * Tasks of each generation in reading order (sub-column by sub-column when the layout wrapped a tall
   * generation, top to bottom in each): the up and down neighbours of keyboard navigation.
   */
  readonly columns: readonly Uint32Array[];
  /** Position of each task in its column. */
  readonly rowInColumn: Uint32Array;
}

/** Where the drawn tasks are on the plan's critical path, when the drawing is a view of part of the plan. */
export interface CriticalSteps {
  readonly step: Int32Array;
  readonly pathTasks: number;
}

export function planGraphOf(meta: GraphMeta, arrays: GraphArrays, steps?: CriticalSteps): PlanGraph {
  const n = meta.taskCount;
  const e = arrays.edgePairs.length >>> 1;
  const [succStart, succ] = csr(n, arrays.edgePairs, 0);
  const [predStart, pred] = csr(n, arrays.edgePairs, 1);
  let criticalStep = steps?.step;
  if (criticalStep === undefined) {
    const own = new Int32Array(n).fill(-1);
    arrays.criticalPath.forEach((task, step) => (own[task] = step));
    criticalStep = own;
  }
  const criticalEdge = new Uint8Array(e);
  for (let k = 0; k < e; k++) {
    const s = criticalStep[arrays.edgePairs[2 * k]];
    const t = criticalStep[arrays.edgePairs[2 * k + 1]];
    if (s >= 0 && t === s + 1) criticalEdge[k] = 1;
  }
  const criticalPathTasks = steps?.pathTasks ?? arrays.criticalPath.length;
  return { meta, arrays, taskCount: n, edgeCount: e, boxWidth: meta.nodeWidth, boxHeight: meta.nodeHeight, succStart, succ, predStart, pred, criticalStep, criticalPathTasks, criticalEdge };
}

/** Adjacency from one end of each edge (`side` 0: by source, listing targets; 1: by target, listing sources). */
function csr(n: number, pairs: Uint32Array, side: 0 | 1): [Uint32Array, Uint32Array] {
  const e = pairs.length >>> 1;
  const start = new Uint32Array(n + 1);
  for (let k = 0; k < e; k++) start[pairs[2 * k + side] + 1]++;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const fill = start.slice(0, n);
  const other = new Uint32Array(e);
  for (let k = 0; k < e; k++) other[fill[pairs[2 * k + side]]++] = pairs[2 * k + 1 - side];
  return [start, other];
}

export function geometryOf(graph: PlanGraph, x: Float32Array, y: Float32Array, routes: readonly (Float32Array | undefined)[] = []): PlanGeometry {
  const n = graph.taskCount;
  const w = graph.boxWidth;
  const h = graph.boxHeight;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < minX) minX = x[i];
    if (y[i] < minY) minY = y[i];
    if (x[i] + w > maxX) maxX = x[i] + w;
    if (y[i] + h > maxY) maxY = y[i] + h;
  }
  const bounds = n === 0 ? { minX: 0, minY: 0, maxX: 1, maxY: 1 } : { minX, minY, maxX, maxY };
  const pairs = graph.arrays.edgePairs;
  const edgeBoxes = new Float32Array(graph.edgeCount * 4);
  for (let k = 0; k < graph.edgeCount; k++) {
    const route = routes[k];
    if (route !== undefined && route.length >= 4) {
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let p = 0; p < route.length; p += 2) {
        x0 = Math.min(x0, route[p]);
        x1 = Math.max(x1, route[p]);
        y0 = Math.min(y0, route[p + 1]);
        y1 = Math.max(y1, route[p + 1]);
      }
      edgeBoxes.set([x0, y0, x1, y1], 4 * k);
    } else {
      const s = pairs[2 * k];
      const t = pairs[2 * k + 1];
      edgeBoxes.set([Math.min(x[s] + w, x[t]), Math.min(y[s], y[t]) + h / 2, Math.max(x[s] + w, x[t]), Math.max(y[s], y[t]) + h / 2], 4 * k);
    }
  }
  const generation = graph.arrays.generation;
  const byGeneration: number[][] = Array.from({ length: graph.meta.generationCount }, () => []);
  for (let i = 0; i < n; i++) (byGeneration[generation[i]] ??= []).push(i);
  const rowInColumn = new Uint32Array(n);
  const columns = byGeneration.map((tasks) => {
    // Sub-columns are a box width apart; ELK may shift boxes of one layer by less than that.
    const subColumn = (t: number): number => Math.round(x[t] / w);
    tasks.sort((a, b) => subColumn(a) - subColumn(b) || y[a] - y[b] || a - b);
    tasks.forEach((task, row) => (rowInColumn[task] = row));
    return Uint32Array.from(tasks);
  });
  return { x, y, routes, bounds, index: new TaskIndex(x, y, w, h), edgeBoxes, columns, rowInColumn };
}

export function isCritical(graph: PlanGraph, task: number): boolean {
  return (graph.arrays.flags[task] & TaskFlag.critical) !== 0;
}
