/**
 * Two runs' plans compared, as the language server answers `planLens/compare` (request object in
 * `lsp.ts`): the ranked differences, the counts, the readable Markdown, and three graph payloads laid out
 * from the union of both plans, so a task both runs have sits at the same place in every drawing. Task
 * `i` is the same task in all three payloads (one name table, one order), which is what lets the
 * comparison view select, pan and zoom both sides as one.
 */

import type { DifferenceKind } from '../core/analysis/rankDifferences';
import type { GraphMeta } from './graphPayload';
import type { GraphViewResult } from './planRequests';

export type { DifferenceKind };

export interface CompareParams {
  /** The earlier run's task graph (the baseline). */
  readonly beforeUri: string;
  readonly afterUri: string;
}

export interface CompareSide {
  readonly uri: string;
  /** Workspace-relative path. */
  readonly title: string;
  /** The run id the plan's folder names ('' when it is not in a run folder). */
  readonly runId: string;
}

export interface CompareDifference {
  readonly kind: DifferenceKind;
  readonly impact: number;
  readonly title: string;
  readonly tasks: readonly string[];
}

/** How a task of the union differs, for the overlay's marks. */
export type TaskMark = 'added' | 'removed' | 'changed';

export interface CompareResult {
  readonly before: CompareSide;
  readonly after: CompareSide;
  /** Why there is nothing to compare (a side is not a task graph, or has a cycle). */
  readonly problem?: string;
  readonly counts: { readonly kept: number; readonly added: number; readonly removed: number; readonly changed: number; readonly dependenciesAdded: number; readonly dependenciesRemoved: number };
  readonly criticalPath: { readonly before: number; readonly after: number };
  readonly differences: readonly CompareDifference[];
  /** Union task name → mark; unmarked tasks are the same on both sides. */
  readonly marks: Readonly<Record<string, TaskMark>>;
  /** The comparison in words, task names as `#task:` links (see `taskLink`). */
  readonly markdown: string;
  /** Each side drawn over the union's positions (its own edges, costs and critical path), and the overlay (the union). */
  readonly graphs: { readonly before: GraphViewResult; readonly after: GraphViewResult; readonly overlay: GraphViewResult };
}

/**
 * The link a readable view turns into "reveal this task": a fragment, so the Markdown stays plain text
 * that any renderer shows, and no URI of the user's files is in it.
 */
export function taskLink(task: string): string {
  return `#task:${encodeURIComponent(task)}`;
}

/** The task a `taskLink` names, or undefined for any other link. */
export function taskOfLink(href: string): string | undefined {
  if (!href.startsWith('#task:')) return undefined;
  try {
    return decodeURIComponent(href.slice('#task:'.length));
  } catch {
    return undefined;
  }
}

/** What the comparison webview draws: the answer without the Markdown, each graph's meta beside its buffer. */
export interface CompareViewData extends Omit<CompareResult, 'graphs' | 'markdown'> {
  readonly graphs: { readonly before: GraphMeta; readonly after: GraphMeta; readonly overlay: GraphMeta };
}

/** Host → comparison webview. Data crosses only as these messages; the webview never gets a URI to read. */
export type CompareViewUpdate =
  | { readonly type: 'comparison'; readonly data: CompareViewData; readonly buffers: { readonly before: ArrayBuffer; readonly after: ArrayBuffer; readonly overlay: ArrayBuffer } }
  | { readonly type: 'loading'; readonly message: string };

/** Comparison webview → host; checked with `isCompareViewRequest` before the host acts on it. */
export type CompareViewRequest =
  | { readonly type: 'ready' }
  /** The user picked a task in one side: select its name in that side's plan file, focus staying in the view. */
  | { readonly type: 'reveal'; readonly side: 'before' | 'after'; readonly task: string }
  /** "Open changes": the diff editor on the canonical JSON of the two plans. */
  | { readonly type: 'openChanges' }
  /** "Show as text": the comparison in words, task names as links. */
  | { readonly type: 'showText' };

export function isCompareViewRequest(value: unknown): value is CompareViewRequest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'openChanges':
    case 'showText':
      return true;
    case 'reveal':
      return (m.side === 'before' || m.side === 'after') && typeof m.task === 'string' && m.task.length <= 1_000_000;
    default:
      return false;
  }
}

/** Host → readable view (a summary or a comparison as a page): the Markdown the page renders. */
export type ReadableViewUpdate = { readonly type: 'document'; readonly markdown: string };

/** Readable view → host: loaded, or a task link was followed. */
export type ReadableViewRequest = { readonly type: 'ready' } | { readonly type: 'reveal'; readonly task: string };

export function isReadableViewRequest(value: unknown): value is ReadableViewRequest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return m.type === 'ready' || (m.type === 'reveal' && typeof m.task === 'string' && m.task.length <= 1_000_000);
}
