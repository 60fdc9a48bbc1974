import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { planLanguageId } from '../../src/extension/ids';
import { waitUntil } from './support';

suite('Bundles', () => {
  let dir = '';
  suiteSetup(() => {
    // Outside the workspace: the test never writes into it.
    dir = mkdtempSync(path.join(tmpdir(), 'plan-lens-bundle-'));
  });
  suiteTeardown(() => rmSync(dir, { recursive: true, force: true }));

  test('a bundle opened alone is a plan file: Plan Lens diagnostics, and the bundle schema still applies', async () => {
    const file = path.join(dir, 'run.planlens.json');
    // Valid JSON, but not a bundle: the schema requires planLens, version and model, and Plan Lens's reader
    // says what is missing.
    writeFileSync(file, '{\n  "version": "one"\n}\n');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, planLanguageId);
    const from = (source: string): vscode.Diagnostic[] => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === source);
    await waitUntil('a Plan Lens diagnostic appears', () => from('Plan Lens').length > 0);
    await waitUntil('the JSON language features validate it against the bundle schema', () => vscode.languages.getDiagnostics(doc.uri).some((d) => d.source !== 'Plan Lens'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
