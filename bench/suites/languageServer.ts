/**
 * The language server's side of the plan graph, in process: a plan read from disk (generated samples of
 * 1k, 10k and 100k tasks, test/support/largeWorkspace.ts) analysed once, then the `planLens/graphView`
 * payload, a task's details and the summary, as the extension asks for them; the repeat of the graph
 * request (answered from the session); and the heap the server holds for the plan after a forced GC.
 * Baseline in the same run: `JSON.parse` of the same file, the least any reader of it must spend.
 * `--quick`: 1k only.
 */

import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { planRequestHandlers } from '../../src/server/plans/planRequests';
import { PlanSessions } from '../../src/server/plans/planSessions';
import { largeWorkspace, taskGraphFiles } from '../../test/support/largeWorkspace';
import { formatMs, medianMs, type BenchRow, type BenchSuite } from '../harness';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

async function sizeRow(tasks: number): Promise<BenchRow> {
  const workspace = largeWorkspace(tasks);
  const file = taskGraphFiles(workspace)[0];
  const uri = pathToFileURL(file).toString();
  const parseMs = await medianMs(3, () => JSON.parse(readFileSync(file, 'utf8')));
  const before = heapMb();
  const plans = new PlanSessions({ get: () => undefined });
  plans.setWorkspaceRoots([workspace]);
  const requests = planRequestHandlers(plans, () => undefined);
  const [graph, firstMs] = await timed(() => requests.graphView({ uri }));
  const [, repeatMs] = await timed(() => requests.graphView({ uri }));
  const session = await plans.get(uri);
  const task = session.analysis?.criticalPath.tasks[0] ?? '';
  const [, detailsMs] = await timed(() => requests.taskDetails({ uri, task }));
  // Another task: the plan-artifact index is read, so only that task's own rows are (a view's, here).
  const other = session.analysis?.criticalPath.tasks.at(-1) ?? '';
  const [, otherMs] = await timed(() => requests.taskDetails({ uri, task: other }));
  const [, summaryMs] = await timed(() => requests.summary({ uri }));
  const held = heapMb() - before;
  return {
    tasks: tasks.toLocaleString('en-US'),
    'plan file': `${(statSync(file).size / (1024 * 1024)).toFixed(1)} MB`,
    'JSON.parse (baseline)': formatMs(parseMs),
    'graph request, cold': formatMs(firstMs),
    'graph request, again': formatMs(repeatMs),
    payload: `${((graph.data.length * 3) / 4 / (1024 * 1024)).toFixed(2)} MB`,
    'task details, first': formatMs(detailsMs),
    'task details, another task': formatMs(otherMs),
    summary: formatMs(summaryMs),
    'heap held for the plan': `${held.toFixed(0)} MB`,
  };
}

export const suite: BenchSuite = {
  name: 'languageServer',
  async run({ quick }) {
    const rows: BenchRow[] = [];
    for (const tasks of quick ? [1_000] : [1_000, 10_000, 100_000]) rows.push(await sizeRow(tasks));
    return [
      {
        title: 'Language server: a plan from disk to the graph payload, details and summary (in process)',
        columns: ['tasks', 'plan file', 'JSON.parse (baseline)', 'graph request, cold', 'graph request, again', 'payload', 'task details, first', 'task details, another task', 'summary', 'heap held for the plan'],
        rows,
        notes: [
          'cold: read, analysis, run context and payload of a plan no session has seen; again: the same version, answered from the session',
          "task details, first: the first critical task right after the graph, whose request starts reading the workspace's plan-artifact pin columns; another task: the last critical task, once they are read (only its own rows are read whole)",
          'heap: after a forced GC, what the sessions and the cached payload hold (the extension host and the webview hold their own copies of the payload)',
          "plans: the sample generator's workspaces (test/support/largeWorkspace.ts), one run each",
        ],
      },
    ];
  },
};
