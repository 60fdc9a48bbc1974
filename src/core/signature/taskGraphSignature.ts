/**
 * Plan Lens's own signatures of a task graph: SHA-256 over a canonical serialization, so the same plan
 * gives the same signature whatever the key order, the node order or the platform, and any change to a
 * covered node, edge or attribute changes it.
 *
 * Canonical form (version 1): UTF-8 lines, each one `JSON.stringify` of an array of strings or numbers,
 * ending in "\n":
 *   ["plan-lens/<kind>/v1"]
 *   ["task", name, task_kind, priority, output, cost or null]     for each task, by name (code point order)
 *   ["dep", producer, consumer, evidence name, ...]                for each edge, by (producer, consumer)
 *   [section, ...row]                                              for each extra section row, sorted
 * Strings escape through JSON, so no name can forge a line break or a field separator.
 *
 * These are NOT the pipeline's `plan_signature` values: those are SHA-256 hashes of Arrow IPC bytes that
 * cannot be recomputed outside pyarrow. Ours are written `pl1:<hex>` so the two are never confused.
 */

import { pureSha256, type Sha256Factory, type Sha256Hasher } from '../hash/sha256';
import type { Dag } from '../graph/dag';
import { compareCodePoints } from '../text/compareCodePoints';
import type { TaskNode } from '../readers/nodeLinkGraph';

export const SIGNATURE_PREFIX = 'pl1:';

/** Extra identity the plan model binds into the signature (fingerprints, pins, runtime identity...). */
export interface SignatureSection {
  readonly name: string;
  readonly rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
}

export interface SignatureInput {
  readonly kind: 'task-graph' | 'reduced-task-graph';
  readonly dag: Dag;
  readonly tasks: readonly TaskNode[];
  readonly evidenceOf: (s: number, t: number) => readonly string[];
  /** Recorded costs by task id, where the plan has them. */
  readonly recordedCost?: (taskId: number) => number | undefined;
  readonly sections?: readonly SignatureSection[];
  readonly sha256?: Sha256Factory;
}

/** Feeds text to SHA-256 in large chunks: per-call overhead dominates when lines are hashed one by one. */
class ChunkedHasher {
  private readonly encoder = new TextEncoder();
  private buffer = '';

  constructor(private readonly hash: Sha256Hasher) {}

  line(fields: ReadonlyArray<string | number | null>): void {
    this.text(JSON.stringify(fields));
  }

  text(line: string): void {
    this.buffer += line + '\n';
    if (this.buffer.length > 1 << 16) this.flush();
  }

  private flush(): void {
    this.hash.update(this.encoder.encode(this.buffer));
    this.buffer = '';
  }

  digest(): string {
    this.flush();
    return this.hash.digestHex();
  }
}

export function taskGraphSignature(input: SignatureInput): string {
  const h = new ChunkedHasher((input.sha256 ?? pureSha256)());
  h.line([`plan-lens/${input.kind}/v1`]);
  const lines = new CanonicalLines(input);
  for (let v = 0; v < input.dag.nodeCount; v++) h.text(lines.task(v));
  const { outOffsets, outTargets } = input.dag.csr;
  for (let s = 0; s < input.dag.nodeCount; s++) {
    for (let e = outOffsets[s]; e < outOffsets[s + 1]; e++) h.text(lines.dependency(s, outTargets[e], input.evidenceOf(s, outTargets[e])));
  }
  for (const row of sectionLines(input.sections)) h.text(row);
  return SIGNATURE_PREFIX + h.digest();
}

export interface PlanSignaturesInput extends Omit<SignatureInput, 'kind' | 'evidenceOf'> {
  /** The transitive reduction of `dag`: the same nodes and a subset of its edges. */
  readonly reduced: Dag;
  /** Evidence names of the edge with this index in `dag`'s edge order. */
  readonly evidenceOfEdge: (edge: number) => readonly string[];
}

/**
 * The `task-graph` signature of `dag` and the `reduced-task-graph` signature of `reduced` in one pass, equal
 * to two `taskGraphSignature` calls: each task line and each dependency line is built once and fed to both
 * hashes, since the reduced graph's edges are a subset of the plan's, met in the same order.
 */
export function planSignatures(input: PlanSignaturesInput): { readonly plan: string; readonly reduced: string } {
  const sha256 = input.sha256 ?? pureSha256;
  const plan = new ChunkedHasher(sha256());
  const reduced = new ChunkedHasher(sha256());
  plan.line(['plan-lens/task-graph/v1']);
  reduced.line(['plan-lens/reduced-task-graph/v1']);
  const lines = new CanonicalLines(input);
  const n = input.dag.nodeCount;
  for (let v = 0; v < n; v++) {
    const line = lines.task(v);
    plan.text(line);
    reduced.text(line);
  }
  const full = input.dag.csr;
  const kept = input.reduced.csr;
  for (let s = 0; s < n; s++) {
    let k = kept.outOffsets[s];
    for (let e = full.outOffsets[s]; e < full.outOffsets[s + 1]; e++) {
      const t = full.outTargets[e];
      const line = lines.dependency(s, t, input.evidenceOfEdge(e));
      plan.text(line);
      // Both adjacency lists are sorted by target, so one walk finds the kept edges.
      if (k < kept.outOffsets[s + 1] && kept.outTargets[k] === t) {
        reduced.text(line);
        k++;
      }
    }
  }
  for (const row of sectionLines(input.sections)) {
    plan.text(row);
    reduced.text(row);
  }
  return { plan: SIGNATURE_PREFIX + plan.digest(), reduced: SIGNATURE_PREFIX + reduced.digest() };
}

/**
 * The canonical lines of tasks and dependencies. Lines are concatenated from names quoted once:
 * JSON.stringify of an array per line costs more than the hashing itself at 100k tasks. The bytes are
 * exactly those of JSON.stringify(line).
 */
class CanonicalLines {
  private readonly quoted: string[];
  private readonly quotedEvidence = new Map<string, string>();

  constructor(private readonly input: Pick<SignatureInput, 'tasks' | 'recordedCost'>) {
    this.quoted = input.tasks.map((t) => JSON.stringify(t.name));
  }

  /** Task ids are in name order (projectTaskDependencies), so id order is the canonical order. */
  task(v: number): string {
    const t = this.input.tasks[v];
    return `["task",${this.quoted[v]},${JSON.stringify(t.taskKind)},${t.priority},${JSON.stringify(t.output)},${JSON.stringify(this.input.recordedCost?.(v) ?? null)}]`;
  }

  dependency(s: number, t: number, evidence: readonly string[]): string {
    let line = `["dep",${this.quoted[s]},${this.quoted[t]}`;
    for (const e of evidence) line += ',' + this.quoteEvidence(e);
    return line + ']';
  }

  private quoteEvidence(name: string): string {
    let q = this.quotedEvidence.get(name);
    if (q === undefined) this.quotedEvidence.set(name, (q = JSON.stringify(name)));
    return q;
  }
}

function sectionLines(sections: readonly SignatureSection[] | undefined): string[] {
  const out: string[] = [];
  for (const section of [...(sections ?? [])].sort((a, b) => compareCodePoints(a.name, b.name))) {
    out.push(...section.rows.map((r) => JSON.stringify([section.name, ...r])).sort(compareCodePoints));
  }
  return out;
}
