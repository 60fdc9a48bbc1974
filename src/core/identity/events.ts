/**
 * Hamilton event `event_payload_hash`, artifact-formats.md §4.1 and §4.7. O(payload size).
 * v1 hashes msgspec JSON of `{event_name, payload, plan_signature, reduced_plan_signature}`; the
 * recorded `event_payload_json` already is msgspec's JSON of the payload, so it is spliced in verbatim
 * rather than re-encoded (re-encoding would need to know which numbers Python held as floats).
 * v2 hashes the `event_payload_msgpack` bytes themselves.
 */

import { sha256Hex, sha256Utf8 } from './hash';
import { quoteString } from './msgspecJson';

export interface EventV1Fields {
  readonly eventName: string;
  /** The column text, exactly as recorded. */
  readonly eventPayloadJson: string;
  readonly planSignature: string;
  readonly reducedPlanSignature: string;
}

export function eventHashV1Text(fields: EventV1Fields): string {
  return (
    `{"event_name":${quoteString(fields.eventName)},"payload":${fields.eventPayloadJson},` +
    `"plan_signature":${quoteString(fields.planSignature)},"reduced_plan_signature":${quoteString(fields.reducedPlanSignature)}}`
  );
}

export function eventPayloadHashV1(fields: EventV1Fields): string {
  return sha256Utf8(eventHashV1Text(fields));
}

export function eventPayloadHashV2(eventPayloadMsgpack: Uint8Array): string {
  return sha256Hex(eventPayloadMsgpack);
}
