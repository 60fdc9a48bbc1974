/**
 * The far-out picture of a large plan: one box per generation and kind (the bounding box of its tasks),
 * with its task count. Cheap to draw at any size, and the critical path is drawn through it.
 */

import type { Rect } from './camera';
import type { PlanGeometry, PlanGraph } from './planGraph';

export interface OverviewGroup extends Rect {
  readonly generation: number;
  /** Index into the meta's kinds. */
  readonly kind: number;
  readonly count: number;
}

export function overviewGroups(graph: PlanGraph, geometry: PlanGeometry): OverviewGroup[] {
  const { generation, kind } = graph.arrays;
  const { x, y } = geometry;
  const kinds = Math.max(graph.meta.kinds.length, 1);
  const groups = new Map<number, { generation: number; kind: number; count: number; minX: number; minY: number; maxX: number; maxY: number }>();
  for (let i = 0; i < graph.taskCount; i++) {
    const key = generation[i] * kinds + kind[i];
    let g = groups.get(key);
    if (g === undefined) {
      g = { generation: generation[i], kind: kind[i], count: 0, minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
      groups.set(key, g);
    }
    g.count++;
    g.minX = Math.min(g.minX, x[i]);
    g.minY = Math.min(g.minY, y[i]);
    g.maxX = Math.max(g.maxX, x[i] + graph.boxWidth);
    g.maxY = Math.max(g.maxY, y[i] + graph.boxHeight);
  }
  return [...groups.values()].sort((a, b) => a.generation - b.generation || a.kind - b.kind);
}

/** The group under a world point, or undefined. */
export function groupAt(groups: readonly OverviewGroup[], worldX: number, worldY: number, slop: number): OverviewGroup | undefined {
  return groups.find((g) => worldX >= g.minX - slop && worldX <= g.maxX + slop && worldY >= g.minY - slop && worldY <= g.maxY + slop);
}
