/**
 * `plan_fingerprint` and its intermediate hashes, artifact-formats.md §4.2: SHA-256 of the msgpack of a
 * tuple of pairs. Three variants (A, A′, C) differ in the pairs and the Delta pin shape; nothing in the
 * fingerprint says which one made it, so verifiers try each. O(settings log settings + pins).
 */

import { msgpackSha256, sha256Hex } from './hash';
import { compareUtf8, sortedStrings, v, type Value } from './value';

export type FingerprintVariant = 'A' | "A'" | 'C';
export const FINGERPRINT_VARIANTS: readonly FingerprintVariant[] = ['A', "A'", 'C'];

export function substraitHash(substraitBytes: Uint8Array): string {
  return sha256Hex(substraitBytes);
}

/** msgpack of the `[name, value]` pairs of `df_settings`, sorted by name then value. */
export function settingsValue(settings: Readonly<Record<string, string>>): Value {
  const pairs = Object.entries(settings).sort((a, b) => compareUtf8(a[0], b[0]) || compareUtf8(a[1], b[1]));
  return v.array(pairs.map(([name, value]) => v.strs([name, value])));
}

export function settingsHash(settings: Readonly<Record<string, string>>): string {
  return msgpackSha256(settingsValue(settings));
}

/** Delta feature gate (A′): `[min_reader, min_writer, [reader_features], [writer_features]]`. */
export interface DeltaFeatureGate {
  readonly min_reader_version?: number | null;
  readonly min_writer_version?: number | null;
  readonly required_reader_features?: readonly string[];
  readonly required_writer_features?: readonly string[];
}

/**
 * One Delta input pin as the pipeline's msgspec struct holds it, field for field and in its names, the
 * union of the fields every variant hashes (absent = default/null). The plan model's `DeltaPin`
 * (model/planModel.ts) is the same pin read for display; this is the form that is hashed byte for byte.
 */
export interface DeltaPinStruct {
  readonly dataset_name: string;
  readonly version?: number | null;
  readonly timestamp?: string | null;
  /** A′ */
  readonly feature_gate?: DeltaFeatureGate | null;
  /** A′ and C: the protocol snapshot as a flat mapping. */
  readonly protocol?: Readonly<Record<string, unknown>> | null;
  /** A′ */
  readonly storage_options_hash?: string | null;
  /** C */
  readonly delta_scan_config_hash?: string | null;
  readonly datafusion_provider?: string | null;
  readonly protocol_compatible?: boolean | null;
}

export interface FingerprintInputs {
  readonly substraitHash: string;
  readonly settingsHash: string;
  readonly udfSnapshotHash: string;
  readonly requiredUdfs: readonly string[];
  readonly requiredRewriteTags: readonly string[];
  readonly deltaInputs: readonly DeltaPinStruct[];
  /** A′ and C. */
  readonly deltaStorePolicyHash?: string | null;
  /** C */
  readonly planningEnvHash?: string | null;
  readonly rulepackHash?: string | null;
  readonly informationSchemaHash?: string | null;
}

export function featureGateValue(gate: DeltaFeatureGate | null | undefined): Value {
  if (gate === null || gate === undefined) return v.nil;
  return v.array([
    v.optInt(gate.min_reader_version),
    v.optInt(gate.min_writer_version),
    v.strs(gate.required_reader_features ?? []),
    v.strs(gate.required_writer_features ?? []),
  ]);
}

/**
 * Protocol as sorted `[key, value]` pairs: scalars as they are, list values as lists of their items'
 * Python `str()`, anything else as its `str()` (`_delta_protocol_payload`).
 */
export function protocolPairs(protocol: Readonly<Record<string, unknown>> | null | undefined): Value {
  if (protocol === null || protocol === undefined) return v.nil;
  const keys = sortedStrings(Object.keys(protocol));
  return v.array(keys.map((key) => v.array([v.str(key), protocolValue(protocol[key])])));
}

function protocolValue(x: unknown): Value {
  if (x === null || x === undefined) return v.nil;
  if (typeof x === 'boolean') return v.bool(x);
  if (typeof x === 'number') return Number.isInteger(x) ? v.int(x) : v.float(x);
  if (typeof x === 'string') return v.str(x);
  if (Array.isArray(x)) return v.strs(x.map(pythonStr));
  return v.str(pythonStr(x));
}

function pythonStr(x: unknown): string {
  if (x === null || x === undefined) return 'None';
  if (typeof x === 'boolean') return x ? 'True' : 'False';
  return typeof x === 'string' ? x : typeof x === 'object' ? JSON.stringify(x) : String(x);
}

/** The pins as the variant puts them in the fingerprint, sorted by dataset name. */
export function deltaInputsValue(pins: readonly DeltaPinStruct[], variant: FingerprintVariant): Value {
  const sorted = [...pins].sort((a, b) => compareUtf8(a.dataset_name, b.dataset_name));
  return v.array(
    sorted.map((pin) => {
      const base = [v.str(pin.dataset_name), v.optInt(pin.version), v.optStr(pin.timestamp)];
      if (variant === 'A') return v.array(base);
      if (variant === "A'") return v.array([...base, featureGateValue(pin.feature_gate), protocolPairs(pin.protocol), v.optStr(pin.storage_options_hash)]);
      return v.array([
        ...base,
        protocolPairs(pin.protocol),
        v.optStr(pin.delta_scan_config_hash),
        v.optStr(pin.datafusion_provider),
        pin.protocol_compatible === null || pin.protocol_compatible === undefined ? v.nil : v.bool(pin.protocol_compatible),
      ]);
    }),
  );
}

/** The exact tuple of pairs hashed into `plan_fingerprint` by `variant`. */
export function fingerprintPayload(inputs: FingerprintInputs, variant: FingerprintVariant): Value {
  const udfs = v.strs(sortedStrings(inputs.requiredUdfs));
  const tags = v.strs(sortedStrings(inputs.requiredRewriteTags));
  const pins = deltaInputsValue(inputs.deltaInputs, variant);
  if (variant === 'C') {
    return v.pairs([
      ['substrait_hash', v.str(inputs.substraitHash)],
      ['settings_hash', v.str(inputs.settingsHash)],
      // `_hash_plan` at 4fae7cdb writes `planning_env_hash or ""` (artifact-formats.md §4.2): never nil.
      ['planning_env_hash', v.str(inputs.planningEnvHash ?? '')],
      ['rulepack_hash', v.str(inputs.rulepackHash ?? '')],
      ['information_schema_hash', v.str(inputs.informationSchemaHash ?? '')],
      ['udf_snapshot_hash', v.str(inputs.udfSnapshotHash)],
      ['required_udfs', udfs],
      ['required_rewrite_tags', tags],
      ['delta_inputs', pins],
      ['delta_store_policy_hash', v.optStr(inputs.deltaStorePolicyHash)],
    ]);
  }
  const pairs: [string, Value][] = [
    ['substrait_hash', v.str(inputs.substraitHash)],
    ['settings_hash', v.str(inputs.settingsHash)],
    ['udf_snapshot_hash', v.str(inputs.udfSnapshotHash)],
    ['required_udfs', udfs],
    ['required_rewrite_tags', tags],
    ['delta_inputs', pins],
  ];
  if (variant === "A'") pairs.push(['delta_store_policy_hash', v.optStr(inputs.deltaStorePolicyHash)]);
  return v.pairs(pairs);
}

export function planFingerprint(inputs: FingerprintInputs, variant: FingerprintVariant): string {
  return msgpackSha256(fingerprintPayload(inputs, variant));
}
