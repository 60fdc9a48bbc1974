/**
 * The plan kernel end to end on synthetic pipeline-shaped node-link plans of 1k, 10k and 100k tasks
 * (test/support/randomPlans.ts), step by step, with three baselines measured in the same run:
 * `JSON.parse` of the same bytes (the physical floor of reading), a word-parallel bitset reduction on the
 * same graph, and networkx (Debian's python3-networkx) on the same file, stopped after a time bound.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeNodeLinkText } from '../../src/core/analysis/analyzePlan';
import { bottomLevels, criticalPath, slack } from '../../src/core/graph/criticalPath';
import { topologicalGenerations } from '../../src/core/graph/generations';
import { topologicalOrder } from '../../src/core/graph/topologicalOrder';
import { transitiveReduction } from '../../src/core/graph/transitiveReduction';
import { readNodeLinkText } from '../../src/core/readers/nodeLink';
import { projectTaskDependencies } from '../../src/core/readers/taskDependencies';
import { planSignatures } from '../../src/core/signature/taskGraphSignature';
import { decodeUtf8 } from '../../src/core/json/parseJson';
import { bitsetRedundantEdges } from '../../test/support/bitsetReduction';
import { randomNodeLinkText } from '../../test/support/randomPlans';
import { nodeSha256 } from '../../src/node/nodeSha256';
import { formatMs, medianMs, type BenchRow, type BenchSuite } from '../harness';

const NETWORKX_BOUND_S = 120;

interface NetworkxTimes {
  readonly timeout?: boolean;
  readonly ms?: Record<string, number>;
}

function networkx(file: string): NetworkxTimes | undefined {
  const oracle = path.join(__dirname, '..', '..', 'test', 'oracle', 'networkx_oracle.py');
  const r = spawnSync('/usr/bin/python3', [oracle, '--bench-timeout', String(NETWORKX_BOUND_S), file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) return undefined;
  return JSON.parse(r.stdout) as NetworkxTimes;
}

export const suite: BenchSuite = {
  name: 'kernel',
  async run({ quick }) {
    // The last row: the same 100k plan with the link fields a real pipeline fills (fingerprints, columns,
    // types), about 1.5x the bytes; networkx is not run again on the same graph.
    const sizes: Array<{ tasks: number; filled: boolean }> = (quick ? [1_000, 10_000] : [1_000, 10_000, 100_000]).map((tasks) => ({ tasks, filled: false }));
    if (!quick) sizes.push({ tasks: 100_000, filled: true });
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-lens-bench-'));
    const rows: BenchRow[] = [];
    const notes: string[] = [];
    try {
      for (const { tasks, filled } of sizes) {
        const runs = tasks >= 100_000 ? 3 : tasks >= 10_000 ? 5 : 9;
        const text = randomNodeLinkText({ tasks, seed: 42, filledLinks: filled });
        const file = path.join(dir, `plan-${tasks}${filled ? '-filled' : ''}.json`);
        writeFileSync(file, text);
        const graph = readNodeLinkText(text, file).graph;
        if (graph === undefined) throw new Error('synthetic plan did not read');
        const deps = projectTaskDependencies(graph);
        const order = topologicalOrder(deps.dag);
        if (!order.ok) throw new Error('synthetic plan has a cycle');
        const reduction = transitiveReduction(deps.dag, order.order);
        const cost = new Float64Array(deps.dag.nodeCount).map((_, v) => Math.max(deps.tasks[v].priority, 1));
        const sign = (): unknown => planSignatures({ dag: deps.dag, reduced: reduction.reduced, tasks: deps.tasks, evidenceOfEdge: deps.evidenceOfEdge, sha256: nodeSha256 });
        // What `plan-lens analyze FILE` does before printing: read the bytes, decode UTF-8, analyse.
        const endToEnd = (): unknown => {
          const decoded = decodeUtf8(readFileSync(file), file);
          if (decoded.text === undefined) throw new Error('synthetic plan is not UTF-8');
          return analyzeNodeLinkText(decoded.text, file, { sha256: nodeSha256 });
        };

        const step = {
          jsonParse: await medianMs(runs, () => JSON.parse(text)),
          readGeneral: await medianMs(runs, () => readNodeLinkText(text, file, { fastPath: false })),
          read: await medianMs(runs, () => readNodeLinkText(text, file)),
          project: await medianMs(runs, () => projectTaskDependencies(graph)),
          order: await medianMs(runs, () => topologicalOrder(deps.dag)),
          reduce: await medianMs(runs, () => transitiveReduction(deps.dag, order.order)),
          generations: await medianMs(runs, () => topologicalGenerations(reduction.reduced)),
          criticalPath: await medianMs(runs, () => {
            criticalPath(reduction.reduced, order.order, cost);
            bottomLevels(reduction.reduced, order.order, cost);
            slack(reduction.reduced, order.order, cost);
          }),
          signatures: await medianMs(runs, sign),
          total: await medianMs(runs, endToEnd),
          bitset: await medianMs(tasks >= 100_000 ? 1 : 3, () => bitsetRedundantEdges(deps.dag, order.order)),
        };
        const nx = filled ? undefined : networkx(file);
        const nxReduce = filled ? 'same graph as above' : nx === undefined ? 'not run (no networkx)' : nx.timeout ? `> ${NETWORKX_BOUND_S} s (stopped)` : formatMs(nx.ms?.reduction ?? NaN);
        const nxTotal = nx === undefined || nx.timeout ? '—' : formatMs(nx.ms?.total ?? NaN);
        rows.push({
          tasks: tasks.toLocaleString('en') + (filled ? ' (filled links)' : ''),
          'edges (reduced)': `${deps.dag.edgeCount.toLocaleString('en')} (${reduction.reduced.edgeCount.toLocaleString('en')})`,
          MB: (text.length / 1e6).toFixed(1),
          'JSON.parse': formatMs(step.jsonParse),
          'read (general path)': formatMs(step.readGeneral),
          'read (fast path)': formatMs(step.read),
          projection: formatMs(step.project),
          'topo order': formatMs(step.order),
          reduction: formatMs(step.reduce),
          generations: formatMs(step.generations),
          'critical path+levels+slack': formatMs(step.criticalPath),
          signatures: formatMs(step.signatures),
          'end to end': formatMs(step.total),
          'bitset reduction': formatMs(step.bitset),
          'networkx reduction': nxReduce,
          'networkx total': nxTotal,
          'vs networkx (reduction)': nx?.ms?.reduction !== undefined ? `${Math.round(nx.ms.reduction / step.reduce)}×` : '—',
        });
      }
      notes.push(
        'median wall time; end to end = what `plan-lens analyze FILE` does before printing: read the file, decode UTF-8, parse and validate, project, order, reduce, generations, critical path, bottom levels, slack, both signatures',
        'read (general path) = JSON.parse, nesting check and the object walk, which every file can take; read (fast path) = the one-pass scanner for files shaped as rustworkx writes them (nodeLinkFastPath.ts)',
        `networkx ${NETWORKX_BOUND_S} s bound per file; its total covers read, projection, reduction, generations and longest path`,
        'the node-link files carry every link field the pipeline writes (required_columns, types, metadata, fingerprint), empty in the first rows (~4.5x the bytes of a bare edge list) and filled as a pipeline fills them in the last (~7x)',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return [{ title: 'Plan kernel on pipeline-shaped plans', columns: Object.keys(rows[0]), rows, notes }];
  },
};
