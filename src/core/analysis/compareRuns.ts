/**
 * The difference between two runs' plans (`RunFacts`): tasks added, removed and changed (fingerprint,
 * pins, settings, UDFs, rewrite tags, cost, kind, priority), dependencies added and removed, signature
 * parts, Delta pins that moved, runtime identity, the critical path before and after, each run's drift and
 * the cache statuses that changed with their reasons; then every difference ranked by impact
 * (rankDifferences.ts). Symmetric by construction: swapping the sides swaps added/removed and before/after.
 * O(V + E) with maps; lists in code-point order.
 */

import type { NodeCacheStatus } from '../hamiltonCache/lineageStatus';
import type { PlanDrift } from '../model/planModel';
import { compareCodePoints } from '../text/compareCodePoints';
import type { PlanAnalysis } from './analyzePlan';
import { rankDifferences, type Difference } from './rankDifferences';
import type { RunFacts, TaskFacts } from './runFacts';

export type TaskPart = 'fingerprint' | 'pins' | 'settings' | 'udfs' | 'rewriteTags' | 'cost' | 'kind' | 'priority';

/** One part of a task, as text on each side ('' when the side does not record it). */
export interface PartChange<P extends string = string> {
  readonly part: P;
  readonly before: string;
  readonly after: string;
}

export interface TaskChange {
  readonly task: string;
  readonly parts: readonly PartChange<TaskPart>[];
  /** Cost on each side, for ranking by how much the schedule moved. */
  readonly costBefore: number;
  readonly costAfter: number;
}

export interface PinMove {
  readonly dataset: string;
  /** Pinned versions on each side (empty: the side does not scan the dataset). */
  readonly before: readonly number[];
  readonly after: readonly number[];
}

export interface CacheChange {
  readonly task: string;
  readonly before?: NodeCacheStatus;
  readonly after?: NodeCacheStatus;
}

export interface RunComparison {
  readonly before: { readonly name: string; readonly runId: string };
  readonly after: { readonly name: string; readonly runId: string };
  readonly tasks: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly TaskChange[]; readonly kept: number };
  readonly dependencies: { readonly added: readonly (readonly [string, string])[]; readonly removed: readonly (readonly [string, string])[] };
  readonly signatures: readonly PartChange[];
  readonly runtime: readonly PartChange[];
  readonly pins: readonly PinMove[];
  readonly criticalPath: {
    readonly before: PlanAnalysis['criticalPath'];
    readonly after: PlanAnalysis['criticalPath'];
    readonly joined: readonly string[];
    readonly left: readonly string[];
    /** The path's tasks or length differ. */
    readonly changed: boolean;
  };
  readonly drift: { readonly before?: PlanDrift; readonly after?: PlanDrift; readonly changed: boolean };
  readonly cache: readonly CacheChange[];
  /** Every difference above, most impact first. */
  readonly differences: readonly Difference[];
}

export function compareRuns(before: RunFacts, after: RunFacts): RunComparison {
  const added = [...after.tasks.keys()].filter((t) => !before.tasks.has(t)).sort(compareCodePoints);
  const removed = [...before.tasks.keys()].filter((t) => !after.tasks.has(t)).sort(compareCodePoints);
  const changed: TaskChange[] = [];
  let kept = 0;
  for (const [task, a] of after.tasks) {
    const b = before.tasks.get(task);
    if (b === undefined) continue;
    kept++;
    const parts = taskPartChanges(b, a);
    if (parts.length > 0) changed.push({ task, parts, costBefore: b.cost, costAfter: a.cost });
  }
  changed.sort((x, y) => compareCodePoints(x.task, y.task));
  const edgeKey = ([s, t]: readonly [string, string]): string => JSON.stringify([s, t]);
  const beforeEdges = new Set(before.dependencies.map(edgeKey));
  const afterEdges = new Set(after.dependencies.map(edgeKey));
  const byEdge = (x: readonly [string, string], y: readonly [string, string]): number => compareCodePoints(x[0], y[0]) || compareCodePoints(x[1], y[1]);
  const beforePath = new Set(before.analysis.criticalPath.tasks);
  const afterPath = new Set(after.analysis.criticalPath.tasks);
  const pathBefore = before.analysis.criticalPath;
  const pathAfter = after.analysis.criticalPath;
  const driftChanged = driftText(before.drift) !== driftText(after.drift);
  const comparison: Omit<RunComparison, 'differences'> = {
    before: { name: before.name, runId: before.runId },
    after: { name: after.name, runId: after.runId },
    tasks: { added, removed, changed, kept },
    dependencies: {
      added: after.dependencies.filter((e) => !beforeEdges.has(edgeKey(e))).sort(byEdge),
      removed: before.dependencies.filter((e) => !afterEdges.has(edgeKey(e))).sort(byEdge),
    },
    signatures: recordChanges(before.signatures, after.signatures),
    runtime: recordChanges(before.runtime, after.runtime),
    pins: pinMoves(before.pins, after.pins),
    criticalPath: {
      before: pathBefore,
      after: pathAfter,
      joined: pathAfter.tasks.filter((t) => !beforePath.has(t)),
      left: pathBefore.tasks.filter((t) => !afterPath.has(t)),
      changed: pathBefore.length !== pathAfter.length || pathBefore.tasks.join('\n') !== pathAfter.tasks.join('\n'),
    },
    drift: { ...(before.drift === undefined ? {} : { before: before.drift }), ...(after.drift === undefined ? {} : { after: after.drift }), changed: driftChanged },
    cache: cacheChanges(before.cache, after.cache),
  };
  return { ...comparison, differences: rankDifferences(comparison) };
}

function taskPartChanges(b: TaskFacts, a: TaskFacts): PartChange<TaskPart>[] {
  const parts: PartChange<TaskPart>[] = [];
  const check = (part: TaskPart, x: string, y: string): void => {
    if (x !== y) parts.push({ part, before: x, after: y });
  };
  check('fingerprint', b.fingerprint ?? '', a.fingerprint ?? '');
  check('pins', b.pins.join(', '), a.pins.join(', '));
  // A side without the plan-artifact row says nothing of settings, UDFs or tags: not a change.
  if (b.settings !== undefined && a.settings !== undefined) check('settings', settingsText(b.settings), settingsText(a.settings));
  if (b.udfs !== undefined && a.udfs !== undefined) check('udfs', b.udfs.join(', '), a.udfs.join(', '));
  if (b.rewriteTags !== undefined && a.rewriteTags !== undefined) check('rewriteTags', b.rewriteTags.join(', '), a.rewriteTags.join(', '));
  check('cost', String(b.cost), String(a.cost));
  check('kind', b.kind, a.kind);
  check('priority', String(b.priority), String(a.priority));
  return parts;
}

function settingsText(settings: Readonly<Record<string, string>>): string {
  return Object.keys(settings)
    .sort(compareCodePoints)
    .map((k) => `${k}=${settings[k]}`)
    .join(', ');
}

function recordChanges(b: Readonly<Record<string, string>>, a: Readonly<Record<string, string>>): PartChange[] {
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort(compareCodePoints);
  return keys.filter((k) => (b[k] ?? '') !== (a[k] ?? '')).map((part) => ({ part, before: b[part] ?? '', after: a[part] ?? '' }));
}

function pinMoves(b: ReadonlyMap<string, readonly number[]>, a: ReadonlyMap<string, readonly number[]>): PinMove[] {
  const datasets = [...new Set([...b.keys(), ...a.keys()])].sort(compareCodePoints);
  return datasets.map((dataset) => ({ dataset, before: b.get(dataset) ?? [], after: a.get(dataset) ?? [] })).filter((m) => m.before.join(',') !== m.after.join(','));
}

function cacheChanges(b: ReadonlyMap<string, NodeCacheStatus> | undefined, a: ReadonlyMap<string, NodeCacheStatus> | undefined): CacheChange[] {
  // Only when both runs have cache lineage: a run without one says nothing about its nodes.
  if (b === undefined || a === undefined) return [];
  const nodes = [...new Set([...b.keys(), ...a.keys()])].sort(compareCodePoints);
  const changes: CacheChange[] = [];
  for (const task of nodes) {
    const x = b.get(task);
    const y = a.get(task);
    if (x?.status !== y?.status) changes.push({ task, ...(x === undefined ? {} : { before: x }), ...(y === undefined ? {} : { after: y }) });
  }
  return changes;
}

/** What of a drift is compared: coverage, missing and unexpected tasks and generations (not the run id). */
export function driftText(d: PlanDrift | undefined): string {
  if (d === undefined) return '';
  return JSON.stringify([d.admittedTaskCoverageRatio, d.missingAdmittedTasks, d.unexpectedAdmittedTasks, d.missingGenerations]);
}
