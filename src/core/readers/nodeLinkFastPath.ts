/**
 * The fast path for node-link files as rustworkx writes them (artifact-formats.md §2.3): one pass over the
 * text that builds the graph directly, with no intermediate JSON objects.
 *
 * Why hand-written: a 100k-task plan with every link field is about 110 MB. `JSON.parse` of it builds
 * some three million objects (0.4 s here), the nesting check scans it again (0.14 s), and walking the
 * objects into a graph costs 0.6 s more, mostly garbage collection. This scanner reads each character once
 * and allocates only what the graph keeps.
 *
 * Contract: it returns exactly the graph the general path of `readNodeLinkText` would return, or
 * `undefined` whenever that path could have anything to report (a syntax error, a duplicate key, any
 * content issue) or the file strays from the shape rustworkx writes (other keys, non-string data values,
 * numbers that are not plain integers, links before nodes). The caller then takes the general path, which
 * does the reporting, so this file never reports anything itself. Differential and fuzz tests
 * (test/unit/readers/nodeLinkFastPath.test.ts) hold it to that contract.
 */

import { readRequiredMetadataItem, readRequiredTypeItem, readStringItem } from './embeddedListItems';
import type { EvidenceNode, GraphLink, NodeLinkGraph, TaskNode } from './nodeLink';

/** Thrown inside the scanner to give up on the fast path; never escapes this module. */
class GiveUp {}
const GIVE_UP = new GiveUp();

const INTEGER_TEXT = /^-?\d+$/;
const NO_ITEMS: readonly never[] = Object.freeze([]);

// Every key the fast path knows, in one table: a key is found by its length and then compared in place,
// so reading a key allocates nothing.
const KEYS = [
  'directed', 'multigraph', 'attrs', 'nodes', 'links',
  'id', 'data', 'source', 'target',
  'kind', 'name', 'output', 'task_kind', 'priority', 'inputs', 'sources',
  'scan_unit_key', 'scan_dataset_name', 'scan_delta_version', 'scan_candidate_file_count',
  'inferred', 'plan_fingerprint', 'required_columns', 'required_types', 'required_metadata',
] as const;
type Key = (typeof KEYS)[number];
const K = Object.fromEntries(KEYS.map((k, i) => [k, i])) as Record<Key, number>;
const UNKNOWN_KEY = -1;

/** The hash the key scanner computes as it goes; KEY_TABLE maps it (mod its size) to a key index + 1. */
function keyHash(hash: number, c: number): number {
  return (Math.imul(hash, 31) + c) | 0;
}
const KEY_TABLE_BITS = 10;
const KEY_TABLE = new Int8Array(1 << KEY_TABLE_BITS);
for (const [index, key] of KEYS.entries()) {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = keyHash(h, key.charCodeAt(i));
  const slot = h & ((1 << KEY_TABLE_BITS) - 1);
  // Checked once at load: the table is sized so that the known keys never share a slot.
  if (KEY_TABLE[slot] !== 0) throw new Error(`node-link key table: "${key}" collides`);
  KEY_TABLE[slot] = index + 1;
}

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

class NodeLinkScanner {
  private at = 0;
  /** Node kind by node id (0: no such node) and the node's index in the `nodes` array. */
  private kindById = new Uint8Array(1024);
  private indexById = new Int32Array(1024);
  private readonly evidence: EvidenceNode[] = [];
  private readonly tasks: TaskNode[] = [];
  private readonly links: GraphLink[] = [];
  private readonly evidenceNames = new Set<string>();
  private readonly taskNames = new Set<string>();
  /** Task and evidence names by node id: links name their evidence, and reuse the string when equal. */
  private readonly nameById: string[] = [];
  private nodesRead = false;
  /** The span of the last key read, for the rare key whose text is needed. */
  private keyStart = 0;
  private keyEnd = 0;
  /**
   * The values of the current `data` object, by key index, as spans of the text (start -1: absent).
   * Values are compared in place and sliced only when kept: most are short constants ("true",
   * "requires", "[]") that would otherwise be millions of short-lived strings.
   */
  private readonly valueStart = new Int32Array(KEYS.length);
  private readonly valueEnd = new Int32Array(KEYS.length);
  private readonly valueEscaped = new Uint8Array(KEYS.length);
  private spanStart = 0;
  private spanEnd = 0;
  private spanEscaped = false;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

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
    for (let more = this.firstElement(); more; more = this.nextElement()) this.node(index++);
    this.nodesRead = true;
  }

  private node(index: number): void {
    let id = -1;
    let sawData = false;
    this.objectStart();
    for (let more = this.firstMember(); more; more = this.nextMember()) {
      const key = this.key();
      this.colon();
      if (key === K.id && id === -1) id = this.nodeId();
      else if (key === K.data && !sawData) {
        this.data();
        sawData = true;
      } else throw GIVE_UP;
    }
    if (id === -1 || !sawData) throw GIVE_UP;
    const name = this.value(K.name);
    if (name === undefined || name === '') throw GIVE_UP;
    this.growIdTables(id);
    if (this.kindById[id] !== 0) throw GIVE_UP;
    if (this.valueIs(K.kind, 'evidence')) {
      if (this.evidenceNames.has(name)) throw GIVE_UP;
      this.evidenceNames.add(name);
      this.evidence.push(this.evidenceNode(id, name));
      this.kindById[id] = KIND_EVIDENCE;
    } else if (this.valueIs(K.kind, 'task')) {
      if (this.taskNames.has(name)) throw GIVE_UP;
      this.taskNames.add(name);
      this.tasks.push({
        kind: 'task',
        id,
        name,
        output: this.valueStart[K.output] === -1 || this.valueIs(K.output, name) ? name : (this.value(K.output) as string),
        taskKind: this.taskKind(),
        priority: this.integerValue(K.priority),
        inputs: this.listValue(K.inputs, readStringItem),
        sources: this.listValue(K.sources, readStringItem),
      });
      this.kindById[id] = KIND_TASK;
    } else throw GIVE_UP;
    this.indexById[id] = index;
    this.nameById[id] = name;
  }

  private taskKind(): string {
    if (this.valueStart[K.task_kind] === -1 || this.valueIs(K.task_kind, 'view')) return 'view';
    return this.valueIs(K.task_kind, 'scan') ? 'scan' : (this.value(K.task_kind) as string);
  }

  private evidenceNode(id: number, name: string): EvidenceNode {
    const node: { -readonly [P in keyof EvidenceNode]: EvidenceNode[P] } = { kind: 'evidence', id, name };
    // Present keys only, as the general path builds it.
    if (this.valueStart[K.scan_unit_key] !== -1) node.scanUnitKey = this.value(K.scan_unit_key);
    if (this.valueStart[K.scan_dataset_name] !== -1) node.scanDatasetName = this.value(K.scan_dataset_name);
    if (this.valueStart[K.scan_delta_version] !== -1) node.scanDeltaVersion = this.integerValue(K.scan_delta_version);
    if (this.valueStart[K.scan_candidate_file_count] !== -1) node.scanCandidateFileCount = this.integerValue(K.scan_candidate_file_count);
    return node;
  }

  /** Node ids index typed arrays: plain non-negative integers of a sane size only. */
  private nodeId(): number {
    const id = this.integer();
    if (id < 0 || id > 0x3fffffff) throw GIVE_UP;
    return id;
  }

  private growIdTables(id: number): void {
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
    for (let more = this.firstElement(); more; more = this.nextElement()) this.link();
  }

  private link(): void {
    let source = -1;
    let target = -1;
    let id: number | undefined;
    let sawData = false;
    this.objectStart();
    for (let more = this.firstMember(); more; more = this.nextMember()) {
      const key = this.key();
      this.colon();
      if (key === K.source && source === -1) source = this.nodeId();
      else if (key === K.target && target === -1) target = this.nodeId();
      else if (key === K.id && id === undefined) id = this.integer();
      else if (key === K.data && !sawData) {
        this.data();
        sawData = true;
      } else throw GIVE_UP;
    }
    if (source === -1 || target === -1 || !sawData) throw GIVE_UP;
    const sourceKind = source < this.kindById.length ? this.kindById[source] : 0;
    const targetKind = target < this.kindById.length ? this.kindById[target] : 0;
    let kind: GraphLink['kind'];
    if (this.valueIs(K.kind, 'requires')) {
      if (sourceKind !== KIND_EVIDENCE || targetKind !== KIND_TASK) throw GIVE_UP;
      kind = 'requires';
    } else if (this.valueIs(K.kind, 'produces')) {
      if (sourceKind !== KIND_TASK || targetKind !== KIND_EVIDENCE) throw GIVE_UP;
      kind = 'produces';
    } else throw GIVE_UP;
    const evidenceName = this.nameById[kind === 'requires' ? source : target];
    const name = this.valueIs(K.name, evidenceName) ? evidenceName : this.value(K.name);
    if (name === undefined) throw GIVE_UP;
    let inferred = true;
    if (this.valueStart[K.inferred] !== -1 && !this.valueIs(K.inferred, 'true')) {
      if (!this.valueIs(K.inferred, 'false')) throw GIVE_UP;
      inferred = false;
    }
    const link: { -readonly [P in keyof GraphLink]: GraphLink[P] } = {
      id: id ?? -1,
      source,
      target,
      kind,
      name,
      requiredColumns: this.listValue(K.required_columns, readStringItem),
      requiredTypes: this.listValue(K.required_types, readRequiredTypeItem),
      requiredMetadata: this.listValue(K.required_metadata, readRequiredMetadataItem),
      inferred,
    };
    if (this.valueStart[K.plan_fingerprint] !== -1 && !this.valueIs(K.plan_fingerprint, '')) link.planFingerprint = this.value(K.plan_fingerprint);
    this.links.push(link);
  }

  // --- string maps -------------------------------------------------------------------------------------

  /** A `data` object: every value a string, known keys as spans, unknown ones checked and dropped. */
  private data(): void {
    this.valueStart.fill(-1);
    let unknown: string[] | undefined;
    this.objectStart();
    for (let more = this.firstMember(); more; more = this.nextMember()) {
      const key = this.key();
      this.colon();
      if (key === UNKNOWN_KEY) {
        // Rare: only duplicate detection needs the key's text.
        const name = this.text.slice(this.keyStart, this.keyEnd);
        unknown ??= [];
        if (unknown.includes(name)) throw GIVE_UP;
        unknown.push(name);
        this.stringSpan();
        if (this.spanEscaped) this.decodeSpan();
      } else {
        if (this.valueStart[key] !== -1) throw GIVE_UP;
        this.stringSpan();
        this.valueStart[key] = this.spanStart;
        this.valueEnd[key] = this.spanEnd;
        this.valueEscaped[key] = this.spanEscaped ? 1 : 0;
      }
    }
  }

  /** The value of `key` in the current `data` object, decoded; undefined when absent. */
  private value(key: number): string | undefined {
    const start = this.valueStart[key];
    if (start === -1) return undefined;
    this.spanStart = start;
    this.spanEnd = this.valueEnd[key];
    return this.valueEscaped[key] === 1 ? this.decodeSpan() : this.text.slice(start, this.spanEnd);
  }

  /** Whether `key` is present and its value is `expected`, compared in place. */
  private valueIs(key: number, expected: string): boolean {
    const start = this.valueStart[key];
    if (start === -1) return false;
    if (this.valueEscaped[key] === 1) return this.value(key) === expected;
    return this.valueEnd[key] - start === expected.length && matchesAt(this.text, expected, start);
  }

  /** A decimal integer value as the general path accepts it (Python's str(int)); required. */
  private integerValue(key: number): number {
    const text = this.value(key);
    const value = Number(text);
    if (text === undefined || !INTEGER_TEXT.test(text) || !Number.isSafeInteger(value)) throw GIVE_UP;
    return value;
  }

  /** An embedded JSON list, every item of the right shape; anything else is for the general path. */
  private listValue<T>(key: number, item: (v: unknown) => T | undefined): readonly T[] {
    if (this.valueStart[key] === -1 || this.valueIs(key, '[]')) return NO_ITEMS;
    if (item === readStringItem && this.valueEscaped[key] === 1) {
      const names = this.plainNameList(this.valueStart[key], this.valueEnd[key]);
      if (names !== undefined) return names as T[];
    }
    const decoded: unknown = JSON.parse(this.value(key) as string);
    if (!Array.isArray(decoded)) throw GIVE_UP;
    const out: T[] = [];
    for (const element of decoded) {
      const read = item(element);
      if (read === undefined) throw GIVE_UP;
      out.push(read);
    }
    return out;
  }

  /**
   * A list of names as Python's json.dumps writes it inside a JSON string, `[\"a\", \"b\"]`, read in
   * place: every task's inputs and sources look like this, and decoding the string and then parsing the
   * list allocates three times. Undefined when any name has an escape of its own or the layout differs;
   * the caller then decodes the general way.
   */
  private plainNameList(start: number, end: number): string[] | undefined {
    const s = this.text;
    if (s.charCodeAt(start) !== 0x5b /* [ */ || s.charCodeAt(end - 1) !== 0x5d /* ] */) return undefined;
    const names: string[] = [];
    let i = start + 1;
    for (;;) {
      // Each item is \" name \", the name free of backslashes and quotes.
      if (s.charCodeAt(i) !== 0x5c || s.charCodeAt(i + 1) !== 0x22) return undefined;
      const from = i + 2;
      let j = from;
      for (;;) {
        const c = s.charCodeAt(j);
        if (c === 0x5c) break;
        if (!(c >= 0x20) || c === 0x22) return undefined;
        j++;
      }
      if (s.charCodeAt(j + 1) !== 0x22) return undefined;
      names.push(s.slice(from, j));
      i = j + 2;
      if (i === end - 1) return names;
      if (s.charCodeAt(i) !== 0x2c /* , */ || s.charCodeAt(i + 1) !== 0x20) return undefined;
      i += 2;
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
      this.whitespace();
      const name = this.string();
      // The general path drops "__proto__" silently (assigning a string to it does nothing); leave it that.
      if (name === '__proto__' || Object.prototype.hasOwnProperty.call(out, name)) throw GIVE_UP;
      this.colon();
      out[name] = this.string();
    }
    return out;
  }

  // --- JSON tokens -------------------------------------------------------------------------------------

  private whitespace(): void {
    const s = this.text;
    let i = this.at;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.at = i;
  }

  private punctuation(c: number): void {
    // rustworkx writes compact JSON: test for the character before looking for whitespace.
    if (this.text.charCodeAt(this.at) !== c) {
      this.whitespace();
      if (this.text.charCodeAt(this.at) !== c) throw GIVE_UP;
    }
    this.at++;
  }

  private objectStart(): void {
    this.punctuation(0x7b /* { */);
  }

  private arrayStart(): void {
    this.punctuation(0x5b /* [ */);
  }

  private colon(): void {
    this.punctuation(0x3a /* : */);
  }

  /** After `{`: true when a member follows, false on `}`. */
  private firstMember(): boolean {
    return this.first(0x7d /* } */);
  }

  /** After a member: true on `,`, false on `}`. */
  private nextMember(): boolean {
    return this.next(0x7d);
  }

  private firstElement(): boolean {
    return this.first(0x5d /* ] */);
  }

  private nextElement(): boolean {
    return this.next(0x5d);
  }

  private first(close: number): boolean {
    if (this.text.charCodeAt(this.at) === 0x22 /* " */) return true;
    this.whitespace();
    if (this.text.charCodeAt(this.at) !== close) return true;
    this.at++;
    return false;
  }

  private next(close: number): boolean {
    let c = this.text.charCodeAt(this.at);
    if (c !== 0x2c /* , */ && c !== close) {
      this.whitespace();
      c = this.text.charCodeAt(this.at);
    }
    this.at++;
    if (c === 0x2c) return true;
    if (c === close) return false;
    throw GIVE_UP;
  }

  /** A key without escapes, as an index into KEYS, or UNKNOWN_KEY. */
  private key(): number {
    this.punctuation(0x22 /* " */);
    const s = this.text;
    const start = this.at;
    let i = start;
    let hash = 0;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c /* \ */ || !(c >= 0x20)) throw GIVE_UP;
      hash = keyHash(hash, c);
      i++;
    }
    this.at = i + 1;
    this.keyStart = start;
    this.keyEnd = i;
    const index = KEY_TABLE[hash & ((1 << KEY_TABLE_BITS) - 1)] - 1;
    if (index === UNKNOWN_KEY) return UNKNOWN_KEY;
    const known = KEYS[index];
    return known.length === i - start && matchesAt(s, known, start) ? index : UNKNOWN_KEY;
  }

  /** Scans a string value into spanStart/spanEnd/spanEscaped without building it. */
  private stringSpan(): void {
    this.punctuation(0x22 /* " */);
    const s = this.text;
    const start = this.at;
    let i = start;
    let escaped = false;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        escaped = true;
        i += 2;
        continue;
      }
      if (!(c >= 0x20)) throw GIVE_UP;
      i++;
    }
    this.at = i + 1;
    this.spanStart = start;
    this.spanEnd = i;
    this.spanEscaped = escaped;
  }

  /** The current span decoded by JSON.parse, which also rejects a bad escape. */
  private decodeSpan(): string {
    return JSON.parse(this.text.slice(this.spanStart - 1, this.spanEnd + 1)) as string;
  }

  /** A string value, decoded. */
  private string(): string {
    this.stringSpan();
    return this.spanEscaped ? this.decodeSpan() : this.text.slice(this.spanStart, this.spanEnd);
  }

  /** A JSON integer in plain form (no fraction, exponent or minus zero), within the safe range. */
  private integer(): number {
    this.whitespace();
    const s = this.text;
    let i = this.at;
    const negative = s.charCodeAt(i) === 0x2d;
    if (negative) i++;
    let c = s.charCodeAt(i);
    let value = 0;
    if (c === 0x30) {
      if (negative) throw GIVE_UP;
      c = s.charCodeAt(++i);
    } else if (c >= 0x31 && c <= 0x39) {
      while (c >= 0x30 && c <= 0x39) {
        value = value * 10 + (c - 0x30);
        c = s.charCodeAt(++i);
      }
    } else throw GIVE_UP;
    if (c === 0x2e || c === 0x65 || c === 0x45 || (c >= 0x30 && c <= 0x39) || value > Number.MAX_SAFE_INTEGER) throw GIVE_UP;
    this.at = i;
    return negative ? -value : value;
  }

  private literal(word: 'true' | 'false'): void {
    this.whitespace();
    if (!this.text.startsWith(word, this.at)) throw GIVE_UP;
    this.at += word.length;
  }
}

/** Whether `literal` occurs in `s` at `at`: a plain loop, several times cheaper than startsWith for short keys. */
function matchesAt(s: string, literal: string, at: number): boolean {
  for (let i = 0; i < literal.length; i++) if (s.charCodeAt(at + i) !== literal.charCodeAt(i)) return false;
  return true;
}
