/**
 * The fast path for node-link files as rustworkx writes them (artifact-formats.md §2.3): one pass over the
 * text that builds the graph directly, with no intermediate JSON objects.
 *
 * Why hand-written: a 100k-task plan with every link field is about 110 MB. `JSON.parse` of it builds
 * some three million objects (0.4 s here), the nesting check scans it again (0.14 s), and walking the
 * objects into a graph costs 0.6 s more, mostly garbage collection.
 *
 * How: rustworkx writes compact JSON with a fixed key order, so each node and link is first matched
 * against a sticky regular expression of exactly that layout (V8 compiles it to machine code: the 360k
 * links of a 100k-task plan match in about 30 ms, against 350 ms for a tokenizer written in JavaScript).
 * An item in any other layout (whitespace, other key order, unknown keys) is read by the tokenizer
 * (compactJsonTokenizer.ts), which accepts any JSON of the node-link shape.
 *
 * Contract: it returns exactly the graph the general path of `readNodeLinkText` would return, or
 * `undefined` whenever that path could have anything to report (a syntax error, a duplicate key, any
 * content issue) or the file strays from the node-link shape (other top-level or item keys, non-string
 * data values, numbers that are not plain integers, links before nodes). The caller then takes the
 * general path, which does the reporting, so this file never reports anything itself. Differential and
 * fuzz tests (test/unit/readers/nodeLinkFastPath.test.ts) hold it to that contract.
 */

import { CompactJsonTokenizer, GIVE_UP } from './compactJsonTokenizer';
import { readRequiredMetadataItem, readRequiredTypeItem, readStringItem } from './embeddedListItems';
import type { EvidenceNode, GraphLink, NodeLinkGraph, TaskNode } from './nodeLinkGraph';
import { K, KEYS, UNKNOWN_KEY } from './nodeLinkKeys';
import { EVIDENCE_LAYOUT, LINK_LAYOUT, TASK_LAYOUT, type Layout } from './nodeLinkLayouts';
import { decodeRaw, plainNameList } from './rawJsonStrings';
import { UniqueNames } from './uniqueNames';

const INTEGER_TEXT = /^-?\d+$/;
const NO_ITEMS: readonly never[] = Object.freeze([]);

const KIND_EVIDENCE = 1;
const KIND_TASK = 2;

/** The graph, or undefined when the general path must read this text (see the file comment). */
export function readWellFormedNodeLink(text: string, file: string): NodeLinkGraph | undefined {
  try {
    return new NodeLinkScanner(text, file).document();
  } catch {
    // GIVE_UP, or anything unexpected: the general path reads the file and reports what it finds.
    return undefined;
  }
}

class NodeLinkScanner extends CompactJsonTokenizer {
  /** Node kind by node id (0: no such node) and the node's index in the `nodes` array. */
  private kindById = new Uint8Array(1024);
  private indexById = new Int32Array(1024);
  private readonly evidence: EvidenceNode[] = [];
  private readonly tasks: TaskNode[] = [];
  private readonly links: GraphLink[] = [];
  private readonly evidenceNames = new UniqueNames();
  private readonly taskNames = new UniqueNames();
  private nodesRead = false;
  /** The current item's `data` values by key index, as raw JSON string contents (escapes undecoded). */
  private readonly values: Array<string | undefined> = new Array<string | undefined>(KEYS.length).fill(undefined);
  /** Embedded lists already read, by key index and raw text. */
  private readonly lists: Array<Map<string, readonly unknown[]> | undefined> = [];
  /** The current item's integers: node id, or link source, target and id (undefined: absent). */
  private id: number | undefined;
  private source = -1;
  private target = -1;
  private integerAt = 0;

  constructor(
    text: string,
    private readonly file: string,
  ) {
    super(text);
  }

  document(): NodeLinkGraph {
    let attrs: Record<string, string> = {};
    let seen = 0;
    let sawLinks = false;
    this.objectStart();
    for (let more = this.firstMember(); more; more = this.nextMember()) {
      const key = this.key();
      if (key === UNKNOWN_KEY || (seen & (1 << key)) !== 0) throw GIVE_UP;
      seen |= 1 << key;
      this.colon();
      if (key === K.directed) this.literal('true');
      else if (key === K.multigraph) this.literal('false');
      else if (key === K.attrs) attrs = this.attrs();
      else if (key === K.nodes) this.nodes();
      else if (key === K.links) {
        if (!this.nodesRead) throw GIVE_UP;
        this.linkArray();
        sawLinks = true;
      } else throw GIVE_UP;
    }
    this.whitespace();
    if (this.at !== this.text.length || !sawLinks) throw GIVE_UP;
    const indexById = this.indexById;
    const kindById = this.kindById;
    return {
      file: this.file,
      attrs,
      evidence: this.evidence,
      tasks: this.tasks,
      links: this.links,
      nodePointer: (id) => (id >= 0 && id < kindById.length && kindById[id] !== 0 ? `/nodes/${indexById[id]}` : undefined),
    };
  }

  // --- nodes -------------------------------------------------------------------------------------------

  private nodes(): void {
    this.arrayStart();
    let index = 0;
    for (let more = this.firstElement(); more; more = this.nextElement()) {
      if (!this.matchLayout(EVIDENCE_LAYOUT) && !this.matchLayout(TASK_LAYOUT)) this.itemTokens(false);
      this.node(index++);
    }
    this.nodesRead = true;
  }

  /**
   * A node (`id`, `data`) or a link (`source`, `target`, `data`, optional `id`) in any layout: members in
   * any order, each once.
   */
  private itemTokens(link: boolean): void {
    this.source = -1;
    this.target = -1;
    this.id = undefined;
    let sawData = false;
    this.objectStart();
    for (let more = this.firstMember(); more; more = this.nextMember()) {
      const key = this.key();
      this.colon();
      if (link && key === K.source && this.source === -1) this.source = this.nodeId();
      else if (link && key === K.target && this.target === -1) this.target = this.nodeId();
      else if (key === K.id && this.id === undefined) this.id = link ? this.integer() : this.nodeId();
      else if (key === K.data && !sawData) {
        this.data();
        sawData = true;
      } else throw GIVE_UP;
    }
    if (!sawData || (link ? this.source === -1 || this.target === -1 : this.id === undefined)) throw GIVE_UP;
  }

  /** Checks the node in `id` and `values` as the general path does, and adds it. */
  private node(index: number): void {
    const id = this.id as number;
    const name = this.decoded(K.name);
    if (name === undefined || name === '') throw GIVE_UP;
    this.growIdTables(id);
    if (this.kindById[id] !== 0) throw GIVE_UP;
    const kind = this.decoded(K.kind);
    if (kind === 'evidence') {
      if (!this.evidenceNames.add(name)) throw GIVE_UP;
      this.evidence.push(this.evidenceNode(id, name));
      this.kindById[id] = KIND_EVIDENCE;
    } else if (kind === 'task') {
      if (!this.taskNames.add(name)) throw GIVE_UP;
      const output = this.decoded(K.output);
      const taskKind = this.decoded(K.task_kind);
      const priority = this.integerValue(K.priority);
      if (priority === undefined) throw GIVE_UP;
      const inputs = this.listValue(K.inputs, readStringItem);
      this.tasks.push({
        kind,
        id,
        name,
        output: output === undefined || output === name ? name : output,
        taskKind: taskKind ?? 'view',
        priority,
        inputs,
        // The pipeline's sources are its inputs plus scan tasks, often the same list: read it once then.
        sources: this.values[K.sources] === this.values[K.inputs] ? inputs : this.listValue(K.sources, readStringItem),
      });
      this.kindById[id] = KIND_TASK;
    } else throw GIVE_UP;
    this.indexById[id] = index;
  }

  private evidenceNode(id: number, name: string): EvidenceNode {
    const node: { -readonly [P in keyof EvidenceNode]: EvidenceNode[P] } = { kind: 'evidence', id, name };
    // Present keys only, as the general path builds it.
    if (this.values[K.scan_unit_key] !== undefined) node.scanUnitKey = this.decoded(K.scan_unit_key);
    if (this.values[K.scan_dataset_name] !== undefined) node.scanDatasetName = this.decoded(K.scan_dataset_name);
    if (this.values[K.scan_delta_version] !== undefined) node.scanDeltaVersion = this.integerValue(K.scan_delta_version);
    if (this.values[K.scan_candidate_file_count] !== undefined) node.scanCandidateFileCount = this.integerValue(K.scan_candidate_file_count);
    return node;
  }

  /** Node ids index typed arrays: plain non-negative integers of a sane size only. */
  private nodeId(): number {
    const id = this.integer();
    if (id < 0 || id > 0x3fffffff) throw GIVE_UP;
    return id;
  }

  private growIdTables(id: number): void {
    if (id > 0x3fffffff) throw GIVE_UP;
    if (id < this.kindById.length) return;
    let size = this.kindById.length;
    while (size <= id) size *= 2;
    const kinds = new Uint8Array(size);
    kinds.set(this.kindById);
    const indices = new Int32Array(size);
    indices.set(this.indexById);
    this.kindById = kinds;
    this.indexById = indices;
  }

  // --- links -------------------------------------------------------------------------------------------

  private linkArray(): void {
    this.arrayStart();
    for (let more = this.firstElement(); more; more = this.nextElement()) {
      if (!this.matchLayout(LINK_LAYOUT)) this.itemTokens(true);
      this.link();
    }
  }

  /** Checks the link in `source`, `target`, `id` and `values` as the general path does, and adds it. */
  private link(): void {
    const { source, target } = this;
    const sourceKind = source < this.kindById.length ? this.kindById[source] : 0;
    const targetKind = target < this.kindById.length ? this.kindById[target] : 0;
    const kind = this.decoded(K.kind);
    if (kind === 'requires') {
      if (sourceKind !== KIND_EVIDENCE || targetKind !== KIND_TASK) throw GIVE_UP;
    } else if (kind === 'produces') {
      if (sourceKind !== KIND_TASK || targetKind !== KIND_EVIDENCE) throw GIVE_UP;
    } else throw GIVE_UP;
    const name = this.decoded(K.name);
    if (name === undefined) throw GIVE_UP;
    const inferred = this.decoded(K.inferred);
    if (inferred !== undefined && inferred !== 'true' && inferred !== 'false') throw GIVE_UP;
    const link: { -readonly [P in keyof GraphLink]: GraphLink[P] } = {
      id: this.id ?? -1,
      source,
      target,
      kind,
      name,
      requiredColumns: this.listValue(K.required_columns, readStringItem, true),
      requiredTypes: this.listValue(K.required_types, readRequiredTypeItem, true),
      requiredMetadata: this.listValue(K.required_metadata, readRequiredMetadataItem, true),
      inferred: inferred !== 'false',
    };
    const fingerprint = this.decoded(K.plan_fingerprint);
    if (fingerprint !== undefined && fingerprint !== '') link.planFingerprint = fingerprint;
    this.links.push(link);
  }

  // --- values ------------------------------------------------------------------------------------------

  /**
   * Reads the item at the cursor with a layout pattern: its integers into `id` (or `source`, `target` and
   * `id` for a link) and its fields into `values`. False, with nothing consumed, when the item is written
   * another way. Only the layout's own keys are set: node and link checks read no other key.
   */
  private matchLayout(layout: Layout): boolean {
    this.whitespace();
    const pattern = layout.pattern;
    pattern.lastIndex = this.at;
    const m = pattern.exec(this.text);
    if (m === null) return false;
    this.at = pattern.lastIndex;
    // The integers lead the item and the keys before them hold no digit, so each is the next run of
    // digits (with its sign): read in place, three strings per link fewer than capturing them.
    this.integerAt = m.index;
    if (layout.integers === 1) this.id = this.nextInteger();
    else {
      this.source = this.nextInteger();
      this.target = this.nextInteger();
      this.id = this.nextInteger();
    }
    const values = this.values;
    let group = 1;
    for (const field of layout.fields) {
      const common = field.common ?? NO_ITEMS;
      let value: string | undefined = m[group + common.length];
      for (let c = 0; c < common.length; c++) if (m[group + c] !== undefined) value = common[c];
      group += common.length + 1;
      values[field.key] = value;
    }
    if (layout.kind !== undefined) values[K.kind] = layout.kind;
    return true;
  }

  /** The next integer from `integerAt` in an item the layout pattern has already checked. */
  private nextInteger(): number {
    const s = this.text;
    let i = this.integerAt;
    let c = s.charCodeAt(i);
    while (c !== 0x2d && !(c >= 0x30 && c <= 0x39)) c = s.charCodeAt(++i);
    const negative = c === 0x2d;
    if (negative) c = s.charCodeAt(++i);
    let value = 0;
    while (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      c = s.charCodeAt(++i);
    }
    this.integerAt = i;
    return negative ? -value : value;
  }

  /** The decoded value of `key`; undefined when absent. Invalid escapes throw, which gives up. */
  private decoded(key: number): string | undefined {
    const raw = this.values[key];
    if (raw === undefined || raw.indexOf('\\') === -1) return raw;
    return JSON.parse(`"${raw}"`) as string;
  }

  /** A decimal integer value as the general path accepts it (Python's str(int)); undefined when absent. */
  private integerValue(key: number): number | undefined {
    const text = this.decoded(key);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!INTEGER_TEXT.test(text) || !Number.isSafeInteger(value)) throw GIVE_UP;
    return value;
  }

  /**
   * An embedded list. `repeated` lists are links' column, type and metadata lists: the links into one
   * dataset repeat them, so equal texts share one read list (lists are read-only), which at 100k tasks
   * saves most of the parsing and the garbage. A task's inputs are its own: a cache would only cost.
   */
  private listValue<T>(key: number, item: (v: unknown) => T | undefined, repeated = false): readonly T[] {
    const raw = this.values[key];
    if (raw === undefined || raw === '[]') return NO_ITEMS;
    if (!repeated) return this.readList(key, raw, item);
    const cache = (this.lists[key] ??= new Map<string, readonly unknown[]>()) as Map<string, readonly T[]>;
    const known = cache.get(raw);
    if (known !== undefined) return known;
    const read = this.readList(key, raw, item);
    cache.set(raw, read);
    return read;
  }

  /** An embedded JSON list, every item of the right shape; anything else is for the general path. */
  private readList<T>(key: number, raw: string, item: (v: unknown) => T | undefined): readonly T[] {
    if (item === readStringItem) {
      const names = plainNameList(raw);
      if (names !== undefined) return names as T[];
    }
    const decoded: unknown = JSON.parse(this.decoded(key) as string);
    if (!Array.isArray(decoded)) throw GIVE_UP;
    const out: T[] = [];
    for (const element of decoded) {
      const read = item(element);
      if (read === undefined) throw GIVE_UP;
      out.push(read);
    }
    return out;
  }

  // --- the tokenizer, for items in other layouts -------------------------------------------------------

  /** A `data` object: every value a string, known keys into `values`, unknown ones checked and dropped. */
  private data(): void {
    const values = this.values;
    values.fill(undefined);
    let unknown: string[] | undefined;
    this.objectStart();
    for (let more = this.firstMember(); more; more = this.nextMember()) {
      const key = this.key();
      this.colon();
      // Every value's escapes are checked here, even of keys this item's kind ignores: JSON.parse would fail.
      const raw = this.rawString();
      decodeRaw(raw);
      if (key === UNKNOWN_KEY) {
        // Only duplicate detection needs an unknown key's text.
        const name = this.text.slice(this.keyStart, this.keyEnd);
        unknown ??= [];
        if (unknown.includes(name)) throw GIVE_UP;
        unknown.push(name);
      } else {
        if (values[key] !== undefined) throw GIVE_UP;
        values[key] = raw;
      }
    }
  }

  private attrs(): Record<string, string> {
    this.whitespace();
    if (this.text.startsWith('null', this.at)) {
      this.at += 4;
      return {};
    }
    const out: Record<string, string> = {};
    this.objectStart();
    for (let more = this.firstMember(); more; more = this.nextMember()) {
      const name = decodeRaw(this.rawString());
      // The general path drops "__proto__" silently (assigning a string to it does nothing); leave it that.
      if (name === '__proto__' || Object.prototype.hasOwnProperty.call(out, name)) throw GIVE_UP;
      this.colon();
      out[name] = decodeRaw(this.rawString());
    }
    return out;
  }
}
