/**
 * The task costs a run recorded in its `plan_schedule_v1` (artifact-formats.md §3.2): with them, the
 * critical path of a task graph is weighed the way the pipeline weighed it, instead of by priority.
 */

import type { ReadArtifact } from '../artifacts/readArtifact';

/** The recorded costs by task name, or undefined when the artifact is not a schedule or records none. */
export function recordedTaskCosts(artifact: ReadArtifact): ReadonlyMap<string, number> | undefined {
  for (const record of artifact.records) {
    if (record.kind !== 'plan_schedule_v1') continue;
    const costs = new Map(Object.entries(record.value.taskCosts));
    return costs.size > 0 ? costs : undefined;
  }
  return undefined;
}
