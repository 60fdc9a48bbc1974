/**
 * What the canvas draws of a plan: the whole plan, or a view of it, focused on a task's k-hop
 * neighbourhood (the rest hidden) and/or with some generations collapsed into one box each. A view is
 * itself a plan payload (meta and arrays), so the renderer, the search and ELK need nothing new: a
 * focused neighbourhood of a 100k-task plan is a plan of a few hundred tasks, which ELK refines in a
 * second. View task i stands for plan task `origin[i]`, or, when negative, for the collapsed generation
 * `-1 - origin[i]`.
 *
 * Pure (no DOM), in O(visible tasks + their edges) beyond the whole-plan case, which costs nothing.
 */

import { TaskFlag, type GraphArrays, type GraphMeta } from '../../protocol/graphPayload';
import { DEFAULT_LAYOUT, placeColumns } from '../../core/layout/layeredLayout';
import { neighbourhood, visibleGraph, type GraphIndex, type HopDirection } from './graphIndex';

export interface Focus {
  /** The plan task the neighbourhood is around. */
  readonly task: number;
  /** Edges away from it; Infinity for every ancestor and/or descendant. */
  readonly hops: number;
  readonly direction: HopDirection;
}

export interface ViewSpec {
  readonly focus?: Focus;
  /** Generations drawn as one box each. */
  readonly collapsed: ReadonlySet<number>;
}

export const WHOLE_PLAN: ViewSpec = { collapsed: new Set() };

export interface PlanView {
  readonly meta: GraphMeta;
  readonly arrays: GraphArrays;
  /** Per view task: the plan task, or -1 - generation for a collapsed generation's box. */
  readonly origin: Int32Array;
  /** The view task showing plan task t (itself or its generation's box), or -1 when hidden by the focus. */
  viewOf(planTask: number): number;
  /** Plan tasks in the view (hidden by neither the focus nor a collapse). */
  readonly shownTasks: number;
  /** Each view task's step on the plan's critical path (a box: its critical member's), for a view of part of the plan. */
  readonly steps?: { readonly step: Int32Array; readonly pathTasks: number };
}

/** The kind string of a collapsed generation's box (the palette draws unknown kinds in the neutral colour). */
export const COLLAPSED_KIND = 'generation';

export function isWholePlan(spec: ViewSpec): boolean {
  return spec.focus === undefined && spec.collapsed.size === 0;
}

/** The name a collapsed generation's box is shown with: short, so it fits the box at every count. */
export function collapsedName(generation: number, count: number): string {
  return `gen ${generation} · ${count.toLocaleString('en-US')} task${count === 1 ? '' : 's'}`;
}

/** Which tasks a focus shows. */
export function focusTasks(index: GraphIndex, focus: Focus): Uint32Array {
  return neighbourhood(index, focus.task, focus.hops, focus.direction);
}

export function planViewOf(meta: GraphMeta, arrays: GraphArrays, index: GraphIndex, spec: ViewSpec): PlanView {
  const n = meta.taskCount;
  if (isWholePlan(spec)) {
    const origin = new Int32Array(n);
    for (let i = 0; i < n; i++) origin[i] = i;
    return { meta, arrays, origin, viewOf: (t) => (t >= 0 && t < n ? t : -1), shownTasks: n };
  }
  const visible = visibleGraph(index, spec.collapsed, spec.focus === undefined ? undefined : focusTasks(index, spec.focus));
  const tasks = visible.tasks;
  const size = tasks.length + visible.groups.length;
  const origin = new Int32Array(size);
  const toView = new Int32Array(n).fill(-1);
  tasks.forEach((t, i) => {
    origin[i] = t;
    toView[t] = i;
  });
  const groupView = new Map<number, number>();
  visible.groups.forEach((g, i) => {
    origin[tasks.length + i] = -1 - g.generation;
    groupView.set(g.generation, tasks.length + i);
  });
  const focusSet = spec.focus === undefined ? undefined : new Set(focusTasks(index, spec.focus));
  const viewOf = (t: number): number => {
    if (t < 0 || t >= n || (focusSet !== undefined && !focusSet.has(t))) return -1;
    return toView[t] >= 0 ? toView[t] : (groupView.get(arrays.generation[t]) ?? -1);
  };

  const kinds = visible.groups.length > 0 && !meta.kinds.includes(COLLAPSED_KIND) ? [...meta.kinds, COLLAPSED_KIND] : meta.kinds;
  const collapsedKind = kinds.indexOf(COLLAPSED_KIND);
  const generation = new Uint32Array(size);
  const kind = new Uint8Array(size);
  const flags = new Uint8Array(size);
  const cache = new Uint8Array(size);
  const dataset = new Int32Array(size).fill(-1);
  const cost = new Float64Array(size);
  const bottomLevel = new Float64Array(size);
  const slack = new Float64Array(size).fill(Infinity);
  const costBefore = new Float64Array(size).fill(NaN);
  const names: string[] = new Array<string>(size);
  tasks.forEach((t, i) => {
    generation[i] = arrays.generation[t];
    kind[i] = arrays.kind[t];
    flags[i] = arrays.flags[t];
    cache[i] = arrays.cache[t];
    dataset[i] = arrays.dataset[t];
    cost[i] = arrays.cost[t];
    bottomLevel[i] = arrays.bottomLevel[t];
    slack[i] = arrays.slack[t];
    costBefore[i] = arrays.costBefore[t];
    names[i] = arrays.names[t];
  });
  // A box stands for its members: critical when one is, not run when none ran, the longest bottom
  // level and the least slack among them, their summed cost.
  visible.groups.forEach((g, i) => {
    const v = tasks.length + i;
    generation[v] = g.generation;
    kind[v] = collapsedKind;
    names[v] = collapsedName(g.generation, g.count);
    let allNotRun = true;
    let critical = false;
    for (let k = index.generationStart[g.generation]; k < index.generationStart[g.generation + 1]; k++) {
      const t = index.generationTasks[k];
      if (focusSet !== undefined && !focusSet.has(t)) continue;
      cost[v] += arrays.cost[t];
      bottomLevel[v] = Math.max(bottomLevel[v], arrays.bottomLevel[t]);
      slack[v] = Math.min(slack[v], arrays.slack[t]);
      critical ||= (arrays.flags[t] & TaskFlag.critical) !== 0;
      allNotRun &&= (arrays.flags[t] & TaskFlag.notRun) !== 0;
    }
    flags[v] = TaskFlag.collapsed | (critical ? TaskFlag.critical : 0) | (allNotRun ? TaskFlag.notRun : 0);
  });

  const criticalPath: number[] = [];
  const step = new Int32Array(size).fill(-1);
  arrays.criticalPath.forEach((t, s) => {
    const v = viewOf(t);
    if (v < 0 || step[v] >= 0) return;
    step[v] = s;
    criticalPath.push(v);
  });
  const edgePairs = new Uint32Array(2 * (visible.taskEdges.length + visible.groupEdges.length / 2));
  let e = 0;
  for (const k of visible.taskEdges) {
    edgePairs[e++] = toView[arrays.edgePairs[2 * k]];
    edgePairs[e++] = toView[arrays.edgePairs[2 * k + 1]];
  }
  const node = (id: number): number => (id < n ? toView[id] : tasks.length + (id - n));
  for (let k = 0; k < visible.groupEdges.length; k++) edgePairs[e++] = node(visible.groupEdges[k]);

  const { x, y, width, height } = columnsLayout(origin, arrays, generation);
  const specKey = `${spec.focus === undefined ? '' : `focus:${arrays.names[spec.focus.task]}:${spec.focus.hops}:${spec.focus.direction}`}|collapsed:${[...spec.collapsed].sort((a, b) => a - b).join(',')}`;
  const viewMeta: GraphMeta = {
    ...meta,
    taskCount: size,
    edgeCount: edgePairs.length / 2,
    width,
    height,
    kinds,
    // ELK caches layouts by this: a view is another graph than the plan.
    reducedSignature: `${meta.reducedSignature}|${specKey}`,
  };
  const viewArrays: GraphArrays = { x, y, generation, kind, flags, cache, dataset, cost, bottomLevel, slack, costBefore, criticalPath: Uint32Array.from(criticalPath), edgePairs, names };
  return { meta: viewMeta, arrays: viewArrays, origin, viewOf, shownTasks: tasks.length, steps: { step, pathTasks: arrays.criticalPath.length } };
}

/**
 * The view's first paint: a column per generation, wrapped as the plan's own layout wraps tall ones, in the
 * order the plan's layout had (so a view reads like the part of the plan it shows); a collapsed box
 * first in its column. ELK refines views small enough.
 */
function columnsLayout(origin: Int32Array, arrays: GraphArrays, generation: Uint32Array): { x: Float32Array; y: Float32Array; width: number; height: number } {
  const size = origin.length;
  const order = [...origin.keys()];
  const at = (v: number, a: Float32Array): number => (origin[v] < 0 ? -Infinity : a[origin[v]]);
  order.sort((a, b) => generation[a] - generation[b] || at(a, arrays.x) - at(b, arrays.x) || at(a, arrays.y) - at(b, arrays.y) || a - b);
  const columns: number[][] = [];
  let last = -1;
  for (const v of order) {
    if (generation[v] !== last) columns.push([]);
    last = generation[v];
    columns[columns.length - 1].push(v);
  }
  const placed = placeColumns(columns, size, DEFAULT_LAYOUT);
  return { x: Float32Array.from(placed.x), y: Float32Array.from(placed.y), width: placed.width, height: placed.height };
}
