/**
 * Where the costs that weigh the critical path come from, and how every view and the CLI say it. One rule
 * (artifact-formats.md §3.2): a task's cost is what its run's `plan_schedule` recorded, else
 * max(priority, 1). Saying which applied matters because the two give different critical paths: the
 * sample's path is 2414.6 by recorded costs and 700 by priorities.
 */

import type { PlanAnalysis } from './analyzePlan';

export type CostSource =
  | {
      readonly kind: 'recorded';
      /** The run's plan_schedule artifact, as the caller shows paths (workspace-relative, or the file name). */
      readonly file: string;
      /** How many tasks have a recorded cost; the others weigh max(priority, 1). */
      readonly recordedTasks: number;
    }
  | {
      readonly kind: 'priority';
      /** Why no recorded cost applies ("no schedule of this run found"). */
      readonly reason?: string;
    };

export const NO_SCHEDULE_OF_RUN = 'no schedule of this run found';

/** The cost source of an analysis weighed with the costs of `scheduleFile` (none: no schedule applied). */
export function costSourceOf(analysis: Pick<PlanAnalysis, 'recordedCosts'>, scheduleFile: string | undefined, reason = NO_SCHEDULE_OF_RUN): CostSource {
  if (scheduleFile === undefined) return { kind: 'priority', reason };
  if (analysis.recordedCosts === 0) return { kind: 'priority', reason: `${scheduleFile} records no cost for these tasks` };
  return { kind: 'recorded', file: scheduleFile, recordedTasks: analysis.recordedCosts };
}

/** "recorded by plan_schedule_v1.json for 60 of 60 tasks", or "max(priority, 1), no schedule of this run found". */
export function costSourceText(source: CostSource, taskCount: number): string {
  if (source.kind === 'priority') return `max(priority, 1), ${source.reason ?? NO_SCHEDULE_OF_RUN}`;
  const others = source.recordedTasks < taskCount ? ', the others max(priority, 1)' : '';
  return `recorded by ${source.file} for ${source.recordedTasks} of ${taskCount} tasks${others}`;
}
