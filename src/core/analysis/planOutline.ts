/**
 * The outline of a node-link task graph for an editor: every task and evidence node with where its name
 * is written, so "Go to Symbol" and the breadcrumbs reach any task of a one-line file. Tasks carry what
 * the analysis knows of them (kind, cost, slack, their place on the critical path). Positions come from
 * one pass over the text for all the names. Nothing for a file that is not a readable task graph.
 */

import { analyzeNodeLinkGraph, type PlanAnalysis } from './analyzePlan';
import { locatePointers } from '../json/parseJson';
import { readNodeLinkText } from '../readers/nodeLink';
import type { NodeLinkGraph } from '../readers/nodeLinkGraph';
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
  const starts = nameStarts(text, file, graph, nodes);
  const out: OutlineEntry[] = [];
  nodes.forEach((n, i) => {
    const start = starts[i];
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

/**
 * Where each node's name string starts. The `"name"` keys of the `nodes` array are found in file order
 * with the native string search, each checked to hold its node's name: 0.1 s for a 100k-task plan, where
 * the general scanner, which tracks the pointer of every value in the file, takes seconds. Any surprise
 * (a name not where the order says, escapes that differ) falls back to that scanner.
 */
function nameStarts(text: string, file: string, graph: NodeLinkGraph, nodes: readonly { readonly id: number; readonly name: string }[]): (number | undefined)[] {
  const pointers = nodes.map((n) => graph.nodePointer(n.id));
  const found = searchNameKeys(text, nodes, pointers);
  return found ?? locatePointers(text, file, pointers.map((p) => `${p ?? ''}/data/name`)).map((l) => l.offset);
}

function searchNameKeys(text: string, nodes: readonly { readonly name: string }[], pointers: readonly (string | undefined)[]): number[] | undefined {
  const fileIndex = pointers.map((p) => (p === undefined ? -1 : Number(/^\/nodes\/(\d+)$/.exec(p)?.[1] ?? -1)));
  if (fileIndex.some((i) => i < 0)) return undefined;
  const order = nodes.map((_, i) => i).sort((a, b) => fileIndex[a] - fileIndex[b]);
  const nodesKey = /"nodes"\s*:\s*\[/g;
  if (nodesKey.exec(text) === null) return undefined;
  const out = new Array<number>(nodes.length);
  let from = nodesKey.lastIndex;
  for (const i of order) {
    const start = nextNameValue(text, from, nodes[i].name);
    if (start === undefined) return undefined;
    out[i] = start;
    from = start + 1;
  }
  return out;
}

/**
 * The start of the string value of the next `"name"` key from `from`, if it is `name`. In valid JSON a
 * `"name"` followed by a colon is a key: inside a string its quotes would be escaped.
 */
function nextNameValue(text: string, from: number, name: string): number | undefined {
  for (let at = text.indexOf('"name"', from); at !== -1; at = text.indexOf('"name"', at + 1)) {
    let j = at + 6;
    while (isSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== 0x3a) continue;
    j++;
    while (isSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== 0x22) return undefined;
    const end = stringEnd(text, j);
    const raw = text.slice(j + 1, end - 1);
    return (raw.includes('\\') ? (JSON.parse(text.slice(j, end)) as string) : raw) === name ? j : undefined;
  }
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
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
