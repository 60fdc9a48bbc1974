/**
 * Refinement inputs shaped like real plans: the synthetic pipeline plans of test/support/randomPlans.ts,
 * transitively reduced as the renderer will lay them out, with bands from the topological generations
 * (scans have no sources, so they make band 0 and every view lands in a later band).
 */

import { Dag } from '../../src/core/graph/dag';
import { generationIndex, topologicalGenerations } from '../../src/core/graph/generations';
import { topologicalOrder } from '../../src/core/graph/topologicalOrder';
import { transitiveReduction } from '../../src/core/graph/transitiveReduction';
import type { RefineInput } from '../../src/webview/layout/refineTypes';
import { randomPlanTasks } from '../support/randomPlans';

export const TASK_BOX = { width: 180, height: 28 } as const;

export interface PlanInput {
  readonly input: RefineInput;
  /** Edges of the raw plan, before the reduction. */
  readonly rawEdges: number;
}

export function pipelineInput(tasks: number, seed = 42): PlanInput {
  const plan = randomPlanTasks({ tasks, seed });
  const sources: number[] = [];
  const targets: number[] = [];
  plan.tasks.forEach((t, v) => t.sources.forEach((s) => (sources.push(s), targets.push(v))));
  const dag = Dag.fromEdges(plan.tasks.map((t) => t.name), sources, targets);
  const order = topologicalOrder(dag);
  if (!order.ok) throw new Error('a synthetic plan has a cycle');
  const reduced = transitiveReduction(dag, order.order).reduced;
  return { input: fromDag(reduced), rawEdges: dag.edgeCount };
}

/** Nodes keep their ids as ids and as model order; bands are the generations. */
export function fromDag(dag: Dag): RefineInput {
  const band = generationIndex(dag.nodeCount, topologicalGenerations(dag));
  const nodes = Array.from({ length: dag.nodeCount }, (_, id) => ({ id, ...TASK_BOX, band: band[id], order: id }));
  const edges = [...dag.edges()].map(([source, target]) => ({ source, target }));
  return { nodes, edges };
}

/** A small hand-made plan: two scans, a dataset-like source, views over three generations, one long skip. */
export function smallPlan(): RefineInput {
  const edges: Array<[number, number]> = [[0, 3], [1, 3], [1, 4], [2, 4], [3, 5], [4, 5], [4, 6], [0, 6], [5, 7], [6, 7], [2, 7]];
  return fromDag(Dag.fromEdges(Array.from({ length: 8 }, (_, i) => `t${i}`), edges.map((e) => e[0]), edges.map((e) => e[1])));
}
