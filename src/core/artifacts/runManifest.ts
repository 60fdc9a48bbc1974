/**
 * The run manifest (`RunManifest`, §8.2; envelope kind `run_manifest`) and the Hamilton cache lineage,
 * both the @C `cache_lineage.json` document and the `hamilton_cache_lineage_nodes_v1` rows of the @A
 * JSON-lines export.
 */

import type { JsonObject, JsonValue } from '../json/parseJson';
import { dict, type CacheLineage, type CacheLineageRow, type DeltaPin, type RunManifest } from '../model/planModel';
import { decodeColumn } from './columns';
import { extraFields, type FieldReader } from './fields';

export function readDeltaPin(v: JsonValue, r: FieldReader, at: string): DeltaPin | undefined {
  const o = r.object(v, at);
  if (o === undefined) return undefined;
  const extra = extraFields(o, ['dataset_name', 'version', 'timestamp']);
  return {
    datasetName: r.str(o, 'dataset_name', at, { required: true }) ?? '',
    version: r.nullableNum(o, 'version', at, true),
    timestamp: r.nullableStr(o, 'timestamp', at),
    ...(extra !== undefined ? { extra } : {}),
  };
}

/** A struct field, or in the `run_manifest` Delta table its `<name>_msgpack` column. */
function structOrColumn(o: JsonObject, key: string, at: string, r: FieldReader): { value: JsonValue | undefined; at: string } {
  if (Object.prototype.hasOwnProperty.call(o, key)) return { value: o[key], at: `${at}/${key}` };
  return { value: decodeColumn(o, key + '_msgpack', at, r), at: `${at}/${key}_msgpack` };
}

export function readRunManifest(o: JsonObject, r: FieldReader, at: string): RunManifest {
  const pins = structOrColumn(o, 'delta_inputs', at, r);
  const outputs = structOrColumn(o, 'outputs', at, r);
  const materialized = structOrColumn(o, 'materialized_outputs', at, r);
  return {
    runId: r.str(o, 'run_id', at, { required: true }) ?? '',
    status: r.str(o, 'status', at) ?? '',
    eventTimeUnixMs: r.nullableNum(o, 'event_time_unix_ms', at, true),
    planSignature: r.nullableStr(o, 'plan_signature', at),
    planFingerprints: r.strMap(o, 'plan_fingerprints', at) ?? dict(),
    deltaInputs: r.items(pins.value, pins.at, (v, p) => readDeltaPin(v, r, p)),
    outputs: r.items(outputs.value, outputs.at, (v, p) => {
      const x = r.object(v, p);
      if (x === undefined) return undefined;
      const path = r.str(x, 'path', p);
      return { name: r.str(x, 'name', p, { required: true }) ?? '', ...(path !== undefined ? { path } : {}), deltaVersion: r.nullableNum(x, 'delta_version', p, true), rows: r.nullableNum(x, 'rows', p, true) };
    }),
    artifactIds: r.strMap(o, 'artifact_ids', at) ?? dict(),
    runtimeProfileName: r.nullableStr(o, 'runtime_profile_name', at),
    runtimeProfileHash: r.nullableStr(o, 'runtime_profile_hash', at),
    determinismTier: r.nullableStr(o, 'determinism_tier', at),
    outputDir: r.nullableStr(o, 'output_dir', at),
    cachePath: r.nullableStr(o, 'cache_path', at),
    cacheLogGlob: r.nullableStr(o, 'cache_log_glob', at),
    cachePolicyProfile: r.nullableStr(o, 'cache_policy_profile', at),
    cacheLogEnabled: r.bool(o, 'cache_log_enabled', at) ?? null,
    materializedOutputs: r.items(materialized.value, materialized.at, (v) => v),
  };
}

export function readCacheLineageRow(v: JsonValue, r: FieldReader, at: string): CacheLineageRow | undefined {
  const o = r.object(v, at);
  return o === undefined ? undefined : readCacheLineageRowObject(o, r, at);
}

export function readCacheLineageRowObject(o: JsonObject, r: FieldReader, at: string): CacheLineageRow {
  const runId = r.str(o, 'run_id', at);
  const planSignature = r.str(o, 'plan_signature', at);
  const semanticId = r.nullableStr(o, 'semantic_id', at);
  const eventTypes = r.strList(o, 'event_types', at);
  return {
    ...(runId !== undefined ? { runId } : {}),
    ...(planSignature !== undefined ? { planSignature } : {}),
    nodeName: r.str(o, 'node_name', at, { required: true }) ?? '',
    ...(semanticId !== null ? { semanticId } : {}),
    taskId: r.nullableStr(o, 'task_id', at),
    source: r.str(o, 'source', at) ?? '',
    cacheKey: r.nullableStr(o, 'cache_key', at),
    dataVersion: r.nullableStr(o, 'data_version', at),
    codeVersion: r.nullableStr(o, 'code_version', at),
    dependenciesDataVersions: r.strMap(o, 'dependencies_data_versions', at) ?? dict(),
    eventTypes,
    eventCount: r.int(o, 'event_count', at) ?? eventTypes.length,
    error: r.nullableStr(o, 'error', at),
  };
}

/** The @C `cache_lineage.json` document (also the shape of `hamilton_cache_lineage_v2` plus its rows). */
export function readCacheLineage(o: JsonObject, r: FieldReader, at: string): CacheLineage {
  const rows = r.list(o, 'rows', at, (v, p) => readCacheLineageRow(v, r, p));
  const runId = r.str(o, 'run_id', at, { required: true });
  const planSignature = r.str(o, 'plan_signature', at);
  const path = r.str(o, 'path', at);
  const recordCount = r.int(o, 'record_count', at) ?? rows.length;
  if (Object.prototype.hasOwnProperty.call(o, 'rows') && recordCount !== rows.length)
    r.report('warning', 'count-mismatch', `record_count is ${recordCount} but rows holds ${rows.length}`, at + '/record_count');
  return {
    ...(runId !== undefined ? { runId } : {}),
    ...(planSignature !== undefined ? { planSignature } : {}),
    ...(path !== undefined ? { path } : {}),
    recordCount,
    errorCount: r.int(o, 'error_count', at) ?? 0,
    logCount: r.int(o, 'log_count', at) ?? 0,
    metadataCount: r.int(o, 'metadata_count', at) ?? 0,
    rows,
  };
}

export interface PlanFingerprintRow {
  readonly taskName: string;
  readonly planFingerprint: string;
  readonly planTaskSignature: string;
}

/** A row of the incremental `plan_fingerprints` Delta table (§8.1): `{version, task_name, plan_fingerprint, plan_task_signature}`. */
export function readPlanFingerprintRow(o: JsonObject, r: FieldReader, at: string): PlanFingerprintRow {
  return {
    taskName: r.str(o, 'task_name', at, { required: true }) ?? '',
    planFingerprint: r.str(o, 'plan_fingerprint', at, { required: true }) ?? '',
    planTaskSignature: r.str(o, 'plan_task_signature', at) ?? '',
  };
}
