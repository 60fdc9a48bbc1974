/**
 * Checks on one plan-artifact row: its plan fingerprint under each variant with the intermediate hashes
 * (artifact-formats.md §4.2) and its scan units' keys (§4.3). O(row size + units log units).
 */

import { locate, type IdentityArtifact } from './artifact';
import { compare, record, type VerifyResult } from './checks';
import { planFingerprint, settingsHash, substraitHash, type FingerprintInputs, type FingerprintVariant } from './fingerprints';
import { jsonSha256, sha256Utf8 } from './hash';
import { field, str, type PlainRecord } from '../json/decodedValue';
import { readPlanRow, type RowInputs } from './planRows';
import { parseScanKey, scanUnitKey, type ScanUnitStruct } from './scanUnits';
import { v } from './value';
import { issue } from '../issues';

export interface RowContext {
  readonly artifact: IdentityArtifact;
  readonly inputs: RowInputs;
  /** The variant whose fingerprint matched, when one did. */
  readonly variant?: FingerprintVariant;
  /** Scan units whose key was verified, keyed by scan key. */
  readonly units: { readonly unit: ScanUnitStruct & { readonly key: string }; readonly pointer: string; readonly variant: FingerprintVariant }[];
}

export function verifyPlanRow(result: VerifyResult, artifact: IdentityArtifact): RowContext {
  const row = artifact.data as PlainRecord;
  const inputs = readPlanRow(row);
  for (const p of inputs.problems) result.issues.push(issue('warning', 'identity-input', `column ${p.column} ${p.reason}; identities that need it are not verified`, locate(artifact, `/${p.column}`)));
  const subject = inputs.viewName;
  const intermediates = verifyIntermediates(result, artifact, inputs);

  const missing: string[] = [];
  if (inputs.substraitBytes === undefined) missing.push('the Substrait bytes');
  if (inputs.dfSettings === undefined) missing.push('df_settings');
  if (inputs.udfSnapshotHash === undefined) missing.push('udf_snapshot_hash');
  if (inputs.requiredUdfs === undefined) missing.push('required_udfs');
  if (inputs.requiredRewriteTags === undefined) missing.push('required_rewrite_tags');
  if (inputs.deltaInputs === undefined) missing.push('delta_inputs');
  let variant: FingerprintVariant | undefined;
  const location = locate(artifact, '/plan_fingerprint');
  if (missing.length > 0 || inputs.recordedFingerprint === undefined) {
    const note = inputs.recordedFingerprint === undefined ? 'the row records no plan_fingerprint' : `the row lacks ${missing.join(', ')}`;
    record(result, { identity: 'plan_fingerprint', subject, status: 'unverifiable', recorded: inputs.recordedFingerprint, note, location });
  } else {
    const fpInputs: FingerprintInputs = {
      substraitHash: substraitHash(inputs.substraitBytes!),
      settingsHash: settingsHash(inputs.dfSettings!),
      udfSnapshotHash: inputs.udfSnapshotHash!,
      requiredUdfs: inputs.requiredUdfs!,
      requiredRewriteTags: inputs.requiredRewriteTags!,
      deltaInputs: inputs.deltaInputs!,
      deltaStorePolicyHash: str(field(inputs.planDetails, 'delta_store_policy_hash')) ?? null,
      planningEnvHash: inputs.planningEnvHash,
      rulepackHash: inputs.rulepackHash,
      informationSchemaHash: inputs.informationSchemaHash,
    };
    const computed = inputs.variants.map((vr) => [vr, planFingerprint(fpInputs, vr)] as const);
    const hit = computed.find(([, fp]) => fp === inputs.recordedFingerprint);
    variant = hit?.[0];
    if (hit !== undefined) {
      record(result, { identity: 'plan_fingerprint', subject, status: 'ok', recorded: inputs.recordedFingerprint, computed: hit[1], variant, location });
    } else {
      const tried = inputs.variants.join(', ');
      const reasons = intermediates.length > 0 ? intermediates.join('; ') : explainUnknown(inputs);
      record(result, {
        identity: 'plan_fingerprint',
        subject,
        status: 'mismatch',
        recorded: inputs.recordedFingerprint,
        computed: computed[0]?.[1],
        note: `tried variant${inputs.variants.length > 1 ? 's' : ''} ${tried}; ${reasons}`,
        location,
      });
    }
  }
  return { artifact, inputs, variant, units: verifyScanKeys(result, artifact, inputs, variant) };
}

function explainUnknown(inputs: RowInputs): string {
  const unrecorded = inputs.tableVersion === 'v1' ? 'the Substrait bytes or delta_store_policy_hash' : 'the Substrait bytes, the Delta pins or delta_store_policy_hash (not in the row; taken as null)';
  return `no recorded intermediate hash disagrees with the row, so the difference is in an input the row cannot confirm: ${unrecorded}`;
}

/**
 * Compares the intermediate hashes the row records (plan_details and the UDF compatibility detail) with
 * the inputs in the row; returns one sentence per disagreement, for the fingerprint's explanation.
 */
function verifyIntermediates(result: VerifyResult, artifact: IdentityArtifact, inputs: RowInputs): string[] {
  const reasons: string[] = [];
  const subject = inputs.viewName;
  const detailsBase = inputs.tableVersion === 'v1' ? '/plan_details_json' : '/plan_details_msgpack';
  const recordedSettings = str(field(inputs.planDetails, 'df_settings_hash'));
  if (recordedSettings !== undefined && inputs.dfSettings !== undefined) {
    // plan_details hashes msgspec JSON of the settings; the v1 column text is exactly that JSON.
    const computed = inputs.dfSettingsJsonText !== undefined ? sha256Utf8(inputs.dfSettingsJsonText) : jsonSha256(v.dict(Object.entries(inputs.dfSettings).map(([k, x]) => [k, v.str(x)] as const)));
    const status = compare(recordedSettings, computed);
    const note = status === 'mismatch' ? 'the recorded settings hash differs from the settings in the row' : undefined;
    if (note !== undefined) reasons.push(note);
    record(result, { identity: 'df_settings_hash', subject, status, recorded: recordedSettings, computed, note, location: locate(artifact, detailsBase) });
  }
  const recordedPins = str(field(inputs.planDetails, 'delta_inputs_hash'));
  if (recordedPins !== undefined && inputs.deltaInputsJsonText !== undefined) {
    const computed = sha256Utf8(inputs.deltaInputsJsonText);
    const status = compare(recordedPins, computed);
    const note = status === 'mismatch' ? 'the recorded Delta inputs hash differs from the Delta pins in the row' : undefined;
    if (note !== undefined) reasons.push(note);
    record(result, { identity: 'delta_inputs_hash', subject, status, recorded: recordedPins, computed, note, location: locate(artifact, detailsBase) });
  }
  const planned = str(field(inputs.udfCompatibilityDetail, 'planned_snapshot_hash'));
  if (planned !== undefined && inputs.udfSnapshotHash !== undefined) {
    const status = compare(planned, inputs.udfSnapshotHash);
    const note = status === 'mismatch' ? 'udf_compatibility_detail.planned_snapshot_hash differs from the row\'s udf_snapshot_hash' : undefined;
    if (note !== undefined) reasons.push(note);
    record(result, { identity: 'udf_snapshot_hash', subject, status, recorded: planned, computed: inputs.udfSnapshotHash, note, location: locate(artifact, '/udf_snapshot_hash') });
  }
  if (inputs.deltaInputs !== undefined && inputs.scanUnits !== undefined) {
    const pinVersion = new Map(inputs.deltaInputs.map((p) => [p.dataset_name, p.version ?? null]));
    const conflicting = inputs.scanUnits.filter(({ unit }) => unit.delta_version !== null && unit.delta_version !== undefined && pinVersion.has(unit.dataset_name) && pinVersion.get(unit.dataset_name) !== unit.delta_version);
    for (const { unit } of conflicting) reasons.push(`the Delta pin of ${unit.dataset_name} (version ${String(pinVersion.get(unit.dataset_name))}) differs from its scan unit (version ${String(unit.delta_version)})`);
  }
  return reasons;
}

function verifyScanKeys(result: VerifyResult, artifact: IdentityArtifact, inputs: RowInputs, rowVariant: FingerprintVariant | undefined): RowContext['units'] {
  const out: RowContext['units'][number][] = [];
  const variants = rowVariant !== undefined ? [rowVariant, ...inputs.variants.filter((x) => x !== rowVariant)] : inputs.variants;
  for (const { unit, pointer } of inputs.scanUnits ?? []) {
    const location = locate(artifact, pointer);
    if (unit.key === undefined) {
      record(result, { identity: 'scan_unit_key', subject: `${inputs.viewName}: ${unit.dataset_name}`, status: 'unverifiable', note: 'the scan unit records no key', location });
      continue;
    }
    const computed = variants.map((vr) => [vr, scanUnitKey(unit, vr)] as const);
    const hit = computed.find(([, key]) => key === unit.key);
    if (hit !== undefined) {
      record(result, { identity: 'scan_unit_key', subject: unit.key, status: 'ok', recorded: unit.key, computed: hit[1], variant: hit[0], location });
      out.push({ unit: { ...unit, key: unit.key }, pointer, variant: hit[0] });
    } else {
      record(result, { identity: 'scan_unit_key', subject: unit.key, status: 'mismatch', recorded: unit.key, computed: computed[0]?.[1], note: explainScanKey(unit, unit.key, computed[0]?.[1] ?? ''), location });
    }
  }
  if (inputs.scanKeys !== undefined && inputs.scanUnits !== undefined) {
    const unitKeys = inputs.scanUnits.map(({ unit }) => unit.key).filter((k): k is string => k !== undefined);
    if (unitKeys.length === inputs.scanUnits.length) {
      const missing = unitKeys.filter((k) => !inputs.scanKeys!.includes(k));
      const extra = inputs.scanKeys.filter((k) => !unitKeys.includes(k));
      const ok = missing.length === 0 && extra.length === 0;
      const note = ok ? undefined : [missing.length > 0 ? `scan_keys lacks ${missing.join(', ')}` : '', extra.length > 0 ? `scan_keys names ${extra.join(', ')} that no scan unit has` : ''].filter(Boolean).join('; ');
      record(result, { identity: 'scan_keys', subject: inputs.viewName, status: ok ? 'ok' : 'mismatch', note, location: locate(artifact, inputs.tableVersion === 'v1' ? '/scan_keys_json' : '/scan_keys') });
    } else {
      record(result, { identity: 'scan_keys', subject: inputs.viewName, status: 'unverifiable', note: 'some scan units record no key', location: locate(artifact) });
    }
  }
  return out;
}

function explainScanKey(unit: ScanUnitStruct, recorded: string, computed: string): string {
  const parsed = parseScanKey(recorded);
  const mine = parseScanKey(computed);
  if (parsed === undefined) return 'the recorded key is not of the form scan::<dataset>::<version>::<digest>';
  if (mine !== undefined && parsed.dataset !== mine.dataset) return `the key names dataset ${parsed.dataset}, the unit ${unit.dataset_name}`;
  if (mine !== undefined && parsed.versionToken !== mine.versionToken) return `the key's version token ${parsed.versionToken} differs from the unit's (${mine.versionToken})`;
  return 'the digest differs: the projected columns, pushed filters or Delta protocol fields differ from those hashed';
}

// ---- scan and view tasks (cross-artifact, against task_graph_diagnostics) ------------------------
