/**
 * The plan graph as it crosses from the language server to the extension host and on to the webview: a
 * small JSON `GraphMeta` and one `ArrayBuffer` of typed arrays (positions, edges, flags, one string table),
 * so that a 100k-task plan crosses as a few megabytes of bytes instead of 100k objects to clone and
 * walk. Server -> host goes over JSON-RPC, so the buffer travels there as base64 (`GraphViewResult`);
 * host -> webview it is posted as the ArrayBuffer itself.
 *
 * Layout of the buffer: each section is a typed array, aligned to 8 bytes, at the offset the meta's
 * `sections` gives; all integers and floats are little-endian (the platform order of every runtime
 * VS Code runs on; the decoder checks it).
 */

import type { CostSource } from '../core/analysis/costSource';

/** Where the costs that weigh the critical path come from: one rule for every view and the CLI. */
export type { CostSource };

/** Bits of `GraphArrays.flags`. */
export const TaskFlag = {
  /** On the weighted critical path. */
  critical: 1,
  /** Planned, and the run's recorded drift says it was never admitted. */
  notRun: 2,
  /** Against a baseline: a task the baseline did not have. */
  added: 4,
  /** Against a baseline: a task whose cost changed (`costBefore` holds the old one). */
  costChanged: 8,
  /** A box standing for a collapsed generation: set by the webview on its views of a plan, never sent. */
  collapsed: 16,
} as const;

/** What the run recorded of the plan against what it ran (`hamilton_plan_drift_v1`). */
export interface GraphDrift {
  /** The drift artifact, workspace-relative. */
  readonly file: string;
  readonly planTasks: number;
  readonly admittedTasks: number;
  /** Planned tasks never admitted (flagged `notRun`). */
  readonly missing: number;
  /** Admitted tasks the plan did not have (they cannot be drawn). */
  readonly unexpected: readonly string[];
  readonly missingGenerations: readonly number[];
}

/** What the baseline had that the drawing cannot show. */
export interface GraphComparison {
  /** The baseline plan, workspace-relative. */
  readonly baseline: string;
  /** Tasks of the baseline that are gone. */
  readonly removed: readonly string[];
  readonly criticalPathLengthBefore: number;
}

/** Byte offset and element count of each section of the buffer. */
export interface GraphSections {
  readonly [name: string]: { readonly offset: number; readonly length: number };
}

export interface GraphMeta {
  /** The plan file, workspace-relative, shown above the graph. */
  readonly title: string;
  readonly taskCount: number;
  /** Edges of the transitive reduction. */
  readonly edgeCount: number;
  readonly generationCount: number;
  /** Size of every task's box in layout units, and of the whole generation layout. */
  readonly nodeWidth: number;
  readonly nodeHeight: number;
  readonly width: number;
  readonly height: number;
  /** String tables the per-task index arrays point into. */
  readonly kinds: readonly string[];
  /** Delta datasets that scan tasks read; `dataset` holds an index or -1. */
  readonly datasets: readonly string[];
  /** Hamilton cache statuses (hit, executed, recomputed, ...); `cache` holds index + 1, 0 = none recorded. */
  readonly cacheStatuses: readonly string[];
  readonly criticalPathLength: number;
  readonly costSource: CostSource;
  /** Plan Lens's signature of the reduced graph: the key layouts are cached under. */
  readonly reducedSignature: string;
  /** Said above the graph: why it is empty or partial (unreadable file, a cycle). */
  readonly note?: string;
  readonly drift?: GraphDrift;
  readonly comparison?: GraphComparison;
  readonly sections: GraphSections;
  /** Total bytes of the buffer. */
  readonly byteLength: number;
}

/** The per-task and per-edge data; task `i` is the i-th entry of every per-task array. */
export interface GraphArrays {
  /** Top-left corner of each task's box in the generation layout. */
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly generation: Uint32Array;
  /** Index into `GraphMeta.kinds`. */
  readonly kind: Uint8Array;
  /** `TaskFlag` bits. */
  readonly flags: Uint8Array;
  /** Index + 1 into `GraphMeta.cacheStatuses`; 0 when the run recorded none for the task. */
  readonly cache: Uint8Array;
  /** Index into `GraphMeta.datasets`, or -1. */
  readonly dataset: Int32Array;
  /** The cost that weighs the critical path (recorded, else max(priority, 1)). */
  readonly cost: Float64Array;
  readonly bottomLevel: Float64Array;
  readonly slack: Float64Array;
  /** Against a baseline, the baseline's cost when it changed; NaN otherwise. */
  readonly costBefore: Float64Array;
  /** Task indices along the critical path, in order. */
  readonly criticalPath: Uint32Array;
  /** Reduced edges as (source, target) task index pairs: 2 entries per edge. */
  readonly edgePairs: Uint32Array;
  /** Task names. */
  readonly names: readonly string[];
}

type Numeric = Float32Array | Float64Array | Uint32Array | Int32Array | Uint8Array;
type NumericSection = Exclude<keyof GraphArrays, 'names'>;

const numericSections: readonly NumericSection[] = ['x', 'y', 'generation', 'kind', 'flags', 'cache', 'dataset', 'cost', 'bottomLevel', 'slack', 'costBefore', 'criticalPath', 'edgePairs'];

const constructors: { readonly [K in NumericSection]: { new (buffer: ArrayBuffer, offset: number, length: number): GraphArrays[K]; readonly BYTES_PER_ELEMENT: number } } = {
  x: Float32Array,
  y: Float32Array,
  generation: Uint32Array,
  kind: Uint8Array,
  flags: Uint8Array,
  cache: Uint8Array,
  dataset: Int32Array,
  cost: Float64Array,
  bottomLevel: Float64Array,
  slack: Float64Array,
  costBefore: Float64Array,
  criticalPath: Uint32Array,
  edgePairs: Uint32Array,
};

const align8 = (n: number): number => (n + 7) & ~7;

/** The buffer and where its sections are; the meta's other fields are the caller's. */
export function encodeGraphArrays(arrays: GraphArrays): { readonly buffer: ArrayBuffer; readonly sections: GraphSections; readonly byteLength: number } {
  const encoder = new TextEncoder();
  const nameBytes = arrays.names.map((n) => encoder.encode(n));
  const nameOffsets = new Uint32Array(nameBytes.length + 1);
  for (let i = 0; i < nameBytes.length; i++) nameOffsets[i + 1] = nameOffsets[i] + nameBytes[i].length;
  const sections: Record<string, { offset: number; length: number }> = {};
  let size = 0;
  const place = (name: string, bytes: number, length: number): void => {
    sections[name] = { offset: size, length };
    size = align8(size + bytes);
  };
  for (const name of numericSections) place(name, arrays[name].byteLength, arrays[name].length);
  place('nameOffsets', nameOffsets.byteLength, nameOffsets.length);
  place('nameBytes', nameOffsets[nameBytes.length], nameOffsets[nameBytes.length]);
  const buffer = new ArrayBuffer(size);
  const bytes = new Uint8Array(buffer);
  const copy = (name: string, a: Numeric): void => bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), sections[name].offset);
  for (const name of numericSections) copy(name, arrays[name]);
  copy('nameOffsets', nameOffsets);
  let at = sections.nameBytes.offset;
  for (const b of nameBytes) {
    bytes.set(b, at);
    at += b.length;
  }
  return { buffer, sections, byteLength: size };
}

/** Views on the buffer (no copies but the names); throws on a buffer that does not match its meta. */
export function decodeGraphArrays(meta: Pick<GraphMeta, 'sections' | 'byteLength' | 'taskCount'>, buffer: ArrayBuffer): GraphArrays {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('the plan graph needs a little-endian platform');
  if (buffer.byteLength !== meta.byteLength) throw new Error(`graph buffer holds ${buffer.byteLength} bytes, its description ${meta.byteLength}`);
  const view = <K extends NumericSection>(name: K): GraphArrays[K] => {
    const s = meta.sections[name];
    const Ctor = constructors[name];
    if (s === undefined || s.offset % 8 !== 0 || s.offset + s.length * Ctor.BYTES_PER_ELEMENT > buffer.byteLength) throw new Error(`graph buffer: bad section ${name}`);
    return new Ctor(buffer, s.offset, s.length);
  };
  const offsets = meta.sections.nameOffsets;
  const blob = meta.sections.nameBytes;
  if (offsets === undefined || blob === undefined || offsets.length !== meta.taskCount + 1 || blob.offset + blob.length > buffer.byteLength) throw new Error('graph buffer: bad name table');
  const nameOffsets = new Uint32Array(buffer, offsets.offset, offsets.length);
  const nameBytes = new Uint8Array(buffer, blob.offset, blob.length);
  const decoder = new TextDecoder();
  const names: string[] = new Array<string>(meta.taskCount);
  for (let i = 0; i < meta.taskCount; i++) names[i] = decoder.decode(nameBytes.subarray(nameOffsets[i], nameOffsets[i + 1]));
  const arrays: GraphArrays = {
    x: view('x'),
    y: view('y'),
    generation: view('generation'),
    kind: view('kind'),
    flags: view('flags'),
    cache: view('cache'),
    dataset: view('dataset'),
    cost: view('cost'),
    bottomLevel: view('bottomLevel'),
    slack: view('slack'),
    costBefore: view('costBefore'),
    criticalPath: view('criticalPath'),
    edgePairs: view('edgePairs'),
    names,
  };
  for (const name of ['x', 'y', 'generation', 'kind', 'flags', 'cache', 'dataset', 'cost', 'bottomLevel', 'slack', 'costBefore'] as const) {
    if (arrays[name].length !== meta.taskCount) throw new Error(`graph buffer: ${name} has ${arrays[name].length} entries for ${meta.taskCount} tasks`);
  }
  return arrays;
}
