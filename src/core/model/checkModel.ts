/**
 * Consistency checks over an assembled model: references to tasks or evidence that do not exist
 * (edges, dependencies, schedule, validation) and dependency cycles. Each finding is an issue naming the
 * file the reference came from when known. O(tasks + edges).
 */

import { Dag } from '../graph/dag';
import { topologicalOrder } from '../graph/topologicalOrder';
import { issue, type PlanIssue } from '../issues';
import type { PlanModel } from './planModel';

const MAX_LISTED = 5;

function list(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED).map((n) => `"${n}"`).join(', ');
  return names.length > MAX_LISTED ? `${shown} and ${names.length - MAX_LISTED} more` : shown;
}

/** Which file each part of the model came from, so an issue names the file that holds the reference. */
export interface ModelFiles {
  readonly graph?: string;
  readonly schedule?: string;
  readonly validation?: string;
}

/** `base` is the model's JSON pointer when the model is a bundle (`/model`); pointers are given only then. */
export function checkModel(model: PlanModel, files: ModelFiles | string = {}, base?: string): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const fileOf = (part: keyof ModelFiles): string | undefined => (typeof files === 'string' ? files : (files[part] ?? files.graph));
  const at = (p: string, part: keyof ModelFiles = 'graph'): { file?: string; pointer?: string } => {
    const file = fileOf(part);
    return { ...(file !== undefined ? { file } : {}), ...(base !== undefined ? { pointer: base + p } : {}) };
  };
  const tasks = new Set(model.tasks.map((t) => t.name));
  const evidence = new Set(model.evidence.map((e) => e.name));
  const dangling = (what: string, names: readonly string[], pointer: string, part: keyof ModelFiles = 'graph'): void => {
    if (names.length > 0) issues.push(issue('error', 'dangling-reference', `${what} ${list(names)} not in the plan's tasks`, at(pointer, part)));
  };
  if (model.evidence.length > 0) {
    const badEvidence = [...new Set(model.edges.filter((e) => !evidence.has(e.evidence)).map((e) => e.evidence))];
    if (badEvidence.length > 0) issues.push(issue('error', 'dangling-reference', `edges name evidence ${list(badEvidence)} that is not in the plan`, at('/edges')));
  }
  dangling('edges name tasks', [...new Set(model.edges.filter((e) => !tasks.has(e.task)).map((e) => e.task))], '/edges');
  dangling('dependencies name tasks', [...new Set(model.dependencies.flatMap((d) => [d.from, d.to]).filter((t) => !tasks.has(t)))], '/dependencies');
  if (model.schedule !== undefined) {
    const s = model.schedule;
    dangling('the schedule lists tasks', [...new Set([...s.orderedTasks, ...s.generations.flat()].filter((t) => !tasks.has(t)))], '/schedule', 'schedule');
    dangling('the critical path lists tasks', s.criticalPathTasks.filter((t) => !tasks.has(t)), '/schedule/criticalPathTasks', 'schedule');
  }
  if (model.validation !== undefined) dangling('the validation lists tasks', model.validation.taskResults.map((t) => t.taskName).filter((t) => !tasks.has(t)), '/validation', 'validation');

  const names = model.tasks.map((t) => t.name);
  const id = new Map(names.map((n, i) => [n, i] as const));
  const src: number[] = [];
  const dst: number[] = [];
  for (const d of model.dependencies) {
    const a = id.get(d.from);
    const b = id.get(d.to);
    if (a !== undefined && b !== undefined) {
      src.push(a);
      dst.push(b);
    }
  }
  const order = topologicalOrder(Dag.fromEdges(names, src, dst));
  if (!order.ok) {
    const cycle = order.cycle.map((v) => names[v]);
    issues.push(issue('error', 'dependency-cycle', `the task dependencies form a cycle: ${[...cycle, cycle[0]].join(' -> ')}`, at('/dependencies')));
  }
  return issues;
}
