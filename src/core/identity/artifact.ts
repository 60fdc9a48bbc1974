/**
 * One decoded artifact value handed to the verifiers, with where it came from, and the shape test that
 * says which kind of identity-bearing artifact it is. O(1) per value (a few key lookups).
 */

import type { IssueLocation } from '../issues';
import { isEnvelopeKind, type EnvelopeKind } from './envelopes';
import { field, isRecord } from '../json/decodedValue';
import type { Plain } from '../json/decodedValue';

export interface IdentityArtifact {
  readonly file: string;
  /** JSON pointer of this value inside the file ('' for the whole file, '/3' for a row of an array). */
  readonly pointer: string;
  readonly data: Plain;
  readonly encoding: 'json' | 'msgpack';
  /** The msgpack bytes of exactly this value, when it was read from msgpack. */
  readonly raw?: Uint8Array;
  /** The file's JSON text, to turn pointers into line/column. */
  readonly text?: string;
  /** 1-based line of a JSON-lines record. */
  readonly line?: number;
}

export type ArtifactShape =
  | { readonly kind: 'envelope'; readonly envelope: EnvelopeKind }
  | { readonly kind: 'payload'; readonly envelope: EnvelopeKind }
  | { readonly kind: 'plan_artifact_row' }
  | { readonly kind: 'event_row' }
  | { readonly kind: 'task_graph_diagnostics' }
  | { readonly kind: 'other' };

export function shapeOf(data: Plain): ArtifactShape {
  if (!isRecord(data)) return { kind: 'other' };
  const kind = field(data, 'kind');
  if (isEnvelopeKind(kind) && isRecord(field(data, 'payload'))) return { kind: 'envelope', envelope: kind };
  const has = (key: string): boolean => Object.hasOwn(data, key);
  if (has('view_name') && has('plan_fingerprint')) return { kind: 'plan_artifact_row' };
  if (has('event_name') && has('event_payload_hash')) return { kind: 'event_row' };
  if (has('plan_task_signatures') || (has('plan_fingerprints') && has('session_runtime_hash'))) return { kind: 'task_graph_diagnostics' };
  if (has('artifact_ids') || has('determinism_tier')) return { kind: 'payload', envelope: 'run_manifest' };
  if (has('ordered_tasks') && has('plan_signature')) return { kind: 'payload', envelope: 'plan_schedule' };
  if (has('task_results') && has('total_tasks')) return { kind: 'payload', envelope: 'plan_validation' };
  return { kind: 'other' };
}

/**
 * The location of `sub` (a pointer relative to the artifact value) in its file. Line and column of JSON
 * files are filled in afterwards for all locations of a file in one pass (`resolvePositions`).
 */
export function locate(artifact: IdentityArtifact, sub = ''): IssueLocation {
  if (artifact.line !== undefined) return { file: artifact.file, line: artifact.line, column: 1, pointer: sub };
  return { file: artifact.file, pointer: artifact.pointer + sub };
}
