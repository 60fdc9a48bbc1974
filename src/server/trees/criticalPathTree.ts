/** The Critical Path view's answer: the plan's critical path from its one session (the graph's analysis). */

import { criticalPathSteps } from '../../core/analysis/criticalPathSteps';
import type { CriticalPathResult } from '../../protocol/trees';
import type { PlanSessions } from '../plans/planSessions';

export async function criticalPathOf(plans: PlanSessions, uri: string): Promise<CriticalPathResult> {
  const session = await plans.get(uri);
  if (session.analysis === undefined) return { title: session.title, tasks: [], length: 0, costSource: session.costSource, problem: session.problem ?? `${session.title} is not a task graph` };
  return { title: session.title, tasks: criticalPathSteps(session.analysis), length: session.analysis.criticalPath.length, costSource: session.costSource };
}
