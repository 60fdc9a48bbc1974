/**
 * ELK answers with the whole JSON graph it was given, decorated: about 1.5 MB at 2,000 tasks, whose
 * structured-clone deserialisation took 50-100 ms on the page's thread (measured), a visible hitch at each
 * refinement. These two functions run inside the worker instead, prepended to elkjs's worker script
 * (elkWorkerSession.ts): the layout leaves as four typed arrays, transferred rather than copied.
 *
 * Both are turned into source text with `Function.prototype.toString`, so they must stay self-contained:
 * no imports, no module-level names, only their parameters and the worker's globals.
 */

import type { ElkNode } from 'elkjs/lib/elk-api';

export interface CompactLayout {
  readonly compact: true;
  readonly width: number;
  readonly height: number;
  /** Top-left corners, in the order of the graph's `children` as sent. */
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** Edge k's polyline (in the order of the graph's `edges`) is routePoints[routeOffsets[k] .. routeOffsets[k + 1]). */
  readonly routeOffsets: Uint32Array;
  readonly routePoints: Float32Array;
}

/**
 * A laid-out graph as typed arrays. An edge of a flat graph has one section; should ELK split one, the
 * sections are joined without repeating their shared point.
 */
export function compactLayout(graph: ElkNode): CompactLayout {
  const children = graph.children ?? [];
  const edges = graph.edges ?? [];
  const x = new Float32Array(children.length);
  const y = new Float32Array(children.length);
  for (let i = 0; i < children.length; i++) {
    x[i] = children[i].x ?? Number.NaN;
    y[i] = children[i].y ?? Number.NaN;
  }
  const routeOffsets = new Uint32Array(edges.length + 1);
  const coords: number[] = [];
  const push = (px: number, py: number, first: number): void => {
    const k = coords.length;
    if (k - first >= 2 && coords[k - 2] === px && coords[k - 1] === py) return;
    coords.push(px, py);
  };
  for (let e = 0; e < edges.length; e++) {
    const first = coords.length;
    for (const section of edges[e].sections ?? []) {
      push(section.startPoint.x, section.startPoint.y, first);
      for (const bend of section.bendPoints ?? []) push(bend.x, bend.y, first);
      push(section.endPoint.x, section.endPoint.y, first);
    }
    routeOffsets[e + 1] = coords.length;
  }
  return { compact: true, width: graph.width ?? 0, height: graph.height ?? 0, x, y, routeOffsets, routePoints: Float32Array.from(coords) };
}

interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

/**
 * Replaces the worker's `postMessage` so that layout replies (`{ id, data: graph }`) leave compact;
 * every other reply (algorithms, errors) passes unchanged.
 */
export function installCompactReplies(scope: WorkerScope, compact: (graph: ElkNode) => CompactLayout): void {
  const post = scope.postMessage.bind(scope);
  scope.postMessage = (message: unknown): void => {
    if (typeof message === 'object' && message !== null && 'id' in message && 'data' in message) {
      const data = message.data;
      if (typeof data === 'object' && data !== null && 'children' in data && Array.isArray(data.children)) {
        const layout = compact(data as ElkNode);
        post({ id: message.id, data: layout }, [layout.x.buffer, layout.y.buffer, layout.routeOffsets.buffer, layout.routePoints.buffer]);
        return;
      }
    }
    post(message);
  };
}

/** The script text that goes before elkjs's worker script in the blob. */
export function compactRepliesPrelude(): string {
  return `(${installCompactReplies.toString()})(self, ${compactLayout.toString()});\n`;
}

export function isCompactLayout(value: unknown): value is CompactLayout {
  return typeof value === 'object' && value !== null && 'compact' in value && value.compact === true && 'routePoints' in value && value.routePoints instanceof Float32Array;
}
