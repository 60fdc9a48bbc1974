/**
 * Where the arrow keys take the selection: along the plan's edges left and right (preferring the critical
 * path, then the tightest slack, then the nearest row), and to the neighbour above or below in the same
 * generation column. Pure functions of the graph and the current positions.
 */

import type { PlanGeometry, PlanGraph } from './planGraph';

export type Direction = 'left' | 'right' | 'up' | 'down';

/** The task the arrow key moves to from `from`, or `from` itself when there is none that way. */
export function stepFrom(graph: PlanGraph, geometry: PlanGeometry, from: number, direction: Direction): number {
  if (direction === 'up' || direction === 'down') {
    const column = geometry.columns[graph.arrays.generation[from]];
    const row = geometry.rowInColumn[from] + (direction === 'up' ? -1 : 1);
    return column !== undefined && row >= 0 && row < column.length ? column[row] : from;
  }
  const forward = direction === 'right';
  const start = forward ? graph.succStart : graph.predStart;
  const list = forward ? graph.succ : graph.pred;
  const step = graph.criticalStep[from];
  let best = from;
  for (let k = start[from]; k < start[from + 1]; k++) {
    const candidate = list[k];
    if (step >= 0 && graph.criticalStep[candidate] === step + (forward ? 1 : -1)) return candidate;
    if (best === from || better(graph, geometry, from, candidate, best)) best = candidate;
  }
  return best;
}

function better(graph: PlanGraph, geometry: PlanGeometry, from: number, a: number, b: number): boolean {
  const ca = graph.criticalStep[a] >= 0;
  const cb = graph.criticalStep[b] >= 0;
  if (ca !== cb) return ca;
  const sa = slackOf(graph, a);
  const sb = slackOf(graph, b);
  if (sa !== sb) return sa < sb;
  return Math.abs(geometry.y[a] - geometry.y[from]) < Math.abs(geometry.y[b] - geometry.y[from]);
}

function slackOf(graph: PlanGraph, task: number): number {
  const s = graph.arrays.slack[task];
  return Number.isNaN(s) ? Infinity : s;
}

/** The arrow key's move from the selection, or onto the first critical task when nothing is selected. */
export function navigate(graph: PlanGraph, geometry: PlanGeometry, selected: number, direction: Direction): number {
  if (selected < 0) return graph.arrays.criticalPath.length > 0 ? graph.arrays.criticalPath[0] : 0;
  return stepFrom(graph, geometry, selected, direction);
}
