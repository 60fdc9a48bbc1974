/**
 * Plan-vs-runtime drift from a run's Hamilton events, computed the way the pipeline's
 * `hamilton_plan_drift_v1` describes it (§6): admitted tasks against the plan's tasks, generations seen in
 * the admitted tasks' facts against the schedule's generations, and the actual Hamilton groupings against
 * the plan generations. `compareDrift` lists every field where a recorded drift disagrees with the
 * computed one. O(tasks + events).
 */

import type { JsonValue } from '../json/parseJson';
import { compareCodePoints } from '../text/compareCodePoints';
import type { DriftDisagreement, GenerationGrouping, PlanDrift, PlanRun, Schedule, SubmissionEvent } from '../model/planModel';

export interface ComputedDrift {
  readonly drift: PlanDrift;
  readonly groupings: readonly GenerationGrouping[];
}

function sorted(names: Iterable<string>): string[] {
  return [...names].sort(compareCodePoints);
}

/** The plan's task list for a run: the run's expected tasks, else the schedule's order. */
export function planTasksForRun(run: PlanRun, schedule: Schedule | undefined, fallback: readonly string[]): readonly string[] {
  return run.expectedTasks?.tasks ?? (schedule !== undefined && schedule.orderedTasks.length > 0 ? schedule.orderedTasks : fallback);
}

export function computeDrift(run: PlanRun, planTasks: readonly string[], schedule: Schedule | undefined): ComputedDrift {
  const submissions = run.events.filter((e): e is SubmissionEvent => e.name === 'hamilton_task_submission_v1');
  const plan = new Set(planTasks);
  const admitted = new Set(submissions.flatMap((s) => s.admittedTasks));
  const covered = [...admitted].filter((t) => plan.has(t)).length;
  const generations = schedule?.generations ?? [];
  const planGenerations = generations.map((_, i) => i);
  const admittedGenerations = new Set<number>();
  for (const s of submissions)
    for (const f of s.taskFacts) if (admitted.has(f.taskName) && f.generationIndex !== null) admittedGenerations.add(f.generationIndex);
  const drift: PlanDrift = {
    runId: run.runId,
    planSignature: run.planSignature ?? '',
    reducedPlanSignature: run.reducedPlanSignature ?? '',
    planTaskCount: plan.size,
    admittedTaskCount: admitted.size,
    admittedTaskCoverageRatio: plan.size === 0 ? 1 : covered / plan.size,
    missingAdmittedTasks: sorted([...plan].filter((t) => !admitted.has(t))),
    unexpectedAdmittedTasks: sorted([...admitted].filter((t) => !plan.has(t))),
    planGenerationCount: planGenerations.length,
    planGenerations,
    admittedGenerationCount: admittedGenerations.size,
    admittedGenerations: [...admittedGenerations].sort((a, b) => a - b),
    missingGenerations: planGenerations.filter((g) => !admittedGenerations.has(g)),
    submissionEventCount: submissions.length,
    groupingEventCount: run.events.filter((e) => e.name === 'hamilton_task_grouping_v1').length,
    expansionEventCount: run.events.filter((e) => e.name === 'hamilton_task_expansion_v1').length,
  };
  const byTaskId = new Map<string, Set<string>>();
  for (const s of submissions) {
    const set = byTaskId.get(s.taskId) ?? new Set<string>();
    for (const t of s.executionTaskNames) set.add(t);
    byTaskId.set(s.taskId, set);
  }
  const groupings = generations.map((gen, i): GenerationGrouping => {
    const taskId = `generation_${i}`;
    const submitted = byTaskId.get(taskId);
    const inGen = new Set(gen);
    return {
      generationIndex: i,
      taskId,
      planTasks: gen,
      submittedTasks: submitted === undefined ? null : sorted(submitted),
      missingTasks: submitted === undefined ? [] : sorted(gen.filter((t) => !submitted.has(t))),
      extraTasks: submitted === undefined ? [] : sorted([...submitted].filter((t) => !inGen.has(t))),
    };
  });
  return { drift, groupings };
}

const COMPARED: readonly (keyof PlanDrift)[] = [
  'planTaskCount',
  'admittedTaskCount',
  'admittedTaskCoverageRatio',
  'missingAdmittedTasks',
  'unexpectedAdmittedTasks',
  'planGenerationCount',
  'planGenerations',
  'admittedGenerationCount',
  'admittedGenerations',
  'missingGenerations',
  'submissionEventCount',
  'groupingEventCount',
  'expansionEventCount',
];

function same(a: JsonValue, b: JsonValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) {
    const sa = [...a].map(String).sort();
    const sb = [...b].map(String).sort();
    return sa.length === sb.length && sa.every((x, i) => x === sb[i]);
  }
  return a === b;
}

export function compareDrift(recorded: PlanDrift, computed: PlanDrift): DriftDisagreement[] {
  const json = (d: PlanDrift, f: keyof PlanDrift): JsonValue => d[f] as JsonValue;
  return COMPARED.filter((f) => !same(json(recorded, f), json(computed, f))).map((field) => ({ field, recorded: json(recorded, field), computed: json(computed, field) }));
}
