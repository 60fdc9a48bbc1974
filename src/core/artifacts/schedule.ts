/**
 * `plan_schedule_v1` (PlanScheduleArtifact, §6) and `plan_validation_v1` (PlanValidationArtifact) payloads.
 * Absent fields take their msgspec defaults. Per-task schedule metadata (§3.3) is derived from
 * `ordered_tasks` and `generations`. O(tasks + edges).
 */

import { isJsonObject, type JsonObject, type JsonValue } from '../json/parseJson';
import { dict, type Dict, type EdgeValidation, type Schedule, type TaskScheduleMetadata, type TaskValidation, type Validation } from '../model/planModel';
import type { FieldReader } from './fields';

export function scheduleMetadata(orderedTasks: readonly string[], generations: readonly (readonly string[])[]): Dict<TaskScheduleMetadata> {
  const scheduleIndex = new Map(orderedTasks.map((t, i) => [t, i] as const));
  const out = dict<TaskScheduleMetadata>();
  generations.forEach((gen, g) =>
    gen.forEach((t, order) => {
      out[t] = { scheduleIndex: scheduleIndex.get(t) ?? -1, generationIndex: g, generationOrder: order, generationSize: gen.length };
    }),
  );
  return out;
}

export function readSchedule(o: JsonObject, r: FieldReader, at: string): Schedule {
  const orderedTasks = r.strList(o, 'ordered_tasks', at);
  const generations = r.list(o, 'generations', at, (v, p) => {
    if (Array.isArray(v)) return v.flatMap((x, i) => r.asStr(x, `${p}/${i}`) ?? []);
    r.report('error', 'wrong-type', 'expected a list of task names', p);
    return undefined;
  });
  const bridgeEdges = r.list(o, 'bridge_edges', at, (v, p): [string, string] | undefined => {
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
    r.report('error', 'wrong-type', 'expected a pair of task names', p);
    return undefined;
  });
  const schedule: Schedule = {
    runId: r.str(o, 'run_id', at, { required: true }),
    planSignature: r.str(o, 'plan_signature', at, { required: true }),
    reducedPlanSignature: r.str(o, 'reduced_plan_signature', at),
    taskCount: r.int(o, 'task_count', at),
    orderedTasks,
    generations,
    criticalPathTasks: r.strList(o, 'critical_path_tasks', at),
    criticalPathLengthWeighted: r.nullableNum(o, 'critical_path_length_weighted', at),
    taskCosts: r.numMap(o, 'task_costs', at) ?? dict(),
    bottomLevelCosts: r.numMap(o, 'bottom_level_costs', at) ?? dict(),
    slackByTask: r.numMap(o, 'slack_by_task', at),
    taskCentrality: r.numMap(o, 'task_centrality', at),
    taskDominators: r.map(o, 'task_dominators', at, (v, p) => (v === null ? null : r.asStr(v, p))),
    bridgeEdges,
    articulationTasks: r.strList(o, 'articulation_tasks', at),
    metadata: scheduleMetadata(orderedTasks, generations),
  };
  if (schedule.taskCount !== undefined && schedule.taskCount !== orderedTasks.length)
    r.report('warning', 'count-mismatch', `task_count is ${schedule.taskCount} but ordered_tasks lists ${orderedTasks.length} tasks`, at + '/task_count');
  const inGenerations = new Set(generations.flat());
  const missing = orderedTasks.filter((t) => !inGenerations.has(t));
  if (missing.length > 0) r.report('warning', 'dangling-reference', `ordered tasks not in any generation: ${missing.slice(0, 5).join(', ')}`, at + '/generations');
  return schedule;
}

function readEdgeResult(v: JsonValue, r: FieldReader, at: string): EdgeValidation | undefined {
  const o = r.object(v, at);
  if (o === undefined) return undefined;
  return {
    sourceName: r.str(o, 'source_name', at, { required: true }) ?? '',
    targetTask: r.str(o, 'target_task', at, { required: true }) ?? '',
    isValid: r.bool(o, 'is_valid', at, { required: true }) ?? false,
    missingColumns: r.strList(o, 'missing_columns', at),
    missingTypes: r.list(o, 'missing_types', at, (x, p) => {
      const t = r.object(x, p);
      return t === undefined ? undefined : { column: r.str(t, 'column', p, { required: true }) ?? '', dtype: r.str(t, 'dtype', p, { required: true }) ?? '' };
    }),
    missingMetadata: r.list(o, 'missing_metadata', at, (x, p) => {
      const t = r.object(x, p);
      return t === undefined ? undefined : { keyHex: r.str(t, 'key_hex', p, { required: true }) ?? '', valueHex: r.str(t, 'value_hex', p, { required: true }) ?? '' };
    }),
    contractViolations: r.strList(o, 'contract_violations', at),
    availableColumns: r.strList(o, 'available_columns', at),
    availableTypes: r.list(o, 'available_types', at, (x) => x),
    availableMetadata: r.list(o, 'available_metadata', at, (x) => x),
  };
}

function readTaskResult(v: JsonValue, r: FieldReader, at: string): TaskValidation | undefined {
  const o = r.object(v, at);
  if (o === undefined) return undefined;
  return {
    taskName: r.str(o, 'task_name', at, { required: true }) ?? '',
    isValid: r.bool(o, 'is_valid', at, { required: true }) ?? false,
    unsatisfiedEdges: r.strList(o, 'unsatisfied_edges', at),
    contractViolations: r.strList(o, 'contract_violations', at),
    edgeResults: r.list(o, 'edge_results', at, (x, p) => readEdgeResult(x, r, p)),
  };
}

export function readValidation(o: JsonObject, r: FieldReader, at: string): Validation {
  const v: Validation = {
    runId: r.str(o, 'run_id', at, { required: true }),
    planSignature: r.str(o, 'plan_signature', at, { required: true }),
    reducedPlanSignature: r.str(o, 'reduced_plan_signature', at),
    totalTasks: r.int(o, 'total_tasks', at) ?? 0,
    validTasks: r.int(o, 'valid_tasks', at) ?? 0,
    invalidTasks: r.int(o, 'invalid_tasks', at) ?? 0,
    totalEdges: r.int(o, 'total_edges', at) ?? 0,
    validEdges: r.int(o, 'valid_edges', at) ?? 0,
    invalidEdges: r.int(o, 'invalid_edges', at) ?? 0,
    taskResults: r.list(o, 'task_results', at, (x, p) => readTaskResult(x, r, p)),
  };
  if (v.validTasks + v.invalidTasks !== v.totalTasks)
    r.report('warning', 'count-mismatch', `valid_tasks + invalid_tasks = ${v.validTasks + v.invalidTasks}, but total_tasks is ${v.totalTasks}`, at + '/total_tasks');
  return v;
}

/** The `{kind, payload}` envelope's payload, or the value itself when it is not an envelope. */
export function unwrapEnvelope(value: JsonObject): { kind?: string; payload: JsonObject; envelope: boolean; at: string } {
  const keys = Object.keys(value);
  if (typeof value.kind === 'string' && isJsonObject(value.payload) && keys.every((k) => k === 'kind' || k === 'payload'))
    return { kind: value.kind, payload: value.payload, envelope: true, at: '/payload' };
  return { payload: value, envelope: false, at: '' };
}
