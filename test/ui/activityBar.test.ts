import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { screenshot, workbench } from './workbench';

suite('Workbench: Plan Lens view', () => {
  test('Plan Lens is in the activity bar and its Plan Files view lists the plan files', async () => {
    const { page, workspace } = workbench();
    const entry = page.locator('.activitybar .action-item a[aria-label^="Plan Lens"]');
    await entry.waitFor({ timeout: 90_000 });
    await entry.click();
    // With a single view in the container the workbench hides the view's own header: check the sidebar title.
    await page.locator('.sidebar .composite.title', { hasText: /plan lens/i }).waitFor();
    const planFile = readdirSync(workspace, { recursive: true }).map(String).find((f) => f.endsWith('task_graph.json'));
    assert.ok(planFile, `no task graph in ${workspace}`);
    const base = planFile.slice(planFile.lastIndexOf('/') + 1);
    await page.locator('.pane-body .monaco-list-row', { hasText: base }).first().waitFor();
    await screenshot('plan-lens-activity-bar');
  });
});
