/**
 * The view task's `plan_task_signature` (`execution_plan._plan_bundle_task_signature`),
 * artifact-formats.md §4.5: SHA-256 of the msgpack of a tuple of pairs. O(inputs log inputs).
 * `runtime_hash` is an opaque Arrow-IPC hash: it is taken as recorded, never recomputed.
 */

import { deltaInputsValue, type DeltaPinStruct, type FingerprintVariant } from './fingerprints';
import { msgpackSha256 } from './hash';
import { sortedStrings, v, type Value } from './value';

export interface TaskSignatureInputs {
  readonly runtimeHash: string | null | undefined;
  readonly planFingerprint: string;
  readonly functionRegistryHash: string;
  readonly udfSnapshotHash: string;
  /** C only. */
  readonly informationSchemaHash?: string | null;
  /** Session-wide rewrite tags (every tag under the UDF snapshot's `rewrite_tags`). */
  readonly rewriteTags: readonly string[];
  readonly domainPlannerNames: readonly string[];
  readonly dfSettingsHash: string;
  readonly requiredUdfs: readonly string[];
  readonly requiredRewriteTags: readonly string[];
  readonly deltaInputs: readonly DeltaPinStruct[];
  /** The signatures of the task's scan units; absent for `datafusion_view_artifacts_v2` rows. */
  readonly scanSignatures?: readonly string[];
}

export function planTaskSignaturePayload(inputs: TaskSignatureInputs, variant: FingerprintVariant): Value {
  const pairs: [string, Value][] = [
    ['version', v.int(1)],
    ['runtime_hash', v.str(inputs.runtimeHash ?? '')],
    ['plan_fingerprint', v.str(inputs.planFingerprint)],
    ['function_registry_hash', v.str(inputs.functionRegistryHash)],
    ['udf_snapshot_hash', v.str(inputs.udfSnapshotHash)],
  ];
  if (variant === 'C') pairs.push(['information_schema_hash', v.str(inputs.informationSchemaHash ?? '')]);
  pairs.push(
    ['rewrite_tags', v.strs(sortedStrings(inputs.rewriteTags))],
    ['domain_planner_names', v.strs(sortedStrings(inputs.domainPlannerNames))],
    ['df_settings_hash', v.str(inputs.dfSettingsHash)],
    ['required_udfs', v.strs(sortedStrings(inputs.requiredUdfs))],
    ['required_rewrite_tags', v.strs(sortedStrings(inputs.requiredRewriteTags))],
    ['delta_inputs', deltaInputsValue(inputs.deltaInputs, variant)],
  );
  if (inputs.scanSignatures !== undefined) pairs.push(['scan_signatures', v.strs(sortedStrings(inputs.scanSignatures))]);
  return v.pairs(pairs);
}

export function planTaskSignature(inputs: TaskSignatureInputs, variant: FingerprintVariant): string {
  return msgpackSha256(planTaskSignaturePayload(inputs, variant));
}
