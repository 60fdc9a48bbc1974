/**
 * The textbook transitive reduction with word-parallel bitsets, O(V * E / 32): the benchmark's baseline
 * for the kernel's GRAIL-pruned search, and a second oracle in the property tests. The closure needs V^2
 * bits (1.25 GB at 100k nodes), so columns are processed in blocks of `blockBits` targets at a time.
 */

import type { Dag } from '../../src/core/graph/dag';

/** Returns a flag per edge (in edge order) that is 1 when the edge is redundant. */
export function bitsetRedundantEdges(g: Dag, order: Int32Array, blockBits = 16384): Uint8Array {
  const n = g.nodeCount;
  const position = new Int32Array(n);
  for (let i = 0; i < n; i++) position[order[i]] = i;
  const redundant = new Uint8Array(g.edgeCount);
  const words = blockBits >>> 5;
  const reach = new Int32Array(n * words);
  for (let block = 0; block < n; block += blockBits) {
    reach.fill(0);
    for (let i = n - 1; i >= 0; i--) {
      const v = order[i];
      const succ = Array.from(g.successors(v)).sort((a, b) => position[a] - position[b]);
      const rv = v * words;
      for (const u of succ) {
        const e = g.edgeIndex(v, u);
        if (redundant[e] === 1) continue;
        const local = u - block;
        if (local >= 0 && local < blockBits) {
          if ((reach[rv + (local >>> 5)] & (1 << (local & 31))) !== 0) {
            redundant[e] = 1;
            continue;
          }
          reach[rv + (local >>> 5)] |= 1 << (local & 31);
        }
        const ru = u * words;
        for (let w = 0; w < words; w++) reach[rv + w] |= reach[ru + w];
      }
    }
  }
  return redundant;
}
