/**
 * The page's state between the plan (as the host sent it) and what the canvas draws: the focus and the
 * collapsed generations (panels/planView.ts). Navigation, search and the details panel think in plan
 * tasks; the canvas in view tasks; this maps between them and widens the view when a hidden task must be
 * shown (a search match, the cursor in the plan file, a step along the critical path).
 */

import type { GraphArrays, GraphMeta } from '../protocol/graphPayload';
import { graphIndexOf, toggleGeneration, type GraphIndex } from './panels/graphIndex';
import { isWholePlan, planViewOf, WHOLE_PLAN, type Focus, type PlanView, type ViewSpec } from './panels/planView';

export interface Plan {
  readonly meta: GraphMeta;
  readonly arrays: GraphArrays;
  readonly index: GraphIndex;
  /** 0-based step of each task on the critical path, or -1. */
  readonly criticalStep: Int32Array;
}

export class PlanViews {
  private current: { readonly plan: Plan; spec: ViewSpec; view: PlanView } | undefined;

  get plan(): Plan | undefined {
    return this.current?.plan;
  }

  get view(): PlanView | undefined {
    return this.current?.view;
  }

  get spec(): ViewSpec {
    return this.current?.spec ?? WHOLE_PLAN;
  }

  /**
   * A plan arrived. `keepView`: the same plan redrawn after an edit, so the focus (on the same task, by
   * name) and the collapsed generations stay while they still exist.
   */
  setPlan(meta: GraphMeta, arrays: GraphArrays, keepView: boolean): PlanView {
    const before = this.current;
    const criticalStep = new Int32Array(meta.taskCount).fill(-1);
    arrays.criticalPath.forEach((t, step) => (criticalStep[t] = step));
    const plan: Plan = { meta, arrays, index: graphIndexOf(arrays), criticalStep };
    let spec = WHOLE_PLAN;
    if (keepView && before !== undefined) {
      const focusName = before.spec.focus === undefined ? undefined : before.plan.arrays.names[before.spec.focus.task];
      const focusTask = focusName === undefined ? -1 : arrays.names.indexOf(focusName);
      const collapsed = new Set([...before.spec.collapsed].filter((g) => g < meta.generationCount));
      spec = { collapsed, ...(before.spec.focus !== undefined && focusTask >= 0 ? { focus: { ...before.spec.focus, task: focusTask } } : {}) };
    }
    const view = planViewOf(meta, arrays, plan.index, spec);
    this.current = { plan, spec, view };
    return view;
  }

  /** Applies a new spec; the new view, or undefined when nothing changed. */
  private apply(spec: ViewSpec): PlanView | undefined {
    const c = this.current;
    if (c === undefined || sameSpec(c.spec, spec)) return undefined;
    c.spec = spec;
    c.view = planViewOf(c.plan.meta, c.plan.arrays, c.plan.index, spec);
    return c.view;
  }

  focus(focus: Focus): PlanView | undefined {
    return this.apply({ ...this.spec, focus });
  }

  clearFocus(): PlanView | undefined {
    return this.apply({ collapsed: this.spec.collapsed });
  }

  toggleGeneration(generation: number): PlanView | undefined {
    const { focus } = this.spec;
    return this.apply({ collapsed: toggleGeneration(this.spec.collapsed, generation), ...(focus === undefined ? {} : { focus }) });
  }

  collapseAll(): PlanView | undefined {
    const plan = this.plan;
    if (plan === undefined) return undefined;
    const { focus } = this.spec;
    return this.apply({ collapsed: new Set(plan.index.generationCount === 0 ? [] : [...Array(plan.index.generationCount).keys()]), ...(focus === undefined ? {} : { focus }) });
  }

  expandAll(): PlanView | undefined {
    const { focus } = this.spec;
    return this.apply({ collapsed: new Set(), ...(focus === undefined ? {} : { focus }) });
  }

  /** The plan task a view task shows, or -1 for a collapsed generation's box. */
  planTask(viewTask: number): number {
    const origin = this.view?.origin;
    return origin === undefined || viewTask < 0 || viewTask >= origin.length ? -1 : Math.max(origin[viewTask], -1);
  }

  /** The generation a view task is the collapsed box of, or undefined. */
  collapsedGeneration(viewTask: number): number | undefined {
    const o = this.view?.origin[viewTask];
    return o !== undefined && o < 0 ? -1 - o : undefined;
  }

  /**
   * Makes plan task t visible, widening the view if it is hidden: out of the focus, the focus goes; in a
   * collapsed generation, that generation opens when `expand` (else its box stands for it). The view
   * task that shows it, and the new view when the view changed.
   */
  show(t: number, expand: boolean): { readonly task: number; readonly changed?: PlanView } {
    const c = this.current;
    if (c === undefined || t < 0 || t >= c.plan.meta.taskCount) return { task: -1 };
    let spec = c.spec;
    if (c.view.viewOf(t) < 0) spec = { collapsed: spec.collapsed };
    const generation = c.plan.arrays.generation[t];
    if (expand && spec.collapsed.has(generation)) spec = { ...spec, collapsed: toggleGeneration(spec.collapsed, generation) };
    const changed = this.apply(spec);
    return { task: c.view.viewOf(t), ...(changed === undefined ? {} : { changed }) };
  }

  /** What the view leaves out, said above the graph; undefined for the whole plan. */
  describe(): string | undefined {
    const c = this.current;
    if (c === undefined || isWholePlan(c.spec)) return undefined;
    const parts: string[] = [];
    const f = c.spec.focus;
    if (f !== undefined) {
      const reach = f.hops === Infinity ? 'all' : `${f.hops} hop${f.hops === 1 ? '' : 's'}`;
      const way = f.direction === 'up' ? 'upstream' : f.direction === 'down' ? 'downstream' : 'up- and downstream';
      parts.push(`focused on ${c.plan.arrays.names[f.task]} (${reach} ${way})`);
    }
    if (c.spec.collapsed.size > 0) parts.push(`${c.spec.collapsed.size} generation${c.spec.collapsed.size === 1 ? '' : 's'} collapsed into boxes (click a box or press c to open it)`);
    return `Showing ${c.view.shownTasks.toLocaleString('en-US')} of ${c.plan.meta.taskCount.toLocaleString('en-US')} tasks one by one: ${parts.join('; ')}.`;
  }
}

function sameSpec(a: ViewSpec, b: ViewSpec): boolean {
  const fa = a.focus;
  const fb = b.focus;
  const sameFocus = fa === undefined || fb === undefined ? fa === fb : fa.task === fb.task && fa.hops === fb.hops && fa.direction === fb.direction;
  return sameFocus && a.collapsed.size === b.collapsed.size && [...a.collapsed].every((g) => b.collapsed.has(g));
}
