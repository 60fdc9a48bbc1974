/**
 * The critical path of an analysed plan as a list of steps, for the Critical Path view: each task with
 * the cost the analysis weighed it by and the path's length up to it. The pipeline's rule
 * (artifact-formats.md §3.2, criticalPath.ts): the first task's cost is not in the length, so the first
 * step's cumulative length is 0 and the last one's is the path's length.
 */

import type { PlanAnalysis } from './analyzePlan';

export interface CriticalPathStep {
  readonly task: string;
  readonly cost: number;
  readonly cumulative: number;
}

export function criticalPathSteps(analysis: Pick<PlanAnalysis, 'criticalPath' | 'taskMetrics'>): CriticalPathStep[] {
  let cumulative = 0;
  return analysis.criticalPath.tasks.map((task, i) => {
    const cost = analysis.taskMetrics[task]?.cost ?? 0;
    if (i > 0) cumulative += cost;
    return { task, cost, cumulative };
  });
}
