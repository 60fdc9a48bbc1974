/**
 * The analysis of a plan given as the joined plan model (a bundle, a schedule, a plan-artifact table, a run
 * directory...) rather than a node-link file: the model's task graph goes through the same projection as a
 * node-link file,
 * its recorded costs weigh the critical path, and its identity (plan fingerprints, runtime identity, UDF
 * snapshot, rewrite tags and Delta pins) is bound into the Plan Lens signature, section by section, so
 * that `signatureParts` tells which part differs between two plans.
 */

import { Dag } from '../graph/dag';
import type { PlanIssue } from '../issues';
import type { PlanModel } from '../model/planModel';
import { modelToNodeLinkGraph } from '../model/modelGraph';
import { projectTaskDependencies } from '../readers/taskDependencies';
import type { SignatureSection } from '../signature/taskGraphSignature';
import { taskGraphSignature } from '../signature/taskGraphSignature';
import { compareCodePoints } from '../text/compareCodePoints';
import { analyzeTaskDependencies, type AnalyzeOptions, type PlanAnalysis } from './analyzePlan';

/** The identity the plan model records beyond the graph, one signature section per kind. */
export function identitySections(model: PlanModel): SignatureSection[] {
  const views = model.views;
  const runtime = model.runtime;
  return [
    { name: 'plan-fingerprint', rows: views.map((v) => [v.viewName, v.planFingerprint]) },
    { name: 'udf-snapshot', rows: [...views.map((v) => [v.viewName, v.udfSnapshotHash ?? null]), ['<runtime>', runtime?.udfSnapshotHash ?? null]] },
    { name: 'rewrite-tags', rows: [...views.map((v) => [v.viewName, ...[...v.rewriteTags].sort(compareCodePoints)]), ['<runtime>', ...[...(runtime?.rewriteTags ?? [])].sort(compareCodePoints)]] },
    { name: 'runtime', rows: [[runtime?.sessionRuntimeHash ?? null, runtime?.runtimeProfileHash ?? null, ...Object.entries(runtime?.settings ?? {}).sort(([a], [b]) => compareCodePoints(a, b)).flat()]] },
    { name: 'delta-pin', rows: views.flatMap((v) => v.deltaInputs.map((p) => [v.viewName, p.datasetName, p.version, p.timestamp])) },
  ];
}

export interface ModelAnalysis extends PlanAnalysis {
  /** The signature of each identity section alone, to tell which part changed between two plans. */
  readonly signatureParts: Record<string, string>;
}

export function analyzePlanModel(model: PlanModel, readIssues: readonly PlanIssue[], options: AnalyzeOptions = {}): ModelAnalysis {
  const deps = projectTaskDependencies(modelToNodeLinkGraph(model));
  const sections = identitySections(model);
  const costs = new Map(Object.entries(model.schedule?.taskCosts ?? {}));
  const analysis = analyzeTaskDependencies(deps, readIssues, { ...options, costs: options.costs ?? costs, signatureSections: sections }, () => ({}));
  const empty = Dag.fromEdges([], [], []);
  const signatureParts: Record<string, string> = {
    graph: taskGraphSignature({ kind: 'task-graph', dag: deps.dag, tasks: deps.tasks, evidenceOf: deps.evidenceOf, sha256: options.sha256 }),
  };
  for (const s of sections) signatureParts[s.name] = taskGraphSignature({ kind: 'task-graph', dag: empty, tasks: [], evidenceOf: () => [], sha256: options.sha256, sections: [s] });
  return { ...analysis, signatureParts };
}
