/**
 * The model's task graph in the node-link reader's shape, so the graph kernel and `analyzeNodeLinkGraph`
 * run on any input (bundle, CLI plan, schedule-only directory), not just node-link files. Node ids follow
 * the pipeline's construction (§2.2): evidence sorted by name, then tasks sorted by name. A model without
 * evidence (CLI plan) gets one evidence per producing task, named after its output, and one requires edge
 * per dependency. O(tasks + edges log edges).
 */

import type { EvidenceNode, GraphLink, NodeLinkGraph, TaskNode } from '../readers/nodeLinkGraph';
import { compareCodePoints } from '../text/compareCodePoints';
import type { DependencyEdge, PlanModel } from './planModel';

function syntheticEdges(model: PlanModel): DependencyEdge[] {
  const outputOf = new Map(model.tasks.map((t) => [t.name, t.output] as const));
  const edges: DependencyEdge[] = model.tasks.map((t) => ({ kind: 'produces', task: t.name, evidence: t.output, requiredColumns: [], requiredTypes: [], requiredMetadata: [] }));
  for (const d of model.dependencies) edges.push({ kind: 'requires', task: d.to, evidence: outputOf.get(d.from) ?? d.from, requiredColumns: [], requiredTypes: [], requiredMetadata: [] });
  return edges;
}

export function modelToNodeLinkGraph(model: PlanModel, file = '<model>'): NodeLinkGraph {
  const edges = model.edges.length > 0 ? model.edges : syntheticEdges(model);
  const evidenceNames = new Set<string>(model.evidence.map((e) => e.name));
  for (const e of edges) evidenceNames.add(e.evidence);
  const evidenceByName = new Map(model.evidence.map((e) => [e.name, e] as const));
  const sortedEvidence = [...evidenceNames].sort(compareCodePoints);
  const sortedTasks = [...model.tasks].sort((a, b) => compareCodePoints(a.name, b.name));
  const id = new Map<string, number>();
  const evidence: EvidenceNode[] = sortedEvidence.map((name, i) => {
    id.set(`e:${name}`, i);
    return { ...(evidenceByName.get(name) ?? { name }), kind: 'evidence', id: i };
  });
  const tasks: TaskNode[] = sortedTasks.map((t, i) => {
    const nodeId = sortedEvidence.length + i;
    id.set(`t:${t.name}`, nodeId);
    return { kind: 'task', id: nodeId, name: t.name, output: t.output, taskKind: t.kind, priority: t.priority ?? (t.kind === 'scan' ? 10 : 100), inputs: t.inputs, sources: t.sources };
  });
  const links: GraphLink[] = [];
  for (const e of edges) {
    const task = id.get(`t:${e.task}`);
    const ev = id.get(`e:${e.evidence}`);
    if (task === undefined || ev === undefined) continue; // dangling: reported by checkModel
    links.push({
      id: links.length,
      source: e.kind === 'requires' ? ev : task,
      target: e.kind === 'requires' ? task : ev,
      kind: e.kind,
      name: e.evidence,
      requiredColumns: e.requiredColumns,
      requiredTypes: e.requiredTypes,
      requiredMetadata: e.requiredMetadata,
      inferred: e.inferred ?? true,
      ...(e.planFingerprint !== undefined ? { planFingerprint: e.planFingerprint } : {}),
    });
  }
  return { file, attrs: { label: 'relspec' }, evidence, tasks, links, nodePointer: () => undefined };
}
