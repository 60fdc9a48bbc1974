/**
 * What one run's plan says that two runs can differ in: per task its kind, priority, cost, plan
 * fingerprint, the Delta pins of its scans and (from the plan-artifact row whose fingerprint the task's
 * links record) its DataFusion settings, required UDFs and rewrite tags; per run its signatures, runtime
 * identity, Delta pins by dataset, recorded drift and Hamilton cache status. Built from the values the
 * language server already holds (graph, analysis, run context), so comparing two runs reads nothing twice.
 */

import type { NodeCacheStatus } from '../hamiltonCache/lineageStatus';
import type { PlanDrift, ViewPlan } from '../model/planModel';
import type { NodeLinkGraph } from '../readers/nodeLinkGraph';
import { compareCodePoints } from '../text/compareCodePoints';
import type { PlanAnalysis } from './analyzePlan';

export interface TaskFacts {
  readonly kind: string;
  readonly priority: number;
  readonly cost: number;
  /** The plan fingerprints the task's links record (one in a consistent plan). */
  readonly fingerprint?: string;
  /** `dataset@version` of every scan the task reads or is, sorted. */
  readonly pins: readonly string[];
  /** From the task's plan-artifact row, when the workspace has one for its fingerprint. */
  readonly settings?: Readonly<Record<string, string>>;
  readonly udfs?: readonly string[];
  readonly rewriteTags?: readonly string[];
}

export interface RunFacts {
  /** How views name the side: the plan's workspace-relative path. */
  readonly name: string;
  readonly runId: string;
  readonly analysis: PlanAnalysis;
  readonly tasks: ReadonlyMap<string, TaskFacts>;
  readonly dependencies: readonly (readonly [string, string])[];
  /** Dataset → the versions the plan's scans pin (sorted). */
  readonly pins: ReadonlyMap<string, readonly number[]>;
  /** Named signature parts: Plan Lens's plan and reduced signatures, the recorded ones, the graph's attributes. */
  readonly signatures: Readonly<Record<string, string>>;
  /** Session-wide identity parts of the plan-artifact rows (runtime profile, UDF snapshot, settings, ...). */
  readonly runtime: Readonly<Record<string, string>>;
  readonly drift?: PlanDrift;
  readonly cache?: ReadonlyMap<string, NodeCacheStatus>;
}

export interface RunFactsInput {
  readonly name: string;
  readonly runId: string;
  readonly graph: NodeLinkGraph;
  readonly analysis: PlanAnalysis;
  /** Plan-artifact rows by plan fingerprint. */
  readonly viewPlans?: ReadonlyMap<string, ViewPlan>;
  readonly drift?: PlanDrift;
  readonly cache?: ReadonlyMap<string, NodeCacheStatus>;
}

export function runFactsOf(input: RunFactsInput): RunFacts {
  const { graph, analysis } = input;
  const evidenceById = new Map(graph.evidence.map((e) => [e.id, e]));
  const scanOf = new Map(graph.evidence.filter((e) => e.scanDatasetName !== undefined).map((e) => [e.name, `${e.scanDatasetName ?? ''}@${e.scanDeltaVersion ?? '?'}`]));
  const fingerprints = new Map<number, Set<string>>();
  const pinsOf = new Map<number, Set<string>>();
  for (const link of graph.links) {
    const task = link.kind === 'requires' ? link.target : link.source;
    if (link.planFingerprint !== undefined) fingerprints.set(task, (fingerprints.get(task) ?? new Set()).add(link.planFingerprint));
    const evidence = evidenceById.get(link.kind === 'requires' ? link.source : link.target);
    const pin = evidence === undefined ? undefined : scanOf.get(evidence.name);
    if (pin !== undefined) pinsOf.set(task, (pinsOf.get(task) ?? new Set()).add(pin));
  }
  const tasks = new Map<string, TaskFacts>();
  const runtimeParts = new Map<string, Set<string>>();
  const addRuntime = (part: string, value: string | undefined | null): void => {
    if (value !== undefined && value !== null && value !== '') runtimeParts.set(part, (runtimeParts.get(part) ?? new Set()).add(value));
  };
  for (const node of graph.tasks) {
    const fingerprint = [...(fingerprints.get(node.id) ?? [])].sort(compareCodePoints).join(' | ');
    const row = fingerprint === '' ? undefined : input.viewPlans?.get(fingerprint);
    if (row !== undefined) {
      addRuntime('runtime profile', row.profileName);
      addRuntime('UDF snapshot', row.udfSnapshotHash);
      addRuntime('function registry', row.functionRegistryHash);
      addRuntime('session rewrite tags', row.rewriteTags.join(', '));
      addRuntime('domain planners', row.domainPlannerNames.join(', '));
    }
    tasks.set(node.name, {
      kind: node.taskKind,
      priority: node.priority,
      cost: analysis.taskMetrics[node.name]?.cost ?? 0,
      ...(fingerprint === '' ? {} : { fingerprint }),
      pins: [...(pinsOf.get(node.id) ?? [])].sort(compareCodePoints),
      ...(row === undefined ? {} : { settings: row.dfSettings, udfs: row.requiredUdfs, rewriteTags: row.requiredRewriteTags }),
    });
  }
  const pins = new Map<string, number[]>();
  for (const e of graph.evidence) {
    if (e.scanDatasetName === undefined || e.scanDeltaVersion === undefined) continue;
    const versions = pins.get(e.scanDatasetName) ?? [];
    if (!versions.includes(e.scanDeltaVersion)) versions.push(e.scanDeltaVersion);
    pins.set(e.scanDatasetName, versions.sort((a, b) => a - b));
  }
  const signatures: Record<string, string> = { 'plan signature (Plan Lens)': analysis.signatures.plan, 'reduced signature (Plan Lens)': analysis.signatures.reduced };
  if (input.drift !== undefined) {
    signatures['plan signature (recorded)'] = input.drift.planSignature;
    signatures['reduced signature (recorded)'] = input.drift.reducedPlanSignature;
  }
  for (const [key, value] of Object.entries(graph.attrs)) signatures[`graph attribute ${key}`] = value;
  const runtime: Record<string, string> = {};
  for (const [part, values] of runtimeParts) runtime[part] = [...values].sort(compareCodePoints).join(' | ');
  return {
    name: input.name,
    runId: input.runId,
    analysis,
    tasks,
    dependencies: analysis.dependencies,
    pins,
    signatures,
    runtime,
    ...(input.drift === undefined ? {} : { drift: input.drift }),
    ...(input.cache === undefined ? {} : { cache: input.cache }),
  };
}
