/**
 * Scan-unit identities, artifact-formats.md §4.3, §4.4 and the catalogue in §4.1: the scan key, the
 * scan task name (with the collision rule), the scan task's plan fingerprint and the scan unit signature.
 * Each is SHA-256 over msgspec msgpack; O(files log files) per unit, O(units) for the names.
 */

import { featureGateValue, type DeltaFeatureGate, type FingerprintVariant, protocolPairs } from './fingerprints';
import { msgpackSha256, sha256Utf8 } from './hash';
import { sortedStrings, toValue, v, type Value } from './value';
import type { Plain } from '../json/decodedValue';

/**
 * A scan unit as the pipeline's msgspec struct holds it, recorded in `scan_units_json` /
 * `scan_units_msgpack` (absent fields = default), in its field names: the form that is hashed. The plan
 * model's `ScanUnit` (model/planModel.ts) is the same unit read for display.
 */
export interface ScanUnitStruct {
  readonly key?: string;
  readonly dataset_name: string;
  readonly delta_version?: number | null;
  readonly candidate_files?: readonly string[];
  readonly pushed_filters?: readonly string[];
  readonly projected_columns?: readonly string[];
  /** A′ and C */
  readonly delta_timestamp?: string | null;
  readonly snapshot_timestamp?: number | null;
  readonly delta_protocol?: Readonly<Record<string, unknown>> | null;
  readonly total_files?: number;
  readonly candidate_file_count?: number;
  readonly pruned_file_count?: number;
  /** A′ */
  readonly delta_feature_gate?: DeltaFeatureGate | null;
  readonly storage_options_hash?: string | null;
  /** C */
  readonly delta_scan_config_hash?: string | null;
  readonly datafusion_provider?: string | null;
}

/** The dict hashed into the scan key; lists keep lineage order (unsorted). */
export function scanKeyPayload(unit: ScanUnitStruct, variant: FingerprintVariant): Value {
  const entries: [string, Value][] = [
    ['dataset_name', v.str(unit.dataset_name)],
    ['delta_version', v.optInt(unit.delta_version)],
    ['projected_columns', v.strs(unit.projected_columns ?? [])],
    ['pushed_filters', v.strs(unit.pushed_filters ?? [])],
  ];
  // The A′/C extra entries come from to_builtins of the unit's fields, so nested mappings are dicts [I].
  if (variant === "A'") {
    entries.push(['delta_timestamp', v.optStr(unit.delta_timestamp)]);
    entries.push(['delta_feature_gate', toValue((unit.delta_feature_gate ?? null) as Plain)]);
    entries.push(['delta_protocol', toValue((unit.delta_protocol ?? null) as Plain)]);
    entries.push(['storage_options_hash', v.optStr(unit.storage_options_hash)]);
  } else if (variant === 'C') {
    entries.push(['delta_protocol', toValue((unit.delta_protocol ?? null) as Plain)]);
    entries.push(['delta_scan_config_hash', v.optStr(unit.delta_scan_config_hash)]);
    entries.push(['datafusion_provider', v.optStr(unit.datafusion_provider)]);
  }
  return v.dict(entries);
}

export function scanVersionToken(unit: ScanUnitStruct, variant: FingerprintVariant): string {
  if (unit.delta_version !== null && unit.delta_version !== undefined) return String(unit.delta_version);
  if (variant !== 'A' && unit.delta_timestamp !== null && unit.delta_timestamp !== undefined) return unit.delta_timestamp;
  return 'latest';
}

/** `scan::<dataset>::<version|timestamp|latest>::<first 16 hex of SHA-256(msgpack(dict))>`. */
export function scanUnitKey(unit: ScanUnitStruct, variant: FingerprintVariant): string {
  const digest = msgpackSha256(scanKeyPayload(unit, variant)).slice(0, 16);
  return `scan::${unit.dataset_name}::${scanVersionToken(unit, variant)}::${digest}`;
}

export interface ParsedScanKey {
  readonly dataset: string;
  readonly versionToken: string;
  readonly digest: string;
}

/** Splits a scan key; dataset names may themselves contain `::`, the last two parts never do. */
export function parseScanKey(key: string): ParsedScanKey | undefined {
  const parts = key.split('::');
  if (parts.length < 4 || parts[0] !== 'scan') return undefined;
  const digest = parts[parts.length - 1] ?? '';
  const versionToken = parts[parts.length - 2] ?? '';
  return { dataset: parts.slice(1, -2).join('::'), versionToken, digest };
}

export const SCAN_TASK_PREFIX = 'scan_unit_';

/** `scan_unit_` + the first 16 hex of SHA-256(UTF-8 of the key). */
export function scanTaskName(scanKey: string, hexLength = 16): string {
  return SCAN_TASK_PREFIX + sha256Utf8(scanKey).slice(0, hexLength);
}

/**
 * Task names for a set of scan keys: 16 hex digits each, lengthened by 16 at a time (32, 48, 64) for
 * keys whose digest prefix collides with another key's, until the prefix is unique.
 */
export function scanTaskNames(scanKeys: readonly string[]): Map<string, string> {
  return uniquePrefixNames(new Map([...new Set(scanKeys)].map((key) => [key, sha256Utf8(key)] as const)));
}

/**
 * The collision rule of `scanTaskNames` over given hex digests. The longest prefix a digest shares with
 * any other is the one it shares with a neighbour in sorted order, so this is O(k log k).
 */
export function uniquePrefixNames(digests: ReadonlyMap<string, string>): Map<string, string> {
  const sorted = [...digests].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const names = new Map<string, string>();
  sorted.forEach(([key, digest], i) => {
    const shared = Math.max(commonPrefix(digest, sorted[i - 1]?.[1] ?? ''), commonPrefix(digest, sorted[i + 1]?.[1] ?? ''));
    const length = Math.min(digest.length, 16 * (Math.floor(shared / 16) + 1));
    names.set(key, SCAN_TASK_PREFIX + digest.slice(0, length));
  });
  return names;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** The scan task's `plan_fingerprint` (@A): SHA-256 of the msgpack dict of the unit's identity. */
export function scanTaskFingerprint(unit: ScanUnitStruct & { readonly key: string }): string {
  return msgpackSha256(
    v.dict([
      ['candidate_files', v.strs(unit.candidate_files ?? [])],
      ['dataset_name', v.str(unit.dataset_name)],
      ['delta_version', v.optInt(unit.delta_version)],
      ['key', v.str(unit.key)],
      ['projected_columns', v.strs(unit.projected_columns ?? [])],
      ['pushed_filters', v.strs(unit.pushed_filters ?? [])],
    ]),
  );
}

/** The tuple of pairs hashed into the scan unit signature (= the scan task's plan_task_signature). */
export function scanUnitSignaturePayload(unit: ScanUnitStruct & { readonly key: string }, runtimeHash: string | null | undefined, variant: FingerprintVariant): Value {
  const pairs: [string, Value][] = [
    ['version', v.int(1)],
    ['runtime_hash', v.str(runtimeHash ?? '')],
    ['scan_key', v.str(unit.key)],
    ['dataset_name', v.str(unit.dataset_name)],
    ['delta_version', v.optInt(unit.delta_version)],
  ];
  if (variant !== 'A') {
    pairs.push(['delta_timestamp', v.optStr(unit.delta_timestamp)]);
    pairs.push(['snapshot_timestamp', v.optInt(unit.snapshot_timestamp)]);
    if (variant === "A'") pairs.push(['delta_feature_gate', featureGateValue(unit.delta_feature_gate)]);
    pairs.push(['delta_protocol', protocolPairs(unit.delta_protocol)]);
    if (variant === "A'") pairs.push(['storage_options_hash', v.optStr(unit.storage_options_hash)]);
    pairs.push(['total_files', v.int(unit.total_files ?? 0)]);
    pairs.push(['candidate_file_count', v.int(unit.candidate_file_count ?? 0)]);
    pairs.push(['pruned_file_count', v.int(unit.pruned_file_count ?? 0)]);
  }
  pairs.push(['candidate_files', v.strs(sortedStrings(unit.candidate_files ?? []))]);
  pairs.push(['pushed_filters', v.strs(sortedStrings(unit.pushed_filters ?? []))]);
  pairs.push(['projected_columns', v.strs(sortedStrings(unit.projected_columns ?? []))]);
  return v.pairs(pairs);
}

export function scanUnitSignature(unit: ScanUnitStruct & { readonly key: string }, runtimeHash: string | null | undefined, variant: FingerprintVariant): string {
  return msgpackSha256(scanUnitSignaturePayload(unit, runtimeHash, variant));
}
