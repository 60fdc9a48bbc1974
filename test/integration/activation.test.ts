import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { planLanguageId } from '../../src/extension/ids';
import { openPlanFile, planLens, waitUntil, workspacePlanFiles } from './support';

suite('Activation', () => {
  test('is not active before a plan file opens, even with other files open', async () => {
    assert.equal(planLens().isActive, false, 'activated before any plan file was opened');
    const plans = new Set((await workspacePlanFiles()).map((u) => u.toString()));
    const others = (await vscode.workspace.findFiles('**/*.{json,md}', '**/node_modules/**')).filter((u) => !plans.has(u.toString()));
    assert.ok(others.length > 0, 'the workspace needs a file that is not a plan file');
    const doc = await vscode.workspace.openTextDocument(others[0]);
    await vscode.window.showTextDocument(doc);
    assert.notEqual(doc.languageId, planLanguageId);
    assert.equal(planLens().isActive, false, `opening ${others[0].path} activated Plan Lens`);
  });

  test('activates when a plan file opens', async () => {
    const [plan] = await workspacePlanFiles();
    const doc = await openPlanFile(plan);
    assert.equal(doc.languageId, planLanguageId);
    await waitUntil('Plan Lens is active', () => planLens().isActive);
  });
});
