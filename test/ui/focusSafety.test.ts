import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { openTaskGraphFromView, screenshot, workbench } from './workbench';
import { runFromPalette } from '../../scripts/editor/browser';

/** SHA-256 of every task graph of the workspace, by path: what must never change. */
function artifactHashes(workspace: string): Map<string, string> {
  const root = path.join(workspace, '.artifacts', 'diagnostics');
  const out = new Map<string, string>();
  for (const run of readdirSync(root)) {
    const file = path.join(root, run, 'task_graph_node_link.json');
    out.set(file, createHash('sha256').update(readFileSync(file)).digest('hex'));
  }
  return out;
}

suite('Workbench: the plan graph never edits the artifact', () => {
  test('stepping, clicking and the graph keys leave the plan file clean and its bytes unchanged', async () => {
    const { page, workspace } = workbench();
    const before = artifactHashes(workspace);
    await openTaskGraphFromView(0);
    await runFromPalette(page, 'Plan Lens: Show Plan Graph');
    const frame = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await frame.locator('#path-info', { hasText: 'critical path:' }).waitFor({ timeout: 60_000 });
    // What a user does: step with the button, click a task, then use the keys, again and again.
    for (let round = 0; round < 3; round++) {
      await frame.locator('#next').click();
      await frame.locator('#path-info', { hasText: 'step' }).waitFor();
      // Click the selected task where the renderer drew it.
      await frame.locator('#graph[data-selected-x]').waitFor();
      const x = Number(await frame.locator('#graph').getAttribute('data-selected-x'));
      const y = Number(await frame.locator('#graph').getAttribute('data-selected-y'));
      await frame.locator('#graph').click({ position: { x, y } });
      for (const key of [']', ']', '[', 'n', 'p', 'ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'Enter', ']', 'n']) await page.keyboard.press(key);
    }
    // The host selects the task in the plan file without taking focus from the graph.
    await page.locator('.monaco-editor .selected-text').first().waitFor({ timeout: 30_000 });
    for (const key of [']', '[', 'n', 'p']) await page.keyboard.press(key);
    await page.waitForTimeout(500);
    const dirty = await page.locator('.tabs-container .tab.dirty').count();
    await screenshot('plan-lens-focus-safety');
    assert.equal(dirty, 0, 'a plan file tab is dirty: a key meant for the graph reached the text editor');
    assert.deepEqual(artifactHashes(workspace), before, 'a task graph file changed on disk');
  });
});
