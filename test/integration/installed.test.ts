import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openPlanFile, planLens, waitUntil, workspacePlanFiles } from './support';

/** Runs against a server where the .vsix was installed with --install-extension (see test/editor/vsix.ts). */
suite('Installed .vsix', () => {
  test('the extension is the installed copy, not the development folder', () => {
    const repo = path.resolve(__dirname, '..', '..');
    const where = planLens().extensionPath;
    assert.ok(!where.startsWith(repo + path.sep), `loaded from ${where}, inside the repository`);
  });

  test('activates from the .vsix when a plan file opens, and its commands run', async () => {
    assert.equal(planLens().isActive, false);
    const [plan] = await workspacePlanFiles();
    await openPlanFile(plan);
    await waitUntil('the installed Plan Lens is active', () => planLens().isActive);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('planLens.analysis.show', plan);
    assert.ok(editor, 'planLens.analysis.show opened no editor');
    assert.ok(editor.document.getText().length > 0);
  });
});
