/**
 * Projection of the bipartite task graph onto tasks (artifact-formats.md §3.1): for every evidence node
 * with a producing task and a consuming task, one edge producer -> consumer (no self-loops), labelled with
 * the sorted names of all evidence that links the pair. Task ids follow task names in code-point order,
 * as the pipeline adds them, so id order is name order everywhere downstream. O(V + E + output edges).
 */

import { Dag } from '../graph/dag';
import { compareCodePoints } from '../text/compareCodePoints';
import type { NodeLinkGraph, TaskNode } from './nodeLink';

export interface TaskDependencyGraph {
  readonly dag: Dag;
  /** Task records by task id. */
  readonly tasks: readonly TaskNode[];
  /** Evidence names justifying the edge s -> t, sorted; key `s * taskCount + t`. */
  readonly evidenceByEdge: ReadonlyMap<number, readonly string[]>;
}

export function projectTaskDependencies(graph: NodeLinkGraph): TaskDependencyGraph {
  const tasks = [...graph.tasks].sort((a, b) => compareCodePoints(a.name, b.name));
  const n = tasks.length;
  const taskIdByNodeId = new Map<number, number>();
  tasks.forEach((t, i) => taskIdByNodeId.set(t.id, i));

  const evidenceIndex = new Map<number, number>();
  graph.evidence.forEach((e, i) => evidenceIndex.set(e.id, i));
  const producers: number[][] = graph.evidence.map(() => []);
  const consumers: number[][] = graph.evidence.map(() => []);
  for (const link of graph.links) {
    if (link.kind === 'produces') {
      const t = taskIdByNodeId.get(link.source);
      const e = evidenceIndex.get(link.target);
      if (t !== undefined && e !== undefined) producers[e].push(t);
    } else {
      const e = evidenceIndex.get(link.source);
      const t = taskIdByNodeId.get(link.target);
      if (t !== undefined && e !== undefined) consumers[e].push(t);
    }
  }

  const evidenceByEdge = new Map<number, string[]>();
  const sources: number[] = [];
  const targets: number[] = [];
  graph.evidence.forEach((ev, e) => {
    for (const p of producers[e]) {
      for (const c of consumers[e]) {
        if (p === c) continue;
        const key = p * n + c;
        const names = evidenceByEdge.get(key);
        if (names === undefined) {
          evidenceByEdge.set(key, [ev.name]);
          sources.push(p);
          targets.push(c);
        } else if (!names.includes(ev.name)) {
          names.push(ev.name);
        }
      }
    }
  });
  for (const names of evidenceByEdge.values()) if (names.length > 1) names.sort(compareCodePoints);
  return { dag: Dag.fromEdges(tasks.map((t) => t.name), sources, targets), tasks, evidenceByEdge };
}
