/**
 * `generateSample`: a complete, realistic artifact set of a plan-driven pipeline run K times, laid out
 * as the pipeline lays it out on disk (docs/sample.md). Pure and deterministic: the same options give
 * the same files, byte for byte (no clock, no global randomness). O(tasks * runs).
 */

import { scanUnitSignature } from '../identity/scanUnits';
import { planTaskSignature } from '../identity/taskSignatures';
import type { Sha256Factory } from '../hash/sha256';
import { v } from '../identity/value';
import { scheduleEnvelope, validationEnvelope } from './artifacts';
import { deltaLogFiles, deltaTableFiles, writeDeltaPart, type DeltaColumn, type DeltaCommit, type WrittenPart } from './deltaTableWriter';
import { opaqueSignature, PLAN_ARTIFACT_COLUMNS, planArtifactRow, PlanBundler, type ViewBundle } from './planBundles';
import { changePlan } from './planChange';
import { buildPlan, EPOCH_MS, type SamplePlan } from './samplePlan';
import { Prng } from './prng';
import { pythonJsonFile } from './pythonJson';
import { buildRun, EVENT_COLUMNS, eventRow, type RunContext } from './runs';
import type { SampleFile } from './sampleFile';
import { computeSchedule, type SampleSchedule } from './sampleSchedule';
import { buildSession } from './session';
import { buildTaskGraph, type TaskGraph } from './taskGraph';

export interface SampleOptions {
  /** Total tasks (scan + view), at least 2. */
  readonly tasks: number;
  /** Runs of the plan, at least 1. Run 2 carries the drift. */
  readonly runs: number;
  readonly seed: number;
  /**
   * SHA-256 for the large hashes (the plan signature over the whole graph text, the envelope ids, the
   * analysis behind the schedule); the CLI passes Node's. The output does not depend on it; without it,
   * pure JavaScript.
   */
  readonly sha256?: Sha256Factory;
}

export const PLAN_ARTIFACTS_TABLE = '.artifacts/datafusion_plan_artifacts_v1';
export const EVENTS_TABLE = '.artifacts/datafusion_hamilton_events_v1';
export const PLAN_FINGERPRINTS_TABLE = 'build/state/metadata/plan_fingerprints';

/**
 * Most rows in one Parquet part of the plan-artifacts table. Plans up to this many views keep the single
 * part per run they always had; larger plans get several parts per run (one commit still adds them all),
 * so that no more than this many rows of plan text are held at once.
 */
export const PLAN_ARTIFACT_ROWS_PER_PART = 10_000;

/** The sample's files, sorted by path. */
export function generateSample(options: SampleOptions): SampleFile[] {
  return [...sampleFiles(options)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The sample's files in the order they are made, for a caller that writes them as they come: at 100k
 * tasks the files are 600 MB, and the large tables are made slice by slice, so neither needs to be held
 * whole. The same files as `generateSample`, in another order.
 */
export function* sampleFiles(options: SampleOptions): Generator<SampleFile, void, undefined> {
  if (!Number.isInteger(options.tasks) || options.tasks < 2) throw new RangeError('tasks must be an integer >= 2');
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new RangeError('runs must be an integer >= 1');
  const prng = Prng.forLabel(options.seed, 'plan');
  const runIds = Prng.forLabel(options.seed, 'runs');
  const fileIds = Prng.forLabel(options.seed, 'files');
  const enc = new TextEncoder();
  const text = (path: string, content: string): SampleFile => ({ path, bytes: enc.encode(content) });

  const basePlan = buildPlan(prng, options.tasks, EPOCH_MS + options.runs * 86_400_000);
  const session = buildSession(options.seed);

  // Ids drawn up front, in the order the generator always drew them (per run: the plan-artifact parts,
  // the events part, the fingerprints part; then the three table ids), so the streams give the same
  // values while the tables are now written at different points.
  const runs = Array.from({ length: options.runs }, (_, r) => {
    const startMs = EPOCH_MS + 9 * 3_600_000 + r * 86_400_000 + runIds.int(0, 600_000);
    return { startMs, runId: runIds.uuid7(startMs) };
  });
  // The later runs' plan has one view more (planChange.ts).
  const artifactSlices = Math.max(1, Math.ceil((basePlan.views.length + (options.runs > 1 ? 1 : 0)) / PLAN_ARTIFACT_ROWS_PER_PART));
  const partIds = runs.map(() => ({ artifacts: Array.from({ length: artifactSlices }, () => fileIds.uuid()), events: fileIds.uuid(), fingerprints: fileIds.uuid() }));
  const tableIds = { artifacts: fileIds.uuid(), events: fileIds.uuid(), fingerprints: fileIds.uuid() };
  const partName = (index: number, uuid: string): string => `part-${String(index).padStart(5, '0')}-${uuid}-c000.snappy.parquet`;

  // Tables written by every run, and what their logs record, filled in as each run is made.
  const bundler = new PlanBundler(session);
  const artifactParts: WrittenPart[][] = runs.map(() => []);
  const artifactInfo: Record<string, string | number>[] = [];
  type LoggedCommit = Omit<DeltaCommit, 'adds'> & { readonly adds: readonly WrittenPart[] };
  const fingerprintCommits: LoggedCommit[] = [];
  const eventCommits: LoggedCommit[] = [];
  let previousNodes: ReadonlySet<string> | undefined;

  /** The runs `runIndices` of one plan: its bundles, graph and schedule, then each run's files. */
  const planRuns = function* (plan: SamplePlan, runIndices: readonly number[]): Generator<SampleFile, SampleSchedule, undefined> {
    // Plan bundles, and the plan-artifacts table's parts written slice by slice (one row per view per run).
    const bundles: ViewBundle[] = [];
    for (let slice = 0; slice < artifactSlices; slice++) {
      const views = plan.views.slice(slice * PLAN_ARTIFACT_ROWS_PER_PART, (slice + 1) * PLAN_ARTIFACT_ROWS_PER_PART).map((view) => bundler.bundle(view));
      for (const b of views) bundles.push(b.bundle);
      for (const r of views.length === 0 ? [] : runIndices) {
        const part = writeDeltaPart(PLAN_ARTIFACTS_TABLE, PLAN_ARTIFACT_COLUMNS, { path: partName(slice, partIds[r].artifacts[slice]), rows: views.map((b) => planArtifactRow(b, runs[r].startMs)) });
        artifactParts[r].push(part.written);
        yield part.file;
      }
    }
    for (const r of runIndices) artifactInfo[r] = { operation_kind: 'plan_artifacts_store', row_count: bundles.length, event_kinds: 'plan', first_view_name: bundles[0]?.view.name ?? '', view_count: bundles.length };

    const fingerprints = new Map(bundles.map((b) => [b.view.name, b.planFingerprint]));
    const metadata = new Map(plan.datasets.map((d) => [d.name, [['dataset', d.name] as const, ['format', 'delta'] as const]]));
    const graph = buildTaskGraph(plan, fingerprints, metadata);
    const schedule = computeSchedule(graph, options.sha256);
    const planSignature = opaqueSignature('plan_signature', [graph.nodeLinkJson], options.sha256);
    const reducedPlanSignature = opaqueSignature('reduced_task_dependency_signature', graph.dependencies.map(([a, b]) => `${a}->${b}`), options.sha256);

    // Plan task signatures (§4.5, variant A): a scan task's is its scan unit signature.
    const scanSignatures = new Map(plan.scanUnits.map((u) => [u.taskName, scanUnitSignature(u, session.runtimeHash, 'A')]));
    const taskSignatures = new Map<string, string>(scanSignatures);
    for (const b of bundles) {
      taskSignatures.set(
        b.view.name,
        planTaskSignature(
          {
            runtimeHash: session.runtimeHash,
            planFingerprint: b.planFingerprint,
            functionRegistryHash: session.functionRegistryHash,
            udfSnapshotHash: session.udfSnapshotHash,
            rewriteTags: session.rewriteTags,
            domainPlannerNames: session.domainPlannerNames,
            dfSettingsHash: session.settingsHash,
            requiredUdfs: b.view.requiredUdfs,
            requiredRewriteTags: b.view.requiredRewriteTags,
            deltaInputs: b.pins,
            scanSignatures: b.scanUnits.map((u) => scanSignatures.get(u.taskName)!),
          },
          'A',
        ),
      );
    }
    const producers = new Set(graph.dependencies.map(([p]) => p));

    const dot = reducedDot(graph, schedule);

    for (const r of runIndices) {
      const { startMs, runId } = runs[r];
      const ctx: RunContext = { runId, runIndex: r, startMs, planSignature, reducedPlanSignature, profileName: session.profileName, ...(previousNodes === undefined ? {} : { previousNodes }) };
      const sink = `.artifacts/diagnostics/${runId}`;

      const schedule1 = scheduleEnvelope(ctx, schedule, options.sha256);
      const validation = validationEnvelope(ctx, graph, options.sha256);
      yield text(`${sink}/task_graph_node_link.json`, graph.nodeLinkJson);
      yield text(`${sink}/task_graph.dot`, dot);
      yield { path: `${sink}/plan_schedule_v1.json`, bytes: schedule1.json };
      yield { path: `${sink}/plan_schedule_v1.msgpack`, bytes: schedule1.msgpack };
      yield { path: `${sink}/plan_validation_v1.json`, bytes: validation.json };
      yield { path: `${sink}/plan_validation_v1.msgpack`, bytes: validation.msgpack };

      const run = buildRun(ctx, graph, schedule);
      previousNodes = new Set(run.executedTasks);
      yield { path: `${sink}/hamilton_plan_drift_v1.json`, bytes: pythonJsonFile(run.drift, { indent: 2, sortKeys: true }) };
      const events = writeDeltaPart(EVENTS_TABLE, EVENT_COLUMNS, { path: partName(0, partIds[r].events), rows: run.events.map((e) => eventRow(ctx, e)) });
      yield events.file;
      eventCommits.push({ timestampMs: run.events[run.events.length - 1].timeMs, operation: 'WRITE', operationParameters: { mode: 'Append' }, adds: [events.written], removes: [] });

      // The incremental state table is overwritten by every run (§8.1).
      const previous = fingerprintCommits[fingerprintCommits.length - 1]?.adds.map((a) => a.path) ?? [];
      const state = writeDeltaPart(PLAN_FINGERPRINTS_TABLE, FINGERPRINT_COLUMNS, { path: partName(0, partIds[r].fingerprints), rows: graph.tasks.map((t) => [5, t.name, t.planFingerprint, taskSignatures.get(t.name)!]) });
      yield state.file;
      fingerprintCommits.push({
        timestampMs: run.events[run.events.length - 1].timeMs + 1,
        operation: 'WRITE',
        operationParameters: { mode: previous.length === 0 ? 'ErrorIfExists' : 'Overwrite' },
        adds: [state.written],
        removes: previous,
      });

      const lineagePath = `build/hamilton_cache/lineage/${runId}.jsonl`;
      yield { path: lineagePath, bytes: run.lineageJsonl };
      const summary = v.dict([
        ['run_id', v.str(runId)],
        ['plan_signature', v.str(planSignature)],
        ['path', v.str(lineagePath)],
        ['record_count', v.int(run.lineageCount)],
        ['error_count', v.int(0)],
        ['log_count', v.int(0)],
        ['metadata_count', v.int(run.lineageCount)],
      ]);
      yield { path: `${sink}/hamilton_cache_lineage_v2.json`, bytes: pythonJsonFile(summary, { indent: 2, sortKeys: true }) };

      const executed = new Set(run.executedTasks);
      const outputs = graph.tasks.filter((t) => t.kind === 'view' && !producers.has(t.name) && executed.has(t.name));
      const manifest = v.struct(
        [
          ['kind', v.str('run_manifest')],
          [
            'payload',
            v.struct(
              [
                ['run_id', v.str(runId)],
                ['status', v.str(run.missingTasks.length === 0 ? 'completed' : 'partial')],
                ['event_time_unix_ms', v.int(startMs)],
                ['plan_signature', v.str(planSignature)],
                ['plan_fingerprints', v.dict(graph.tasks.map((t) => [t.name, v.str(t.planFingerprint)] as const))],
                ['delta_inputs', v.array(plan.datasets.map((d) => v.dict([['dataset_name', v.str(d.name)], ['version', v.int(d.pinnedVersion)], ['timestamp', v.nil]])))],
                ['outputs', v.array(outputs.map((t) => v.dict([['name', v.str(t.name)], ['path', v.str(`build/${t.name}`)], ['delta_version', v.int(r)], ['rows', v.int(100 + (t.name.length * 37) % 900)]])))],
                ['runtime_profile_name', v.str(session.profileName)],
                ['runtime_profile_hash', v.str(session.runtimeHash)],
                ['determinism_tier', v.str('strict')],
                ['output_dir', v.str('build')],
                ['artifact_ids', v.dict([['plan_schedule', v.str(schedule1.id)], ['plan_validation', v.str(validation.id)]])],
              ],
              17,
            ),
          ],
        ],
        2,
      );
      yield { path: `build/run_bundle/${runId}/run_manifest.json`, bytes: pythonJsonFile(manifest, { indent: 2, sortKeys: true }) };
    }
    return schedule;
  };

  // The first run plans the base plan; the later runs a plan that moved on (planChange.ts).
  const first = yield* planRuns(basePlan, [0]);
  let datasets = basePlan.datasets;
  if (options.runs > 1) {
    const change = changePlan(Prng.forLabel(options.seed, 'change'), basePlan, { tasks: new Set(first.criticalPath), length: first.criticalPathLength }, EPOCH_MS + 20 * 3_600_000);
    datasets = change.datasets;
    yield* planRuns(change.plan, runs.slice(1).map((_, k) => k + 1));
  }
  for (const d of datasets) yield* deltaTableFiles(d.table);
  yield* deltaLogFiles({
    root: PLAN_ARTIFACTS_TABLE,
    tableId: tableIds.artifacts,
    columns: PLAN_ARTIFACT_COLUMNS,
    commits: runs.map(({ startMs }, r) => ({
      timestampMs: startMs,
      operation: 'WRITE',
      operationParameters: { mode: 'Append' },
      info: artifactInfo[r],
      adds: artifactParts[r],
      removes: [],
    })),
  });

  yield* deltaLogFiles({ root: EVENTS_TABLE, tableId: tableIds.events, columns: EVENT_COLUMNS, commits: eventCommits });
  yield* deltaLogFiles({ root: PLAN_FINGERPRINTS_TABLE, tableId: tableIds.fingerprints, columns: FINGERPRINT_COLUMNS, commits: fingerprintCommits });
}

const FINGERPRINT_COLUMNS: readonly DeltaColumn[] = [
  { name: 'version', type: 'integer', nullable: false },
  { name: 'task_name', type: 'string', nullable: false },
  { name: 'plan_fingerprint', type: 'string', nullable: false },
  { name: 'plan_task_signature', type: 'string', nullable: false },
];

/**
 * `diagnostics.dot` (§2.4): rustworkx `to_dot` of the transitive reduction of the full bipartite graph,
 * node indices only. Kept edges are listed in the original link order.
 *
 * The reduction is read off the task-level one rather than computed again on the twice larger bipartite
 * graph. A task's only out-edge is to its output evidence, so every `produces` edge stays, and
 * task-to-task paths in both graphs are the same. A `requires` edge evidence(s) -> T is redundant exactly
 * when another consumer of s reaches T: for a task s that is the task dependency s -> T being removed by
 * the task-level reduction; for a raw dataset s (no producer) a search from its other consumers says it.
 * test/unit/sample checks the result against a direct reduction of the written graph.
 */
function reducedDot(graph: TaskGraph, schedule: SampleSchedule): string {
  const evidenceCount = graph.evidence.length;
  const taskIndex = new Map(graph.tasks.map((t, i) => [t.name, i]));
  const successors: number[][] = graph.tasks.map(() => []);
  for (const [producer, consumer] of graph.dependencies) successors[taskIndex.get(producer)!].push(taskIndex.get(consumer)!);
  const removed = new Set(schedule.removedDependencies.map(([a, b]) => `${a}\n${b}`));
  // For each raw dataset: the tasks one or more dependency steps below any of its consumers.
  const belowConsumers = new Map<string, Uint8Array>();
  const consumersOf = new Map<string, number[]>();
  graph.tasks.forEach((t, i) => {
    for (const source of t.sources) if (!taskIndex.has(source)) consumersOf.set(source, [...(consumersOf.get(source) ?? []), i]);
  });
  for (const [dataset, consumers] of consumersOf) {
    const seen = new Uint8Array(graph.tasks.length);
    const queue: number[] = [];
    const visit = (from: number): void => {
      for (const next of successors[from]) {
        if (seen[next] === 0) {
          seen[next] = 1;
          queue.push(next);
        }
      }
    };
    for (const c of consumers) visit(c);
    for (let q = 0; q < queue.length; q++) visit(queue[q]);
    belowConsumers.set(dataset, seen);
  }
  const kept = graph.fullEdges.filter(([a, b]) => {
    if (a >= evidenceCount) return true;
    const source = graph.evidence[a];
    const consumer = b - evidenceCount;
    return taskIndex.has(source) ? !removed.has(`${source}\n${graph.tasks[consumer].name}`) : belowConsumers.get(source)![consumer] === 0;
  });
  const nodeCount = evidenceCount + graph.tasks.length;
  const lines: string[] = ['digraph {'];
  for (let i = 0; i < nodeCount; i++) lines.push(`${i} ;`);
  for (const [a, b] of kept) lines.push(`${a} -> ${b} ;`);
  lines.push('}');
  return lines.join('\n') + '\n';
}
