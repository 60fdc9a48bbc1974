/**
 * A layered drawing of the reduced task graph, left to right: one column per topological generation (the
 * core has them already), nodes ordered inside each column by a few barycenter sweeps. No dummy nodes for
 * long edges and no crossing minimisation beyond the sweeps: O(sweeps * (V + E) log V).
 *
 * Why not ELK or dagre for the first paint: measured here (perf-anchors.md), ELK's layered layout takes
 * seconds at 1k nodes and overflows its stack near 10k, while this takes milliseconds at 10k and about half
 * a second at 100k. The view paints this at once; a finer layout can refine it later.
 */

import type { Dag } from '../graph/dag';

export interface LayoutOptions {
  readonly nodeWidth: number;
  readonly nodeHeight: number;
  /** Horizontal space between columns and vertical space between nodes of one column. */
  readonly columnGap: number;
  readonly rowGap: number;
  /** Barycenter passes, alternating forward (by predecessors) and backward (by successors). */
  readonly sweeps: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = { nodeWidth: 180, nodeHeight: 28, columnGap: 80, rowGap: 12, sweeps: 4 };

export interface LayeredLayout {
  /** Top-left corner of each node, by node id. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly width: number;
  readonly height: number;
  /** Node ids of each column, top to bottom. */
  readonly columns: readonly (readonly number[])[];
}

export function layeredLayout(g: Dag, generations: readonly (readonly number[])[], options: LayoutOptions = DEFAULT_LAYOUT): LayeredLayout {
  const n = g.nodeCount;
  const columns = generations.map((gen) => [...gen]);
  // A node's place in its column as a fraction, so columns of different sizes compare.
  const place = new Float64Array(n);
  const setPlaces = (column: readonly number[]): void => column.forEach((v, i) => (place[v] = column.length === 1 ? 0.5 : i / (column.length - 1)));
  columns.forEach(setPlaces);
  const { outOffsets, outTargets, inOffsets, inSources } = g.csr;
  const barycenter = new Float64Array(n);
  for (let sweep = 0; sweep < options.sweeps; sweep++) {
    const forward = sweep % 2 === 0;
    const [offsets, neighbours] = forward ? [inOffsets, inSources] : [outOffsets, outTargets];
    const order = forward ? columns.keys() : [...columns.keys()].reverse().values();
    for (const c of order) {
      const column = columns[c];
      for (const v of column) {
        const degree = offsets[v + 1] - offsets[v];
        let sum = 0;
        for (let e = offsets[v]; e < offsets[v + 1]; e++) sum += place[neighbours[e]];
        // A node with no neighbour on this side keeps its place.
        barycenter[v] = degree === 0 ? place[v] : sum / degree;
      }
      // Stable: ties keep the current order, so the result is deterministic.
      column.sort((a, b) => barycenter[a] - barycenter[b]);
      setPlaces(column);
    }
  }
  const rowStep = options.nodeHeight + options.rowGap;
  const tallest = Math.max(0, ...columns.map((column) => column.length));
  const height = tallest === 0 ? 0 : tallest * rowStep - options.rowGap;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  columns.forEach((column, c) => {
    // Columns are centred vertically on the tallest one.
    const top = (height - (column.length * rowStep - options.rowGap)) / 2;
    column.forEach((v, i) => {
      x[v] = c * (options.nodeWidth + options.columnGap);
      y[v] = top + i * rowStep;
    });
  });
  const width = columns.length === 0 ? 0 : columns.length * (options.nodeWidth + options.columnGap) - options.columnGap;
  return { x, y, width, height, columns };
}
