/**
 * The differences of two runs as one list, most impact first: what changes the schedule's length or the
 * plan's identity comes before what only explains it. The order of kinds is the rule (a critical path
 * change outranks a signature change, which outranks runtime identity, pins, tasks added or removed,
 * changed tasks, dependencies, drift and cache statuses); inside a kind, larger cost moves and tasks on
 * either critical path come first, then names in code-point order.
 */

import type { PlanDrift } from '../model/planModel';
import { compareCodePoints } from '../text/compareCodePoints';
import { formatNumber } from '../text/formatNumber';
import type { RunComparison } from './compareRuns';

export type DifferenceKind = 'critical-path' | 'signature' | 'runtime' | 'pin' | 'task-added' | 'task-removed' | 'task-changed' | 'dependency-added' | 'dependency-removed' | 'drift' | 'cache';

export interface Difference {
  readonly kind: DifferenceKind;
  /** Higher first; the kind's rank plus, inside it, how much of the schedule it touches. */
  readonly impact: number;
  /** One line in words. */
  readonly title: string;
  /** Tasks the difference is about, to select in both graphs. */
  readonly tasks: readonly string[];
}

const KIND_RANK: Readonly<Record<DifferenceKind, number>> = {
  'critical-path': 1000,
  signature: 900,
  runtime: 800,
  pin: 700,
  'task-added': 600,
  'task-removed': 600,
  'task-changed': 500,
  'dependency-added': 400,
  'dependency-removed': 400,
  drift: 300,
  cache: 200,
};

/** Inside a kind: up to 99 more for touching the critical path and for the share of the path's length moved. */
function weight(kind: DifferenceKind, onPath: boolean, moved = 0, pathLength = 0): number {
  const share = pathLength > 0 ? Math.min(1, Math.abs(moved) / pathLength) : 0;
  return KIND_RANK[kind] + (onPath ? 50 : 0) + Math.round(share * 49);
}

const PART_WORDS: Readonly<Record<string, string>> = { udfs: 'required UDFs', rewriteTags: 'rewrite tags' };

export function rankDifferences(c: Omit<RunComparison, 'differences'>): Difference[] {
  const onPath = new Set([...c.criticalPath.before.tasks, ...c.criticalPath.after.tasks]);
  const pathLength = Math.max(c.criticalPath.before.length, c.criticalPath.after.length);
  const out: Difference[] = [];
  if (c.criticalPath.changed) {
    const { before, after } = c.criticalPath;
    const delta = after.length - before.length;
    const moved = [...c.criticalPath.left.map((t) => `${t} left`), ...c.criticalPath.joined.map((t) => `${t} joined`)];
    out.push({
      kind: 'critical-path',
      impact: weight('critical-path', true, delta, pathLength),
      title: `critical path ${formatNumber(before.length)} → ${formatNumber(after.length)} (${delta >= 0 ? '+' : ''}${formatNumber(delta)}), ${before.tasks.length} → ${after.tasks.length} tasks${moved.length > 0 ? `: ${moved.join(', ')}` : ''}`,
      tasks: [...new Set([...before.tasks, ...after.tasks])],
    });
  }
  for (const s of c.signatures) out.push({ kind: 'signature', impact: weight('signature', false), title: `${s.part}: ${short(s.before)} → ${short(s.after)}`, tasks: [] });
  for (const r of c.runtime) out.push({ kind: 'runtime', impact: weight('runtime', false), title: `${r.part}: ${short(r.before)} → ${short(r.after)}`, tasks: [] });
  for (const p of c.pins) out.push({ kind: 'pin', impact: weight('pin', false), title: `Delta pin ${p.dataset}: ${versions(p.before)} → ${versions(p.after)}`, tasks: [] });
  for (const t of c.tasks.added) out.push({ kind: 'task-added', impact: weight('task-added', onPath.has(t)), title: `task added: ${t}`, tasks: [t] });
  for (const t of c.tasks.removed) out.push({ kind: 'task-removed', impact: weight('task-removed', onPath.has(t)), title: `task removed: ${t}`, tasks: [t] });
  for (const ch of c.tasks.changed) {
    const parts = ch.parts.map((p) => (p.part === 'cost' ? `cost ${formatNumber(ch.costBefore)} → ${formatNumber(ch.costAfter)}` : p.part === 'fingerprint' ? `fingerprint ${short(p.before)} → ${short(p.after)}` : `${PART_WORDS[p.part] ?? p.part} ${short(p.before)} → ${short(p.after)}`));
    out.push({ kind: 'task-changed', impact: weight('task-changed', onPath.has(ch.task), ch.costAfter - ch.costBefore, pathLength), title: `${ch.task}: ${parts.join('; ')}`, tasks: [ch.task] });
  }
  for (const [s, t] of c.dependencies.added) out.push({ kind: 'dependency-added', impact: weight('dependency-added', onPath.has(s) && onPath.has(t)), title: `dependency added: ${s} → ${t}`, tasks: [s, t] });
  for (const [s, t] of c.dependencies.removed) out.push({ kind: 'dependency-removed', impact: weight('dependency-removed', onPath.has(s) && onPath.has(t)), title: `dependency removed: ${s} → ${t}`, tasks: [s, t] });
  if (c.drift.changed) {
    const tasks = [...new Set([...(c.drift.before?.missingAdmittedTasks ?? []), ...(c.drift.after?.missingAdmittedTasks ?? [])])];
    out.push({ kind: 'drift', impact: weight('drift', false), title: `drift: ${driftWords(c.drift.before)} → ${driftWords(c.drift.after)}`, tasks });
  }
  for (const ch of c.cache) {
    out.push({ kind: 'cache', impact: weight('cache', onPath.has(ch.task)), title: `cache ${ch.task}: ${ch.before?.status ?? 'not in the run'} → ${ch.after?.status ?? 'not in the run'}${ch.after === undefined ? '' : ` (${ch.after.reason})`}`, tasks: [ch.task] });
  }
  return out.sort((a, b) => b.impact - a.impact || compareCodePoints(a.title, b.title));
}

/** Hashes and long values cut to a readable prefix; the full values are in the comparison itself. */
function short(value: string): string {
  if (value === '') return '—';
  const hash = /^([a-z0-9]+:)?[0-9a-f]{20,}$/.exec(value);
  if (hash !== null) return `${value.slice(0, (hash[1]?.length ?? 0) + 12)}…`;
  return value.length > 80 ? `${value.slice(0, 79)}…` : value;
}

function versions(v: readonly number[]): string {
  return v.length === 0 ? 'not scanned' : v.map((x) => `v${x}`).join(', ');
}

function driftWords(d: PlanDrift | undefined): string {
  if (d === undefined) return 'none recorded';
  return `coverage ${formatNumber(d.admittedTaskCoverageRatio)}, ${d.missingAdmittedTasks.length} missing, ${d.unexpectedAdmittedTasks.length} unexpected, ${d.missingGenerations.length} generations not admitted`;
}
