/**
 * The node-link task graph as read (artifact-formats.md §2.3): evidence and task nodes, and the links
 * between them with their decoded embedded lists. Its own file so the general reader, the fast path and
 * the list decoders all depend on it and not on each other.
 */

export interface EvidenceNode {
  readonly kind: 'evidence';
  readonly id: number;
  readonly name: string;
  readonly scanUnitKey?: string;
  readonly scanDatasetName?: string;
  readonly scanDeltaVersion?: number;
  readonly scanCandidateFileCount?: number;
}

export interface TaskNode {
  readonly kind: 'task';
  readonly id: number;
  readonly name: string;
  readonly output: string;
  /** `view`, `scan` or `extract` (other values are kept as written). */
  readonly taskKind: string;
  readonly priority: number;
  readonly inputs: readonly string[];
  readonly sources: readonly string[];
}

export interface RequiredType {
  readonly name: string;
  readonly type: string;
}

/** Arrow schema metadata, hex-encoded as in the node-link JSON. */
export interface RequiredMetadata {
  readonly key: string;
  readonly value: string;
}

export interface GraphLink {
  readonly id: number;
  /** Node ids (the `id` of the node objects), as in the file. */
  readonly source: number;
  readonly target: number;
  readonly kind: 'requires' | 'produces';
  /** The evidence name on the edge. */
  readonly name: string;
  readonly requiredColumns: readonly string[];
  readonly requiredTypes: readonly RequiredType[];
  readonly requiredMetadata: readonly RequiredMetadata[];
  readonly inferred: boolean;
  /** Absent when the file has `""` (the pipeline's None). */
  readonly planFingerprint?: string;
}

export interface NodeLinkGraph {
  readonly file: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly evidence: readonly EvidenceNode[];
  readonly tasks: readonly TaskNode[];
  readonly links: readonly GraphLink[];
  /** The JSON pointer of a node by its id, for locating issues found later (undefined: not in the file). */
  readonly nodePointer: (id: number) => string | undefined;
}
