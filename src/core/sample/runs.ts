/**
 * Runtime evidence for each run of the sample plan: the Hamilton scheduling events (submission, grouping,
 * expansion), `hamilton_plan_drift_v1` computed from them as the pipeline does, cache lineage rows with
 * hits and misses, and the `datafusion_hamilton_events_v1` rows with their `event_payload_hash`
 * (artifact-formats.md §4.7, §6, §7). Run 2 drifts on purpose: one task is never admitted, one task not
 * in the plan is admitted, and the last generation is never submitted; one view's code changed, so it
 * and everything downstream miss the cache. O(tasks) per run.
 */

import { encodeBase64 } from '../text/base64';
import { eventPayloadHashV1 } from '../identity/events';
import { sha256Utf8 } from '../identity/hash';
import { sha224Text } from '../identity/sha2';
import { encodeMsgspecJson } from '../identity/msgspecJson';
import { compareUtf8, sortedStrings, v, type Value } from '../identity/value';
import type { Cell, DeltaColumn } from './deltaTableWriter';
import { zlibCompress } from './deflate';
import { pythonJsonLines } from './pythonJson';
import type { SampleSchedule } from './sampleSchedule';
import type { TaskGraph } from './taskGraph';

export interface RunContext {
  readonly runId: string;
  readonly runIndex: number;
  readonly startMs: number;
  readonly planSignature: string;
  readonly reducedPlanSignature: string;
  readonly profileName: string;
  /** The nodes the previous run executed: a node it did not run has nothing in the cache to hit. */
  readonly previousNodes?: ReadonlySet<string>;
}

export interface EventRecord {
  readonly name: string;
  readonly timeMs: number;
  /** msgspec JSON of the payload, encoded when the event is made so its `Value` tree can go. */
  readonly payloadJson: string;
}

export interface RunEvidence {
  readonly events: readonly EventRecord[];
  readonly drift: Value;
  /** The cache lineage JSONL file's bytes and its row count. */
  readonly lineageJsonl: Uint8Array;
  readonly lineageCount: number;
  readonly executedTasks: readonly string[];
  readonly missingTasks: readonly string[];
  readonly unexpectedTasks: readonly string[];
}

export function buildRun(ctx: RunContext, graph: TaskGraph, schedule: SampleSchedule): RunEvidence {
  const drifting = ctx.runIndex === 1;
  const gens = schedule.generations;
  const droppedGeneration = drifting && gens.length >= 3 ? gens.length - 1 : -1;
  const middle = gens.length >= 3 ? Math.floor(gens.length / 2) : 0;
  const missingTask = drifting ? gens[middle][gens[middle].length - 1] : undefined;
  const unexpected = drifting ? `${(missingTask ?? 'task').replace(/_v\d+$/, '')}_legacy_v0` : undefined;
  const base = (): [string, Value][] => [
    ['run_id', v.str(ctx.runId)],
    ['plan_signature', v.str(ctx.planSignature)],
    ['reduced_plan_signature', v.str(ctx.reducedPlanSignature)],
  ];
  const events: EventRecord[] = [];
  let t = ctx.startMs;
  const submitted: string[] = [];
  const admittedAll: string[] = [];
  const admittedGenerations = new Set<number>();
  const planTasks = new Set(graph.tasks.map((x) => x.name));
  const onCriticalPath = new Set(schedule.criticalPath);
  const event = (name: string, timeMs: number, payload: Value): EventRecord => ({ name, timeMs, payloadJson: encodeMsgspecJson(payload) });
  gens.forEach((gen, g) => {
    if (g === droppedGeneration) return;
    const names = gen.filter((n) => n !== missingTask);
    if (unexpected !== undefined && g === middle) names.push(unexpected);
    const taskId = `generation_${g}`;
    submitted.push(taskId);
    const admitted = names;
    admittedAll.push(...admitted);
    const facts = names.map((n) => {
      const gi = schedule.generationOf.get(n);
      if (gi !== undefined && planTasks.has(n)) admittedGenerations.add(gi);
      // Keys in sorted order, as msgspec writes them, so the encoder need not sort a copy per task.
      return v.dict([
        ['bottom_level_cost', v.float(schedule.bottomLevels.get(n) ?? 0)],
        ['generation_index', gi === undefined ? v.nil : v.int(gi)],
        ['on_critical_path', v.bool(onCriticalPath.has(n))],
        ['schedule_index', schedule.scheduleIndex.has(n) ? v.int(schedule.scheduleIndex.get(n)!) : v.nil],
        ['task_name', v.str(n)],
      ]);
    });
    t += 40 + g * 7;
    const submission = v.dict([
      ...base(),
      ['task_id', v.str(taskId)],
      ['purpose', v.str('execute_block')],
      ['plan_task_count', v.int(graph.tasks.length)],
      ['execution_task_names', v.strs(names)],
      ['admitted_tasks', v.strs(admitted)],
      ['rejected_tasks', v.strs([])],
      ['unknown_tasks', v.strs(names.filter((n) => !planTasks.has(n)))],
      ['critical_path_tasks', v.strs(schedule.criticalPath)],
      ['task_facts', v.array(facts)],
      ['reduction_edge_count', v.int(schedule.reducedEdgeCount + schedule.removedEdgeCount)],
      ['reduction_removed_edge_count', v.int(schedule.removedEdgeCount)],
    ]);
    events.push(event('hamilton_task_submission_v1', t, submission));
  });
  const scanNames = graph.tasks.filter((x) => x.kind === 'scan').map((x) => x.name);
  events.push(event('hamilton_task_expansion_v1', ++t, v.dict([...base(), ['task_id', v.str('generation_0')], ['parameter_keys', v.strs(sortedStrings(scanNames))], ['parameter_count', v.int(scanNames.length)]])));
  events.push(event('hamilton_task_grouping_v1', ++t, v.dict([...base(), ['task_ids', v.strs(submitted)], ['task_count', v.int(submitted.length)]])));

  const admittedSet = new Set(admittedAll);
  const missing = sortedStrings([...planTasks].filter((n) => !admittedSet.has(n)));
  const unexpectedAdmitted = sortedStrings([...admittedSet].filter((n) => !planTasks.has(n)));
  const planGenerations = gens.map((_, i) => i);
  const admittedGens = [...admittedGenerations].sort((a, b) => a - b);
  const coverage = planTasks.size === 0 ? 1 : [...admittedSet].filter((n) => planTasks.has(n)).length / planTasks.size;
  const drift = v.dict([
    ...base(),
    ['plan_task_count', v.int(planTasks.size)],
    ['admitted_task_count', v.int(admittedSet.size)],
    ['admitted_task_coverage_ratio', v.float(coverage)],
    ['missing_admitted_tasks', v.strs(missing)],
    ['unexpected_admitted_tasks', v.strs(unexpectedAdmitted)],
    ['plan_generation_count', v.int(gens.length)],
    ['plan_generations', v.array(planGenerations.map((g) => v.int(g)))],
    ['admitted_generation_count', v.int(admittedGens.length)],
    ['admitted_generations', v.array(admittedGens.map((g) => v.int(g)))],
    ['missing_generations', v.array(planGenerations.filter((g) => !admittedGenerations.has(g)).map((g) => v.int(g)))],
    ['submission_event_count', v.int(submitted.length)],
    ['grouping_event_count', v.int(1)],
    ['expansion_event_count', v.int(1)],
  ]);
  events.push(event('hamilton_plan_drift_v1', ++t, drift));

  const executed = admittedAll;
  // @A cache-lineage export: Python `json.dumps` lines, sorted keys; each row is written as it is made.
  const lineageJsonl = pythonJsonLines(lineageRows(ctx, graph, schedule, executed), { sortKeys: true });
  return { events, drift, lineageJsonl, lineageCount: executed.length, executedTasks: executed, missingTasks: missing, unexpectedTasks: unexpectedAdmitted };
}

/**
 * Cache lineage rows (`hamilton_cache_lineage_nodes_v1`), one per executed node. Run 1 starts from an
 * empty cache (all misses). Later runs hit, except the view whose code changed and everything that
 * depends on it, and nodes the previous run did not execute (tasks outside the plan, tasks the later plan
 * added or renamed) and what depends on them.
 */
function* lineageRows(ctx: RunContext, graph: TaskGraph, schedule: SampleSchedule, executed: readonly string[]): Generator<Value, void, undefined> {
  const producers = new Map<string, string[]>();
  for (const [p, c] of graph.dependencies) producers.set(c, [...(producers.get(c) ?? []), p]);
  const kinds = new Map(graph.tasks.map((x) => [x.name, x.kind]));
  const views = schedule.orderedTasks.filter((n) => kinds.get(n) === 'view');
  const changed = views[Math.floor(views.length / 3)];
  const dataVersion = new Map<string, string>();
  const dirty = new Set<string>();
  const order = [...executed].sort((a, b) => (schedule.scheduleIndex.get(a) ?? 1e9) - (schedule.scheduleIndex.get(b) ?? 1e9) || compareUtf8(a, b));
  for (const node of order) {
    const codeRev = ctx.runIndex > 0 && node === changed ? 1 : 0;
    const codeVersion = sha256Utf8(`code ${node} rev ${codeRev}`);
    const deps = (producers.get(node) ?? []).filter((d) => dataVersion.has(d)).sort(compareUtf8);
    const depVersions = deps.map((d) => [d, dataVersion.get(d)!] as const);
    const depsDirty = deps.some((d) => dirty.has(d));
    const isNew = !schedule.scheduleIndex.has(node) || (ctx.previousNodes !== undefined && !ctx.previousNodes.has(node));
    const miss = ctx.runIndex === 0 || codeRev > 0 || depsDirty || isNew;
    const dv = dataVersionOf(`${node}|${codeVersion}|${depVersions.map(([d, x]) => `${d}=${x}`).join(',')}`);
    dataVersion.set(node, dv);
    if (miss && ctx.runIndex > 0) dirty.add(node);
    const events = miss ? ['execute_node', 'get_cache_key', 'get_data_version', 'set_cache_key', 'set_data_version', 'set_result'] : ['get_cache_key', 'get_data_version', 'get_result'];
    const g = schedule.generationOf.get(node) ?? schedule.generationOf.get(graph.dependencies.find(([, c]) => c === node)?.[0] ?? '') ?? 0;
    // Keys in sorted order, as the line is written.
    yield v.dict([
      ['cache_key', v.str(cacheKey(node, codeVersion, depVersions))],
      ['code_version', v.str(codeVersion)],
      ['data_version', v.str(dv)],
      ['dependencies_data_versions', v.dict(depVersions.map(([d, x]) => [d, v.str(x)] as const))],
      ['error', v.nil],
      ['event_count', v.int(events.length)],
      ['event_types', v.strs(events)],
      ['node_name', v.str(node)],
      ['plan_signature', v.str(ctx.planSignature)],
      ['run_id', v.str(ctx.runId)],
      ['source', v.str('metadata_store')],
      ['task_id', v.str(`generation_${g}`)],
    ]);
  }
}

/** Hamilton's cache key: `<safe name>-<code version>-<base64(zlib level 3 of "dep,dv,...")>` (§7). */
export function cacheKey(node: string, codeVersion: string, deps: readonly (readonly [string, string])[]): string {
  const payload = deps.length === 0 ? '<none>' : deps.map(([d, x]) => `${d},${x}`).join(',');
  return `${node.replace(/[^A-Za-z0-9_]/g, '')}-${codeVersion}-${encodeBase64(zlibCompress(new TextEncoder().encode(payload), 3))}`;
}

/** A Hamilton data_version for a DataFrame result: URL-safe base64 of a SHA-224. */
function dataVersionOf(text: string): string {
  return encodeBase64(sha224Text(text)).replace(/\+/g, '-').replace(/\//g, '_');
}

/** `datafusion_hamilton_events_v1` columns (§8.1). */
export const EVENT_COLUMNS: readonly DeltaColumn[] = [
  ['event_time_unix_ms', 'long', false],
  ['profile_name', 'string', true],
  ['run_id', 'string', false],
  ['event_name', 'string', false],
  ['plan_signature', 'string', false],
  ['reduced_plan_signature', 'string', false],
  ['event_payload_json', 'string', false],
  ['event_payload_hash', 'string', false],
].map(([name, type, nullable]) => ({ name, type, nullable }) as DeltaColumn);

/** One events-table row; the hash is SHA-256 of the spliced msgspec JSON of §4.7. */
export function eventRow(ctx: RunContext, e: EventRecord): Cell[] {
  const payloadJson = e.payloadJson;
  const hash = eventPayloadHashV1({ eventName: e.name, eventPayloadJson: payloadJson, planSignature: ctx.planSignature, reducedPlanSignature: ctx.reducedPlanSignature });
  return [e.timeMs, ctx.profileName, ctx.runId, e.name, ctx.planSignature, ctx.reducedPlanSignature, payloadJson, hash];
}


