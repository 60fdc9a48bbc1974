/**
 * Recomputes every reproducible identity in a set of decoded artifacts and compares it with what the
 * artifacts record (artifact-formats.md §4): plan fingerprints with their intermediate hashes, scan keys,
 * scan task names/fingerprints/signatures, view task signatures, event payload hashes, envelope ids.
 * Cross-artifact checks join on view names, scan task names and run ids. Arrow-IPC hashes are only
 * collected as opaque ids. O(total artifact size + units log units).
 */

import { locate, shapeOf, type IdentityArtifact } from './artifact';
import { compare, emptyResult, record, type IdentityCheck, type OpaqueKind, type VerifyResult } from './checks';
import { envelopeSchema, PAYLOAD_SCHEMAS, type EnvelopeKind } from './envelopes';
import { eventPayloadHashV1, eventPayloadHashV2 } from './events';
import { planFingerprint, settingsHash, substraitHash, type FingerprintInputs, type FingerprintVariant } from './fingerprints';
import { jsonSha256, msgpackSha256, sha256Utf8 } from './hash';
import { encodeMsgpack } from './msgpack';
import { bytesOf, field, isRecord, str, strList, type PlainRecord } from './plain';
import { readPlanRow, type RowInputs } from './planRows';
import { parseScanKey, scanTaskFingerprint, scanTaskNames, scanUnitKey, scanUnitSignature, type ScanUnit } from './scanUnits';
import { planTaskSignature } from './taskSignatures';
import { SchemaMismatch, toValue, v, type Plain } from './value';
import { issue, pointer as ptr, type IssueLocation } from '../issues';
import { locatePointers } from '../json/parseJson';

const OPAQUE_KINDS: readonly OpaqueKind[] = ['plan_signature', 'reduced_plan_signature', 'task_dependency_signature', 'reduced_task_dependency_signature', 'session_runtime_hash'];

interface RowContext {
  readonly artifact: IdentityArtifact;
  readonly inputs: RowInputs;
  /** The variant whose fingerprint matched, when one did. */
  readonly variant?: FingerprintVariant;
  /** Scan units whose key was verified, keyed by scan key. */
  readonly units: { readonly unit: ScanUnit & { readonly key: string }; readonly pointer: string; readonly variant: FingerprintVariant }[];
}

interface EnvelopeContext {
  readonly artifact: IdentityArtifact;
  readonly kind: EnvelopeKind;
  readonly runId?: string;
  readonly id: string;
  readonly artifactIds?: PlainRecord;
}

export function verifyIdentities(artifacts: readonly IdentityArtifact[]): VerifyResult {
  const result = emptyResult();
  const rows: RowContext[] = [];
  const envelopes: EnvelopeContext[] = [];
  const diagnostics: IdentityArtifact[] = [];
  for (const artifact of artifacts) {
    collectOpaque(result, artifact);
    const shape = shapeOf(artifact.data);
    if (shape.kind === 'plan_artifact_row') rows.push(verifyPlanRow(result, artifact));
    else if (shape.kind === 'event_row') verifyEvent(result, artifact);
    else if (shape.kind === 'envelope' || shape.kind === 'payload') {
      const ctx = verifyEnvelope(result, artifact, shape.envelope, shape.kind === 'envelope');
      if (ctx !== undefined) envelopes.push(ctx);
    } else if (shape.kind === 'task_graph_diagnostics') diagnostics.push(artifact);
  }
  const names = scanTaskNames(rows.flatMap((r) => r.units.map((u) => u.unit.key)));
  const signatures = new SignatureCache();
  verifyScanTasks(result, rows, diagnostics, names, signatures);
  verifyViewTasks(result, rows, diagnostics, names, signatures);
  verifyManifestIds(result, envelopes);
  return resolvePositions(result, artifacts);
}

/**
 * Adds line/column to every JSON-file location, scanning each file's text once. A pointer into an
 * embedded JSON column (`/0/scan_units_json/3`) has no position in the file; it gets the position of its
 * longest prefix that has one (the column), keeping the full pointer.
 */
function resolvePositions(result: VerifyResult, artifacts: readonly IdentityArtifact[]): VerifyResult {
  const texts = new Map<string, string>();
  for (const a of artifacts) if (a.text !== undefined && a.line === undefined) texts.set(a.file, a.text);
  const all: IssueLocation[] = [...result.checks.map((c) => c.location), ...result.opaque.map((o) => o.location), ...result.issues.map((i) => i.location)];
  const prefixes = (p: string): string[] => {
    const tokens = p.split('/');
    return tokens.map((_, i) => tokens.slice(0, tokens.length - i).join('/'));
  };
  const resolved = new Map<string, IssueLocation>();
  for (const [file, text] of texts) {
    const wanted = all.filter((l) => l.file === file && l.line === undefined && l.pointer !== undefined).map((l) => l.pointer ?? '');
    const pointers = [...new Set(wanted.flatMap(prefixes))];
    locatePointers(text, file, pointers).forEach((l, i) => {
      if (l.line !== undefined) resolved.set(`${file}\n${pointers[i] ?? ''}`, l);
    });
  }
  const fix = (l: IssueLocation): IssueLocation => {
    if (l.line !== undefined || l.pointer === undefined) return l;
    for (const p of prefixes(l.pointer)) {
      const hit = resolved.get(`${l.file ?? ''}\n${p}`);
      if (hit !== undefined) return { ...hit, pointer: l.pointer };
    }
    return l;
  };
  return {
    checks: result.checks.map((c) => ({ ...c, location: fix(c.location) })),
    opaque: result.opaque.map((o) => ({ ...o, location: fix(o.location) })),
    issues: result.issues.map((i) => ({ ...i, location: fix(i.location) })),
  };
}

function collectOpaque(result: VerifyResult, artifact: IdentityArtifact): void {
  const payload = field(artifact.data, 'payload');
  for (const [holder, base] of [[artifact.data, ''], [payload, '/payload']] as const) {
    if (!isRecord(holder)) continue;
    for (const kind of OPAQUE_KINDS) {
      const value = str(field(holder, kind));
      if (value !== undefined && !result.opaque.some((o) => o.kind === kind && o.value === value)) result.opaque.push({ kind, value, location: locate(artifact, `${base}/${kind}`) });
    }
  }
}

// ---- plan artifact rows -------------------------------------------------------------------------

function verifyPlanRow(result: VerifyResult, artifact: IdentityArtifact): RowContext {
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

function explainScanKey(unit: ScanUnit, recorded: string, computed: string): string {
  const parsed = parseScanKey(recorded);
  const mine = parseScanKey(computed);
  if (parsed === undefined) return 'the recorded key is not of the form scan::<dataset>::<version>::<digest>';
  if (mine !== undefined && parsed.dataset !== mine.dataset) return `the key names dataset ${parsed.dataset}, the unit ${unit.dataset_name}`;
  if (mine !== undefined && parsed.versionToken !== mine.versionToken) return `the key's version token ${parsed.versionToken} differs from the unit's (${mine.versionToken})`;
  return 'the digest differs: the projected columns, pushed filters or Delta protocol fields differ from those hashed';
}

// ---- scan and view tasks (cross-artifact, against task_graph_diagnostics) ------------------------

function diagnosticsMaps(diagnostics: readonly IdentityArtifact[]): { artifact: IdentityArtifact; fingerprints: PlainRecord; signatures: PlainRecord; runtimeHash?: string }[] {
  return diagnostics.map((artifact) => {
    const fps = field(artifact.data, 'plan_fingerprints');
    const sigs = field(artifact.data, 'plan_task_signatures');
    return { artifact, fingerprints: isRecord(fps) ? fps : {}, signatures: isRecord(sigs) ? sigs : {}, runtimeHash: str(field(artifact.data, 'session_runtime_hash')) };
  });
}

/** Scan unit signatures by (unit, runtime hash, variant): view tasks hash the same units again. */
class SignatureCache {
  private readonly cache = new Map<string, string>();
  get(unit: ScanUnit & { readonly key: string }, runtimeHash: string | undefined, variant: FingerprintVariant): string {
    const id = `${runtimeHash ?? ''}\n${variant}\n${JSON.stringify(unit)}`;
    let sig = this.cache.get(id);
    if (sig === undefined) this.cache.set(id, (sig = scanUnitSignature(unit, runtimeHash, variant)));
    return sig;
  }
}

function verifyScanTasks(result: VerifyResult, rows: readonly RowContext[], diagnostics: readonly IdentityArtifact[], names: ReadonlyMap<string, string>, signatures: SignatureCache): void {
  const units = rows.flatMap((r) => r.units.map((u) => ({ ...u, row: r })));
  const diag = diagnosticsMaps(diagnostics);
  const seen = new Set<string>();
  for (const { unit, pointer, variant, row } of units) {
    if (seen.has(unit.key)) continue;
    seen.add(unit.key);
    const name = names.get(unit.key) ?? '';
    const location = locate(row.artifact, pointer);
    const recordedIn = diag.filter((d) => Object.hasOwn(d.fingerprints, name) || Object.hasOwn(d.signatures, name));
    record(result, { identity: 'scan_task_name', subject: unit.key, status: recordedIn.length > 0 ? 'ok' : 'computed', computed: name, note: recordedIn.length > 0 ? 'a task of this name is in task_graph_diagnostics' : undefined, location });
    const fingerprint = scanTaskFingerprint(unit);
    if (recordedIn.length === 0) record(result, { identity: 'scan_task_fingerprint', subject: name, status: 'computed', computed: fingerprint, location });
    for (const d of recordedIn) {
      const dl = locate(d.artifact, ptr('plan_fingerprints', name));
      const recorded = str(d.fingerprints[name]);
      if (recorded !== undefined) record(result, { identity: 'scan_task_fingerprint', subject: name, status: compare(recorded, fingerprint), recorded, computed: fingerprint, note: recorded === fingerprint ? undefined : `the scan unit ${unit.key} has different candidate files, columns or filters than those hashed`, location: dl });
      const recordedSig = str(d.signatures[name]);
      if (recordedSig === undefined) continue;
      const signature = signatures.get(unit, d.runtimeHash, variant);
      const note = recordedSig === signature ? undefined : `the scan unit ${unit.key} (variant ${variant}, runtime hash ${d.runtimeHash ?? 'absent'}) hashes to a different signature: its files, filters, columns or Delta snapshot fields differ`;
      record(result, { identity: 'scan_unit_signature', subject: name, status: compare(recordedSig, signature), recorded: recordedSig, computed: signature, variant, note, location: locate(d.artifact, ptr('plan_task_signatures', name)) });
    }
  }
  if (units.length === 0) return;
  const known = new Set(names.values());
  for (const d of diag) {
    for (const name of Object.keys(d.signatures)) {
      if (!name.startsWith('scan_unit_') || known.has(name)) continue;
      record(result, { identity: 'scan_task_name', subject: name, status: 'unverifiable', recorded: name, note: 'no scan unit in the verified rows hashes to this task name', location: locate(d.artifact, ptr('plan_task_signatures', name)) });
    }
  }
}

function sessionRewriteTags(udfSnapshot: Plain): string[] {
  const tags = field(udfSnapshot, 'rewrite_tags');
  if (!isRecord(tags)) return [];
  const out = new Set<string>();
  for (const value of Object.values(tags)) for (const t of strList(value) ?? []) out.add(t);
  return [...out];
}

function verifyViewTasks(result: VerifyResult, rows: readonly RowContext[], diagnostics: readonly IdentityArtifact[], names: ReadonlyMap<string, string>, signatures: SignatureCache): void {
  const diag = diagnosticsMaps(diagnostics);
  if (diag.length === 0) return;
  const badScanSignatures = new Set(result.checks.filter((c) => c.identity === 'scan_unit_signature' && c.status === 'mismatch').map((c) => c.subject));
  for (const row of rows) {
    const { inputs } = row;
    for (const d of diag) {
      const recordedFp = str(d.fingerprints[inputs.viewName]);
      if (recordedFp !== undefined && inputs.recordedFingerprint !== undefined) {
        const status = compare(recordedFp, inputs.recordedFingerprint);
        record(result, {
          identity: 'plan_fingerprint',
          subject: `${inputs.viewName} (task graph)`,
          status,
          recorded: recordedFp,
          computed: inputs.recordedFingerprint,
          note: status === 'mismatch' ? 'task_graph_diagnostics records a different plan_fingerprint for this view than its plan-artifact row' : undefined,
          location: locate(d.artifact, ptr('plan_fingerprints', inputs.viewName)),
        });
      }
      const recordedSig = str(d.signatures[inputs.viewName]);
      if (recordedSig === undefined) continue;
      const location = locate(d.artifact, ptr('plan_task_signatures', inputs.viewName));
      const needed = [inputs.recordedFingerprint, inputs.functionRegistryHash, inputs.udfSnapshotHash, inputs.dfSettings, inputs.requiredUdfs, inputs.requiredRewriteTags, inputs.deltaInputs];
      if (needed.some((x) => x === undefined) || (inputs.scanUnits ?? []).length !== row.units.length) {
        record(result, { identity: 'plan_task_signature', subject: inputs.viewName, status: 'unverifiable', recorded: recordedSig, note: 'the plan-artifact row lacks inputs of the signature (or has scan units whose key did not verify)', location });
        continue;
      }
      const variants = row.variant !== undefined ? [row.variant] : inputs.variants;
      const computed = variants.map((vr) => {
        const scanSignatures = row.units.map(({ unit }) => signatures.get(unit, d.runtimeHash, vr));
        return [vr, planTaskSignature({
          runtimeHash: d.runtimeHash,
          planFingerprint: inputs.recordedFingerprint!,
          functionRegistryHash: inputs.functionRegistryHash!,
          udfSnapshotHash: inputs.udfSnapshotHash!,
          informationSchemaHash: inputs.informationSchemaHash,
          rewriteTags: sessionRewriteTags(inputs.udfSnapshot),
          domainPlannerNames: inputs.domainPlannerNames ?? [],
          dfSettingsHash: settingsHash(inputs.dfSettings!),
          requiredUdfs: inputs.requiredUdfs!,
          requiredRewriteTags: inputs.requiredRewriteTags!,
          deltaInputs: inputs.deltaInputs!,
          scanSignatures,
        }, vr)] as const;
      });
      const hit = computed.find(([, sig]) => sig === recordedSig);
      const scanNames = row.units.map(({ unit }) => names.get(unit.key) ?? '');
      const badScans = scanNames.filter((n) => badScanSignatures.has(n));
      const note = hit !== undefined ? undefined : badScans.length > 0 ? `the signatures of its scan units ${badScans.join(', ')} differ` : 'an input outside the row differs (the session runtime hash, the session-wide rewrite tags or the domain planners) or the row differs from the one the plan was built from';
      record(result, { identity: 'plan_task_signature', subject: inputs.viewName, status: hit !== undefined ? 'ok' : 'mismatch', recorded: recordedSig, computed: (hit ?? computed[0])?.[1], variant: hit?.[0], note, location });
    }
  }
}

// ---- events -------------------------------------------------------------------------------------

function verifyEvent(result: VerifyResult, artifact: IdentityArtifact): void {
  const data = artifact.data;
  const name = str(field(data, 'event_name')) ?? '<event>';
  const runId = str(field(data, 'run_id'));
  const subject = runId !== undefined ? `${name} (run ${runId})` : name;
  const recorded = str(field(data, 'event_payload_hash'));
  const location = locate(artifact, '/event_payload_hash');
  const packed = field(data, 'event_payload_msgpack');
  if (packed !== undefined && packed !== null) {
    const bytes = bytesOf(packed);
    if (bytes === undefined) {
      record(result, { identity: 'event_payload_hash', subject, status: 'unverifiable', recorded, note: 'event_payload_msgpack is not bytes', location });
      return;
    }
    const computed = eventPayloadHashV2(bytes);
    const status = compare(recorded, computed);
    record(result, { identity: 'event_payload_hash', subject, status, recorded, computed, note: status === 'mismatch' ? 'the recorded hash is not the SHA-256 of event_payload_msgpack (v2)' : undefined, location });
    return;
  }
  const payloadJson = str(field(data, 'event_payload_json'));
  const plan = str(field(data, 'plan_signature'));
  const reduced = str(field(data, 'reduced_plan_signature'));
  if (payloadJson === undefined || plan === undefined || reduced === undefined) {
    record(result, { identity: 'event_payload_hash', subject, status: 'unverifiable', recorded, note: 'the v1 hash needs event_payload_json, plan_signature and reduced_plan_signature', location });
    return;
  }
  const computed = eventPayloadHashV1({ eventName: name, eventPayloadJson: payloadJson, planSignature: plan, reducedPlanSignature: reduced });
  const status = compare(recorded, computed);
  record(result, { identity: 'event_payload_hash', subject, status, recorded, computed, note: status === 'mismatch' ? 'the event name, payload or plan signatures differ from those hashed (v1)' : undefined, location });
}

// ---- envelopes and the run manifest -------------------------------------------------------------

function verifyEnvelope(result: VerifyResult, artifact: IdentityArtifact, kind: EnvelopeKind, isEnvelope: boolean): EnvelopeContext | undefined {
  const payload = isEnvelope ? field(artifact.data, 'payload') : artifact.data;
  const runId = str(field(payload, 'run_id'));
  const subject = runId !== undefined ? `${kind} (run ${runId})` : kind;
  const location = locate(artifact);
  let value;
  try {
    value = toValue({ kind, payload }, envelopeSchema(kind));
  } catch (e) {
    if (!(e instanceof SchemaMismatch)) throw e;
    const where = ptr(...(isEnvelope ? e.path : e.path.slice(1)));
    record(result, { identity: 'artifact_envelope_id', subject, status: 'unverifiable', note: `the ${kind} Struct layout is not known for this value: ${e.message}`, location: locate(artifact, where) });
    return undefined;
  }
  if (artifact.raw !== undefined) {
    const own = encodeMsgpack(isEnvelope ? value : toValue(payload, PAYLOAD_SCHEMAS[kind]));
    const same = own.length === artifact.raw.length && own.every((b, i) => b === artifact.raw![i]);
    record(result, { identity: 'msgpack_canonical', subject, status: same ? 'ok' : 'mismatch', note: same ? undefined : 'the msgpack bytes are not msgspec\'s encoding of their own value (key order, header widths or number widths differ), so ids hashed from them will not reproduce', location });
  }
  const id = msgpackSha256(value);
  record(result, { identity: 'artifact_envelope_id', subject, status: 'computed', computed: id, location });
  const ids = kind === 'run_manifest' ? field(payload, 'artifact_ids') : undefined;
  return { artifact, kind, runId, id, artifactIds: isRecord(ids) ? ids : undefined };
}

function verifyManifestIds(result: VerifyResult, envelopes: readonly EnvelopeContext[]): void {
  const manifestsSeen = new Set<string>();
  for (const manifest of envelopes) {
    // The same manifest as JSON and msgpack, plain and enveloped, has one id: check its ids once.
    if (manifest.artifactIds === undefined || manifestsSeen.has(manifest.id)) continue;
    manifestsSeen.add(manifest.id);
    const base = shapeOf(manifest.artifact.data).kind === 'envelope' ? '/payload/artifact_ids' : '/artifact_ids';
    for (const [kind, recordedPlain] of Object.entries(manifest.artifactIds)) {
      const recorded = str(recordedPlain);
      const found = envelopes.find((e) => e.kind === kind && e.runId === manifest.runId);
      if (recorded === undefined || found === undefined) continue;
      const status = compare(recorded, found.id);
      record(result, {
        identity: 'artifact_envelope_id',
        subject: `run_manifest.artifact_ids.${kind} (run ${manifest.runId ?? '?'})`,
        status,
        recorded,
        computed: found.id,
        note: status === 'mismatch' ? `it does not identify the ${kind} envelope of this run in ${found.artifact.file.split('/').pop() ?? found.artifact.file}` : undefined,
        location: locate(manifest.artifact, `${base}/${kind}`),
      });
    }
  }
  // Payload and envelope files of the same artifact give the same id: keep the report to one each.
  const seen = new Set<string>();
  for (let i = 0; i < result.checks.length; i++) {
    const c: IdentityCheck | undefined = result.checks[i];
    if (c?.identity !== 'artifact_envelope_id' || c.status !== 'computed' || c.computed === undefined) continue;
    if (seen.has(c.computed)) result.checks.splice(i--, 1);
    else seen.add(c.computed);
  }
}

