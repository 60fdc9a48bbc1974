import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReadableView } from '../../src/extension/compare/readableView';
import { isTaskGraphFile } from '../../src/core/workspace/planFiles';
import { openPlanFile, workspacePlanFiles, workspaceTaskGraph } from './support';

suite('Analysis summary', () => {
  test('planLens.analysis.show opens the analyze summary of the active plan file', async () => {
    const plan = await workspaceTaskGraph();
    await openPlanFile(plan);
    const view = await vscode.commands.executeCommand<ReadableView | undefined>('planLens.analysis.show');
    assert.ok(view, 'no summary page');
    // The language server's Markdown, from the plan's one analysis, shown as a page (not a text editor).
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.languageId === 'markdown'), 'the summary opened as a text document');
    const text = view.markdown;
    assert.match(text, /^# Plan `.+`\n\n- tasks: \d+\n/);
    assert.match(text, /- critical path length: [\d.]+ over \d+ tasks/);
    assert.match(text, /## Critical path\n\n\| step \| task \| cost \| bottom level \| slack \|/);
    // Task names are links the page turns into "reveal in the graph".
    assert.match(text, /\| 1 \| \[`[^`]+`\]\(#task:[^)]+\) \|/);
  });

  test('on a schedule or validation envelope it analyzes the task graph of the same run', async () => {
    const envelope = (await workspacePlanFiles()).find((u) => /plan_schedule[^/]*\.json$/.test(u.path));
    assert.ok(envelope, 'no plan_schedule envelope in the workspace');
    await openPlanFile(envelope);
    const view = await vscode.commands.executeCommand<ReadableView | undefined>('planLens.analysis.show');
    assert.ok(view);
    const sibling = vscode.workspace.asRelativePath(envelope).replace(/[^/]+$/, 'task_graph_node_link.json');
    const text = view.markdown;
    assert.equal(text.split('\n')[0], `# Plan \`${sibling}\``);
    assert.match(text, /- issues: 0 \(0 errors\)/);
    // Round trip: weighed with the schedule's recorded costs, the path has the length the sample generator
    // recorded (test/unit/analysis/pipelineSchedule.test.ts checks against the pipeline's own schedule).
    const recorded = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(envelope))) as { payload: { critical_path_length_weighted: number } };
    const length = Number(/critical path length: ([\d.]+)/.exec(text)?.[1]);
    assert.ok(Math.abs(length - recorded.payload.critical_path_length_weighted) < 1e-3, `summary says ${length}, the schedule recorded ${recorded.payload.critical_path_length_weighted}`);
    assert.match(text, new RegExp(`task costs: recorded by ${vscode.workspace.asRelativePath(envelope).replace(/[.]/g, '\\.')} for (\\d+) of \\1 tasks\n`));
  });

  test('a plan file over planLens.maxFileSizeMB is refused with the setting named, not loaded', async () => {
    // The last task graph: earlier tests open the first, and an open document is analyzed from memory.
    const graphs = (await workspacePlanFiles()).filter((u) => isTaskGraphFile(u.path));
    const graph = graphs[graphs.length - 1];
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === graph.toString()), 'the task graph is already open');
    const settings = vscode.workspace.getConfiguration('planLens');
    await settings.update('maxFileSizeMB', 0.001, vscode.ConfigurationTarget.Global);
    try {
      const view = await vscode.commands.executeCommand<ReadableView | undefined>('planLens.analysis.show', graph);
      assert.ok(view);
      const text = view.markdown;
      assert.match(text, /file-too-large/);
      assert.match(text, /over the 0\.0 MB limit .*planLens\.maxFileSizeMB/);
      assert.doesNotMatch(text, /critical path/);
    } finally {
      await settings.update('maxFileSizeMB', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
