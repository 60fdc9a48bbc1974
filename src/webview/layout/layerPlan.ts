/**
 * What ELK's layered algorithm will face, computed in O(V + E) before sending a graph, to switch off two
 * options whose cost is measured to be out of proportion (docs/layout.md):
 *
 * - Partitioning: ELK's partition midprocessor joins every node of a partition to every node of the next
 *   one (quadratic in the column heights: 17-45 % of a 2,000-task layout). When the bands are already in
 *   the order the source-longest-path layering gives, those edges cannot move any node, and the layout is
 *   identical without them (checked by test/webview/elk.test.ts), so they are left out.
 * - Model order: ELK sorts each layer, long-edge dummies included, by insertion sort with a costly
 *   comparator: about 4 µs per unit of the sum over layers of (nodes + dummies)^2, half of a 2,000-task
 *   layout. Above a budget the order is left to the crossing minimisation alone.
 */

/** Sum over layers of (nodes + long-edge dummies)^2 up to which ELK keeps the model order (about 1 s). */
export const MODEL_ORDER_BUDGET = 250_000;

export interface LayerPlan {
  /** Whether partitions can change the layering, so ELK must be told about them. */
  readonly needsPartitions: boolean;
  /** Sum over layers of (nodes + dummies)^2 in the source-longest-path layering: the model-order sort's work. */
  readonly sortWork: number;
}

/** `sources`/`targets` are edge endpoints as node positions; `bands` by node position. */
export function planLayers(bands: ArrayLike<number>, sources: Int32Array, targets: Int32Array): LayerPlan {
  const n = bands.length;
  const layer = longestPathFromSources(n, sources, targets);
  if (layer === undefined) return { needsPartitions: true, sortWork: Number.POSITIVE_INFINITY };
  return { needsPartitions: !bandsFollowLayers(bands, layer), sortWork: sortWork(layer, sources, targets) };
}

/** Layer of each node as ELK's LONGEST_PATH_SOURCE layerer assigns it; undefined on a cycle. */
function longestPathFromSources(n: number, sources: Int32Array, targets: Int32Array): Int32Array | undefined {
  const indegree = new Int32Array(n);
  const outOffsets = new Int32Array(n + 1);
  for (let e = 0; e < sources.length; e++) {
    indegree[targets[e]]++;
    outOffsets[sources[e] + 1]++;
  }
  for (let v = 0; v < n; v++) outOffsets[v + 1] += outOffsets[v];
  const fill = outOffsets.slice(0, n);
  const outTargets = new Int32Array(sources.length);
  for (let e = 0; e < sources.length; e++) outTargets[fill[sources[e]]++] = targets[e];
  const layer = new Int32Array(n);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) if (indegree[v] === 0) queue.push(v);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (let k = outOffsets[v]; k < outOffsets[v + 1]; k++) {
      const w = outTargets[k];
      layer[w] = Math.max(layer[w], layer[v] + 1);
      if (--indegree[w] === 0) queue.push(w);
    }
  }
  return queue.length === n ? layer : undefined;
}

/**
 * True when every band occupies layers strictly after those of the band before it: then the partition
 * edges only restate what the layering already does.
 */
function bandsFollowLayers(bands: ArrayLike<number>, layer: Int32Array): boolean {
  const span = new Map<number, { min: number; max: number }>();
  for (let v = 0; v < bands.length; v++) {
    const s = span.get(bands[v]);
    if (s === undefined) span.set(bands[v], { min: layer[v], max: layer[v] });
    else {
      s.min = Math.min(s.min, layer[v]);
      s.max = Math.max(s.max, layer[v]);
    }
  }
  const ordered = [...span.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  for (let i = 1; i < ordered.length; i++) if (ordered[i].min <= ordered[i - 1].max) return false;
  return true;
}

function sortWork(layer: Int32Array, sources: Int32Array, targets: Int32Array): number {
  let layers = 0;
  for (let v = 0; v < layer.length; v++) layers = Math.max(layers, layer[v] + 1);
  const width = new Float64Array(layers + 1);
  for (let v = 0; v < layer.length; v++) width[layer[v]]++;
  // An edge spanning k layers leaves one dummy in each of the k - 1 layers between: a difference array.
  const dummies = new Float64Array(layers + 1);
  for (let e = 0; e < sources.length; e++) {
    const from = layer[sources[e]];
    const to = layer[targets[e]];
    if (to - from > 1) {
      dummies[from + 1]++;
      dummies[to]--;
    }
  }
  let running = 0;
  let work = 0;
  for (let l = 0; l < layers; l++) {
    running += dummies[l];
    work += (width[l] + running) ** 2;
  }
  return work;
}
