import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GraphSent } from '../../src/extension/graph/graphPanel';
import type { PlanLensApi } from '../../src/extension/extension';
import { openPlanFile, planLens, waitUntil, workspaceTaskGraph } from './support';

function graphTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('planLens.graph'));
}

suite('Plan graph', () => {
  test('planLens.graph.show opens one graph panel per task graph, beside it', async () => {
    const plan = await workspaceTaskGraph();
    await openPlanFile(plan);
    await vscode.commands.executeCommand('planLens.graph.show');
    await waitUntil('the graph panel opens', () => graphTabs().length === 1);
    const [tab] = graphTabs();
    assert.equal(tab.label, 'task_graph_node_link.json (graph)');
    // Asking again for the same plan reveals the panel instead of opening another.
    await vscode.commands.executeCommand('planLens.graph.show', plan);
    assert.equal(graphTabs().length, 1);
    await vscode.window.tabGroups.close(tab);
    await waitUntil('the graph panel closes', () => graphTabs().length === 0);
  });

  test('a graph opened by URI (Plan Files, explorer) opens no text editor: the server reads the plan from disk', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const plan = await workspaceTaskGraph();
    const api = (await planLens().activate()) as PlanLensApi;
    let sent: GraphSent | undefined;
    const listening = api.onDidSendGraph((e) => {
      if (e.plan.toString() === plan.toString()) sent = e;
    });
    try {
      await vscode.commands.executeCommand('planLens.graph.show', plan);
      await waitUntil('the language server sends the graph to its panel', () => sent !== undefined, 60_000);
    } finally {
      listening.dispose();
    }
    assert.equal(sent?.tasks, 60);
    assert.equal(graphTabs().length, 1);
    const textTabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === plan.toString());
    assert.equal(textTabs.length, 0, 'the plan was opened in a text editor');
    assert.equal(vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === plan.toString()).length, 0);
    await vscode.window.tabGroups.close(graphTabs());
  });

  test('planLens.graph.compare opens the plan graph against a baseline, in a panel of its own', async () => {
    const graphs = (await vscode.workspace.findFiles('**/*task_graph_node_link*.json')).sort((a, b) => a.path.localeCompare(b.path));
    assert.ok(graphs.length >= 2);
    await vscode.commands.executeCommand('planLens.graph.compare', graphs[1], graphs[0]);
    await waitUntil('the comparison panel opens', () => graphTabs().some((t) => t.label === 'task_graph_node_link.json vs task_graph_node_link.json (graph)'));
    await vscode.window.tabGroups.close(graphTabs());
  });
});
