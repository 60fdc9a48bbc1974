/**
 * The result vocabulary of identity verification: one `IdentityCheck` per recomputed identity, the
 * opaque ids that are reported but never recomputed, and the issues raised for mismatches.
 */

import type { FingerprintVariant } from './fingerprints';
import { issue, type IssueLocation, type PlanIssue } from '../issues';

export type IdentityKind =
  | 'plan_fingerprint'
  | 'df_settings_hash'
  | 'delta_inputs_hash'
  | 'udf_snapshot_hash'
  | 'scan_unit_key'
  | 'scan_keys'
  | 'scan_task_name'
  | 'scan_task_fingerprint'
  | 'scan_unit_signature'
  | 'plan_task_signature'
  | 'event_payload_hash'
  | 'artifact_envelope_id'
  | 'msgpack_canonical';

/**
 * ok / mismatch: recomputed and compared with the recorded value. computed: recomputed, nothing recorded
 * to compare with. unverifiable: an input the identity needs is missing or malformed.
 */
export type CheckStatus = 'ok' | 'mismatch' | 'computed' | 'unverifiable';

export interface IdentityCheck {
  readonly identity: IdentityKind;
  /** What the identity belongs to: a view, a scan key, an event, an envelope kind. */
  readonly subject: string;
  readonly status: CheckStatus;
  readonly computed?: string;
  readonly recorded?: string;
  readonly variant?: FingerprintVariant;
  /** Why it mismatched or could not be verified, naming the input that differs where that is known. */
  readonly note?: string;
  readonly location: IssueLocation;
}

export type OpaqueKind = 'plan_signature' | 'reduced_plan_signature' | 'task_dependency_signature' | 'reduced_task_dependency_signature' | 'session_runtime_hash';

/** Arrow-IPC hashes (artifact-formats.md §1.4): joined and compared on, never recomputed. */
export interface OpaqueId {
  readonly kind: OpaqueKind;
  readonly value: string;
  readonly location: IssueLocation;
}

export interface VerifyResult {
  readonly checks: IdentityCheck[];
  readonly opaque: OpaqueId[];
  readonly issues: PlanIssue[];
}

export function emptyResult(): VerifyResult {
  return { checks: [], opaque: [], issues: [] };
}

/** Adds a check and, for a mismatch, the matching error issue. */
export function record(result: VerifyResult, check: IdentityCheck): void {
  result.checks.push(check);
  if (check.status === 'mismatch') {
    const detail = check.note !== undefined ? `: ${check.note}` : '';
    const values = check.recorded !== undefined && check.computed !== undefined ? ` (recorded ${check.recorded}, recomputed ${check.computed})` : '';
    result.issues.push(issue('error', 'identity-mismatch', `${check.identity} of ${check.subject} does not match its inputs${detail}${values}`, check.location));
  }
}

export function compare(recorded: string | undefined, computed: string): CheckStatus {
  if (recorded === undefined) return 'computed';
  return recorded === computed ? 'ok' : 'mismatch';
}
