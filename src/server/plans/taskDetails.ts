/**
 * The details panel's facts about one task, all from the session's one analysis and run context: where
 * its cost came from, its place in the schedule, the evidence it reads and writes with the columns it
 * requires, its neighbours in the reduced graph, the plan fingerprint on its links and whether the
 * plan-artifact rows recompute it, the Delta inputs it pins and their state today, the run's cache status
 * and drift, and where its name is written.
 */

import type { FingerprintCheck, ScanEvidence, TaskPinState } from '../../core/analysis/planProvenance';
import type { CancelSignal } from '../../core/objectStore/objectStore';
import type { GraphLink } from '../../core/readers/nodeLinkGraph';
import type { TaskDetails, TaskEvidence } from '../../protocol/planRequests';
import type { PlanSession } from './planSessions';

/**
 * The task's details; undefined signal: never cancelled.
 * @returns null when the plan has no such task (or is not a task graph).
 * @throws an `ObjectStoreError` of kind `cancelled` when `signal` aborts while its pins are read.
 */
export async function taskDetailsOf(session: PlanSession, task: string, signal?: CancelSignal): Promise<TaskDetails | null> {
  const { graph, analysis } = session;
  const node = graph?.tasks.find((t) => t.name === task);
  const metric = analysis?.taskMetrics[task];
  if (graph === undefined || analysis === undefined || node === undefined || metric === undefined) return null;
  const evidenceById = new Map(graph.evidence.map((e) => [e.id, e]));
  const inputs: TaskEvidence[] = [];
  const outputs: TaskEvidence[] = [];
  const fingerprints = new Set<string>();
  for (const link of graph.links) {
    const reads = link.kind === 'requires' && link.target === node.id;
    const writes = link.kind === 'produces' && link.source === node.id;
    if (!reads && !writes) continue;
    const evidence = evidenceById.get(reads ? link.source : link.target);
    (reads ? inputs : outputs).push({ name: evidence?.name ?? link.name, columns: columnsOf(link), ...(evidence?.scanDatasetName === undefined ? {} : { dataset: evidence.scanDatasetName }) });
    if (link.planFingerprint !== undefined) fingerprints.add(link.planFingerprint);
  }
  const scanned = graph.evidence.find((e) => e.name === node.output && e.scanDatasetName !== undefined);
  const scan: ScanEvidence | undefined =
    scanned?.scanDatasetName === undefined
      ? undefined
      : { dataset: scanned.scanDatasetName, ...(scanned.scanDeltaVersion === undefined ? {} : { version: scanned.scanDeltaVersion }), ...(scanned.scanCandidateFileCount === undefined ? {} : { candidateFileCount: scanned.scanCandidateFileCount }), ...(scanned.scanUnitKey === undefined ? {} : { scanUnitKey: scanned.scanUnitKey }) };
  const provenance = await session.provenance();
  const [fingerprint] = fingerprints;
  const check: FingerprintCheck | undefined =
    fingerprint === undefined ? undefined : fingerprints.size > 1 ? { verified: 'not-checked', reason: `its links record ${fingerprints.size} different fingerprints` } : ((await provenance?.fingerprint(task, fingerprint, scan?.scanUnitKey)) ?? { verified: 'not-checked', reason: 'the plan is not a file in a workspace' });
  const deltaPins: readonly TaskPinState[] = provenance === undefined ? (scan === undefined ? [] : [unresolvedPin(scan)]) : await provenance.pins(task, scan, { signal });
  const step = analysis.criticalPath.tasks.indexOf(task);
  const cache = session.context?.cache?.nodes.get(task);
  const drift = session.context?.drift?.drift;
  const entry = session.outline().find((o) => o.kind === 'task' && o.name === task);
  return {
    name: task,
    kind: node.taskKind,
    generation: analysis.generations.findIndex((g) => g.includes(task)),
    priority: node.priority,
    cost: metric.cost,
    costFrom: session.context?.costs?.costs.has(task) === true ? 'recorded' : 'priority',
    costSource: session.costSource,
    ...(metric.bottomLevel === undefined ? {} : { bottomLevel: metric.bottomLevel }),
    ...(metric.slack === undefined ? {} : { slack: metric.slack }),
    ...(step < 0 ? {} : { criticalStep: step + 1 }),
    criticalPathTasks: analysis.criticalPath.tasks.length,
    inputs,
    outputs,
    upstream: analysis.reducedDependencies.filter(([, t]) => t === task).map(([s]) => s),
    downstream: analysis.reducedDependencies.filter(([s]) => s === task).map(([, t]) => t),
    ...(fingerprint === undefined || check === undefined ? {} : { fingerprint: { value: fingerprint, ...check } }),
    deltaPins,
    ...(cache === undefined ? {} : { cache: { status: cache.status, reason: cache.reason } }),
    ...(drift === undefined ? {} : { drift: drift.missingAdmittedTasks.includes(task) ? ('not-run' as const) : ('admitted' as const) }),
    ...(entry === undefined ? {} : { location: { start: session.lines().position(entry.start), end: session.lines().position(entry.end) } }),
  };
}

/** What the plan pins when there is no workspace to check the pin against (an unsaved plan). */
function unresolvedPin(scan: ScanEvidence): TaskPinState {
  return {
    dataset: scan.dataset,
    ...(scan.version === undefined ? {} : { version: scan.version }),
    state: 'not checked: the plan is not a file in a workspace',
    ...(scan.candidateFileCount === undefined ? {} : { candidateFiles: scan.candidateFileCount }),
    ...(scan.scanUnitKey === undefined ? {} : { scanUnit: scan.scanUnitKey }),
  };
}

/** The columns a link requires, each with the Arrow type the plan records for it. */
function columnsOf(link: GraphLink): TaskEvidence['columns'] {
  const typeOf = new Map(link.requiredTypes.map((t) => [t.name, t.type]));
  return [...new Set([...link.requiredColumns, ...typeOf.keys()])].map((name) => {
    const type = typeOf.get(name);
    return type === undefined ? { name } : { name, type };
  });
}
