/**
 * Rows of the plan-artifacts tables (§5.2): `datafusion_plan_artifacts_v1` with JSON-text columns
 * (`*_json`, `substrait_b64`) and `_v10` with typed and msgpack columns (`*_msgpack`, base64 in JSON,
 * raw bytes in msgpack). Both become one `ViewPlan`: the plan bundle of one view, its Delta pins,
 * scan units and structured lineage. Nested column payloads are decoded with the same limits as files.
 */

import { isJsonObject, type JsonObject, type JsonValue } from '../json/parseJson';
import { dict, type Dict, type Lineage, type ScanUnit, type ViewPlan } from '../model/planModel';
import { decodeColumn } from './columns';
import { extraFields, FieldReader } from './fields';
import { readDeltaPin } from './runManifest';

function readScanUnit(v: JsonValue, r: FieldReader, at: string): ScanUnit | undefined {
  const o = r.object(v, at);
  if (o === undefined) return undefined;
  const known = ['key', 'dataset_name', 'delta_version', 'delta_timestamp', 'candidate_files', 'projected_columns', 'pushed_filters', 'total_files', 'candidate_file_count', 'pruned_file_count'];
  const extra = extraFields(o, known);
  const opt = (k: string): number | undefined => r.int(o, k, at);
  const total = opt('total_files');
  const cand = opt('candidate_file_count');
  const pruned = opt('pruned_file_count');
  return {
    key: r.str(o, 'key', at, { required: true }) ?? '',
    datasetName: r.str(o, 'dataset_name', at, { required: true }) ?? '',
    deltaVersion: r.nullableNum(o, 'delta_version', at, true),
    ...(Object.prototype.hasOwnProperty.call(o, 'delta_timestamp') ? { deltaTimestamp: r.nullableStr(o, 'delta_timestamp', at) } : {}),
    candidateFiles: r.strList(o, 'candidate_files', at),
    projectedColumns: r.strList(o, 'projected_columns', at),
    pushedFilters: r.strList(o, 'pushed_filters', at),
    ...(total !== undefined ? { totalFiles: total } : {}),
    ...(cand !== undefined ? { candidateFileCount: cand } : {}),
    ...(pruned !== undefined ? { prunedFileCount: pruned } : {}),
    ...(extra !== undefined ? { extra } : {}),
  };
}

/** Structured lineage (§5.1 `lineage_json`); unnamed keys stay available in `raw`. */
export function readLineage(v: JsonValue, r: FieldReader, at: string): Lineage | undefined {
  const o = r.object(v, at);
  if (o === undefined) return undefined;
  return {
    scans: r.list(o, 'scans', at, (x, p) => {
      const s = r.object(x, p);
      return s === undefined ? undefined : { datasetName: r.str(s, 'dataset_name', p, { required: true }) ?? '', projectedColumns: r.strList(s, 'projected_columns', p), pushedFilters: r.strList(s, 'pushed_filters', p) };
    }),
    joins: r.list(o, 'joins', at, (x, p) => {
      const j = r.object(x, p);
      return j === undefined ? undefined : { joinType: r.str(j, 'join_type', p) ?? '', leftKeys: r.strList(j, 'left_keys', p), rightKeys: r.strList(j, 'right_keys', p) };
    }),
    filters: r.strList(o, 'filters', at),
    projections: r.list(o, 'exprs', at, (x) => x),
    requiredColumnsByDataset: r.map(o, 'required_columns_by_dataset', at, (x, p) => r.strItems(x, p)) ?? dict(),
    requiredUdfs: r.strList(o, 'required_udfs', at),
    requiredRewriteTags: r.strList(o, 'required_rewrite_tags', at),
    referencedTables: r.strList(o, 'referenced_tables', at),
    raw: o,
  };
}

const TEXT_DISPLAYS: readonly (readonly [keyof ViewPlan['displays'], string])[] = [
  ['logicalPlan', 'logical_plan_display'],
  ['optimizedPlan', 'optimized_plan_display'],
  ['graphviz', 'optimized_plan_graphviz'],
  ['pgjson', 'optimized_plan_pgjson'],
  ['executionPlan', 'execution_plan_display'],
];

const HASH_COLUMNS = ['planning_env_hash', 'rulepack_hash', 'information_schema_hash'];

/** Either a typed list column (v10) or its `_json` twin (v1). */
function listColumn(o: JsonObject, key: string, at: string, r: FieldReader): string[] {
  if (Object.prototype.hasOwnProperty.call(o, key)) return r.strList(o, key, at);
  const decoded = decodeColumn(o, key + '_json', at, r);
  if (decoded === undefined) return [];
  if (Array.isArray(decoded)) return decoded.filter((x): x is string => typeof x === 'string');
  r.report('error', 'wrong-type', `column ${key}_json must hold a JSON list`, at + '/' + key + '_json');
  return [];
}

export function readPlanArtifactRow(o: JsonObject, r: FieldReader, at: string): ViewPlan {
  const displays: { -readonly [K in keyof ViewPlan['displays']]?: string } = {};
  for (const [name, col] of TEXT_DISPLAYS) {
    const s = r.str(o, col, at);
    if (s !== undefined) displays[name] = s;
  }
  const hashes = dict<string>();
  for (const col of HASH_COLUMNS) {
    const s = r.str(o, col, at);
    if (s !== undefined) hashes[col] = s;
  }
  const settings = Object.prototype.hasOwnProperty.call(o, 'df_settings') ? r.strMap(o, 'df_settings', at) : null;
  const settingsJson = settings === null ? decodeColumn(o, 'df_settings_json', at, r) : undefined;
  const dfSettings = settings ?? r.entries(settingsJson, at + '/df_settings_json', (v, p) => r.asStr(v, p)) ?? dict<string>();
  const pinsValue = decodeColumn(o, 'delta_inputs_msgpack', at, r) ?? decodeColumn(o, 'delta_inputs_json', at, r);
  const unitsValue = decodeColumn(o, 'scan_units_msgpack', at, r) ?? decodeColumn(o, 'scan_units_json', at, r);
  const lineageValue = decodeColumn(o, 'lineage_msgpack', at, r) ?? decodeColumn(o, 'lineage_json', at, r);
  const planDetails = decodeColumn(o, 'plan_details_msgpack', at, r) ?? decodeColumn(o, 'plan_details_json', at, r);
  // Positions inside a decoded column are not positions in the file: report those by pointer only.
  const nested = new FieldReader(r.file, undefined, r.issues);
  const udfSnapshot = decodeColumn(o, 'udf_snapshot_msgpack', at, r) ?? decodeColumn(o, 'udf_snapshot_json', at, r);
  const other: Dict<JsonValue> = dict();
  const consumed = new Set(['delta_inputs_msgpack', 'delta_inputs_json', 'scan_units_msgpack', 'scan_units_json', 'lineage_msgpack', 'lineage_json', 'plan_details_msgpack', 'plan_details_json', 'df_settings_json', 'required_udfs_json', 'required_rewrite_tags_json', 'domain_planner_names_json', 'scan_keys_json']);
  for (const key of Object.keys(o)) {
    if (consumed.has(key)) continue;
    if (key.endsWith('_msgpack') || key.endsWith('_json')) {
      const d = decodeColumn(o, key, at, r);
      if (d !== undefined) other[key.replace(/_(msgpack|json)$/, '')] = d;
    } else if (key === 'substrait_b64' || key === 'execution_duration_ms' || key === 'execution_status' || key === 'execution_error' || key === 'explain_analyze_duration_ms' || key === 'explain_analyze_output_rows') {
      if (o[key] !== null) other[key] = o[key];
    }
  }
  const rewriteTags = isJsonObject(udfSnapshot) && isJsonObject(udfSnapshot.rewrite_tags) ? Object.keys(udfSnapshot.rewrite_tags).sort() : [];
  const lineage = lineageValue === undefined ? undefined : readLineage(lineageValue, nested, at + '/lineage');
  const planIdentityHash = r.str(o, 'plan_identity_hash', at);
  const udfSnapshotHash = r.str(o, 'udf_snapshot_hash', at);
  const functionRegistryHash = r.str(o, 'function_registry_hash', at);
  const eventTimeUnixMs = r.int(o, 'event_time_unix_ms', at);
  const udfOk = r.bool(o, 'udf_compatibility_ok', at);
  return {
    viewName: r.str(o, 'view_name', at, { required: true }) ?? '',
    eventKind: r.str(o, 'event_kind', at) ?? 'plan',
    ...(eventTimeUnixMs !== undefined ? { eventTimeUnixMs } : {}),
    profileName: r.nullableStr(o, 'profile_name', at),
    planFingerprint: r.str(o, 'plan_fingerprint', at, { required: true }) ?? '',
    ...(planIdentityHash !== undefined ? { planIdentityHash } : {}),
    ...(udfSnapshotHash !== undefined ? { udfSnapshotHash } : {}),
    ...(functionRegistryHash !== undefined ? { functionRegistryHash } : {}),
    dfSettings,
    rewriteTags,
    domainPlannerNames: listColumn(o, 'domain_planner_names', at, r),
    requiredUdfs: listColumn(o, 'required_udfs', at, r),
    requiredRewriteTags: listColumn(o, 'required_rewrite_tags', at, r),
    deltaInputs: nested.items(pinsValue, at + '/delta_inputs', (v, p) => readDeltaPin(v, nested, p)),
    scanKeys: listColumn(o, 'scan_keys', at, r),
    scanUnits: nested.items(unitsValue, at + '/scan_units', (v, p) => readScanUnit(v, nested, p)),
    ...(lineage !== undefined ? { lineage } : {}),
    ...(planDetails !== undefined ? { planDetails } : {}),
    displays,
    hashes,
    ...(udfOk !== undefined ? { udfCompatibilityOk: udfOk } : {}),
    other,
  };
}
