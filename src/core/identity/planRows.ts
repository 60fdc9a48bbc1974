/**
 * Reads the identity inputs out of one `datafusion_plan_artifacts` row, either table version: v1 (JSON
 * text columns, variants A/A′) or v10 (typed and msgpack columns, variant C). Problems with a column
 * become notes on the inputs, never exceptions. O(row size).
 */

import { ExtData } from '@msgpack/msgpack';
import type { DeltaFeatureGate, DeltaPinStruct, FingerprintVariant } from './fingerprints';
import { bytesOf, decodeMsgpack, parseJsonColumn, type Decoded } from './decodeExact';
import { field, int, isRecord, list, str, strList, strRecord, type PlainRecord } from '../json/decodedValue';
import type { ScanUnitStruct } from './scanUnits';
import type { Plain } from '../json/decodedValue';

export interface RowInputs {
  readonly viewName: string;
  readonly tableVersion: 'v1' | 'v10';
  readonly variants: readonly FingerprintVariant[];
  readonly recordedFingerprint?: string;
  readonly substraitBytes?: Uint8Array;
  readonly dfSettings?: Record<string, string>;
  /** v1: the `df_settings_json` text exactly as recorded. */
  readonly dfSettingsJsonText?: string;
  readonly udfSnapshotHash?: string;
  readonly functionRegistryHash?: string;
  readonly requiredUdfs?: string[];
  readonly requiredRewriteTags?: string[];
  readonly domainPlannerNames?: string[];
  readonly deltaInputs?: DeltaPinStruct[];
  readonly deltaInputsJsonText?: string;
  readonly planDetails?: PlainRecord;
  readonly udfSnapshot?: Plain;
  readonly udfCompatibilityDetail?: PlainRecord;
  readonly planningEnvHash?: string | null;
  readonly rulepackHash?: string | null;
  readonly informationSchemaHash?: string | null;
  /** Scan units with their recorded pointer inside the row. */
  readonly scanUnits?: readonly { readonly unit: ScanUnitStruct; readonly pointer: string }[];
  readonly scanKeys?: string[];
  /** Column problems: `{column, reason}` with the row's own column name. */
  readonly problems: { readonly column: string; readonly reason: string }[];
}

export function readPlanRow(row: PlainRecord): RowInputs {
  const problems: { column: string; reason: string }[] = [];
  const isV1 = ['df_settings_json', 'substrait_b64', 'delta_inputs_json', 'required_udfs_json', 'scan_units_json'].some((c) => Object.hasOwn(row, c));

  const jsonColumn = (column: string): Plain => {
    const text = field(row, column);
    if (text === undefined || text === null) return undefined;
    if (typeof text !== 'string') {
      problems.push({ column, reason: 'is not JSON text' });
      return undefined;
    }
    return take(column, parseJsonColumn(text));
  };
  const msgpackColumn = (column: string): Plain => {
    const raw = field(row, column);
    if (raw === undefined || raw === null) return undefined;
    const bytes = bytesOf(raw);
    if (bytes === undefined) {
      problems.push({ column, reason: 'is not bytes (base64 in JSON)' });
      return undefined;
    }
    if (bytes.length === 0) return undefined;
    return take(column, decodeMsgpack(bytes));
  };
  const take = (column: string, decoded: Decoded): Plain => {
    if ('error' in decoded) {
      problems.push({ column, reason: `cannot be decoded: ${decoded.error}` });
      return undefined;
    }
    return decoded.value;
  };
  const column = isV1 ? (name: string): Plain => jsonColumn(`${name}_json`) : (name: string): Plain => field(row, name);
  const blob = isV1 ? (name: string): Plain => jsonColumn(`${name}_json`) : (name: string): Plain => msgpackColumn(`${name}_msgpack`);

  const substraitBytes = isV1 ? bytesOf(field(row, 'substrait_b64')) : substraitFromColumn(msgpackColumn('substrait_msgpack'));
  const settingsPlain = isV1 ? jsonColumn('df_settings_json') : field(row, 'df_settings');
  const dfSettings = strRecord(settingsPlain);
  if (settingsPlain !== undefined && settingsPlain !== null && dfSettings === undefined) problems.push({ column: isV1 ? 'df_settings_json' : 'df_settings', reason: 'is not a map of strings' });

  const pinsPlain = blob('delta_inputs');
  const deltaInputs = pinsPlain === undefined ? undefined : readPins(pinsPlain, isV1 ? 'delta_inputs_json' : 'delta_inputs_msgpack', problems);
  const unitsPlain = blob('scan_units');
  const scanUnits = unitsPlain === undefined ? undefined : readScanUnits(unitsPlain, isV1 ? 'scan_units_json' : 'scan_units_msgpack', problems);
  const details = blob('plan_details');
  const compat = blob('udf_compatibility_detail');
  const optStr = (name: string): string | null | undefined => {
    const x = field(row, name);
    return x === null ? null : str(x);
  };

  return {
    viewName: str(field(row, 'view_name')) ?? '<unnamed view>',
    tableVersion: isV1 ? 'v1' : 'v10',
    variants: isV1 ? ['A', "A'"] : ['C'],
    recordedFingerprint: str(field(row, 'plan_fingerprint')),
    substraitBytes,
    dfSettings,
    dfSettingsJsonText: isV1 ? str(field(row, 'df_settings_json')) : undefined,
    udfSnapshotHash: str(field(row, 'udf_snapshot_hash')),
    functionRegistryHash: str(field(row, 'function_registry_hash')),
    requiredUdfs: strList(column('required_udfs')),
    requiredRewriteTags: strList(column('required_rewrite_tags')),
    domainPlannerNames: strList(column('domain_planner_names')),
    deltaInputs,
    deltaInputsJsonText: isV1 ? str(field(row, 'delta_inputs_json')) : undefined,
    planDetails: isRecord(details) ? details : undefined,
    udfSnapshot: blob('udf_snapshot'),
    udfCompatibilityDetail: isRecord(compat) ? compat : undefined,
    planningEnvHash: optStr('planning_env_hash'),
    rulepackHash: optStr('rulepack_hash'),
    informationSchemaHash: optStr('information_schema_hash'),
    scanUnits,
    scanKeys: strList(column('scan_keys')),
    problems,
  };
}

/** The Substrait bytes in a v10 column: plain bin, ext 10 (production) or a `{data: bytes}` wrapper. */
function substraitFromColumn(x: Plain): Uint8Array | undefined {
  if (x instanceof Uint8Array) return x.length > 0 ? x : undefined;
  if (x instanceof ExtData) return x.data instanceof Uint8Array && x.data.length > 0 ? x.data : undefined;
  const data = field(x, 'data');
  return data instanceof Uint8Array && data.length > 0 ? data : undefined;
}

function readPins(x: Plain, column: string, problems: { column: string; reason: string }[]): DeltaPinStruct[] | undefined {
  const items = list(x);
  if (items === undefined) {
    problems.push({ column, reason: 'is not a list' });
    return undefined;
  }
  const pins: DeltaPinStruct[] = [];
  for (const item of items) {
    const name = str(field(item, 'dataset_name'));
    if (!isRecord(item) || name === undefined) {
      problems.push({ column, reason: 'holds a pin without dataset_name' });
      return undefined;
    }
    const gate = field(item, 'feature_gate');
    const protocol = field(item, 'protocol');
    pins.push({
      dataset_name: name,
      version: int(field(item, 'version')) ?? null,
      timestamp: str(field(item, 'timestamp')) ?? null,
      feature_gate: readGate(gate),
      protocol: isRecord(protocol) ? protocol : null,
      storage_options_hash: str(field(item, 'storage_options_hash')) ?? null,
      delta_scan_config_hash: str(field(item, 'delta_scan_config_hash')) ?? null,
      datafusion_provider: str(field(item, 'datafusion_provider')) ?? null,
      protocol_compatible: typeof field(item, 'protocol_compatible') === 'boolean' ? (field(item, 'protocol_compatible') as boolean) : null,
    });
  }
  return pins;
}

function readScanUnits(x: Plain, column: string, problems: { column: string; reason: string }[]): { unit: ScanUnitStruct; pointer: string }[] | undefined {
  const items = list(x);
  if (items === undefined) {
    problems.push({ column, reason: 'is not a list' });
    return undefined;
  }
  const out: { unit: ScanUnitStruct; pointer: string }[] = [];
  for (const [i, item] of items.entries()) {
    const name = str(field(item, 'dataset_name'));
    if (!isRecord(item) || name === undefined) {
      // One unreadable unit makes the row's unit list incomplete: verify none rather than a subset.
      problems.push({ column, reason: `unit ${i} has no dataset_name` });
      return undefined;
    }
    const gate = field(item, 'delta_feature_gate');
    const protocol = field(item, 'delta_protocol');
    out.push({
      pointer: `/${column}/${i}`,
      unit: {
        key: str(field(item, 'key')),
        dataset_name: name,
        delta_version: int(field(item, 'delta_version')) ?? null,
        candidate_files: strList(field(item, 'candidate_files')) ?? [],
        pushed_filters: strList(field(item, 'pushed_filters')) ?? [],
        projected_columns: strList(field(item, 'projected_columns')) ?? [],
        delta_timestamp: str(field(item, 'delta_timestamp')) ?? null,
        snapshot_timestamp: int(field(item, 'snapshot_timestamp')) ?? null,
        delta_protocol: isRecord(protocol) ? protocol : null,
        total_files: int(field(item, 'total_files')) ?? 0,
        candidate_file_count: int(field(item, 'candidate_file_count')) ?? 0,
        pruned_file_count: int(field(item, 'pruned_file_count')) ?? 0,
        delta_feature_gate: readGate(gate),
        storage_options_hash: str(field(item, 'storage_options_hash')) ?? null,
        delta_scan_config_hash: str(field(item, 'delta_scan_config_hash')) ?? null,
        datafusion_provider: str(field(item, 'datafusion_provider')) ?? null,
      },
    });
  }
  return out;
}

function readGate(gate: Plain): DeltaFeatureGate | null {
  if (!isRecord(gate)) return null;
  return {
    min_reader_version: int(field(gate, 'min_reader_version')) ?? null,
    min_writer_version: int(field(gate, 'min_writer_version')) ?? null,
    required_reader_features: strList(field(gate, 'required_reader_features')) ?? [],
    required_writer_features: strList(field(gate, 'required_writer_features')) ?? [],
  };
}
