/**
 * `generateSample`: a complete, realistic artifact set of a plan-driven pipeline run K times, laid out
 * as the pipeline lays it out on disk (docs/sample.md). Pure and deterministic: the same options give
 * the same files, byte for byte (no clock, no global randomness). O(tasks * runs).
 */

import { scanUnitSignature } from '../identity/scanUnits';
import { planTaskSignature } from '../identity/taskSignatures';
import { v } from '../identity/value';
import { Dag } from '../graph/dag';
import { topologicalOrder } from '../graph/topologicalOrder';
import { transitiveReduction } from '../graph/transitiveReduction';
import { scheduleEnvelope, validationEnvelope } from './artifacts';
import { deltaTableFiles, type DeltaCommit } from './deltaTable';
import { buildBundles, opaqueSignature, PLAN_ARTIFACT_COLUMNS, planArtifactRow } from './planBundles';
import { buildPlan, EPOCH_MS } from './planModel';
import { Prng } from './prng';
import { pythonJsonDumps } from './pythonJson';
import { buildRun, EVENT_COLUMNS, eventRow, lineageJsonl, type RunContext } from './runs';
import type { SampleFile } from './sampleFile';
import { computeSchedule } from './schedule';
import { buildSession } from './session';
import { buildTaskGraph } from './taskGraph';

export interface SampleOptions {
  /** Total tasks (scan + view), at least 2. */
  readonly tasks: number;
  /** Runs of the plan, at least 1. Run 2 carries the drift. */
  readonly runs: number;
  readonly seed: number;
}

export const PLAN_ARTIFACTS_TABLE = '.artifacts/datafusion_plan_artifacts_v1';
export const EVENTS_TABLE = '.artifacts/datafusion_hamilton_events_v1';
export const PLAN_FINGERPRINTS_TABLE = 'build/state/metadata/plan_fingerprints';

export function generateSample(options: SampleOptions): SampleFile[] {
  if (!Number.isInteger(options.tasks) || options.tasks < 2) throw new RangeError('tasks must be an integer >= 2');
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new RangeError('runs must be an integer >= 1');
  const prng = Prng.forLabel(options.seed, 'plan');
  const runIds = Prng.forLabel(options.seed, 'runs');
  const fileIds = Prng.forLabel(options.seed, 'files');
  const enc = new TextEncoder();
  const text = (path: string, content: string): SampleFile => ({ path, bytes: enc.encode(content) });
  const files: SampleFile[] = [];

  const plan = buildPlan(prng, options.tasks, EPOCH_MS + options.runs * 86_400_000);
  const session = buildSession(options.seed);
  const bundles = buildBundles(plan, session);
  const fingerprints = new Map(bundles.map((b) => [b.view.name, b.planFingerprint]));
  const metadata = new Map(plan.datasets.map((d) => [d.name, [['dataset', d.name] as const, ['format', 'delta'] as const]]));
  const graph = buildTaskGraph(plan, fingerprints, metadata);
  const schedule = computeSchedule(graph);
  const planSignature = opaqueSignature('plan_signature', [graph.nodeLinkJson]);
  const reducedPlanSignature = opaqueSignature('reduced_task_dependency_signature', graph.dependencies.map(([a, b]) => `${a}->${b}`));

  for (const d of plan.datasets) files.push(...deltaTableFiles(d.table));

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
  const fingerprintCommits: DeltaCommit[] = [];
  const producers = new Set(graph.dependencies.map(([p]) => p));

  const artifactCommits: DeltaCommit[] = [];
  const eventCommits: DeltaCommit[] = [];
  const taskNames = graph.tasks.map((t) => t.name);
  const dot = reducedDot(graph.evidence.length + taskNames.length, graph.fullEdges);

  for (let r = 0; r < options.runs; r++) {
    const startMs = EPOCH_MS + 9 * 3_600_000 + r * 86_400_000 + runIds.int(0, 600_000);
    const runId = runIds.uuid7(startMs);
    const ctx: RunContext = { runId, runIndex: r, startMs, planSignature, reducedPlanSignature, profileName: session.profileName };
    const sink = `.artifacts/diagnostics/${runId}`;

    artifactCommits.push({
      timestampMs: startMs,
      operation: 'WRITE',
      operationParameters: { mode: 'Append' },
      info: { operation_kind: 'plan_artifacts_store', row_count: bundles.length, event_kinds: 'plan', first_view_name: bundles[0]?.view.name ?? '', view_count: bundles.length },
      adds: [{ path: `part-00000-${fileIds.uuid()}-c000.snappy.parquet`, rows: bundles.map((b) => planArtifactRow(b, session, startMs)) }],
      removes: [],
    });

    const schedule1 = scheduleEnvelope(ctx, schedule);
    const validation = validationEnvelope(ctx, graph);
    files.push(text(`${sink}/task_graph_node_link.json`, graph.nodeLinkJson));
    files.push(text(`${sink}/task_graph.dot`, dot));
    files.push(text(`${sink}/plan_schedule_v1.json`, schedule1.json));
    files.push({ path: `${sink}/plan_schedule_v1.msgpack`, bytes: schedule1.msgpack });
    files.push(text(`${sink}/plan_validation_v1.json`, validation.json));
    files.push({ path: `${sink}/plan_validation_v1.msgpack`, bytes: validation.msgpack });

    const run = buildRun(ctx, graph, schedule);
    files.push(text(`${sink}/hamilton_plan_drift_v1.json`, pythonJsonDumps(run.drift, { indent: 2, sortKeys: true }) + '\n'));
    eventCommits.push({
      timestampMs: run.events[run.events.length - 1].timeMs,
      operation: 'WRITE',
      operationParameters: { mode: 'Append' },
      adds: [{ path: `part-00000-${fileIds.uuid()}-c000.snappy.parquet`, rows: run.events.map((e) => eventRow(ctx, e)) }],
      removes: [],
    });

    // The incremental state table is overwritten by every run (§8.1).
    const previous = fingerprintCommits[fingerprintCommits.length - 1]?.adds.map((a) => a.path) ?? [];
    fingerprintCommits.push({
      timestampMs: run.events[run.events.length - 1].timeMs + 1,
      operation: 'WRITE',
      operationParameters: { mode: previous.length === 0 ? 'ErrorIfExists' : 'Overwrite' },
      adds: [{ path: `part-00000-${fileIds.uuid()}-c000.snappy.parquet`, rows: graph.tasks.map((t) => [5, t.name, t.planFingerprint, taskSignatures.get(t.name)!]) }],
      removes: previous,
    });

    const lineagePath = `build/hamilton_cache/lineage/${runId}.jsonl`;
    files.push(text(lineagePath, lineageJsonl(run.lineageRows)));
    const summary = v.dict([
      ['run_id', v.str(runId)],
      ['plan_signature', v.str(planSignature)],
      ['path', v.str(lineagePath)],
      ['record_count', v.int(run.lineageRows.length)],
      ['error_count', v.int(0)],
      ['log_count', v.int(0)],
      ['metadata_count', v.int(run.lineageRows.length)],
    ]);
    files.push(text(`${sink}/hamilton_cache_lineage_v2.json`, pythonJsonDumps(summary, { indent: 2, sortKeys: true }) + '\n'));

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
    files.push(text(`build/run_bundle/${runId}/run_manifest.json`, pythonJsonDumps(manifest, { indent: 2, sortKeys: true }) + '\n'));
  }

  files.push(...deltaTableFiles({ root: PLAN_ARTIFACTS_TABLE, tableId: fileIds.uuid(), columns: PLAN_ARTIFACT_COLUMNS, commits: artifactCommits }));
  files.push(...deltaTableFiles({ root: EVENTS_TABLE, tableId: fileIds.uuid(), columns: EVENT_COLUMNS, commits: eventCommits }));
  const fingerprintColumns = [
    { name: 'version', type: 'integer', nullable: false },
    { name: 'task_name', type: 'string', nullable: false },
    { name: 'plan_fingerprint', type: 'string', nullable: false },
    { name: 'plan_task_signature', type: 'string', nullable: false },
  ] as const;
  files.push(...deltaTableFiles({ root: PLAN_FINGERPRINTS_TABLE, tableId: fileIds.uuid(), columns: fingerprintColumns, commits: fingerprintCommits }));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * `diagnostics.dot` (§2.4): rustworkx `to_dot` of the transitive reduction of the full bipartite graph,
 * node indices only. Kept edges are listed in the original link order.
 */
function reducedDot(nodeCount: number, edges: readonly (readonly [number, number])[]): string {
  const names = Array.from({ length: nodeCount }, (_, i) => String(i));
  const dag = Dag.fromEdges(names, edges.map(([a]) => a), edges.map(([, b]) => b));
  const topo = topologicalOrder(dag);
  if (!topo.ok) throw new Error('the sample task graph has a cycle: a generator bug');
  const reduced = transitiveReduction(dag, topo.order).reduced;
  const kept = edges.filter(([a, b]) => reduced.hasEdge(a, b));
  return ['digraph {', ...names.map((n) => `${n} ;`), ...kept.map(([a, b]) => `${a} -> ${b} ;`), '}'].join('\n') + '\n';
}
