/**
 * Run-time records of the Hamilton hooks (§6): task submission, grouping, expansion and routing events,
 * `hamilton_plan_drift_v1`, `plan_expected_tasks_v1` and `hamilton_plan_events_v1`. Each reader takes one
 * payload object; absent fields take their defaults, required identity fields are reported when absent.
 */

import type { JsonObject, JsonValue } from '../json/parseJson';
import type { ExpansionEvent, ExpectedTasks, GroupingEvent, PlanDrift, PlanEventCounts, RoutingEvent, SubmissionEvent, TaskFact } from '../model/planModel';
import { extraFields, type FieldReader } from './fields';

const req = { required: true } as const;

function readTaskFact(v: JsonValue, r: FieldReader, at: string): TaskFact | undefined {
  const o = r.object(v, at);
  if (o === undefined) return undefined;
  const extra = extraFields(o, ['task_name', 'bottom_level_cost', 'on_critical_path', 'generation_index', 'schedule_index']);
  return {
    taskName: r.str(o, 'task_name', at, req) ?? '',
    bottomLevelCost: r.num(o, 'bottom_level_cost', at) ?? 0,
    onCriticalPath: r.bool(o, 'on_critical_path', at) ?? false,
    generationIndex: r.nullableNum(o, 'generation_index', at, true),
    scheduleIndex: r.nullableNum(o, 'schedule_index', at, true),
    ...(extra !== undefined ? { extra } : {}),
  };
}

export function readSubmission(o: JsonObject, r: FieldReader, at: string): SubmissionEvent {
  return {
    name: 'hamilton_task_submission_v1',
    runId: r.str(o, 'run_id', at, req) ?? '',
    taskId: r.str(o, 'task_id', at, req) ?? '',
    purpose: r.str(o, 'purpose', at) ?? 'unknown',
    planSignature: r.str(o, 'plan_signature', at, req) ?? '',
    reducedPlanSignature: r.str(o, 'reduced_plan_signature', at) ?? '',
    planTaskCount: r.int(o, 'plan_task_count', at) ?? 0,
    executionTaskNames: r.strList(o, 'execution_task_names', at),
    admittedTasks: r.strList(o, 'admitted_tasks', at),
    rejectedTasks: r.strList(o, 'rejected_tasks', at),
    unknownTasks: r.strList(o, 'unknown_tasks', at),
    criticalPathTasks: r.strList(o, 'critical_path_tasks', at),
    taskFacts: r.list(o, 'task_facts', at, (v, p) => readTaskFact(v, r, p)),
    reductionEdgeCount: r.int(o, 'reduction_edge_count', at) ?? 0,
    reductionRemovedEdgeCount: r.int(o, 'reduction_removed_edge_count', at) ?? 0,
  };
}

export function readGrouping(o: JsonObject, r: FieldReader, at: string): GroupingEvent {
  const taskIds = r.strList(o, 'task_ids', at);
  return {
    name: 'hamilton_task_grouping_v1',
    runId: r.str(o, 'run_id', at, req) ?? '',
    planSignature: r.str(o, 'plan_signature', at, req) ?? '',
    reducedPlanSignature: r.str(o, 'reduced_plan_signature', at) ?? '',
    taskIds,
    taskCount: r.int(o, 'task_count', at) ?? taskIds.length,
  };
}

export function readExpansion(o: JsonObject, r: FieldReader, at: string): ExpansionEvent {
  const parameterKeys = r.strList(o, 'parameter_keys', at);
  return {
    name: 'hamilton_task_expansion_v1',
    runId: r.str(o, 'run_id', at, req) ?? '',
    planSignature: r.str(o, 'plan_signature', at, req) ?? '',
    taskId: r.str(o, 'task_id', at, req) ?? '',
    parameterKeys,
    parameterCount: r.int(o, 'parameter_count', at) ?? parameterKeys.length,
  };
}

export function readRouting(o: JsonObject, r: FieldReader, at: string): RoutingEvent {
  return {
    name: 'hamilton_task_routing_v1',
    runId: r.nullableStr(o, 'run_id', at),
    taskId: r.nullableStr(o, 'task_id', at),
    taskName: r.nullableStr(o, 'task_name', at),
    taskKind: r.nullableStr(o, 'task_kind', at),
    taskCost: r.nullableNum(o, 'task_cost', at),
    costThreshold: r.nullableNum(o, 'cost_threshold', at),
    executor: r.str(o, 'executor', at, req) ?? '',
    eventTimeUnixMs: r.nullableNum(o, 'event_time_unix_ms', at, true),
  };
}

export function readDrift(o: JsonObject, r: FieldReader, at: string): PlanDrift {
  return {
    runId: r.str(o, 'run_id', at, req) ?? '',
    planSignature: r.str(o, 'plan_signature', at, req) ?? '',
    reducedPlanSignature: r.str(o, 'reduced_plan_signature', at) ?? '',
    planTaskCount: r.int(o, 'plan_task_count', at) ?? 0,
    admittedTaskCount: r.int(o, 'admitted_task_count', at) ?? 0,
    admittedTaskCoverageRatio: r.num(o, 'admitted_task_coverage_ratio', at) ?? 0,
    missingAdmittedTasks: r.strList(o, 'missing_admitted_tasks', at),
    unexpectedAdmittedTasks: r.strList(o, 'unexpected_admitted_tasks', at),
    planGenerationCount: r.int(o, 'plan_generation_count', at) ?? 0,
    planGenerations: r.intList(o, 'plan_generations', at),
    admittedGenerationCount: r.int(o, 'admitted_generation_count', at) ?? 0,
    admittedGenerations: r.intList(o, 'admitted_generations', at),
    missingGenerations: r.intList(o, 'missing_generations', at),
    submissionEventCount: r.int(o, 'submission_event_count', at) ?? 0,
    groupingEventCount: r.int(o, 'grouping_event_count', at) ?? 0,
    expansionEventCount: r.int(o, 'expansion_event_count', at) ?? 0,
  };
}

export function readExpectedTasks(o: JsonObject, r: FieldReader, at: string): ExpectedTasks {
  const tasks = r.strList(o, 'tasks', at);
  const taskCount = r.int(o, 'task_count', at) ?? tasks.length;
  if (taskCount !== tasks.length) r.report('warning', 'count-mismatch', `task_count is ${taskCount} but tasks lists ${tasks.length}`, at + '/task_count');
  return { runId: r.str(o, 'run_id', at, req) ?? '', planSignature: r.str(o, 'plan_signature', at, req) ?? '', taskCount, tasks };
}

export function readPlanEventCounts(o: JsonObject, r: FieldReader, at: string): PlanEventCounts {
  return {
    runId: r.str(o, 'run_id', at, req) ?? '',
    planSignature: r.str(o, 'plan_signature', at, req) ?? '',
    // The pipeline names this key differently from every other record (§6).
    reducedTaskDependencySignature: r.str(o, 'reduced_task_dependency_signature', at) ?? '',
    eventCounts: r.map(o, 'event_counts', at, (v, p) => r.asInt(v, p)) ?? {},
  };
}
