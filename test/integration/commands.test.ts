import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { planLens } from './support';

interface Manifest {
  readonly contributes: { readonly commands: readonly { readonly command: string }[] };
}

const workbenchViewCommand = /\.(focus|resetViewLocation|toggleVisibility|removeView|open)$/;

suite('Commands', () => {
  test('every contributed command is registered, and every registered planLens command is contributed', async () => {
    const ext = planLens();
    await ext.activate();
    const contributed = (ext.packageJSON as Manifest).contributes.commands.map((c) => c.command).sort();
    // The workbench adds commands of its own for each contributed view (`planLens.planFiles.focus`, …).
    const registered = (await vscode.commands.getCommands(true))
      .filter((c) => c.startsWith('planLens.') && !workbenchViewCommand.test(c))
      .sort();
    assert.deepEqual(registered, contributed);
  });
});
