/** The sample workspace's run as the webview receives it: the real payload, decoded. */

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readArtifactBytes } from '../../../src/core/artifacts/readArtifact';
import { recordedDrift, recordedTaskCosts } from '../../../src/core/analysis/recordedCosts';
import { analyzeNodeLinkGraph } from '../../../src/core/analysis/analyzePlan';
import { readNodeLinkText } from '../../../src/core/readers/nodeLink';
import { decodeGraphArrays, type GraphArrays, type GraphMeta } from '../../../src/protocol/graphPayload';
import { graphPayloadOf } from '../../../src/server/graph/graphPayloadOf';
import { repoRoot } from '../../support/corpus';

const run = path.join(repoRoot, 'examples', 'workspace', '.artifacts', 'diagnostics', '019c03dd-7755-774b-95f8-ecf61ecd55af');

export function samplePayload(): { meta: GraphMeta; arrays: GraphArrays } {
  const text = readFileSync(path.join(run, 'task_graph_node_link.json'), 'utf8');
  const costs = recordedTaskCosts(readArtifactBytes(readFileSync(path.join(run, 'plan_schedule_v1.json')), 'plan_schedule_v1.json'));
  const drift = recordedDrift(readArtifactBytes(readFileSync(path.join(run, 'hamilton_plan_drift_v1.json')), 'hamilton_plan_drift_v1.json'));
  const read = readNodeLinkText(text, 'task_graph_node_link.json');
  if (read.graph === undefined || costs === undefined || drift === undefined) throw new Error('the sample run is incomplete');
  const analysis = analyzeNodeLinkGraph(read.graph, read.issues, { costs }, text);
  const { meta, buffer } = graphPayloadOf({
    title: 'task_graph_node_link.json',
    graph: read.graph,
    analysis,
    costSource: { kind: 'recorded', file: 'plan_schedule_v1.json', recordedTasks: costs.size },
    drift: { file: 'hamilton_plan_drift_v1.json', drift },
  });
  return { meta, arrays: decodeGraphArrays(meta, buffer) };
}
