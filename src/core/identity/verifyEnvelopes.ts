/**
 * Checks on envelopes and events: event payload hashes, envelope ids by schema, and the run manifest's
 * artifact ids against the envelopes they name.
 */

import { locate, shapeOf, type IdentityArtifact } from './artifact';
import { compare, record, type IdentityCheck, type VerifyResult } from './checks';
import { envelopeSchema, PAYLOAD_SCHEMAS, type EnvelopeKind } from './envelopes';
import { eventPayloadHashV1, eventPayloadHashV2 } from './events';
import { msgpackSha256 } from './hash';
import { encodeMsgpack } from './msgpack';
import { bytesOf } from './decodeExact';
import { field, isRecord, str, type PlainRecord } from '../json/decodedValue';
import { SchemaMismatch, toValue } from './value';
import { pointer as ptr } from '../issues';

export interface EnvelopeContext {
  readonly artifact: IdentityArtifact;
  readonly kind: EnvelopeKind;
  readonly runId?: string;
  readonly id: string;
  readonly artifactIds?: PlainRecord;
}

export function verifyEvent(result: VerifyResult, artifact: IdentityArtifact): void {
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

export function verifyEnvelope(result: VerifyResult, artifact: IdentityArtifact, kind: EnvelopeKind, isEnvelope: boolean): EnvelopeContext | undefined {
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

export function verifyManifestIds(result: VerifyResult, envelopes: readonly EnvelopeContext[]): void {
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
