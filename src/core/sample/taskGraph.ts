/**
 * The rustworkx task graph of the sample plan and its node-link JSON, byte for byte as
 * `task_graph_node_link_json` writes it (artifact-formats.md §2.2, §2.3): evidence nodes sorted by name,
 * then task nodes sorted by name; per task in name order one `requires` link per source (sorted) and one
 * `produces` link; data maps with sorted keys and string values, lists as Python `json.dumps` text.
 * O((V + E) log V).
 */

import { toHex } from '../identity/sha2';
import { compareUtf8, entriesByKey, v } from '../identity/value';
import { pythonJsonDumps, pythonQuote, pythonStrList } from './pythonJson';
import { TextChunks } from './textChunks';
import type { SamplePlan, SampleScanUnit } from './samplePlan';
import type { Column } from './vocabulary';

export interface GraphTask {
  readonly name: string;
  readonly kind: 'scan' | 'view';
  readonly inputs: readonly string[];
  readonly sources: readonly string[];
  readonly priority: number;
  readonly cost: number;
  readonly planFingerprint: string;
  /** Required columns per source name (absent for scan-unit evidence). */
  readonly required: ReadonlyMap<string, readonly Column[]>;
  readonly scan?: SampleScanUnit;
}

export interface TaskGraph {
  readonly tasks: readonly GraphTask[];
  readonly evidence: readonly string[];
  readonly nodeLinkJson: string;
  /** Producer task -> consumer task, one per pair, sorted. */
  readonly dependencies: readonly (readonly [string, string])[];
  readonly linkCount: number;
  /** The full bipartite graph as DOT (indices only), as rustworkx `to_dot` writes it. */
  readonly fullEdges: readonly (readonly [number, number])[];
}

export function buildTaskGraph(plan: SamplePlan, fingerprints: ReadonlyMap<string, string>, datasetMetadata: ReadonlyMap<string, readonly (readonly [string, string])[]>): TaskGraph {
  const tasks: GraphTask[] = [];
  for (const u of plan.scanUnits) {
    tasks.push({ name: u.taskName, kind: 'scan', inputs: [], sources: [], priority: 10, cost: u.cost, planFingerprint: u.fingerprint, required: new Map(), scan: u });
  }
  for (const view of plan.views) {
    const inputs = view.inputs.map((x) => x.name);
    const scans = view.inputs.flatMap((x) => (x.scan === undefined ? [] : [x.scan.taskName]));
    const sources = [...new Set([...inputs, ...scans])];
    tasks.push({ name: view.name, kind: 'view', inputs, sources, priority: 100, cost: view.cost, planFingerprint: fingerprints.get(view.name)!, required: new Map(view.inputs.map((x) => [x.name, x.columns])) });
  }
  tasks.sort((a, b) => compareUtf8(a.name, b.name));
  const evidenceSet = new Set<string>([...tasks.map((t) => t.name), ...tasks.flatMap((t) => t.sources), ...plan.datasets.map((d) => d.name), ...plan.views.map((x) => x.name)]);
  const evidence = [...evidenceSet].sort(compareUtf8);
  const evidenceId = new Map(evidence.map((e, i) => [e, i]));
  const scanByName = new Map(plan.scanUnits.map((u) => [u.taskName, u]));

  // The text is made piece by piece, in the order rustworkx writes it (see TextChunks for why).
  const out = new TextChunks();
  out.push('{"directed":true,"multigraph":false,"attrs":{"label":"relspec"},"nodes":[');
  evidence.forEach((name, i) => {
    const u = scanByName.get(name);
    const data: [string, string][] = [
      ['kind', 'evidence'],
      ['name', name],
    ];
    if (u !== undefined) {
      data.push(['scan_candidate_file_count', String(u.candidate_files.length)], ['scan_dataset_name', u.dataset_name], ['scan_delta_version', String(u.delta_version)], ['scan_unit_key', u.key]);
    }
    if (i > 0) out.push(',');
    out.push(node(i, data));
  });
  tasks.forEach((t, k) => {
    if (evidence.length + k > 0) out.push(',');
    out.push(
      node(evidence.length + k, [
        ['inputs', pythonStrList(t.inputs)],
        ['kind', 'task'],
        ['name', t.name],
        ['output', t.name],
        ['priority', String(t.priority)],
        ['sources', pythonStrList(t.sources)],
        ['task_kind', t.kind],
      ]),
    );
  });
  out.push('],"links":[');

  let linkCount = 0;
  const addLink = (text: string): void => {
    if (linkCount > 0) out.push(',');
    out.push(text);
    linkCount++;
  };
  const fullEdges: [number, number][] = [];
  tasks.forEach((t, k) => {
    const taskId = evidence.length + k;
    for (const source of [...t.sources].sort(compareUtf8)) {
      const cols = t.required.get(source) ?? [];
      const meta = datasetMetadata.get(source) ?? [];
      addLink(link(evidenceId.get(source)!, taskId, linkCount, 'requires', source, cols, cols.length > 0 ? meta : NO_METADATA, t.planFingerprint));
      fullEdges.push([evidenceId.get(source)!, taskId]);
    }
    addLink(link(taskId, evidenceId.get(t.name)!, linkCount, 'produces', t.name, [], NO_METADATA, t.planFingerprint));
    fullEdges.push([taskId, evidenceId.get(t.name)!]);
  });
  out.push(']}');

  const dependencies: [string, string][] = [];
  const taskNames = new Set(tasks.map((t) => t.name));
  for (const consumer of tasks) {
    for (const source of consumer.sources) {
      if (source !== consumer.name && taskNames.has(source)) dependencies.push([source, consumer.name]);
    }
  }
  dependencies.sort((a, b) => compareUtf8(a[0], b[0]) || compareUtf8(a[1], b[1]));

  return { tasks, evidence, nodeLinkJson: out.text(), dependencies, linkCount, fullEdges };
}

function dataMap(entries: readonly (readonly [string, string])[]): string {
  return '{' + entriesByKey(entries).map(([k, x]) => `${serdeQuote(k)}:${serdeQuote(x)}`).join(',') + '}';
}

function node(id: number, data: readonly (readonly [string, string])[]): string {
  return `{"id":${id},"data":${dataMap(data)}}`;
}

function link(source: number, target: number, id: number, kind: string, name: string, cols: readonly Column[], meta: readonly (readonly [string, string])[], fingerprint: string): string {
  // The data keys are written in their sorted order directly: a 100k-task graph has 350k links.
  const types = '[' + cols.map((c) => `{"name": ${pythonQuote(c.name)}, "type": ${pythonQuote(c.type)}}`).join(', ') + ']';
  return (
    `{"source":${source},"target":${target},"id":${id},"data":{"inferred":"true","kind":${serdeQuote(kind)},"name":${serdeQuote(name)},` +
    `"plan_fingerprint":${serdeQuote(fingerprint)},"required_columns":${serdeQuote(pythonStrList(cols.map((c) => c.name)))},` +
    `"required_metadata":${serdeQuote(metadataJson(meta))},"required_types":${serdeQuote(types)}}}`
  );
}

/** No required metadata: one shared list, so that its text is cached once too. */
const NO_METADATA: readonly (readonly [string, string])[] = [];

/** A dataset's metadata list is the same on every link that reads it: encoded once per list. */
const metadataTexts = new WeakMap<readonly (readonly [string, string])[], string>();
function metadataJson(meta: readonly (readonly [string, string])[]): string {
  let text = metadataTexts.get(meta);
  if (text === undefined) {
    text = pythonJsonDumps(v.array(meta.map(([key, value]) => v.dict([['key', v.str(hex(key))], ['value', v.str(hex(value))]]))), { sortKeys: true });
    metadataTexts.set(meta, text);
  }
  return text;
}

function hex(text: string): string {
  return toHex(new TextEncoder().encode(text));
}

/** serde_json string escaping; non-ASCII stays raw. */
function serdeQuote(text: string): string {
  // JSON.stringify escapes exactly what serde_json does: quote, backslash, control characters.
  return JSON.stringify(text);
}
