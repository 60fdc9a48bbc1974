/**
 * One entry point for every pipeline artifact: decodes the container, tells which artifact each record
 * is (envelope `kind`, an events-table `event_name`, else the record's shape), and runs its reader. A file
 * may hold many records (JSON lines, a JSON list of rows). Unknown kinds and versions are issues, never
 * guesses. O(bytes).
 */

import type { FileSystem } from '../fs/fileSystem';
import type { PlanIssue } from '../issues';
import type { JsonObject, JsonValue } from '../json/parseJson';
import { dict, type CacheLineage, type CacheLineageRow, type ExpectedTasks, type PlanDrift, type PlanEventCounts, type RunEvent, type RunManifest, type Schedule, type Validation, type ViewPlan } from '../model/planModel';
import { readCliPlan, readDot, type CliPlan, type DotGraph } from './cliPlan';
import { decodeBytes, readArtifactFile, type ContainerFormat, type DecodedDocument, type ReadOptions } from './decode';
import { FieldReader } from './fields';
import { decodeColumnValue } from './columns';
import { readPlanArtifactRow } from './planArtifactRow';
import { readCacheLineage, readCacheLineageRowObject, readPlanFingerprintRow, readRunManifest, type PlanFingerprintRow } from './runManifest';
import { readDrift, readExpansion, readExpectedTasks, readGrouping, readPlanEventCounts, readRouting, readSubmission } from './runEvents';
import { readSchedule, readValidation, unwrapEnvelope } from './schedule';
import { readTaskGraphDiagnostics, type TaskGraphDiagnostics } from './taskGraphDiagnostics';

export type ArtifactRecord =
  | { readonly kind: 'plan_schedule_v1'; readonly value: Schedule }
  | { readonly kind: 'plan_validation_v1'; readonly value: Validation }
  | { readonly kind: 'run_manifest'; readonly value: RunManifest }
  | { readonly kind: 'hamilton_plan_drift_v1'; readonly value: PlanDrift }
  | { readonly kind: 'run_event'; readonly value: RunEvent }
  | { readonly kind: 'plan_expected_tasks_v1'; readonly value: ExpectedTasks }
  | { readonly kind: 'hamilton_plan_events_v1'; readonly value: PlanEventCounts }
  | { readonly kind: 'hamilton_cache_lineage_v2'; readonly value: CacheLineage }
  | { readonly kind: 'hamilton_cache_lineage_nodes_v1'; readonly value: CacheLineageRow }
  | { readonly kind: 'plan_artifact_row'; readonly value: ViewPlan }
  | { readonly kind: 'cli_plan'; readonly value: CliPlan }
  | { readonly kind: 'dot'; readonly value: DotGraph }
  | { readonly kind: 'plan_fingerprint'; readonly value: PlanFingerprintRow }
  | { readonly kind: 'task_graph_diagnostics_v2'; readonly value: TaskGraphDiagnostics }
  /** Handled by the callers that know the node-link reader and the bundle format. */
  | { readonly kind: 'node_link'; readonly value: JsonObject }
  | { readonly kind: 'planlens_bundle'; readonly value: JsonObject };

export type ArtifactKind = ArtifactRecord['kind'];

export interface ReadArtifact {
  readonly file: string;
  readonly format: ContainerFormat;
  readonly records: readonly ArtifactRecord[];
  readonly issues: PlanIssue[];
  /** The decoded document, for callers that re-read parts of it (bundle, node-link). */
  readonly document: DecodedDocument;
}

type Reader = (o: JsonObject, r: FieldReader, at: string) => ArtifactRecord;

/** Readers by the artifact's pipeline name (events-table `event_name`, file-name stem, envelope kind). */
const BY_NAME: Readonly<Record<string, Reader>> = {
  plan_schedule_v1: (o, r, at) => ({ kind: 'plan_schedule_v1', value: readSchedule(o, r, at) }),
  plan_validation_v1: (o, r, at) => ({ kind: 'plan_validation_v1', value: readValidation(o, r, at) }),
  run_manifest_v2: (o, r, at) => ({ kind: 'run_manifest', value: readRunManifest(o, r, at) }),
  hamilton_plan_drift_v1: (o, r, at) => ({ kind: 'hamilton_plan_drift_v1', value: readDrift(o, r, at) }),
  hamilton_task_submission_v1: (o, r, at) => ({ kind: 'run_event', value: readSubmission(o, r, at) }),
  hamilton_task_grouping_v1: (o, r, at) => ({ kind: 'run_event', value: readGrouping(o, r, at) }),
  hamilton_task_expansion_v1: (o, r, at) => ({ kind: 'run_event', value: readExpansion(o, r, at) }),
  hamilton_task_routing_v1: (o, r, at) => ({ kind: 'run_event', value: readRouting(o, r, at) }),
  plan_expected_tasks_v1: (o, r, at) => ({ kind: 'plan_expected_tasks_v1', value: readExpectedTasks(o, r, at) }),
  hamilton_plan_events_v1: (o, r, at) => ({ kind: 'hamilton_plan_events_v1', value: readPlanEventCounts(o, r, at) }),
  hamilton_cache_lineage_v2: (o, r, at) => ({ kind: 'hamilton_cache_lineage_v2', value: readCacheLineage(o, r, at) }),
  hamilton_cache_lineage_nodes_v1: (o, r, at) => ({ kind: 'hamilton_cache_lineage_nodes_v1', value: readCacheLineageRowObject(o, r, at) }),
};

const ENVELOPE_KINDS: Readonly<Record<string, string>> = { plan_schedule: 'plan_schedule_v1', plan_validation: 'plan_validation_v1', run_manifest: 'run_manifest_v2' };

/** Shape rules, first match wins: each names keys only its artifact has. */
const SHAPES: readonly (readonly [readonly string[], string | Reader])[] = [
  [['node_link_json'], (o, r, at) => ({ kind: 'task_graph_diagnostics_v2', value: readTaskGraphDiagnostics(o, r, at) })],
  [['task_graph'], (o, r, at) => ({ kind: 'cli_plan', value: readCliPlan(o, r, at) })],
  [['inferred_deps'], (o, r, at) => ({ kind: 'cli_plan', value: readCliPlan(o, r, at) })],
  [['view_name', 'plan_fingerprint'], (o, r, at) => ({ kind: 'plan_artifact_row', value: readPlanArtifactRow(o, r, at) })],
  [['admitted_task_coverage_ratio'], 'hamilton_plan_drift_v1'],
  [['missing_admitted_tasks'], 'hamilton_plan_drift_v1'],
  [['execution_task_names'], 'hamilton_task_submission_v1'],
  [['admitted_tasks'], 'hamilton_task_submission_v1'],
  [['task_ids'], 'hamilton_task_grouping_v1'],
  [['parameter_keys'], 'hamilton_task_expansion_v1'],
  [['executor'], 'hamilton_task_routing_v1'],
  [['event_counts'], 'hamilton_plan_events_v1'],
  [['ordered_tasks'], 'plan_schedule_v1'],
  [['generations'], 'plan_schedule_v1'],
  [['task_results'], 'plan_validation_v1'],
  [['total_tasks', 'valid_tasks'], 'plan_validation_v1'],
  [['record_count', 'log_count'], 'hamilton_cache_lineage_v2'],
  [['node_name', 'event_types'], 'hamilton_cache_lineage_nodes_v1'],
  [['node_name', 'dependencies_data_versions'], 'hamilton_cache_lineage_nodes_v1'],
  [['artifact_ids'], 'run_manifest_v2'],
  [['run_id', 'status'], 'run_manifest_v2'],
  [['tasks', 'task_count'], 'plan_expected_tasks_v1'],
  [['task_name', 'plan_fingerprint'], (o, r, at) => ({ kind: 'plan_fingerprint', value: readPlanFingerprintRow(o, r, at) })],
];

const KNOWN_NAMES = Object.keys(BY_NAME);

function versionless(name: string): string {
  return name.replace(/_v\d+$/, '');
}

/** The artifact name a file-name stem announces (`hamilton_plan_drift_v1.json`, `plan_schedule_artifact.msgpack.b64`). */
export function kindFromFileName(file: string): string | undefined {
  const base = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  return KNOWN_NAMES.find((n) => base.startsWith(n));
}

export function readRecord(value: JsonValue, r: FieldReader, at: string, nameHint: string | undefined): ArtifactRecord | undefined {
  const o = r.object(value, at, 'an artifact object');
  if (o === undefined) return undefined;
  if (o.planLens === 'bundle') return { kind: 'planlens_bundle', value: o };
  if (o.directed !== undefined && Array.isArray(o.nodes) && Array.isArray(o.links)) return { kind: 'node_link', value: o };
  const env = unwrapEnvelope(o);
  if (env.envelope) {
    const name = ENVELOPE_KINDS[env.kind ?? ''];
    if (name === undefined) {
      r.report('error', 'unknown-kind', `unknown envelope kind "${env.kind}" (known: ${Object.keys(ENVELOPE_KINDS).join(', ')})`, at + '/kind');
      return undefined;
    }
    return BY_NAME[name](env.payload, r, at + env.at);
  }
  if (typeof o.event_name === 'string') return readEventRow(o, r, at);
  if (nameHint !== undefined) return BY_NAME[nameHint](o, r, at);
  const keys = new Set(Object.keys(o));
  for (const [need, target] of SHAPES) {
    if (need.every((k) => keys.has(k))) return typeof target === 'string' ? BY_NAME[target](o, r, at) : target(o, r, at);
  }
  r.report('error', 'unknown-kind', 'not a plan artifact Plan Lens knows (no envelope kind, event name or recognizable fields)', at);
  return undefined;
}

/** A row of the Hamilton events table: `event_name` plus the payload as JSON text, msgpack or an object. */
function readEventRow(o: JsonObject, r: FieldReader, at: string): ArtifactRecord | undefined {
  const name = o.event_name as string;
  const reader = Object.prototype.hasOwnProperty.call(BY_NAME, name) ? BY_NAME[name] : undefined;
  if (reader === undefined) {
    const sameBase = KNOWN_NAMES.find((n) => versionless(n) === versionless(name));
    if (sameBase !== undefined) r.report('error', 'unknown-version', `"${name}" is a version Plan Lens does not read (it reads ${sameBase})`, at + '/event_name');
    else r.report('warning', 'unknown-kind', `unknown event "${name}"; skipped`, at + '/event_name');
    return undefined;
  }
  for (const key of ['event_payload_json', 'event_payload_msgpack', 'payload']) {
    if (!Object.prototype.hasOwnProperty.call(o, key)) continue;
    const p = `${at}/${key}`;
    const payload = key === 'payload' ? o.payload : decodeColumnValue(o[key], key, p, r);
    if (payload === undefined) return undefined;
    const po = r.object(payload, p);
    if (po === undefined) return undefined;
    // The table holds run_id and the signatures as columns; a payload that omits them inherits them.
    const merged = dict<JsonValue>(Object.keys(po).map((k) => [k, po[k]] as const)) as JsonObject;
    for (const k of ['run_id', 'plan_signature', 'reduced_plan_signature']) if (!Object.prototype.hasOwnProperty.call(po, k) && typeof o[k] === 'string') merged[k] = o[k];
    return reader(merged, r, p);
  }
  r.report('error', 'missing-field', 'an event row needs event_payload_json, event_payload_msgpack or payload', at);
  return undefined;
}

export function readDocument(doc: DecodedDocument): ReadArtifact {
  const issues = [...doc.issues];
  const records: ArtifactRecord[] = [];
  const base = { file: doc.file, format: doc.format, records, issues, document: doc };
  if (doc.value === undefined) return base;
  const r = new FieldReader(doc.file, doc.format === 'json' ? doc.text : undefined, issues);
  if (doc.format === 'dot') {
    records.push({ kind: 'dot', value: readDot(doc.value as string, r) });
    r.resolvePositions();
    return base;
  }
  const hint = kindFromFileName(doc.file);
  if (doc.format === 'jsonl' && Array.isArray(doc.value)) {
    doc.value.forEach((line, i) => {
      const lineNo = doc.lines?.[i];
      const lr = new FieldReader(doc.file, undefined, []);
      const rec = readRecord(line, lr, '', hint);
      for (const x of lr.resolvePositions()) issues.push({ ...x, location: { ...x.location, ...(lineNo !== undefined ? { line: lineNo } : {}) } });
      if (rec !== undefined) records.push(rec);
    });
    return base;
  }
  if (Array.isArray(doc.value)) {
    doc.value.forEach((item, i) => {
      const rec = readRecord(item, r, `/${i}`, hint);
      if (rec !== undefined) records.push(rec);
    });
    r.resolvePositions();
    return base;
  }
  const rec = readRecord(doc.value, r, '', hint);
  if (rec !== undefined) records.push(rec);
  r.resolvePositions();
  return base;
}

export async function readArtifact(fs: FileSystem, file: string, options: ReadOptions = {}): Promise<ReadArtifact> {
  return readDocument(await readArtifactFile(fs, file, options));
}

export function readArtifactBytes(bytes: Uint8Array, file: string, options: ReadOptions = {}): ReadArtifact {
  return readDocument(decodeBytes(bytes, file, options));
}
