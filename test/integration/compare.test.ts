import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanLensApi } from '../../src/extension/extension';
import type { ComparisonShown } from '../../src/extension/compare/comparePanel';
import type { ReadableView } from '../../src/extension/compare/readableView';
import { isTaskGraphFile } from '../../src/core/workspace/planFiles';
import { planLens, waitUntil, workspacePlanFiles } from './support';

/** The sample's two runs' task graphs, earlier run first (their folders are UUIDv7 run ids, which sort by time). */
async function sampleRuns(): Promise<[vscode.Uri, vscode.Uri]> {
  const graphs = (await workspacePlanFiles()).filter((u) => isTaskGraphFile(u.path)).sort((a, b) => a.path.localeCompare(b.path));
  assert.equal(graphs.length, 2, 'the sample has two runs');
  return [graphs[0], graphs[1]];
}

function compareTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('planLens.compare'));
}

suite('Comparing two runs', () => {
  test('the palette commands are registered', async () => {
    await planLens().activate();
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['planLens.compare.runs', 'planLens.compare.with']) assert.ok(commands.includes(id), id);
  });

  test('planLens.compare.runs(left, right) opens the comparison, answered by the language server on the sample', async () => {
    const [first, second] = await sampleRuns();
    const api = (await planLens().activate()) as PlanLensApi;
    let shown: ComparisonShown | undefined;
    const listening = api.onDidShowComparison((e) => (shown = e));
    try {
      // Given later run first: the panel still puts the earlier run on the left.
      await vscode.commands.executeCommand('planLens.compare.runs', second, first);
      await waitUntil('the comparison reaches its panel', () => shown !== undefined, 60_000);
    } finally {
      listening.dispose();
    }
    assert.ok(shown !== undefined);
    assert.equal(shown.before.toString(), first.toString());
    assert.equal(shown.after.toString(), second.toString());
    const r = shown.result;
    assert.equal(r.problem, undefined);
    assert.deepEqual(r.counts, { kept: 57, added: 4, removed: 3, changed: 4, dependenciesAdded: 4, dependenciesRemoved: 3 });
    assert.equal(r.differences[0].kind, 'critical-path');
    assert.ok(r.differences.some((d) => d.title === 'Delta pin ast_files_v1: v1 → v2'));
    assert.equal(compareTabs().length, 1);
    assert.match(compareTabs()[0].label, /^019bfeb2-a0d4 ↔ 019c03dd-7755 \(comparison\)$/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Compare with… on two files selected in the explorer compares those two, earlier run first', async () => {
    const [first, second] = await sampleRuns();
    const api = (await planLens().activate()) as PlanLensApi;
    let shown: ComparisonShown | undefined;
    const listening = api.onDidShowComparison((e) => (shown = e));
    try {
      // The explorer passes the clicked file and the selection.
      await vscode.commands.executeCommand('planLens.compare.with', second, [second, first]);
      await waitUntil('the comparison reaches its panel', () => shown !== undefined, 60_000);
    } finally {
      listening.dispose();
    }
    assert.deepEqual([shown?.before.toString(), shown?.after.toString()], [first.toString(), second.toString()]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Open changes: the canonical JSON of both plans, read-only, ids replaced by names', async () => {
    const [first] = await sampleRuns();
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'planlens-canonical', path: '/first.json', query: first.toString() }));
    const text = doc.getText();
    const canonical = JSON.parse(text) as { attrs: unknown; links: { source: string; target: string }[]; nodes: { node: string }[] };
    assert.ok(canonical.nodes.every((n, i) => i === 0 || canonical.nodes[i - 1].node <= n.node), 'nodes sorted by kind and name');
    assert.ok(canonical.links.every((l) => typeof l.source === 'string' && /^(task|evidence):/.test(l.source)), 'links name their ends');
    assert.equal(text.indexOf('"attrs"'), text.indexOf('{\n  "') + 4, 'keys sorted: attrs first');
  });

  test('the summary is a readable page whose task names are links, not a text document', async () => {
    const [, second] = await sampleRuns();
    const view = await vscode.commands.executeCommand<ReadableView | undefined>('planLens.analysis.show', second);
    assert.ok(view !== undefined);
    assert.match(view.markdown, /- critical path length: 4036\.6 over 8 tasks/);
    assert.match(view.markdown, /\[`cpg_edges_v1`\]\(#task:cpg_edges_v1\)/);
    const pages = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('planLens.readable'));
    // The tab model reaches the extension host a moment after the panel is made.
    await waitUntil('the summary page has its tab', () => pages().length > 0);
    assert.deepEqual(pages().map((t) => t.label), ['task_graph_node_link.json (analysis)']);
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.languageId === 'markdown'), 'no Markdown text editor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
