/**
 * Reader for the pipeline's rustworkx node-link task graph (artifact-formats.md §2.3): a bipartite graph of
 * `evidence` (datasets) and `task` nodes, `requires` links (evidence -> task) and `produces` links
 * (task -> evidence). Every `data` value is a string; numbers are decimal text and lists are JSON text
 * embedded in the string (Python `json.dumps`).
 *
 * Problems never throw: each becomes an issue with the file, the JSON pointer (resolved to a line and
 * column) and a reason, and reading goes on with what is usable. The embedded lists are decoded here
 * because the editor features (hover, diagnostics) need them and a bad one must be reported.
 */

import { issue, type PlanIssue } from '../issues';
import { DEFAULT_MAX_JSON_DEPTH, isJsonObject, locatePointers, parseJsonText, type JsonObject, type JsonValue, type ParseJsonOptions } from '../json/parseJson';
import { readRequiredMetadataItem, readRequiredTypeItem, readStringItem } from './embeddedListItems';
import { readWellFormedNodeLink } from './nodeLinkFastPath';
import type { EvidenceNode, GraphLink, NodeLinkGraph, TaskNode } from './nodeLinkGraph';

export interface NodeLinkResult {
  readonly graph?: NodeLinkGraph;
  readonly issues: PlanIssue[];
  /** The text, kept so later stages can turn pointers into lines and columns. */
  readonly text?: string;
}

/** More than this many content issues in one file are summarised: they are noise past that point. */
const MAX_REPORTED = 200;

/** Cheap structural test, for telling node-link files from other JSON artifacts. */
export function looksLikeNodeLink(value: JsonValue | undefined): boolean {
  return isJsonObject(value) && Array.isArray(value.nodes) && Array.isArray(value.links);
}

export interface NodeLinkReadOptions extends ParseJsonOptions {
  /** False forces the general path (differential tests and the benchmark compare the two). */
  readonly fastPath?: boolean;
}

/** The fast path's documents nest four levels (root, nodes, node, data); a smaller limit must be checked. */
const FAST_PATH_DEPTH = 4;

export function readNodeLinkText(text: string, file: string, options: NodeLinkReadOptions = {}): NodeLinkResult {
  if (options.fastPath !== false && (options.maxDepth ?? DEFAULT_MAX_JSON_DEPTH) >= FAST_PATH_DEPTH) {
    const graph = readWellFormedNodeLink(text, file);
    if (graph !== undefined) return { graph, issues: [], text };
  }
  const parsed = parseJsonText(text, file, options);
  if (parsed.value === undefined) return { issues: parsed.issues, text };
  const collector = new IssueCollector(file);
  const graph = readNodeLinkValue(parsed.value, file, collector);
  return { graph, issues: [...parsed.issues, ...collector.finish(text)], text };
}

/** Collects issues by pointer and resolves all their positions in one pass at the end. */
export class IssueCollector {
  private readonly pending: Array<{ severity: PlanIssue['severity']; code: string; message: string; pointer: string }> = [];
  private dropped = 0;

  constructor(private readonly file: string) {}

  add(severity: PlanIssue['severity'], code: string, message: string, at: string): void {
    if (this.pending.length >= MAX_REPORTED) this.dropped++;
    else this.pending.push({ severity, code, message, pointer: at });
  }

  finish(text: string | undefined): PlanIssue[] {
    const locations = locatePointers(text, this.file, this.pending.map((p) => p.pointer));
    const out = this.pending.map((p, i) => issue(p.severity, p.code, p.message, locations[i]));
    if (this.dropped > 0) out.push(issue('warning', 'too-many-issues', `${this.dropped} more issues in this file are not listed`, { file: this.file }));
    return out;
  }
}

function readNodeLinkValue(root: JsonValue, file: string, issues: IssueCollector): NodeLinkGraph | undefined {
  if (!isJsonObject(root) || !Array.isArray(root.nodes) || !Array.isArray(root.links)) {
    issues.add('error', 'not-node-link', 'not a node-link task graph: expected an object with "nodes" and "links" arrays', '');
    return undefined;
  }
  if (root.directed === false) issues.add('warning', 'undirected-graph', 'the graph is marked undirected; links are read as directed', '/directed');
  if (root.multigraph === true) issues.add('warning', 'multigraph', 'the graph is marked as a multigraph; parallel links are merged', '/multigraph');
  const attrs: Record<string, string> = {};
  if (isJsonObject(root.attrs)) {
    for (const [k, v] of Object.entries(root.attrs)) if (typeof v === 'string') attrs[k] = v;
  }

  const evidence: EvidenceNode[] = [];
  const tasks: TaskNode[] = [];
  const nodeIndex = new Map<number, number>();
  const kindById = new Map<number, 'evidence' | 'task'>();
  const namesSeen = { evidence: new Set<string>(), task: new Set<string>() };
  root.nodes.forEach((node, index) => {
    // Node and link pointers are built with template strings: indices and these keys need no escaping.
    const at = `/nodes/${index}`;
    const read = readNode(node, at, issues);
    if (read === undefined) return;
    if (kindById.has(read.id)) {
      issues.add('error', 'duplicate-node-id', `node id ${read.id} is used twice; this node is ignored`, `${at}/id`);
      return;
    }
    if (namesSeen[read.kind].has(read.name)) {
      issues.add('error', 'duplicate-node-name', `${read.kind} "${read.name}" appears twice; this node is ignored`, `${at}/data/name`);
      return;
    }
    namesSeen[read.kind].add(read.name);
    kindById.set(read.id, read.kind);
    nodeIndex.set(read.id, index);
    if (read.kind === 'task') tasks.push(read);
    else evidence.push(read);
  });

  const links: GraphLink[] = [];
  root.links.forEach((link, index) => {
    const read = readLink(link, `/links/${index}`, kindById, issues);
    if (read !== undefined) links.push(read);
  });
  const nodePointer = (id: number): string | undefined => {
    const index = nodeIndex.get(id);
    return index === undefined ? undefined : `/nodes/${index}`;
  };
  return { file, attrs, evidence, tasks, links, nodePointer };
}

function readNode(node: JsonValue, at: string, issues: IssueCollector): EvidenceNode | TaskNode | undefined {
  if (!isJsonObject(node)) {
    issues.add('error', 'invalid-node', 'a node must be an object with "id" and "data"', at);
    return undefined;
  }
  const id = node.id;
  if (typeof id !== 'number' || !Number.isInteger(id)) {
    issues.add('error', 'invalid-node-id', 'a node "id" must be an integer', `${at}/id`);
    return undefined;
  }
  const data = node.data;
  if (!isJsonObject(data)) {
    issues.add('error', 'invalid-node-data', 'a node "data" must be an object of strings', `${at}/data`);
    return undefined;
  }
  const fields = new Fields(data, `${at}/data`, issues);
  const kind = fields.string('kind', true);
  const name = fields.string('name', true);
  if (kind === undefined || name === undefined) return undefined;
  if (name === '') {
    issues.add('error', 'empty-name', 'a node name must not be empty', `${at}/data/name`);
    return undefined;
  }
  if (kind === 'evidence') {
    const evidence: { -readonly [K in keyof EvidenceNode]: EvidenceNode[K] } = { kind, id, name };
    if (data.scan_unit_key !== undefined) evidence.scanUnitKey = fields.string('scan_unit_key', false);
    if (data.scan_dataset_name !== undefined) evidence.scanDatasetName = fields.string('scan_dataset_name', false);
    if (data.scan_delta_version !== undefined) evidence.scanDeltaVersion = fields.integer('scan_delta_version', false);
    if (data.scan_candidate_file_count !== undefined) evidence.scanCandidateFileCount = fields.integer('scan_candidate_file_count', false);
    return evidence;
  }
  if (kind === 'task') {
    return {
      kind,
      id,
      name,
      output: fields.string('output', false) ?? name,
      taskKind: fields.string('task_kind', false) ?? 'view',
      priority: fields.integer('priority', true) ?? 100,
      inputs: fields.stringList('inputs'),
      sources: fields.stringList('sources'),
    };
  }
  issues.add('error', 'unknown-node-kind', `unknown node kind "${kind}" (expected "evidence" or "task"); the node is ignored`, `${at}/data/kind`);
  return undefined;
}

function readLink(link: JsonValue, at: string, kindById: ReadonlyMap<number, 'evidence' | 'task'>, issues: IssueCollector): GraphLink | undefined {
  if (!isJsonObject(link)) {
    issues.add('error', 'invalid-link', 'a link must be an object with "source", "target", "id" and "data"', at);
    return undefined;
  }
  const { source, target } = link;
  for (const [key, value] of [['source', source], ['target', target]] as const) {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      issues.add('error', 'invalid-link-endpoint', `link "${key}" must be an integer node id`, `${at}/${key}`);
      return undefined;
    }
    if (!kindById.has(value)) {
      issues.add('error', 'dangling-link', `link ${key} ${value} names no node; the link is ignored`, `${at}/${key}`);
      return undefined;
    }
  }
  const data = isJsonObject(link.data) ? link.data : undefined;
  if (data === undefined) {
    issues.add('error', 'invalid-link-data', 'a link "data" must be an object of strings', `${at}/data`);
    return undefined;
  }
  const fields = new Fields(data, `${at}/data`, issues);
  const kind = fields.string('kind', true);
  const name = fields.string('name', true) ?? '';
  const s = source as number;
  const t = target as number;
  if (kind !== 'requires' && kind !== 'produces') {
    if (kind !== undefined) issues.add('error', 'unknown-link-kind', `unknown link kind "${kind}" (expected "requires" or "produces"); the link is ignored`, `${at}/data/kind`);
    return undefined;
  }
  const expected = kind === 'requires' ? ['evidence', 'task'] : ['task', 'evidence'];
  if (kindById.get(s) !== expected[0] || kindById.get(t) !== expected[1]) {
    issues.add('error', 'link-kind-mismatch', `a "${kind}" link must go from ${expected[0]} to ${expected[1]}, but goes from ${kindById.get(s)} to ${kindById.get(t)}; the link is ignored`, at);
    return undefined;
  }
  const fingerprint = fields.string('plan_fingerprint', false);
  const read: { -readonly [K in keyof GraphLink]: GraphLink[K] } = {
    id: typeof link.id === 'number' ? link.id : -1,
    source: s,
    target: t,
    kind,
    name,
    requiredColumns: fields.stringList('required_columns'),
    requiredTypes: fields.list('required_types', readRequiredTypeItem),
    requiredMetadata: fields.list('required_metadata', readRequiredMetadataItem),
    inferred: fields.boolean('inferred') ?? true,
  };
  if (fingerprint !== undefined && fingerprint !== '') read.planFingerprint = fingerprint;
  return read;
}

/** Typed access to a string-valued `data` map, reporting each bad field with its pointer. */
class Fields {
  constructor(
    private readonly data: JsonObject,
    private readonly at: string,
    private readonly issues: IssueCollector,
  ) {}

  private raw(key: string, required: boolean): string | undefined {
    if (!Object.prototype.hasOwnProperty.call(this.data, key)) {
      if (required) this.issues.add('error', 'missing-field', `"${key}" is required`, this.at);
      return undefined;
    }
    const v = this.data[key];
    if (typeof v !== 'string') {
      this.issues.add('error', 'wrong-type', `"${key}" must be a string (node-link data values are strings), not ${describe(v)}`, `${this.at}/${key}`);
      return undefined;
    }
    return v;
  }

  string(key: string, required: boolean): string | undefined {
    return this.raw(key, required);
  }

  integer(key: string, required: boolean): number | undefined {
    const v = this.raw(key, required);
    if (v === undefined) return undefined;
    const parsed = Number(v);
    if (!Number.isSafeInteger(parsed) || !INTEGER_TEXT.test(v)) {
      this.issues.add('error', 'not-an-integer', `"${key}" must be an integer written as a string, not "${v}"`, `${this.at}/${key}`);
      return undefined;
    }
    return parsed;
  }

  boolean(key: string): boolean | undefined {
    const v = this.raw(key, false);
    if (v === undefined) return undefined;
    if (v !== 'true' && v !== 'false') {
      this.issues.add('error', 'not-a-boolean', `"${key}" must be "true" or "false", not "${v}"`, `${this.at}/${key}`);
      return undefined;
    }
    return v === 'true';
  }

  list<T>(key: string, item: (v: JsonValue) => T | undefined): T[] {
    const v = this.raw(key, false);
    if (v === undefined || v === '[]') return [];
    let decoded: JsonValue;
    try {
      decoded = JSON.parse(v) as JsonValue;
    } catch {
      this.issues.add('error', 'invalid-embedded-json', `"${key}" must hold a JSON list as text, but it is not valid JSON`, `${this.at}/${key}`);
      return [];
    }
    if (!Array.isArray(decoded)) {
      this.issues.add('error', 'invalid-embedded-json', `"${key}" must hold a JSON list, not ${describe(decoded)}`, `${this.at}/${key}`);
      return [];
    }
    const out: T[] = [];
    for (const element of decoded) {
      const read = item(element);
      if (read === undefined) {
        // Described, not re-serialized: an embedded list may nest deeper than JSON.stringify can recurse.
        this.issues.add('error', 'invalid-list-item', `"${key}" has an item of the wrong shape (${describe(element)})`, `${this.at}/${key}`);
        return out;
      }
      out.push(read);
    }
    return out;
  }

  stringList(key: string): string[] {
    return this.list(key, readStringItem);
  }
}


/** Decimal integers as Python's str(int) writes them; Number() alone would also take "0x10" or "1e3". */
const INTEGER_TEXT = /^-?\d+$/;

function describe(v: JsonValue | undefined): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
