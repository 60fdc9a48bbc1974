import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReadableView } from '../../src/extension/compare/readableView';
import { planLanguageId } from '../../src/extension/ids';
import { openPlanFile, waitUntil, workspaceTaskGraph } from './support';

function planLensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Plan Lens');
}

suite('Diagnostics', () => {
  test('a broken plan shows a Plan Lens diagnostic on the offending value, and clears when fixed', async () => {
    // An untitled document: the test never writes into the workspace.
    const broken = JSON.stringify(
      {
        directed: true,
        multigraph: false,
        attrs: {},
        nodes: [{ id: 0, data: { kind: 'evidence', name: 'a' } }, { id: 1, data: { kind: 'task', name: 'a', priority: 'high' } }],
        links: [{ source: 1, target: 0, id: 0, data: { kind: 'produces', name: 'a' } }],
      },
      null,
      2,
    );
    const doc = await vscode.workspace.openTextDocument({ language: planLanguageId, content: broken });
    const editor = await vscode.window.showTextDocument(doc);
    await waitUntil('a Plan Lens diagnostic appears', () => planLensDiagnostics(doc.uri).length > 0);
    const [d] = planLensDiagnostics(doc.uri);
    assert.equal(d.code, 'not-an-integer');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(d.range), '"high"');
    const fixed = await editor.edit((e) => e.replace(d.range, '"100"'));
    assert.ok(fixed);
    await waitUntil('the diagnostic clears after the fix', () => planLensDiagnostics(doc.uri).length === 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the sample plan: an unsaved bad edit is flagged, and reverting it leaves no diagnostic', async () => {
    const graph = await workspaceTaskGraph();
    const doc = await openPlanFile(graph);
    const at = doc.getText().indexOf('"priority":"100"');
    assert.ok(at > 0, 'the sample task graph has a priority');
    const value = new vscode.Range(doc.positionAt(at + 11), doc.positionAt(at + 16));
    const editor = await vscode.window.showTextDocument(doc);
    assert.ok(await editor.edit((e) => e.replace(value, '"1e2"')));
    await waitUntil('the unsaved edit is flagged', () => planLensDiagnostics(doc.uri).some((d) => d.code === 'not-an-integer'));
    // Revert discards the edit without touching the file; the sample itself is clean.
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(doc.isDirty, false);
    await waitUntil('no diagnostic is left on the clean sample', () => planLensDiagnostics(doc.uri).length === 0);
  });

  test('the outline of a task graph lists its tasks at their names, with their critical path step', async () => {
    const graph = await workspaceTaskGraph();
    const doc = await openPlanFile(graph);
    // The provider answers once the language server has started; until then the list is empty.
    let symbols: vscode.DocumentSymbol[] | undefined;
    for (const started = Date.now(); (symbols?.length ?? 0) === 0 && Date.now() - started < 20_000; ) {
      symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', doc.uri);
      if ((symbols?.length ?? 0) === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const tasks = (symbols ?? []).filter((s) => s.kind === vscode.SymbolKind.Function);
    assert.equal(tasks.length, 60);
    for (const t of tasks.slice(0, 5)) assert.equal(doc.getText(t.selectionRange), JSON.stringify(t.name));
    assert.ok(tasks.some((t) => /critical path 1\/\d+/.test(t.detail)));
  });

  test("a link's source id goes to its node, and hovering it says what the node is", async () => {
    const doc = await openPlanFile(await workspaceTaskGraph());
    const text = doc.getText();
    const at = text.indexOf('"source":', text.indexOf('"links"')) + '"source":'.length;
    const position = doc.positionAt(at);
    const id = Number(/^\d+/.exec(text.slice(at))?.[0]);
    let locations: vscode.Location[] | undefined;
    for (const started = Date.now(); (locations?.length ?? 0) === 0 && Date.now() - started < 20_000; ) {
      locations = await vscode.commands.executeCommand<vscode.Location[] | undefined>('vscode.executeDefinitionProvider', doc.uri, position);
      if ((locations?.length ?? 0) === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(locations?.length, 1);
    const target = locations?.[0];
    assert.ok(target !== undefined);
    const name = JSON.parse(doc.getText(target.range)) as string;
    // The definition is the name of the node whose id the link gives.
    assert.ok(new RegExp(`"id":${id},"data":\\{[^}]*"name":${JSON.stringify(name).replace(/[.]/g, '\\.')}`).test(text), `node ${id} is not ${name}`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
    // Plain text arrives as escaped markdown (backslashes, &nbsp;): undo that before reading it.
    const said = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
      .join('\n')
      .replace(/\\/g, '')
      .replace(/&nbsp;/g, ' ');
    assert.match(said, new RegExp(`\\(node ${id}\\)`));
  });

  test("outline and hover give each critical task the summary's cost, slack and step: the run's recorded costs", async () => {
    const graph = await workspaceTaskGraph();
    const doc = await openPlanFile(graph);
    let symbols: vscode.DocumentSymbol[] | undefined;
    for (const started = Date.now(); (symbols?.length ?? 0) === 0 && Date.now() - started < 20_000; ) {
      symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', doc.uri);
      if ((symbols?.length ?? 0) === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const summary = await vscode.commands.executeCommand<ReadableView | undefined>('planLens.analysis.show', graph);
    // Rows of the critical path table: step, the task's name as a link, cost, bottom level, slack.
    const rows = [...(summary?.markdown ?? '').matchAll(/^\| (\d+) \| \[`([^`]+)`\]\(#task:[^)]+\) \| ([\d.]+) \| [\d.]+ \| ([\d.]+) \|$/gm)];
    assert.ok(rows.length >= 2, `the summary lists the critical path: ${(summary?.markdown ?? '(no page)').slice(0, 1200)}`);
    for (const [, step, name, cost, slack] of rows) {
      const flat = (list: readonly vscode.DocumentSymbol[]): vscode.DocumentSymbol[] => list.flatMap((s) => [s, ...flat(s.children)]);
      const symbol = flat(symbols ?? []).find((s) => s.kind === vscode.SymbolKind.Function && s.name === name);
      assert.ok(symbol, name);
      const facts = [`cost ${cost}`, `slack ${slack}`, `critical path ${step}/${rows.length}`];
      for (const fact of facts) assert.ok(symbol.detail.includes(fact), `${name}: outline "${symbol.detail}" lacks "${fact}"`);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, symbol.selectionRange.start.translate(0, 1));
      const said = hovers
        .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
        .join('\n')
        .replace(/\\/g, '')
        .replace(/&nbsp;/g, ' ');
      for (const fact of [...facts, 'task costs: recorded by']) assert.ok(said.includes(fact), `${name}: hover "${said}" lacks "${fact}"`);
    }
  });
});
