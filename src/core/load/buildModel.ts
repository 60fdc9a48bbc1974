/**
 * Joins the records read from many artifacts into one `PlanModel`: the task graph (node-link, else the
 * CLI plan's task graph, else the schedule's tasks), schedule, validation, per-view plan bundles, the
 * runtime identity, and runs grouped by run id and plan signature. Conflicting sources are issues; the
 * later file wins. Closes with `checkModel` (dangling references, cycles). O(total records).
 */

import { issue, type PlanIssue } from '../issues';
import type { ArtifactRecord, ReadArtifact } from '../artifacts/readArtifact';
import { compareDrift, computeDrift, planTasksForRun } from '../drift/computeDrift';
import { groupRuns, type RunRecord } from '../drift/groupRuns';
import { readNodeLinkText } from '../readers/nodeLink';
import type { NodeLinkGraph } from '../readers/nodeLinkGraph';
import { compareCodePoints } from '../text/compareCodePoints';
import { checkModel } from '../model/checkModel';
import { dict, type CacheLineage, type CacheLineageRow, type DependencyEdge, type PlanRun, type EvidenceDataset, type PlanModel, type PlanTask, type RuntimeIdentity, type Schedule, type SourceArtifact, type TaskDependency, type Validation, type ViewPlan } from '../model/planModel';

export interface BuiltModel {
  readonly model: PlanModel;
  readonly issues: PlanIssue[];
}

function taskKindFromName(name: string): string {
  return /^scan_unit_[0-9a-f]{16,}$/.test(name) ? 'scan' : 'view';
}

/** Task -> task dependencies: one per producer/consumer pair of each evidence, labelled with the evidence. */
export function dependenciesFromEdges(edges: readonly DependencyEdge[]): TaskDependency[] {
  const producers = new Map<string, string[]>();
  for (const e of edges) if (e.kind === 'produces') producers.set(e.evidence, [...(producers.get(e.evidence) ?? []), e.task]);
  const byPair = new Map<string, { from: string; to: string; evidence: Set<string> }>();
  for (const e of edges) {
    if (e.kind !== 'requires') continue;
    for (const p of producers.get(e.evidence) ?? []) {
      if (p === e.task) continue;
      const key = JSON.stringify([p, e.task]);
      const d = byPair.get(key) ?? { from: p, to: e.task, evidence: new Set<string>() };
      d.evidence.add(e.evidence);
      byPair.set(key, d);
    }
  }
  return [...byPair.values()]
    .map((d) => ({ from: d.from, to: d.to, evidence: [...d.evidence].sort(compareCodePoints) }))
    .sort((a, b) => compareCodePoints(a.from, b.from) || compareCodePoints(a.to, b.to));
}

function fromNodeLink(g: NodeLinkGraph): { tasks: PlanTask[]; evidence: EvidenceDataset[]; edges: DependencyEdge[] } {
  const nameById = new Map<number, string>();
  for (const n of [...g.evidence, ...g.tasks]) nameById.set(n.id, n.name);
  const edges: DependencyEdge[] = [];
  const fingerprint = new Map<string, string>();
  for (const l of g.links) {
    const task = nameById.get(l.kind === 'requires' ? l.target : l.source) ?? '';
    if (l.kind === 'produces' && l.planFingerprint !== undefined) fingerprint.set(task, l.planFingerprint);
    edges.push({
      kind: l.kind,
      task,
      evidence: l.name,
      requiredColumns: l.requiredColumns,
      requiredTypes: l.requiredTypes,
      requiredMetadata: l.requiredMetadata,
      inferred: l.inferred,
      ...(l.planFingerprint !== undefined ? { planFingerprint: l.planFingerprint } : {}),
    });
  }
  const tasks = g.tasks.map((t): PlanTask => {
    const fp = fingerprint.get(t.name);
    return { name: t.name, kind: t.taskKind, output: t.output, inputs: t.inputs, sources: t.sources, priority: t.priority, ...(fp !== undefined ? { planFingerprint: fp } : {}) };
  });
  const evidence = g.evidence.map((e): EvidenceDataset => {
    const { kind: _k, id: _i, ...rest } = e;
    return rest;
  });
  return { tasks, evidence, edges };
}

function latestViews(rows: readonly ViewPlan[]): ViewPlan[] {
  const byName = new Map<string, ViewPlan>();
  for (const v of rows) {
    const prev = byName.get(v.viewName);
    // A plan row describes the bundle; execution rows only add status. Among equals, the latest wins.
    const better = prev === undefined || (prev.eventKind !== 'plan' && v.eventKind === 'plan') || (prev.eventKind === v.eventKind && (v.eventTimeUnixMs ?? 0) >= (prev.eventTimeUnixMs ?? 0));
    if (better) byName.set(v.viewName, v);
  }
  return [...byName.values()].sort((a, b) => compareCodePoints(a.viewName, b.viewName));
}

function runtimeIdentity(views: readonly ViewPlan[], runs: PlanModel['runs']): RuntimeIdentity | undefined {
  const first = views.find((v) => v.eventKind === 'plan') ?? views[0];
  const manifest = runs.find((r) => r.manifest !== undefined)?.manifest;
  if (first === undefined && manifest === undefined) return undefined;
  return {
    ...(typeof manifest?.runtimeProfileName === 'string' ? { runtimeProfileName: manifest.runtimeProfileName } : {}),
    ...(typeof manifest?.runtimeProfileHash === 'string' ? { runtimeProfileHash: manifest.runtimeProfileHash } : {}),
    ...(first?.udfSnapshotHash !== undefined ? { udfSnapshotHash: first.udfSnapshotHash } : {}),
    rewriteTags: first?.rewriteTags ?? [],
    domainPlannerNames: first?.domainPlannerNames ?? [],
    settings: first?.dfSettings ?? dict(),
  };
}

/** Computes a run's drift when it has events or a recorded drift, and reports disagreements. */
function withDrift(run: PlanRun, schedule: Schedule | undefined, tasks: readonly PlanTask[], issues: PlanIssue[]): PlanRun {
  if (run.events.length === 0 && run.recordedDrift === undefined) return run;
  if (run.events.length === 0) {
    // Drift computed from no events would claim that nothing was admitted: when the inputs hold the
    // recorded drift but not the run's events (a diagnostics folder alone), say it is unchecked instead.
    issues.push(issue('info', 'drift-unverified', `run "${run.runId}": its events are not among the inputs, so the recorded hamilton_plan_drift_v1 is shown as recorded, not checked`, { file: run.files[0] }));
    return run;
  }
  const { drift, groupings } = computeDrift(run, planTasksForRun(run, schedule, tasks.map((t) => t.name)), schedule);
  const disagreements = run.recordedDrift === undefined ? [] : compareDrift(run.recordedDrift, drift);
  if (disagreements.length > 0) {
    const fields = disagreements.map((d) => `${d.field} (recorded ${JSON.stringify(d.recorded)}, computed ${JSON.stringify(d.computed)})`);
    issues.push(issue('warning', 'drift-disagreement', `run "${run.runId}": the recorded hamilton_plan_drift_v1 disagrees with the drift computed from the events: ${fields.join('; ')}`, { file: run.files[0] }));
  }
  return { ...run, drift: { computed: drift, groupings, disagreements } };
}

export function buildModel(artifacts: readonly ReadArtifact[]): BuiltModel {
  const issues: PlanIssue[] = [];
  const sources: SourceArtifact[] = [];
  const seenSources = new Set<string>();
  /** JSON-lines cache lineage rows, gathered per file and run into one export each. */
  const lineageRows = new Map<string, { file: string; rows: CacheLineageRow[] }>();
  let graph: { tasks: PlanTask[]; evidence: EvidenceDataset[]; edges: DependencyEdge[]; file: string } | undefined;
  let cliTasks: { names: string[]; deps: TaskDependency[]; file: string } | undefined;
  let schedule: { value: Schedule; file: string } | undefined;
  /** Each run's own schedule: a run's drift is checked against what that run planned, not the latest plan. */
  const scheduleOfRun = new Map<string, Schedule>();
  let validation: { value: Validation; file: string } | undefined;
  let dot: string | undefined;
  let taskDependencySignature: string | undefined;
  let sessionRuntimeHash: string | undefined;
  const signatures: { plan?: string; reduced?: string } = {};
  const rows: ViewPlan[] = [];
  const recordedSignatures = new Map<string, { planFingerprint: string; planTaskSignature: string }>();
  const runRecords: RunRecord[] = [];
  const setSignature = (plan: string | undefined, reduced: string | undefined, file: string): void => {
    if (plan !== undefined && plan !== '') {
      if (signatures.plan !== undefined && signatures.plan !== plan)
        issues.push(issue('warning', 'plan-signature-conflict', `this file is for plan "${plan}", another for "${signatures.plan}"; the plan model mixes them`, { file }));
      signatures.plan ??= plan;
    }
    if (reduced !== undefined && reduced !== '') signatures.reduced ??= reduced;
  };

  for (const a of artifacts) {
    issues.push(...a.issues);
    for (const rec of a.records) {
      const kind = rec.kind === 'run_event' ? rec.value.name : rec.kind;
      const key = `${a.file}\u0000${kind}`;
      if (!seenSources.has(key)) {
        seenSources.add(key);
        sources.push({ file: a.file, kind, format: a.format });
      }
      handle(rec, a);
    }
  }

  function handle(rec: ArtifactRecord, a: ReadArtifact): void {
    const file = a.file;
    switch (rec.kind) {
      case 'node_link': {
        const read = readNodeLinkText(a.document.text ?? JSON.stringify(rec.value), file);
        issues.push(...read.issues);
        if (read.graph !== undefined) graph = { ...fromNodeLink(read.graph), file };
        return;
      }
      case 'cli_plan': {
        const c = rec.value;
        setSignature(c.planSignature, c.reducedPlanSignature, file);
        const deps = new Map<string, TaskDependency>();
        for (const [from, to] of c.edges) deps.set(JSON.stringify([from, to]), { from, to, evidence: [from] });
        for (const to of Object.keys(c.inferredDeps)) for (const from of c.inferredDeps[to]) if (!deps.has(JSON.stringify([from, to]))) deps.set(JSON.stringify([from, to]), { from, to, evidence: [from] });
        const names = new Set(c.nodes);
        for (const d of deps.values()) names.add(d.from).add(d.to);
        cliTasks = { names: [...names], deps: [...deps.values()], file };
        if (c.schedule !== undefined) schedule = { value: c.schedule, file };
        if (c.validation !== undefined) validation = { value: c.validation, file };
        if (c.dot !== undefined) dot = c.dot;
        return;
      }
      case 'dot':
        dot = a.document.text;
        return;
      case 'plan_schedule_v1':
        setSignature(rec.value.planSignature, rec.value.reducedPlanSignature, file);
        schedule = { value: rec.value, file };
        if (rec.value.runId !== undefined) scheduleOfRun.set(rec.value.runId, rec.value);
        return;
      case 'plan_validation_v1':
        setSignature(rec.value.planSignature, rec.value.reducedPlanSignature, file);
        validation = { value: rec.value, file };
        return;
      case 'plan_artifact_row':
        rows.push(rec.value);
        return;
      case 'run_manifest':
        runRecords.push({ kind: 'manifest', value: rec.value, file });
        return;
      case 'run_event':
        runRecords.push({ kind: 'event', value: rec.value, file });
        return;
      case 'hamilton_plan_drift_v1':
        runRecords.push({ kind: 'drift', value: rec.value, file });
        return;
      case 'plan_expected_tasks_v1':
        runRecords.push({ kind: 'expected', value: rec.value, file });
        return;
      case 'hamilton_plan_events_v1':
        runRecords.push({ kind: 'eventCounts', value: rec.value, file });
        return;
      case 'hamilton_cache_lineage_v2':
        runRecords.push({ kind: 'cacheLineage', value: rec.value, file });
        return;
      case 'hamilton_cache_lineage_nodes_v1': {
        const key = `${file}\u0000${rec.value.runId ?? ''}`;
        const group = lineageRows.get(key) ?? { file, rows: [] };
        group.rows.push(rec.value);
        lineageRows.set(key, group);
        return;
      }
      case 'task_graph_diagnostics_v2': {
        const d = rec.value;
        setSignature(d.planSignature, d.reducedTaskDependencySignature, file);
        if (d.taskDependencySignature !== undefined) taskDependencySignature = d.taskDependencySignature;
        if (d.sessionRuntimeHash !== null) sessionRuntimeHash = d.sessionRuntimeHash;
        if (d.dot !== null) dot = d.dot;
        for (const t of Object.keys(d.planFingerprints)) recordedSignatures.set(t, { planFingerprint: d.planFingerprints[t], planTaskSignature: d.planTaskSignatures[t] ?? '' });
        if (d.nodeLinkJson !== undefined) {
          const read = readNodeLinkText(d.nodeLinkJson, file);
          // Positions inside the embedded text are not positions in the file.
          issues.push(...read.issues.map((i) => ({ ...i, message: `node_link_json: ${i.message}`, location: { file, pointer: '/node_link_json' } })));
          if (read.graph !== undefined) graph = { ...fromNodeLink(read.graph), file };
        }
        return;
      }
      case 'plan_fingerprint':
        recordedSignatures.set(rec.value.taskName, rec.value);
        return;
      case 'planlens_bundle':
        issues.push(issue('error', 'bundle-in-directory', 'a Plan Lens bundle is read on its own, not joined with pipeline artifacts', { file }));
        return;
    }
  }

  let tasks: PlanTask[];
  let evidence: EvidenceDataset[] = [];
  let edges: DependencyEdge[] = [];
  let dependencies: TaskDependency[];
  if (graph !== undefined) {
    ({ tasks, evidence, edges } = graph);
    dependencies = dependenciesFromEdges(edges);
  } else if (cliTasks !== undefined) {
    tasks = cliTasks.names.map((name) => ({ name, kind: taskKindFromName(name), output: name, inputs: [], sources: [] }));
    dependencies = cliTasks.deps;
  } else {
    // No graph: the tasks are what the schedule, expected-task lists and views name; no dependencies are known.
    const names = new Set<string>([...(schedule?.value.orderedTasks ?? []), ...(schedule?.value.generations.flat() ?? []), ...rows.map((r) => r.viewName)]);
    for (const r of runRecords) if (r.kind === 'expected') for (const t of r.value.tasks) names.add(t);
    tasks = [...names].sort(compareCodePoints).map((name) => ({ name, kind: taskKindFromName(name), output: name, inputs: [], sources: [] }));
    dependencies = [];
  }
  const views = latestViews(rows);
  // Views carry the fingerprints the graph may lack.
  const fp = new Map(views.map((v) => [v.viewName, v.planFingerprint] as const));
  tasks = tasks.map((t) => {
    const recorded = recordedSignatures.get(t.name);
    const planFingerprint = t.planFingerprint ?? fp.get(t.name) ?? recorded?.planFingerprint;
    const planTaskSignature = t.planTaskSignature ?? (recorded?.planTaskSignature || undefined);
    return { ...t, ...(planFingerprint !== undefined ? { planFingerprint } : {}), ...(planTaskSignature !== undefined ? { planTaskSignature } : {}) };
  });
  if (schedule !== undefined) setSignature(schedule.value.planSignature, schedule.value.reducedPlanSignature, schedule.file);

  for (const { file, rows: lr } of lineageRows.values()) {
    const { runId, planSignature } = lr[0];
    const value: CacheLineage = {
      ...(runId !== undefined ? { runId } : {}),
      ...(planSignature !== undefined ? { planSignature } : {}),
      path: file,
      recordCount: lr.length,
      errorCount: lr.filter((x) => x.error !== null).length,
      logCount: lr.filter((x) => x.source === 'logs').length,
      metadataCount: lr.filter((x) => x.source === 'metadata_store').length,
      rows: lr,
    };
    runRecords.push({ kind: 'cacheLineage', value, file });
  }
  const grouped = groupRuns(runRecords);
  issues.push(...grouped.issues);
  const runs = grouped.runs.map((run) => withDrift(run, scheduleOfRun.get(run.runId) ?? schedule?.value, tasks, issues));
  const identity = runtimeIdentity(views, runs);
  const runtime = sessionRuntimeHash === undefined ? identity : { rewriteTags: [], domainPlannerNames: [], settings: dict<string>(), ...identity, sessionRuntimeHash };
  const model: PlanModel = {
    ...(signatures.plan !== undefined ? { planSignature: signatures.plan } : {}),
    ...(signatures.reduced !== undefined ? { reducedPlanSignature: signatures.reduced } : {}),
    ...(taskDependencySignature !== undefined ? { taskDependencySignature } : {}),
    tasks,
    evidence,
    edges,
    dependencies,
    ...(schedule !== undefined ? { schedule: schedule.value } : {}),
    ...(validation !== undefined ? { validation: validation.value } : {}),
    views,
    ...(runtime !== undefined ? { runtime } : {}),
    runs,
    ...(dot !== undefined ? { dot } : {}),
    sources,
  };
  const graphFile = graph?.file ?? cliTasks?.file;
  issues.push(
    ...checkModel(model, {
      ...(graphFile !== undefined ? { graph: graphFile } : {}),
      ...(schedule !== undefined ? { schedule: schedule.file } : {}),
      ...(validation !== undefined ? { validation: validation.file } : {}),
    }),
  );
  return { model, issues };
}
