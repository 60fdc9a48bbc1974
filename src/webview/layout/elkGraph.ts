/**
 * Translation between the renderer's typed arrays and ELK's JSON graph, and the layout options. Pure, so
 * it runs (and is tested) without a worker.
 */

import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import type { CompactLayout } from './compactLayout';
import { MODEL_ORDER_BUDGET, planLayers } from './layerPlan';
import type { RefineInput, RefineResult, RefineRoute } from './refineTypes';

/**
 * The options, measured on pipeline-shaped plans in headless Chromium (docs/layout.md has the figures).
 * Partitioning and model order are the requested behaviour; `toElkGraph` drops either when it cannot
 * change the result or would cost seconds (layerPlan.ts). Each node's partition is set on the node.
 */
export const ELK_LAYOUT_OPTIONS: Readonly<LayoutOptions> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  // Bands are the generations the core already computed: partitions keep them as columns, left to right.
  'elk.partitioning.activate': 'true',
  // Sources first, like the core's generations, so a band is one column. Of the layerers that keep the
  // partitions it was the fastest with LONGEST_PATH; NETWORK_SIMPLEX took 3x as long at 2,000 tasks,
  // COFFMAN_GRAHAM 7x at 500; BF_MODEL_ORDER broke the band columns.
  'elk.layered.layering.strategy': 'LONGEST_PATH_SOURCE',
  // Model order (nodes and edges sorted by `order`) keeps the picture stable between runs and refinements.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  // NETWORK_SIMPLEX placement was 9x slower at 500 tasks; BRANDES_KOEPF is linear.
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  // 3 cost 1.2-1.7x at 2,000 tasks for a like drawing; 7 (ELK's default) 1.7x at 500.
  'elk.layered.thoroughness': '1',
  // One graph, not one per connected component: packed components would break the band columns.
  'elk.separateConnectedComponents': 'false',
  'elk.randomSeed': '1',
  // Spacing for 180x28 task boxes, matching the core's generation layout (80 between columns, 12 between rows).
  'elk.spacing.nodeNode': '12',
  'elk.layered.spacing.nodeNodeBetweenLayers': '80',
  'elk.spacing.edgeNode': '8',
  'elk.layered.spacing.edgeNodeBetweenLayers': '16',
  'elk.spacing.edgeEdge': '4',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '4',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
};

export interface ElkRequest {
  readonly graph: ElkNode;
  /** Whether ELK was given the partitions (false when they could not change the layout). */
  readonly partitioned: boolean;
  /** Whether ELK sorts layers by model order (false above the cost budget). */
  readonly modelOrder: boolean;
  /** Input positions of the graph's children and edges, in the order sent (and answered). */
  readonly nodeOrder: readonly number[];
  readonly edgeOrder: readonly number[];
}

/**
 * ELK's graph for `input`: node ids are the input positions (as strings), nodes and edges in model order.
 * `overrides` win over both the defaults and the automatic choices (for measurements).
 * @throws RangeError when an edge names a node that is not in the input, or a node id repeats.
 */
export function toElkGraph(input: RefineInput, overrides: Readonly<LayoutOptions> = {}): ElkRequest {
  const { nodes, edges } = input;
  const indexOf = new Map<number, number>();
  nodes.forEach((node, i) => {
    if (indexOf.has(node.id)) throw new RangeError(`node id ${node.id} appears twice`);
    indexOf.set(node.id, i);
  });
  const endpoint = (id: number, e: number): number => {
    const i = indexOf.get(id);
    if (i === undefined) throw new RangeError(`edge ${e} refers to node ${id}, which is not in the input`);
    return i;
  };
  const sources = Int32Array.from(edges, (edge, e) => endpoint(edge.source, e));
  const targets = Int32Array.from(edges, (edge, e) => endpoint(edge.target, e));
  const plan = planLayers(nodes.map((n) => n.band), sources, targets);
  const options: LayoutOptions = {
    ...ELK_LAYOUT_OPTIONS,
    'elk.partitioning.activate': String(plan.needsPartitions),
    'elk.layered.considerModelOrder.strategy': plan.sortWork <= MODEL_ORDER_BUDGET ? 'NODES_AND_EDGES' : 'NONE',
    ...overrides,
  };
  // Ties fall back to the input position, so the order is total and the same input gives the same graph.
  const nodeOrder = [...nodes.keys()].sort((a, b) => nodes[a].order - nodes[b].order || a - b);
  const edgeOrder = [...edges.keys()].sort(
    (a, b) => nodes[sources[a]].order - nodes[sources[b]].order || nodes[targets[a]].order - nodes[targets[b]].order || a - b,
  );
  const children: ElkNode[] = nodeOrder.map((i) => ({
    id: String(i),
    width: nodes[i].width,
    height: nodes[i].height,
    layoutOptions: { 'elk.partitioning.partition': String(nodes[i].band) },
  }));
  const elkEdges: ElkExtendedEdge[] = edgeOrder.map((e) => ({ id: `e${e}`, sources: [String(sources[e])], targets: [String(targets[e])] }));
  return {
    graph: { id: 'root', layoutOptions: options, children, edges: elkEdges },
    partitioned: options['elk.partitioning.activate'] === 'true',
    modelOrder: options['elk.layered.considerModelOrder.strategy'] !== 'NONE',
    nodeOrder,
    edgeOrder,
  };
}

/** Reads the worker's compact answer back into per-input arrays (ELK's coordinates: root has no padding). */
export function fromElkGraph(input: RefineInput, request: ElkRequest, laidOut: CompactLayout, ms: number): RefineResult {
  const x = new Float32Array(input.nodes.length).fill(Number.NaN);
  const y = new Float32Array(input.nodes.length).fill(Number.NaN);
  request.nodeOrder.forEach((i, k) => {
    x[i] = laidOut.x[k];
    y[i] = laidOut.y[k];
  });
  const routes = new Array<RefineRoute>(input.edges.length);
  request.edgeOrder.forEach((e, k) => {
    // Views into one buffer: one allocation for all routes.
    routes[e] = { points: laidOut.routePoints.subarray(laidOut.routeOffsets[k], laidOut.routeOffsets[k + 1]) };
  });
  const { partitioned, modelOrder } = request;
  return { x, y, routes, width: laidOut.width, height: laidOut.height, ms, cached: false, partitioned, modelOrder };
}
