/**
 * Checks across artifacts on task identities: scan task names, fingerprints and signatures (§4.4) and
 * view task signatures (§4.5), each recomputed from the plan rows and compared with the diagnostics'
 * recorded maps.
 */

import { locate, type IdentityArtifact } from './artifact';
import { compare, record, type VerifyResult } from './checks';
import { settingsHash, type FingerprintVariant } from './fingerprints';
import { field, isRecord, str, strList, type PlainRecord } from '../json/decodedValue';
import { scanTaskFingerprint, scanUnitSignature, type ScanUnitStruct } from './scanUnits';
import { planTaskSignature } from './taskSignatures';
import type { Plain } from '../json/decodedValue';
import { pointer as ptr } from '../issues';
import type { RowContext } from './verifyPlanRows';

function diagnosticsMaps(diagnostics: readonly IdentityArtifact[]): { artifact: IdentityArtifact; fingerprints: PlainRecord; signatures: PlainRecord; runtimeHash?: string }[] {
  return diagnostics.map((artifact) => {
    const fps = field(artifact.data, 'plan_fingerprints');
    const sigs = field(artifact.data, 'plan_task_signatures');
    return { artifact, fingerprints: isRecord(fps) ? fps : {}, signatures: isRecord(sigs) ? sigs : {}, runtimeHash: str(field(artifact.data, 'session_runtime_hash')) };
  });
}

/** Scan unit signatures by (unit, runtime hash, variant): view tasks hash the same units again. */
export class SignatureCache {
  private readonly cache = new Map<string, string>();
  get(unit: ScanUnitStruct & { readonly key: string }, runtimeHash: string | undefined, variant: FingerprintVariant): string {
    const id = `${runtimeHash ?? ''}\n${variant}\n${JSON.stringify(unit)}`;
    let sig = this.cache.get(id);
    if (sig === undefined) this.cache.set(id, (sig = scanUnitSignature(unit, runtimeHash, variant)));
    return sig;
  }
}

export function verifyScanTasks(result: VerifyResult, rows: readonly RowContext[], diagnostics: readonly IdentityArtifact[], names: ReadonlyMap<string, string>, signatures: SignatureCache): void {
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

export function verifyViewTasks(result: VerifyResult, rows: readonly RowContext[], diagnostics: readonly IdentityArtifact[], names: ReadonlyMap<string, string>, signatures: SignatureCache): void {
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
