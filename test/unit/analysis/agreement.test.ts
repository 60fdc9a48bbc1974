/**
 * Defect 4 of issue 9, kept fixed: the same task had a different cost, slack and critical path in the
 * hover, the outline, the graph, the summary and the CLI. Now each reads one analysis weighed by one cost
 * rule; this test asks each of them, as a user would see it, about every task of both sample runs. The
 * CLI is the built one (`npm run build` first), run on the lone task graph as the README does.
 */

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { planReferenceAt } from '../../../src/core/analysis/planNavigation';
import { formatNumber } from '../../../src/core/text/formatNumber';
import { decodeGraphArrays } from '../../../src/protocol/graphPayload';
import { hoverText } from '../../../src/server/plans/navigation';
import { planRequestHandlers } from '../../../src/server/plans/planRequests';
import { PlanSessions } from '../../../src/server/plans/planSessions';
import { repoRoot } from '../../support/corpus';

const workspace = path.join(repoRoot, 'examples', 'workspace');
const runs = ['019bfeb2-a0d4-7091-bd2a-d070b6061cb0', '019c03dd-7755-774b-95f8-ecf61ecd55af'];
const cli = path.join(repoRoot, 'dist', 'cli.js');

interface CliAnalysis {
  readonly criticalPath: { readonly tasks: string[]; readonly length: number };
  readonly taskMetrics: Record<string, { readonly cost: number; readonly slack?: number }>;
  readonly costSource: { readonly kind: string; readonly file?: string; readonly recordedTasks?: number };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

suite('every view agrees on the numbers of the sample (one analysis, one cost rule)', () => {
  for (const run of runs) {
    test(`run ${run}: hover, outline, graph, task details, summary and \`node dist/cli.js analyze FILE\` give each task the same cost, slack and critical path step`, async () => {
      assert.ok(existsSync(cli), `${cli} is missing: run npm run build first`);
      const file = path.join(workspace, '.artifacts', 'diagnostics', run, 'task_graph_node_link.json');
      const uri = pathToFileURL(file).toString();
      // The language server as it serves a plan opened from Plan Files: no open document.
      const plans = new PlanSessions({ get: () => undefined });
      plans.setWorkspaceRoots([workspace]);
      const server = planRequestHandlers(plans, () => undefined);
      const session = await plans.get(uri);
      const schedule = `.artifacts/diagnostics/${run}/plan_schedule_v1.json`;

      const graph = await server.graphView({ uri });
      const bytes = Buffer.from(graph.data, 'base64');
      const g = decodeGraphArrays(graph.meta, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      const pathTasks = [...g.criticalPath].map((v) => g.names[v]);
      // The later run plans one task more than the first (the sample's plan change).
      const tasks = g.names.length;
      assert.deepEqual(graph.meta.costSource, { kind: 'recorded', file: schedule, recordedTasks: tasks });

      const json = JSON.parse(execFileSync(process.execPath, [cli, 'analyze', file, '--json'], { encoding: 'utf8' })) as CliAnalysis;
      const text = execFileSync(process.execPath, [cli, 'analyze', file], { encoding: 'utf8' });
      const summary = (await server.summary({ uri })).markdown;
      const length = escape(formatNumber(graph.meta.criticalPathLength));

      // The whole path: its length exact in --json, rounded alike everywhere else, its tasks in order.
      assert.equal(json.criticalPath.length, graph.meta.criticalPathLength);
      assert.deepEqual(json.criticalPath.tasks, pathTasks);
      assert.deepEqual(json.costSource, { kind: 'recorded', file: 'plan_schedule_v1.json', recordedTasks: tasks });
      assert.match(text, new RegExp(`critical path length  ${length} over ${pathTasks.length} tasks`));
      assert.match(text, new RegExp(`task costs {12}recorded by plan_schedule_v1\\.json for ${tasks} of ${tasks} tasks\n`));
      assert.match(text, new RegExp(`critical path {9}${pathTasks.map(escape).join(' -> ')}\n`));
      assert.match(summary, new RegExp(`critical path length: ${length} over ${pathTasks.length} tasks`));
      assert.match(summary, new RegExp(`task costs: recorded by ${escape(schedule)} for ${tasks} of ${tasks} tasks`));

      const outline = session.outline().filter((e) => e.kind === 'task');
      assert.equal(outline.length, tasks);
      for (const entry of outline) {
        const v = g.names.indexOf(entry.name);
        const step = pathTasks.indexOf(entry.name);
        const cost = formatNumber(g.cost[v]);
        const slack = formatNumber(g.slack[v]);
        const facts = [`cost ${cost}`, `slack ${slack}`, ...(step < 0 ? [] : [`critical path ${step + 1}/${pathTasks.length}`])];
        // Outline and hover (on the task's name) show the graph's numbers, rounded.
        for (const fact of facts) assert.ok(entry.detail.includes(fact), `${entry.name}: outline "${entry.detail}" lacks "${fact}"`);
        if (step < 0) assert.doesNotMatch(entry.detail, /critical path/, entry.name);
        const reference = planReferenceAt(session.text, session.outline(), entry.start + 1);
        assert.equal(reference?.target.name, entry.name);
        const hover = hoverText(session, reference!.target);
        for (const fact of facts) assert.ok(hover.includes(fact), `${entry.name}: hover "${hover}" lacks "${fact}"`);
        assert.match(hover, new RegExp(`task costs: recorded by ${escape(schedule)} for ${tasks} of ${tasks} tasks`));
        // The details panel and the CLI's --json have them exact.
        const details = await server.taskDetails({ uri, task: entry.name });
        assert.equal(details?.cost, g.cost[v], entry.name);
        assert.equal(details?.slack, g.slack[v], entry.name);
        assert.equal(details?.criticalStep, step < 0 ? undefined : step + 1, entry.name);
        assert.equal(details?.costFrom, 'recorded', entry.name);
        assert.equal(json.taskMetrics[entry.name].cost, g.cost[v], entry.name);
        assert.equal(json.taskMetrics[entry.name].slack, g.slack[v], entry.name);
        // The summary's path table: step, cost and slack of every task on the path.
        if (step >= 0) assert.match(summary, new RegExp(`\\| ${step + 1} \\| \\[\`${escape(entry.name)}\`\\]\\(#task:[^)]+\\) \\| ${escape(cost)} \\| [^|]+ \\| ${escape(slack)} \\|`), entry.name);
      }
    });
  }
});
