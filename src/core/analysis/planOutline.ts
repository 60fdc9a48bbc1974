/**
 * The outline of a node-link task graph for an editor: every task and evidence node with where its name
 * is written, so "Go to Symbol" and the breadcrumbs reach any task of a one-line file. Tasks carry what
 * the analysis knows of them (kind, cost, slack, their place on the critical path). Positions come from
 * one scan for all the names' JSON pointers. Nothing for a file that is not a readable task graph.
 */

import { analyzeNodeLinkGraph, type PlanAnalysis } from './analyzePlan';
import { locatePointers } from '../json/parseJson';
import { readNodeLinkText, type NodeLinkGraph } from '../readers/nodeLink';
import { formatNumber } from '../text/formatNumber';

export interface OutlineEntry {
  /** The node's `id` in the file. */
  readonly id: number;
  readonly name: string;
  readonly kind: 'task' | 'evidence';
  /** One line of facts: "view · cost 100 · slack 0 · critical path 3/8". */
  readonly detail: string;
  /** Character offsets of the name's string token, quotes included. */
  readonly start: number;
  readonly end: number;
}

export function planOutline(text: string, file: string): OutlineEntry[] {
  const read = readNodeLinkText(text, file);
  const graph = read.graph;
  if (graph === undefined) return [];
  return outlineOf(graph, analyzeNodeLinkGraph(graph, read.issues, {}, text), text, file);
}

/** The outline from an analysis the caller already has (the language server's one per version, with the run's costs). */
export function outlineOf(graph: NodeLinkGraph, analysis: PlanAnalysis, text: string, file: string): OutlineEntry[] {
  const onPath = new Map(analysis.criticalPath.tasks.map((name, i) => [name, i]));
  const nodes = [
    ...graph.tasks.map((t) => ({ id: t.id, name: t.name, kind: 'task' as const, detail: taskDetail(t.taskKind, t.name) })),
    ...graph.evidence.map((e) => ({ id: e.id, name: e.name, kind: 'evidence' as const, detail: e.scanDatasetName === undefined ? 'evidence' : `evidence · scan of ${e.scanDatasetName}` })),
  ];
  const pointers = nodes.map((n) => `${graph.nodePointer(n.id) ?? ''}/data/name`);
  const locations = locatePointers(text, file, pointers);
  const out: OutlineEntry[] = [];
  nodes.forEach((n, i) => {
    const start = locations[i].offset;
    if (start === undefined) return;
    out.push({ id: n.id, name: n.name, kind: n.kind, detail: n.detail, start, end: stringEnd(text, start) });
  });
  return out.sort((a, b) => a.start - b.start);

  function taskDetail(taskKind: string, name: string): string {
    const metric = analysis.taskMetrics[name];
    const step = onPath.get(name);
    const facts = [taskKind, `cost ${formatNumber(metric?.cost ?? 0)}`];
    if (metric?.slack !== undefined) facts.push(`slack ${formatNumber(metric.slack)}`);
    if (step !== undefined) facts.push(`critical path ${step + 1}/${analysis.criticalPath.tasks.length}`);
    return facts.join(' · ');
  }
}

/** The end of the JSON string token starting at `start` (just past its closing quote). */
export function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  return text.length;
}
