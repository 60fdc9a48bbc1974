/**
 * The messages between the extension host and the plan graph webview. Data crosses only as these
 * messages (postMessage, structured clone; the graph's typed arrays as one ArrayBuffer); the webview never
 * gets a URI or a file to read. Everything the webview sends is checked with `isGraphViewRequest` before
 * the host acts on it.
 */

import type { GraphMeta } from './graphPayload';
import type { TaskDetails } from './planRequests';

export type GraphViewUpdate =
  /** The graph to draw. `keepViewport`: a redraw of the same plan (an edit), so the user's view stays. */
  | { readonly type: 'graph'; readonly meta: GraphMeta; readonly buffer: ArrayBuffer; readonly keepViewport: boolean }
  /** The server is reading or analyzing the plan (shown while a large plan loads). */
  | { readonly type: 'loading'; readonly message: string }
  /** The cursor in the plan file is on this task's name: select it in the graph. */
  | { readonly type: 'select'; readonly task: string }
  /** The details the webview asked for (null: the task is gone from the plan). */
  | { readonly type: 'details'; readonly task: string; readonly details: TaskDetails | null }
  /** An export was written (or failed), said in the webview's status line. */
  | { readonly type: 'exported'; readonly message: string };

export type GraphViewRequest =
  /** The webview has loaded and can take the graph. */
  | { readonly type: 'ready' }
  /** The user picked a task: select its name in the plan file, keeping focus in the graph. */
  | { readonly type: 'reveal'; readonly task: string }
  /** The details panel wants a task's details. */
  | { readonly type: 'details'; readonly task: string }
  /** The user exported the graph: the host asks where and writes the file atomically. */
  | { readonly type: 'export'; readonly format: 'svg'; readonly data: string }
  | { readonly type: 'export'; readonly format: 'png'; readonly data: ArrayBuffer }
  /** The webview drew the graph: counts on screen and the time from the message to the first paint. */
  | { readonly type: 'rendered'; readonly nodes: number; readonly edges: number; readonly firstPaintMs: number };

/** The largest export the host accepts from the webview (an SVG of 100k tasks is about 40 MB). */
export const MAX_EXPORT_BYTES = 256 * 1024 * 1024;

export function isGraphViewRequest(value: unknown): value is GraphViewRequest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return true;
    case 'reveal':
    case 'details':
      return typeof m.task === 'string' && m.task.length <= 1_000_000;
    case 'export':
      return (m.format === 'svg' && typeof m.data === 'string' && m.data.length <= MAX_EXPORT_BYTES) || (m.format === 'png' && m.data instanceof ArrayBuffer && m.data.byteLength <= MAX_EXPORT_BYTES);
    case 'rendered':
      return typeof m.nodes === 'number' && typeof m.edges === 'number' && typeof m.firstPaintMs === 'number';
    default:
      return false;
  }
}
