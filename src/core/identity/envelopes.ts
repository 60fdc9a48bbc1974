/**
 * msgspec Struct schemas of the enveloped artifacts (@C) and `artifact_envelope_id` = SHA-256 of the
 * envelope's msgpack (artifact-formats.md §4.1, §6, §9). Field orders are the declaration orders seen in
 * the pipeline's golden msgpack files; the declared counts fix the map header width (RunManifest: 17,
 * so map16 even when fewer fields are emitted). O(artifact size).
 */

import { msgpackSha256 } from './hash';
import { s, toValue, type Schema } from './value';
import type { Plain } from '../json/decodedValue';

const floatDict = s.dict(s.float);

export const PLAN_SCHEDULE_SCHEMA: Schema = s.struct(
  [
    ['run_id', s.any],
    ['plan_signature', s.any],
    ['reduced_plan_signature', s.any],
    ['task_count', s.any],
    ['ordered_tasks', s.any],
    ['generations', s.any],
    ['critical_path_tasks', s.any],
    ['critical_path_length_weighted', s.float],
    ['task_costs', floatDict],
    ['bottom_level_costs', floatDict],
    ['slack_by_task', floatDict],
    ['task_centrality', floatDict],
    ['task_dominators', s.any],
    ['bridge_edges', s.any],
    ['articulation_tasks', s.any],
  ],
  15,
);

export const PLAN_VALIDATION_SCHEMA: Schema = s.struct(
  [
    ['run_id', s.any],
    ['plan_signature', s.any],
    ['reduced_plan_signature', s.any],
    ['total_tasks', s.any],
    ['valid_tasks', s.any],
    ['invalid_tasks', s.any],
    ['total_edges', s.any],
    ['valid_edges', s.any],
    ['invalid_edges', s.any],
    ['task_results', s.any],
  ],
  10,
);

/** 12 of RunManifest's 17 declared fields are known from the golden; the other 5 are not. */
export const RUN_MANIFEST_SCHEMA: Schema = s.struct(
  [
    ['run_id', s.any],
    ['status', s.any],
    ['event_time_unix_ms', s.any],
    ['plan_signature', s.any],
    ['plan_fingerprints', s.any],
    ['delta_inputs', s.any],
    ['outputs', s.any],
    ['runtime_profile_name', s.any],
    ['runtime_profile_hash', s.any],
    ['determinism_tier', s.any],
    ['output_dir', s.any],
    ['artifact_ids', s.any],
  ],
  17,
);

const ROW_BYTES = [
  'delta_inputs_msgpack',
  'planning_env_msgpack',
  'rulepack_msgpack',
  'information_schema_msgpack',
  'substrait_msgpack',
  'logical_plan_proto_msgpack',
  'optimized_plan_proto_msgpack',
  'execution_plan_proto_msgpack',
  'explain_tree_rows_msgpack',
  'explain_verbose_rows_msgpack',
  'substrait_validation_msgpack',
  'lineage_msgpack',
  'scan_units_msgpack',
  'plan_details_msgpack',
  'udf_snapshot_msgpack',
  'udf_planner_snapshot_msgpack',
  'udf_compatibility_detail_msgpack',
  'plan_signals_msgpack',
];
const ROW_ORDER = [
  'event_time_unix_ms', 'profile_name', 'event_kind', 'view_name', 'plan_fingerprint', 'plan_identity_hash', 'udf_snapshot_hash',
  'function_registry_hash', 'required_udfs', 'required_rewrite_tags', 'domain_planner_names', 'delta_inputs_msgpack', 'df_settings',
  'planning_env_msgpack', 'planning_env_hash', 'rulepack_msgpack', 'rulepack_hash', 'information_schema_msgpack', 'information_schema_hash',
  'substrait_msgpack', 'logical_plan_proto_msgpack', 'optimized_plan_proto_msgpack', 'execution_plan_proto_msgpack',
  'explain_tree_rows_msgpack', 'explain_verbose_rows_msgpack', 'explain_analyze_duration_ms', 'explain_analyze_output_rows',
  'substrait_validation_msgpack', 'lineage_msgpack', 'scan_units_msgpack', 'scan_keys', 'plan_details_msgpack', 'udf_snapshot_msgpack',
  'udf_planner_snapshot_msgpack', 'udf_compatibility_ok', 'udf_compatibility_detail_msgpack', 'plan_signals_msgpack',
];

/** `PlanArtifactRow` (@C, table v10): 37 fields; msgpack columns are bytes (base64 in JSON). */
export const PLAN_ARTIFACT_ROW_SCHEMA: Schema = s.struct(
  ROW_ORDER.map((name) => [name, ROW_BYTES.includes(name) ? s.bytes : name === 'explain_analyze_duration_ms' ? s.float : s.any] as const),
  ROW_ORDER.length,
);

export type EnvelopeKind = 'plan_schedule' | 'plan_validation' | 'run_manifest';

export const PAYLOAD_SCHEMAS: Readonly<Record<EnvelopeKind, Schema>> = {
  plan_schedule: PLAN_SCHEDULE_SCHEMA,
  plan_validation: PLAN_VALIDATION_SCHEMA,
  run_manifest: RUN_MANIFEST_SCHEMA,
};

export function isEnvelopeKind(kind: unknown): kind is EnvelopeKind {
  return typeof kind === 'string' && Object.hasOwn(PAYLOAD_SCHEMAS, kind);
}

/** `{kind, payload}`: a tagged Struct with one declared field plus the tag, the tag encoded first. */
export function envelopeSchema(kind: EnvelopeKind): Schema {
  return s.struct([['payload', PAYLOAD_SCHEMAS[kind]]], 2, ['kind', kind]);
}

/** `artifact_envelope_id` of an envelope given as plain data (`{kind, payload}`); throws SchemaMismatch. */
export function artifactEnvelopeId(kind: EnvelopeKind, payload: Plain): string {
  return msgpackSha256(toValue({ kind, payload }, envelopeSchema(kind)));
}
