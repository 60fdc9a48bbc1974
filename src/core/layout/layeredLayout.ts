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
  /**
   * The tallest the drawing may be for its width. A generation of thousands of tasks would make one
   * column hundreds of times taller than the plan is wide, which no panel can show fitted: such
   * generations are wrapped into side-by-side sub-columns until the drawing is no taller than this.
   */
  readonly maxAspect: number;
  /** Space between the sub-columns of one wrapped generation (less than `columnGap`, so generations stay apart). */
  readonly subColumnGap: number;
}

/** The aspect of a wide editor panel (16:10), so that "Fit" on a large plan fills it. */
export const DEFAULT_LAYOUT: LayoutOptions = { nodeWidth: 180, nodeHeight: 28, columnGap: 80, rowGap: 12, sweeps: 4, maxAspect: 0.625, subColumnGap: 24 };

/** Fewer rows than this read as a grid, not columns: a generation is never wrapped shorter. */
const MIN_ROWS = 8;

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
  return { ...placeColumns(columns, n, options), columns };
}

/**
 * Places columns of node ids left to right, each centred vertically on the tallest, wrapping columns taller
 * than `rowsPerColumn` allows into sub-columns filled top to bottom.
 */
export function placeColumns(columns: readonly (readonly number[])[], nodeCount: number, options: LayoutOptions): { readonly x: Float64Array; readonly y: Float64Array; readonly width: number; readonly height: number } {
  const rowStep = options.nodeHeight + options.rowGap;
  const rows = rowsPerColumn(columns.map((column) => column.length), options);
  const tallest = Math.max(0, ...columns.map((column) => Math.min(column.length, rows)));
  const height = tallest === 0 ? 0 : tallest * rowStep - options.rowGap;
  const x = new Float64Array(nodeCount);
  const y = new Float64Array(nodeCount);
  let left = 0;
  for (const column of columns) {
    const top = (height - (Math.min(column.length, rows) * rowStep - options.rowGap)) / 2;
    column.forEach((v, i) => {
      x[v] = left + Math.floor(i / rows) * (options.nodeWidth + options.subColumnGap);
      y[v] = top + (i % rows) * rowStep;
    });
    left += blockWidth(column.length, rows, options) + options.columnGap;
  }
  return { x, y, width: columns.length === 0 ? 0 : left - options.columnGap, height };
}

/** Width of a generation of `size` tasks wrapped at `rows` rows. */
function blockWidth(size: number, rows: number, options: LayoutOptions): number {
  const subColumns = Math.max(1, Math.ceil(size / rows));
  return subColumns * options.nodeWidth + (subColumns - 1) * options.subColumnGap;
}

/**
 * The most rows a column may have: every generation in one column when that is no taller than
 * `maxAspect` times the width, else the largest row count that is (height grows and width shrinks with
 * the row count, so a binary search finds it), never fewer than MIN_ROWS.
 */
export function rowsPerColumn(sizes: readonly number[], options: LayoutOptions): number {
  const tallest = Math.max(0, ...sizes);
  const rowStep = options.nodeHeight + options.rowGap;
  const fits = (rows: number): boolean => {
    let width = -options.columnGap;
    for (const size of sizes) width += blockWidth(size, rows, options) + options.columnGap;
    return Math.min(rows, tallest) * rowStep - options.rowGap <= options.maxAspect * width;
  };
  if (tallest <= MIN_ROWS || fits(tallest)) return Math.max(tallest, 1);
  let low = MIN_ROWS;
  let high = tallest;
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return low;
}
