import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analysisScheme } from '../../src/extension/ids';
import { openPlanFile, workspacePlanFiles } from './support';

suite('Analysis summary', () => {
  test('planLens.analysis.show opens the analyze summary of the active plan file', async () => {
    const [plan] = await workspacePlanFiles();
    await openPlanFile(plan);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('planLens.analysis.show');
    assert.ok(editor, 'no summary editor');
    assert.equal(editor.document.uri.scheme, analysisScheme);
    const text = editor.document.getText();
    assert.match(text, /^Plan .+\n {2}tasks +\d+/);
    assert.match(text, /critical path length/);
  });
});
