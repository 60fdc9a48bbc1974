/**
 * What a run recorded next to its task graph, for views of that graph: the task costs of its
 * `plan_schedule_v1` (artifact-formats.md §3.2), so the critical path is weighed the way the pipeline
 * weighed it instead of by priority, and its `hamilton_plan_drift_v1`, the plan against what ran.
 */

import type { ReadArtifact } from '../artifacts/readArtifact';
import type { PlanDrift } from '../model/planModel';

/** The recorded costs by task name, or undefined when the artifact is not a schedule or records none. */
export function recordedTaskCosts(artifact: ReadArtifact): ReadonlyMap<string, number> | undefined {
  for (const record of artifact.records) {
    if (record.kind !== 'plan_schedule_v1') continue;
    const costs = new Map(Object.entries(record.value.taskCosts));
    return costs.size > 0 ? costs : undefined;
  }
  return undefined;
}

/** The run's recorded plan drift, or undefined when the artifact holds none. */
export function recordedDrift(artifact: ReadArtifact): PlanDrift | undefined {
  for (const record of artifact.records) if (record.kind === 'hamilton_plan_drift_v1') return record.value;
  return undefined;
}
