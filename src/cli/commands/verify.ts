/** `plan-lens verify FILE|DIR... [--json]`: recompute every reproducible identity and compare. */

import * as path from 'node:path';
import type { IdentityCheck, VerifyResult } from '../../core/identity/checks';
import { verifyIdentities } from '../../core/identity/verify';
import { loadIdentityArtifacts } from '../../core/identity/verifyFiles';
import { readTableRows } from '../../core/tables/readTableRows';
import { formatIssue, hasErrors, type IssueLocation, type PlanIssue } from '../../core/issues';
import { nodeFileSystem } from '../../node/nodeFileSystem';
import { type CliCommand, ExitCode, parseCommandArgs, UsageError } from '../cliCommand';
import { stderrProgress } from '../progress';

const usage = `Usage: plan-lens verify FILE|DIR... [--all] [--json] [--max-file-size-mb N]

Recomputes every identity the pipeline's artifacts record that can be reproduced, and compares:
plan_fingerprint (variants A, A' and C) with its recorded intermediates (df_settings_hash,
delta_inputs_hash, the planned UDF snapshot hash), scan unit keys, scan task names, fingerprints
and signatures, view plan_task_signatures (against task_graph_diagnostics), event_payload_hash (v1
and v2) and artifact_envelope_id (against the run manifest's artifact_ids). Arrow-IPC hashes
(plan_signature, task-dependency signatures, session_runtime_hash) are listed as opaque ids.
Reads .json (one value or an array of rows), .jsonl, .msgpack, .msgpack.b64 and the rows of Delta tables
(e.g. datafusion_plan_artifacts_v1, the Hamilton events table); directories recursively.

  --all                  list every identity and the opaque ids, not only mismatches and unverifiable ones
  --json                 print one JSON object {files, checks, opaque, issues} (always every identity)
  --max-file-size-mb N   read files up to N MB (default 256)

The summary comes first: the counts, then per identity kind. Then the mismatches and the unverifiable
identities, each with its recorded and recomputed values and where it is; --all lists the rest too.
Statuses: ok, mismatch, computed (nothing recorded to compare with), unverifiable (an input is missing).
Exit status: 0 no mismatch, 1 a mismatch or an unreadable file, 2 wrong usage.`;

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'recompute plan fingerprints, scan keys, task signatures, event and envelope hashes',
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, { all: { type: 'boolean' }, json: { type: 'boolean' }, 'max-file-size-mb': { type: 'string' } });
    if (parsed.positionals.length === 0) throw new UsageError('expected at least one FILE or DIR');
    const limit = parsed.values['max-file-size-mb'];
    if (limit !== undefined && !/^\d+(\.\d+)?$/.test(limit)) throw new UsageError('--max-file-size-mb takes a positive number');
    const rel = (p: string): string => path.relative(io.cwd, p) || p;
    const progress = stderrProgress('verify');
    const loaded = await loadIdentityArtifacts(
      nodeFileSystem,
      parsed.positionals.map((p) => path.resolve(io.cwd, p)),
      {
        ...(limit === undefined ? {} : { maxBytes: Number(limit) * 1024 * 1024 }),
        readTable: async (table) => readTableRows(nodeFileSystem, table, limit === undefined ? {} : { maxBytes: Number(limit) * 1024 * 1024 }),
        onFile: (_file, read) => progress.update(1, 2, `reading the artifacts, ${read} read`),
      },
    );
    progress.update(2, 2, 'recomputing the identities');
    const verified = verifyIdentities(loaded.artifacts);
    progress.done();
    const relLoc = (l: IssueLocation): IssueLocation => (l.file === undefined ? l : { ...l, file: rel(l.file) });
    const result: VerifyResult = {
      checks: verified.checks.map((c) => ({ ...c, location: relLoc(c.location) })),
      opaque: verified.opaque.map((o) => ({ ...o, location: relLoc(o.location) })),
      issues: [...loaded.issues, ...verified.issues].map((i) => ({ ...i, location: relLoc(i.location) })),
    };
    if (parsed.values.json) io.out(JSON.stringify({ files: loaded.files.map(rel), ...result }, null, 2));
    else io.out(formatText(result, loaded.files.length, parsed.values.all === true));
    const mismatch = result.checks.some((c) => c.status === 'mismatch');
    return mismatch || hasErrors(result.issues) ? ExitCode.InputErrors : ExitCode.Ok;
  },
};

function where(l: IssueLocation): string {
  const pos = [l.file ?? '<input>', l.line, l.column].filter((p) => p !== undefined).join(':');
  return l.pointer ? `${pos} ${l.pointer}` : pos;
}

function checkLine(c: IdentityCheck): string[] {
  const value = c.computed ?? c.recorded ?? '';
  const variant = c.variant !== undefined ? ` [variant ${c.variant}]` : '';
  const lines = [`${c.status.padEnd(12)} ${c.identity.padEnd(22)} ${c.subject}${variant}  ${value}`];
  if (c.status === 'mismatch' && c.recorded !== undefined) lines.push(`${''.padEnd(13)}recorded ${c.recorded}`);
  if (c.note !== undefined && c.status !== 'ok') lines.push(`${''.padEnd(13)}${c.note}`);
  lines.push(`${''.padEnd(13)}at ${where(c.location)}`);
  return lines;
}

const STATUSES: readonly IdentityCheck['status'][] = ['ok', 'mismatch', 'computed', 'unverifiable'];

/** Summary first (counts, then per identity kind), then what needs attention; `all`: every check and opaque id. */
function formatText(result: VerifyResult, fileCount: number, all: boolean): string {
  const count = (checks: readonly IdentityCheck[], s: IdentityCheck['status']): number => checks.filter((c) => c.status === s).length;
  const out = [
    `${fileCount} file(s), ${result.checks.length} identities: ${STATUSES.map((s) => `${count(result.checks, s)} ${s}`).join(', ')}; ${result.opaque.length} opaque id(s)`,
  ];
  const kinds = [...new Set(result.checks.map((c) => c.identity))];
  if (kinds.length > 0) {
    const width = Math.max(...kinds.map((k) => k.length));
    out.push('', `  ${'identity'.padEnd(width)}  ${STATUSES.map((s) => s.padStart(14)).join('')}`);
    for (const kind of kinds) {
      const of = result.checks.filter((c) => c.identity === kind);
      out.push(`  ${kind.padEnd(width)}  ${STATUSES.map((s) => String(count(of, s)).padStart(14)).join('')}`);
    }
  }
  const shown = all ? result.checks : result.checks.filter((c) => c.status === 'mismatch' || c.status === 'unverifiable');
  if (shown.length > 0) out.push('', all ? 'every identity:' : 'mismatches and unverifiable identities:', ...shown.flatMap(checkLine));
  if (all && result.opaque.length > 0) {
    out.push('', 'opaque ids (Arrow-IPC hashes, compared as recorded, never recomputed):');
    for (const o of result.opaque) out.push(`  ${o.kind.padEnd(34)} ${o.value}  (${where(o.location)})`);
  }
  const others: PlanIssue[] = result.issues.filter((i) => i.code !== 'identity-mismatch');
  if (others.length > 0) out.push('', ...others.map(formatIssue));
  if (!all && shown.length < result.checks.length + result.opaque.length) out.push('', `(--all lists all ${result.checks.length} identities and the opaque ids)`);
  return out.join('\n');
}
