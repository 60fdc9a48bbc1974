/**
 * Recomputes every reproducible identity in a set of decoded artifacts and compares it with what the
 * artifacts record (artifact-formats.md §4): plan fingerprints with their intermediate hashes, scan keys,
 * scan task names/fingerprints/signatures, view task signatures, event payload hashes, envelope ids.
 * Cross-artifact checks join on view names, scan task names and run ids. Arrow-IPC hashes are only
 * collected as opaque ids. O(total artifact size + units log units).
 */

import { locate, shapeOf, type IdentityArtifact } from './artifact';
import { emptyResult, type OpaqueKind, type VerifyResult } from './checks';
import { field, isRecord, str } from '../json/decodedValue';
import { scanTaskNames } from './scanUnits';
import type { IssueLocation } from '../issues';
import { locatePointers } from '../json/parseJson';
import { verifyEnvelope, verifyEvent, verifyManifestIds, type EnvelopeContext } from './verifyEnvelopes';
import { verifyPlanRow, type RowContext } from './verifyPlanRows';
import { SignatureCache, verifyScanTasks, verifyViewTasks } from './verifyTaskSignatures';

const OPAQUE_KINDS: readonly OpaqueKind[] = ['plan_signature', 'reduced_plan_signature', 'task_dependency_signature', 'reduced_task_dependency_signature', 'session_runtime_hash'];

export interface VerifyOptions {
  /**
   * Scan task names by scan unit key over the whole table, for a caller that verifies a few of its rows:
   * a name's length depends on every other key (the collision rule of `scanTaskNames`).
   */
  readonly scanTaskNames?: ReadonlyMap<string, string>;
}

export function verifyIdentities(artifacts: readonly IdentityArtifact[], options: VerifyOptions = {}): VerifyResult {
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
  const names = options.scanTaskNames ?? scanTaskNames(rows.flatMap((r) => r.units.map((u) => u.unit.key)));
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
