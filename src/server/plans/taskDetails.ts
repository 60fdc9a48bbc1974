/**
 * The details panel's facts about one task, all from the session's one analysis: where its cost came
 * from, its place in the schedule, the evidence it reads and writes with the columns it requires, its
 * neighbours in the reduced graph, the plan fingerprint on its links, the Delta input its scan pins, and
 * what the run's drift says of it.
 */

import type { TaskDetails, TaskEvidence, TaskDeltaPin, TextRange } from '../../protocol/planRequests';
import type { PlanSession } from './planSessions';

export function taskDetailsOf(session: PlanSession, task: string, rangeOf: (start: number, end: number) => TextRange): TaskDetails | null {
  const { graph, analysis } = session;
  if (graph === undefined || analysis === undefined) return null;
  const node = graph.tasks.find((t) => t.name === task);
  const metric = analysis.taskMetrics[task];
  if (node === undefined || metric === undefined) return null;
  const byId = new Map<number, { readonly name: string; readonly scanDatasetName?: string; readonly scanDeltaVersion?: number; readonly scanCandidateFileCount?: number; readonly scanUnitKey?: string }>();
  for (const e of graph.evidence) byId.set(e.id, e);
  const inputs: TaskEvidence[] = [];
  const outputs: TaskEvidence[] = [];
  const fingerprints = new Set<string>();
  for (const link of graph.links) {
    const ownsLink = (link.kind === 'requires' && link.target === node.id) || (link.kind === 'produces' && link.source === node.id);
    if (!ownsLink) continue;
    const evidence = byId.get(link.kind === 'requires' ? link.source : link.target);
    const typeOf = new Map(link.requiredTypes.map((t) => [t.name, t.type]));
    const columns = [...new Set([...link.requiredColumns, ...typeOf.keys()])].map((name) => (typeOf.has(name) ? { name, type: typeOf.get(name) as string } : { name }));
    const entry: TaskEvidence = { name: evidence?.name ?? link.name, columns, ...(evidence?.scanDatasetName === undefined ? {} : { dataset: evidence.scanDatasetName }) };
    (link.kind === 'requires' ? inputs : outputs).push(entry);
    if (link.planFingerprint !== undefined) fingerprints.add(link.planFingerprint);
  }
  const deltaPins: TaskDeltaPin[] = [];
  for (const e of graph.evidence) {
    if (e.scanDatasetName === undefined || e.name !== node.output) continue;
    deltaPins.push({
      dataset: e.scanDatasetName,
      ...(e.scanDeltaVersion === undefined ? {} : { version: e.scanDeltaVersion }),
      // Resolving a pin against the table (current, stale, vacuumed) is the Delta Pins view's work; the
      // graph says only what the plan pinned.
      state: e.scanDeltaVersion === undefined ? 'not pinned to a version' : `pinned at version ${e.scanDeltaVersion} (not checked against the table)`,
      ...(e.scanCandidateFileCount === undefined ? {} : { candidateFiles: e.scanCandidateFileCount }),
      ...(e.scanUnitKey === undefined ? {} : { scanUnit: e.scanUnitKey }),
    });
  }
  const generation = analysis.generations.findIndex((g) => g.includes(task));
  const step = analysis.criticalPath.tasks.indexOf(task);
  const upstream = analysis.reducedDependencies.filter(([, t]) => t === task).map(([s]) => s);
  const downstream = analysis.reducedDependencies.filter(([s]) => s === task).map(([, t]) => t);
  const entry = session.outline().find((o) => o.kind === 'task' && o.name === task);
  const drift = session.context.drift?.drift;
  const [fingerprint] = fingerprints;
  return {
    name: task,
    kind: node.taskKind,
    generation,
    priority: node.priority,
    cost: metric.cost,
    costFrom: session.context.costs?.costs.has(task) === true ? 'recorded' : 'priority',
    costSource: session.costSource,
    ...(metric.bottomLevel === undefined ? {} : { bottomLevel: metric.bottomLevel }),
    ...(metric.slack === undefined ? {} : { slack: metric.slack }),
    ...(step < 0 ? {} : { criticalStep: step + 1 }),
    criticalPathTasks: analysis.criticalPath.tasks.length,
    inputs,
    outputs,
    upstream,
    downstream,
    ...(fingerprint === undefined
      ? {}
      : { fingerprint: { value: fingerprint, verified: 'not-checked' as const, reason: fingerprints.size > 1 ? `${fingerprints.size} different fingerprints on its links` : 'run plan-lens verify on the run folder to recompute it' } }),
    deltaPins,
    ...(drift === undefined ? {} : { drift: drift.missingAdmittedTasks.includes(task) ? ('not-run' as const) : ('admitted' as const) }),
    ...(entry === undefined ? {} : { location: rangeOf(entry.start, entry.end) }),
  };
}
