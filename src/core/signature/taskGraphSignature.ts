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
import type { TaskNode } from '../readers/nodeLink';

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
  const { dag, tasks } = input;
  const n = dag.nodeCount;
  // Lines are concatenated from names quoted once: JSON.stringify of an array per line costs more than
  // the hashing itself at 100k tasks. The bytes are exactly those of JSON.stringify(line).
  const quoted = tasks.map((t) => JSON.stringify(t.name));
  const quotedEvidence = new Map<string, string>();
  const quoteEvidence = (name: string): string => {
    let q = quotedEvidence.get(name);
    if (q === undefined) quotedEvidence.set(name, (q = JSON.stringify(name)));
    return q;
  };
  // Task ids are in name order (projectTaskDependencies), so id order is the canonical order.
  for (let v = 0; v < n; v++) {
    const t = tasks[v];
    h.text(`["task",${quoted[v]},${JSON.stringify(t.taskKind)},${t.priority},${JSON.stringify(t.output)},${JSON.stringify(input.recordedCost?.(v) ?? null)}]`);
  }
  for (let s = 0; s < n; s++) {
    const succ = dag.successors(s);
    for (let i = 0; i < succ.length; i++) {
      let line = `["dep",${quoted[s]},${quoted[succ[i]]}`;
      for (const e of input.evidenceOf(s, succ[i])) line += ',' + quoteEvidence(e);
      h.text(line + ']');
    }
  }
  for (const section of [...(input.sections ?? [])].sort((a, b) => compareCodePoints(a.name, b.name))) {
    const rows = section.rows.map((r) => JSON.stringify([section.name, ...r])).sort(compareCodePoints);
    for (const row of rows) h.text(row);
  }
  return SIGNATURE_PREFIX + h.digest();
}
