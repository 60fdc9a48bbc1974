import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { planLanguageId } from '../../src/extension/ids';
import { extensionId, openPlanFile, planLens, waitUntil, workspaceTaskGraph } from './support';

/** Runs against a server where the .vsix was installed with --install-extension (see test/editor/vsix.ts). */
suite('Installed .vsix', () => {
  test('the extension is the installed copy, not the development folder', () => {
    const ext = planLens();
    const where = ext.extensionPath;
    assert.notEqual(where, path.resolve(__dirname, '..', '..'), 'loaded from the development folder');
    // --install-extension unpacks into <extensions-dir>/<publisher>.<name>-<version>, holding only what the .vsix has.
    assert.equal(path.basename(where), `${extensionId}-${(ext.packageJSON as { version: string }).version}`);
    assert.ok(!existsSync(path.join(where, 'src')), `${where} has sources: not an installed .vsix`);
  });

  test('activates from the .vsix when a plan file opens, and its commands run', async () => {
    assert.equal(planLens().isActive, false);
    const plan = await workspaceTaskGraph();
    await openPlanFile(plan);
    await waitUntil('the installed Plan Lens is active', () => planLens().isActive);
    // The summary page (a webview) of the installed copy: its Markdown, from the installed language server.
    const page = await vscode.commands.executeCommand<{ readonly markdown: string } | undefined>('planLens.analysis.show', plan);
    assert.ok(page, 'planLens.analysis.show opened no page');
    assert.match(page.markdown, /critical path length/);
  });

  test('its language server runs from the .vsix: a broken plan gets a diagnostic', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: planLanguageId, content: '{"nodes": [], "links": [' });
    await vscode.window.showTextDocument(doc);
    await waitUntil('a Plan Lens diagnostic appears', () => vscode.languages.getDiagnostics(doc.uri).some((d) => d.source === 'Plan Lens' && d.code === 'json-syntax'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('its plan graph opens from the .vsix', async () => {
    const plan = await workspaceTaskGraph();
    await vscode.commands.executeCommand('planLens.graph.show', plan);
    await waitUntil('the graph panel opens', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('planLens.graph')),
    );
  });
});
