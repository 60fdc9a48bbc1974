/**
 * Real graph payloads for the browser tests and the render benchmark, built the way the language server
 * builds them (graphPayloadOf over one analysis): the sample run of examples/workspace with its recorded
 * costs and drift, and seeded synthetic plans of any size.
 */

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readArtifactBytes } from '../../../src/core/artifacts/readArtifact';
import { recordedDrift, recordedTaskCosts } from '../../../src/core/analysis/recordedCosts';
import { analyzeNodeLinkGraph } from '../../../src/core/analysis/analyzePlan';
import { readNodeLinkText } from '../../../src/core/readers/nodeLink';
import { decodeGraphArrays, encodeGraphArrays } from '../../../src/protocol/graphPayload';
import { graphPayloadOf, type GraphPayload } from '../../../src/server/graph/graphPayloadOf';
import { hubNodeLinkText, randomNodeLinkText } from '../../support/randomPlans';
import { repoRoot } from '../../support/corpus';

const sampleRun = path.join(repoRoot, 'examples', 'workspace', '.artifacts', 'diagnostics', '019c03dd-7755-774b-95f8-ecf61ecd55af');

/** The sample run's task graph with its recorded schedule costs and drift (60 tasks). */
export function samplePayload(): GraphPayload {
  const text = readFileSync(path.join(sampleRun, 'task_graph_node_link.json'), 'utf8');
  const costs = recordedTaskCosts(readArtifactBytes(readFileSync(path.join(sampleRun, 'plan_schedule_v1.json')), 'plan_schedule_v1.json'));
  const drift = recordedDrift(readArtifactBytes(readFileSync(path.join(sampleRun, 'hamilton_plan_drift_v1.json')), 'hamilton_plan_drift_v1.json'));
  const read = readNodeLinkText(text, 'task_graph_node_link.json');
  if (read.graph === undefined || costs === undefined || drift === undefined) throw new Error('the sample run did not read');
  const analysis = analyzeNodeLinkGraph(read.graph, read.issues, { costs }, text);
  return graphPayloadOf({
    title: 'task_graph_node_link.json',
    graph: read.graph,
    analysis,
    costSource: { kind: 'recorded', file: 'plan_schedule_v1.json', recordedTasks: costs.size },
    drift: { file: 'hamilton_plan_drift_v1.json', drift },
  });
}

export interface RandomPayloadOptions {
  readonly tasks: number;
  readonly seed?: number;
  /** Replaces the name of the first task of the critical path (e.g. an XSS-shaped name). */
  readonly renameFirstCritical?: string;
}

/** A synthetic pipeline-shaped plan (test/support/randomPlans.ts) as the server would send it. */
export function randomPayload(options: RandomPayloadOptions): GraphPayload {
  const text = randomNodeLinkText({ tasks: options.tasks, seed: options.seed ?? 42 });
  const file = `random-${options.tasks}.json`;
  const read = readNodeLinkText(text, file);
  if (read.graph === undefined) throw new Error('the synthetic plan did not read');
  const analysis = analyzeNodeLinkGraph(read.graph, read.issues, {}, text);
  const payload = graphPayloadOf({ title: file, graph: read.graph, analysis, costSource: { kind: 'priority' } });
  return options.renameFirstCritical === undefined ? payload : renamedFirstCritical(payload, options.renameFirstCritical);
}

/** The payload with its first critical task renamed: re-encodes only the name table. */
function renamedFirstCritical(payload: GraphPayload, name: string): GraphPayload {
  const arrays = decodeGraphArrays(payload.meta, payload.buffer);
  const names = [...arrays.names];
  names[arrays.criticalPath[0]] = name;
  const { buffer, sections, byteLength } = encodeGraphArrays({ ...arrays, names });
  return { meta: { ...payload.meta, sections, byteLength }, buffer };
}

/** A scan read by `views` views (hubNodeLinkText), as the server would send it. */
export function hubPayload(views: number): GraphPayload {
  const text = hubNodeLinkText(views);
  const read = readNodeLinkText(text, 'hub.json');
  if (read.graph === undefined) throw new Error('the hub plan did not read');
  return graphPayloadOf({ title: 'hub.json', graph: read.graph, analysis: analyzeNodeLinkGraph(read.graph, read.issues, {}, text), costSource: { kind: 'priority' } });
}
