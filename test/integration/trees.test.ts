import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { PlanLensApi } from '../../src/extension/extension';
import type { GraphSent } from '../../src/extension/graph/graphPanel';
import type { PinsNode } from '../../src/extension/views/deltaPinsTree';
import { planLens, waitUntil } from './support';

const viewIds = ['planLens.runs', 'planLens.deltaPins', 'planLens.cacheLineage', 'planLens.criticalPath'];

async function api(): Promise<PlanLensApi> {
  return (await planLens().activate()) as PlanLensApi;
}

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The children of a node, asked until the language server answers (it starts with the extension). */
async function children<T>(provider: vscode.TreeDataProvider<T>, element?: T): Promise<T[]> {
  let found: T[] = [];
  for (let attempt = 0; attempt < 120 && found.length === 0; attempt++) {
    found = (await provider.getChildren(element)) ?? [];
    if (found.length === 0) {
      (provider as unknown as { refresh(): void }).refresh();
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  assert.ok(found.length > 0, 'the view stayed empty');
  return found;
}

suite('Tree views', () => {
  test('the four views are contributed to the Plan Lens container and registered', async () => {
    await api();
    const commands = await vscode.commands.getCommands(true);
    for (const id of viewIds) {
      assert.ok(commands.includes(`${id}.focus`), `${id} is not a view`);
      await vscode.commands.executeCommand(`${id}.focus`);
    }
  });

  test('Runs: the two sample runs, told apart by their labels, each with its artifacts; a task graph opens its graph', async () => {
    const { trees } = await api();
    // Problems reading the artifacts, when there are, are a node of their own after the groups.
    const groups = (await children(trees.runs)).filter((g) => g.kind === 'group');
    const runs = (await Promise.all(groups.map((g) => children(trees.runs, g)))).flat();
    assert.equal(runs.length, 2);
    assert.ok(runs.every((r) => r.kind === 'run'));
    const items = runs.map((r) => trees.runs.getTreeItem(r));
    const labels = items.map(label);
    assert.notEqual(labels[0], labels[1]);
    for (const l of labels) assert.match(l, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} · [0-9a-f]{8}/);
    assert.ok(items.every((i) => typeof i.description === 'string' && /coverage \d/.test(i.description)), items.map((i) => String(i.description)).join(' | '));
    const artifacts = await children(trees.runs, runs[0]);
    const graph = trees.runs.getTreeItem(artifacts[0]);
    assert.equal(label(graph), 'task_graph_node_link.json');
    assert.equal(graph.command?.command, 'planLens.graph.show');
    assert.equal(graph.contextValue, 'planLens.runTaskGraph');
    const others = artifacts.slice(1).map((a) => trees.runs.getTreeItem(a));
    assert.ok(others.some((o) => o.command?.command === 'vscode.open'));
  });

  test('Runs: two runs selected and compared reach the comparison with their task graphs, older first', async () => {
    const { trees, onDidShowComparison } = await api();
    const groups = (await children(trees.runs)).filter((g) => g.kind === 'group');
    const runs = (await Promise.all(groups.map((g) => children(trees.runs, g)))).flat();
    let shown: { before: vscode.Uri; after: vscode.Uri } | undefined;
    const listening = onDidShowComparison((e) => (shown = e));
    try {
      // As the view passes them: the clicked row, then every selected row (here newer first).
      await vscode.commands.executeCommand('planLens.runs.compare', runs[1], [runs[1], runs[0]]);
      await waitUntil('the comparison is shown', () => shown !== undefined, 60_000);
    } finally {
      listening.dispose();
    }
    const graphOf = (r: (typeof runs)[number]): string => (r.kind === 'run' ? (r.run.taskGraph ?? '') : '');
    assert.equal(shown?.before.toString(), graphOf(runs[0]));
    assert.equal(shown?.after.toString(), graphOf(runs[1]));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Delta Pins: the stale pin of tree_sitter_files_v1 and its scan units, files, columns and filters', async () => {
    const { trees } = await api();
    // The view's first answer may show the pin as being read (a spinner); its state follows.
    let pin: PinsNode | undefined;
    for (let attempt = 0; attempt < 120 && (pin === undefined || (pin.kind === 'pin' && pin.pin.stateKind === 'reading')); attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 250));
      const treeSitter = (await children(trees.pins)).find((d) => label(trees.pins.getTreeItem(d)) === 'tree_sitter_files_v1');
      assert.ok(treeSitter);
      [pin] = await children(trees.pins, treeSitter);
    }
    assert.ok(pin);
    const pinItem = trees.pins.getTreeItem(pin);
    assert.equal(label(pinItem), 'version 1');
    assert.match(String(pinItem.description), /^stale: 1 version behind/);
    const units = await children(trees.pins, pin);
    const described = [];
    for (const u of units) if (!String(trees.pins.getTreeItem(u).description).includes('task graph only')) described.push(u);
    assert.ok(described.length > 0);
    const sections = await children(trees.pins, described[0]);
    assert.deepEqual(sections.map((s) => label(trees.pins.getTreeItem(s)).replace(/ \(\d+\)$/, '')), ['Candidate files', 'Projected columns', 'Pushed filters']);
    const files = await children(trees.pins, sections[0]);
    assert.ok(files.every((f) => /^present, /.test(String(trees.pins.getTreeItem(f).description))));
  });

  test('Cache Lineage: runs with their counts, a node with its reason and versions, changes since the run before', async () => {
    const { trees } = await api();
    const runs = await children(trees.cache);
    assert.equal(runs.length, 2);
    assert.match(String(trees.cache.getTreeItem(runs[0]).description), /^\d+ executed$/);
    const nodes = await children(trees.cache, runs[1]);
    const first = trees.cache.getTreeItem(nodes[0]);
    assert.match(String(first.description), /^executed: cache miss: /, 'the nodes that ran come first');
    const facts = await children(trees.cache, nodes[0]);
    assert.deepEqual(facts.map((f) => label(trees.cache.getTreeItem(f)).replace(/ \(\d+\)$/, '')), ['Cache key', 'Data version', 'Code version', 'Dependency data versions']);
    assert.ok(facts.slice(0, 3).some((f) => /\(changed since run [0-9a-f]{8}\)$/.test(String(trees.cache.getTreeItem(f).description))));
  });

  test('Critical Path: follows the open plan graph; selecting a step selects its name in the plan file without taking focus', async () => {
    const { trees, onDidSendGraph } = await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const [plan] = (await vscode.workspace.findFiles('**/019bfeb2-*/task_graph_node_link.json')).sort((a, b) => a.path.localeCompare(b.path));
    let sent: GraphSent | undefined;
    const listening = onDidSendGraph((e) => (sent = e));
    try {
      await vscode.commands.executeCommand('planLens.graph.show', plan);
      await waitUntil('the graph arrives', () => sent !== undefined, 60_000);
    } finally {
      listening.dispose();
    }
    assert.equal(trees.path.current?.toString(), plan.toString());
    const steps = await children(trees.path);
    const schedule = JSON.parse(readFileSync(vscode.Uri.joinPath(plan, '..', 'plan_schedule_v1.json').fsPath, 'utf8')) as { payload: { critical_path_tasks: string[] } };
    assert.deepEqual(steps.map((s) => s.task.task), schedule.payload.critical_path_tasks);
    assert.equal(steps[0].task.cumulative, 0);
    await trees.path.reveal(steps[1]);
    await waitUntil('the plan file shows the step selected', () => vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === plan.toString() && e.document.getText(e.selection) === `"${steps[1].task.task}"`), 30_000);
    // preserveFocus: the graph panel keeps the keyboard, so the plan's editor is not the active one.
    assert.notEqual(vscode.window.activeTextEditor?.document.uri.toString(), plan.toString());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
