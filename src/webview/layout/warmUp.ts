/**
 * What a new worker lays out before its first real request. ELK runs as translated Java: its first layout
 * in a fresh worker runs mostly unoptimised code. After a four-node warm-up the first 2,000-task layout
 * took 4.5 s against 2.6 s warm; after this plan-shaped warm-up (240 nodes, long edges, the options of
 * large requests) 2.3-3.3 s against 1.3-2.0 s (bench runs on a loaded machine: docs/layout.md). The warm-up
 * costs about a second in the worker, which is idle then anyway.
 */

import type { RefineInput, RefineNode } from './refineTypes';

/** A deterministic plan-like graph: `bands` columns of `perBand` boxes, edges from the previous column and some long skips. */
export function warmUpInput(bands = 10, perBand = 24): RefineInput {
  const nodes: RefineNode[] = [];
  const edges: Array<{ source: number; target: number }> = [];
  for (let b = 0; b < bands; b++) {
    for (let i = 0; i < perBand; i++) {
      const id = b * perBand + i;
      nodes.push({ id, width: 180, height: 28, band: b, order: id });
      if (b === 0) continue;
      const previous = (b - 1) * perBand;
      edges.push({ source: previous + i, target: id });
      edges.push({ source: previous + ((i * 7 + 3) % perBand), target: id });
      // A long skip every fifth node: long edges make dummy nodes, a large part of ELK's work.
      if (i % 5 === 0 && b >= 3) edges.push({ source: (b - 3) * perBand + ((i * 11) % perBand), target: id });
    }
  }
  // Parallel edges (when the two previous-column picks coincide) mean nothing here: keep one.
  const seen = new Set<string>();
  const unique = edges.filter((e) => {
    const key = `${e.source}>${e.target}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { nodes, edges: unique };
}
