import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runContextOf } from '../../../src/core/analysis/runContext';
import { formatNumber } from '../../../src/core/text/formatNumber';
import { runCli } from '../../../src/cli/main';
import { summarizePlan } from '../../../src/extension/analysis/summarizePlan';
import { nodeFileSystem } from '../../../src/node/nodeFileSystem';
import { decodeGraphArrays } from '../../../src/protocol/graphPayload';
import { graphPayloadOf } from '../../../src/server/graph/graphPayloadOf';
import { PlanSessions } from '../../../src/server/plans/planSessions';
import { taskDetailsOf } from '../../../src/server/plans/taskDetails';
import { repoRoot } from '../../support/corpus';

const diagnostics = path.join(repoRoot, 'examples', 'workspace', '.artifacts', 'diagnostics');
const runs = ['019bfeb2-a0d4-7091-bd2a-d070b6061cb0', '019c03dd-7755-774b-95f8-ecf61ecd55af'];

interface CliTask {
  readonly cost: number;
  readonly slack?: number;
}

suite('every view agrees on the numbers of the sample (one analysis, one cost rule)', () => {
  for (const run of runs) {
    test(`run ${run}: outline and hover, graph, task details, summary and \`plan-lens analyze FILE\` give each task the same cost, slack and critical path step`, async () => {
      const file = path.join(diagnostics, run, 'task_graph_node_link.json');
      // The language server's session, as if the plan were opened from Plan Files (no open document).
      const sessions = new PlanSessions({ get: () => undefined } as never);
      sessions.setWorkspaceRoots([path.join(repoRoot, 'examples', 'workspace')]);
      const session = await sessions.get(`file://${file}`);
      assert.equal(session.costSource.kind, 'recorded');
      const analysis = session.analysis!;
      // The graph's payload.
      const payload = graphPayloadOf({ title: session.title, graph: session.graph!, analysis, costSource: session.costSource });
      const g = decodeGraphArrays(payload.meta, payload.buffer);
      // The CLI on the lone file, exact numbers in --json.
      let out = '';
      assert.equal(await runCli(['analyze', file, '--json'], { out: (t) => (out += t), err: () => undefined, cwd: repoRoot }), 0);
      const cli = JSON.parse(out) as { criticalPath: { tasks: string[]; length: number }; taskMetrics: Record<string, CliTask>; recordedCosts: number };
      let text = '';
      await runCli(['analyze', file], { out: (t) => (text += t + '\n'), err: () => undefined, cwd: repoRoot });
      // The editor's summary, with the costs the run context gives the host.
      const context = await runContextOf(nodeFileSystem, file, 1 << 30);
      const summary = summarizePlan({ text: readFileSync(file, 'utf8'), name: 'plan', recorded: { costs: context.costs!.costs, file: 'schedule' } });

      assert.equal(cli.recordedCosts, analysis.tasks.length);
      assert.deepEqual(cli.criticalPath, analysis.criticalPath);
      assert.equal(payload.meta.criticalPathLength, analysis.criticalPath.length);
      const length = formatNumber(analysis.criticalPath.length);
      assert.match(text, new RegExp(`critical path length  ${length.replace('.', '\\.')} over ${analysis.criticalPath.tasks.length} tasks`));
      assert.match(summary, new RegExp(`critical path length  ${length.replace('.', '\\.')} over`));

      const outline = new Map(session.outline().filter((e) => e.kind === 'task').map((e) => [e.name, e.detail]));
      g.names.forEach((name, v) => {
        const details = taskDetailsOf(session, name, () => ({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }))!;
        const step = analysis.criticalPath.tasks.indexOf(name);
        assert.equal(cli.taskMetrics[name].cost, g.cost[v], name);
        assert.equal(details.cost, g.cost[v], name);
        assert.equal(cli.taskMetrics[name].slack, g.slack[v], name);
        assert.equal(details.slack, g.slack[v], name);
        assert.equal(details.criticalStep, step < 0 ? undefined : step + 1, name);
        assert.equal(details.costFrom, 'recorded', name);
        // The outline's detail is also what hover shows for any reference to the task.
        const detail = outline.get(name) ?? '';
        assert.ok(detail.includes(`cost ${formatNumber(g.cost[v])}`), `${name}: ${detail}`);
        assert.ok(detail.includes(`slack ${formatNumber(g.slack[v])}`), `${name}: ${detail}`);
        if (step >= 0) assert.ok(detail.includes(`critical path ${step + 1}/${analysis.criticalPath.tasks.length}`), `${name}: ${detail}`);
      });
    });
  }
});
